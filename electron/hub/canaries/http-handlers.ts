/**
 * The canary endpoints of the route table: the board, a canary's runs and rollups, and JUnit
 * ingest (a CI job posts its report; the answer is the parsed summary, or 400 with the line and
 * column of what is wrong, and then nothing was recorded).
 */
import { HttpError, type RouteHandlers } from '../server/http.ts';
import type { RouteContext } from '../server/routes.ts';
import { CanaryRefused } from './errors.ts';
import { JUnitParseError } from './junit/parse.ts';
import type { CanaryService } from './service.ts';

type CanaryRoute = 'canaryBoard' | 'canaryResults' | 'canaryRollups' | 'ingestJUnit';

const param = ({ request }: RouteContext): string => (request.params as { id: string }).id;
const query = ({ request }: RouteContext): Record<string, string | undefined> => request.query as Record<string, string | undefined>;

function int(ctx: RouteContext, name: string, min: number, max: number): number | undefined {
  const raw = query(ctx)[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, 'invalid', `?${name}= must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw).slice(0, 40)}`);
  return n;
}

function guarded(handler: (ctx: RouteContext) => unknown): (ctx: RouteContext) => unknown {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof CanaryRefused) throw new HttpError(error.httpStatus, error.code, error.message);
      throw error;
    }
  };
}

export function canaryHandlers(service: CanaryService): Pick<RouteHandlers, CanaryRoute> {
  return {
    canaryBoard: () => service.board(),
    canaryResults: guarded((ctx) => {
      const before = int(ctx, 'before', 0, Number.MAX_SAFE_INTEGER);
      const limit = int(ctx, 'limit', 1, 500) ?? 100;
      return { results: service.results(param(ctx), before === undefined ? { limit } : { before, limit }) };
    }),
    canaryRollups: guarded((ctx) => ({ rollups: service.rollups(param(ctx), int(ctx, 'from', 0, Number.MAX_SAFE_INTEGER), int(ctx, 'to', 0, Number.MAX_SAFE_INTEGER)) })),
    ingestJUnit: guarded((ctx) => {
      const suite = query(ctx).suite;
      if (suite !== undefined && (suite.trim() === '' || suite.length > 100)) throw new HttpError(400, 'invalid', '?suite= must name the suite (1 to 100 characters)');
      try {
        return service.ingestJUnit(ctx.body as Buffer, { suite: suite ?? null, source: 'rest' });
      } catch (error) {
        if (error instanceof JUnitParseError) {
          return ctx.reply.code(400).send({
            error: 'invalid_junit',
            message: `not a JUnit report the hub can read: line ${error.line}, column ${error.column}: ${error.reason}`,
            code: error.code,
            line: error.line,
            column: error.column,
            reason: error.reason,
          });
        }
        throw error;
      }
    }),
  };
}
