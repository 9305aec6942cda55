/** The wall-device endpoints of the route table: enrolment (start, claim, approve; create, redeem) and wall health. */
import type { z } from 'zod';
import type { enrolApproveBodySchema, enrolClaimBodySchema, enrolCodeCreateBodySchema, enrolRedeemBodySchema } from '../../../shared/protocol/walls.ts';
import type { RateLimiter } from '../auth.ts';
import { HttpError, type RouteHandlers } from '../server/http.ts';
import { EnrolmentRefused, type EnrolmentService } from './enrolment.ts';
import type { WallHealthRegistry } from './health.ts';

type WallRoute = 'enrolStart' | 'enrolClaim' | 'enrolApprove' | 'enrolCreateCode' | 'enrolRedeem' | 'wallHealth';

const codeOf = { 400: 'invalid', 404: 'not_found', 429: 'rate_limited' } as const;

function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof EnrolmentRefused) throw new HttpError(error.status, codeOf[error.status], error.message);
    throw error;
  }
}

export function wallHandlers(deps: { enrolments: EnrolmentService; health: WallHealthRegistry; limiter: RateLimiter }): Pick<RouteHandlers, WallRoute> {
  // Start and claim need no token (the device has none yet): limited per address instead.
  const limit = (ip: string) => {
    if (!deps.limiter.take(`enrol:${ip}`)) throw new HttpError(429, 'rate_limited', 'too many enrolment requests from this address; slow down');
  };
  return {
    enrolStart: ({ request }) => {
      limit(request.ip);
      return guarded(() => deps.enrolments.start());
    },
    enrolClaim: ({ request, body }) => {
      limit(request.ip);
      return guarded(() => deps.enrolments.claim((body as z.output<typeof enrolClaimBodySchema>).claimSecret));
    },
    enrolApprove: ({ body, request }) => {
      const { code, name } = body as z.output<typeof enrolApproveBodySchema>;
      return guarded(() => deps.enrolments.approve(code, name, request.token?.name ?? 'admin'));
    },
    enrolCreateCode: ({ body, request }) => {
      const { name } = body as z.output<typeof enrolCodeCreateBodySchema>;
      return guarded(() => deps.enrolments.create(name, request.token?.name ?? 'admin'));
    },
    enrolRedeem: ({ request, body }) => {
      limit(request.ip);
      return guarded(() => deps.enrolments.redeem((body as z.output<typeof enrolRedeemBodySchema>).code));
    },
    wallHealth: () => ({ walls: deps.health.list() }),
  };
}
