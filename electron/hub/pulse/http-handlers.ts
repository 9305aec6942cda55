/** The pulse endpoints of the route table: post ingest and the snapshot the walls also get over the socket. */
import type { IngestBatch } from '../../../shared/model/post.ts';
import { MAX_PULSE_MINUTES, MAX_PULSE_POSTS } from '../../../shared/protocol/pulse.ts';
import { HttpError, type RouteHandlers } from '../server/http.ts';
import type { RouteContext } from '../server/routes.ts';
import type { PulseService } from './service.ts';

function int(ctx: RouteContext, name: string, min: number, max: number, fallback: number): number {
  const raw = (ctx.request.query as Record<string, string | undefined>)[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, 'invalid', `?${name}= must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw).slice(0, 40)}`);
  return n;
}

export function pulseHandlers(service: PulseService): Pick<RouteHandlers, 'ingestPosts' | 'pulseSnapshot'> {
  return {
    ingestPosts: ({ body }) => service.ingest(body as IngestBatch),
    pulseSnapshot: (ctx) => service.snapshot(int(ctx, 'minutes', 1, MAX_PULSE_MINUTES, 60), int(ctx, 'posts', 0, MAX_PULSE_POSTS, MAX_PULSE_POSTS)),
  };
}
