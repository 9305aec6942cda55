/**
 * The operational review's part of the workspace: teams (their time zone and working hours decide
 * whether a page woke someone; their services attribute incidents to them) and SLOs evaluated on
 * the hub against a Prometheus source.
 *
 * An SLO's events are cumulative counters, queried as PromQL that returns one series each:
 * - availability: `good` and `total` (e.g. `sum(http_requests_total{code!~"5.."})` and
 *   `sum(http_requests_total)`);
 * - latency: a histogram's requests under a bucket bound: good = `<histogram>_bucket{<matchers>,
 *   le="<le>"}`, total = `<histogram>_count{<matchers>}`, both summed.
 */
import { z } from 'zod';
import { idSchema, timeZoneSchema } from './common.ts';
import { durationMs } from './duration.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { message: 'expected a time such as "08:00"' });

export const teamSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(120).optional(),
    timezone: timeZoneSchema.describe('The team\'s clock: pages outside its working hours "woke someone".'),
    services: z.array(z.string().min(1).max(120)).max(200).default([]).describe('Services the team is paged for (incidents of these services are theirs).'),
    workingHours: z
      .object({
        days: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]).describe('ISO weekdays, 1 = Monday.'),
        start: hhmm.default('08:00'),
        end: hhmm.default('18:00'),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date such as "2026-12-25"' })).max(100).default([]),
      })
      .strict()
      .optional()
      .describe('Default: 08:00–18:00, Monday to Friday, on the team\'s clock.'),
  })
  .strict();
export type TeamConfig = z.output<typeof teamSchema>;

const promql = z.string().trim().min(1).max(2000);

export const sloSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(120),
    team: idSchema.optional(),
    service: z.string().min(1).max(120).optional(),
    source: idSchema.describe('A prometheus source of this workspace.'),
    objective: z
      .discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('availability'),
            good: promql.describe('PromQL: the cumulative count of good events (one series).'),
            total: promql.describe('PromQL: the cumulative count of all events (one series).'),
          })
          .strict(),
        z
          .object({
            kind: z.literal('latency'),
            histogram: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { message: 'expected a metric name' }).describe('The histogram\'s name, without _bucket.'),
            matchers: z.string().max(1000).default('').describe('Label matchers, e.g. service="api",code!~"5.."'),
            le: z.string().min(1).max(20).describe('The bucket bound that is the threshold, as the metric writes it: "0.3".'),
          })
          .strict(),
      ])
      .describe('availability: good/total; latency: the share of requests faster than a bucket bound.'),
    target: z.number().gt(0).lt(1).describe('e.g. 0.999'),
    window: durationMs.default(28 * 86_400_000).describe('The SLO window, e.g. 28d.'),
  })
  .strict();
export type SloConfig = z.output<typeof sloSchema>;

/** The PromQL of an SLO's good and total counters. */
export function sloQueries(slo: SloConfig): { good: string; total: string } {
  const o = slo.objective;
  if (o.kind === 'availability') return { good: o.good, total: o.total };
  const m = o.matchers.trim();
  const le = `le=${JSON.stringify(o.le)}`;
  return { good: `sum(${o.histogram}_bucket{${m ? `${m},` : ''}${le}})`, total: `sum(${o.histogram}_count{${m}})` };
}

export const sloPanelFields = {
  type: z.literal('slo'),
  slo: idSchema.describe('The id of an SLO of this workspace.'),
};

interface ReviewParts {
  readonly teams?: readonly TeamConfig[] | undefined;
  readonly slos?: readonly SloConfig[] | undefined;
  readonly sources: readonly { id: string; type: string }[];
  readonly walls: readonly { panels: readonly { type: string; slo?: string }[] }[];
}

/** Cross-references: SLO sources are prometheus sources, teams and slo panels name what exists. */
export function checkReviewReferences(ws: ReviewParts, ctx: z.RefinementCtx): void {
  const teamIds = new Set<string>();
  ws.teams?.forEach((t, i) => {
    if (teamIds.has(t.id)) ctx.addIssue({ code: 'custom', path: ['teams', i, 'id'], message: `duplicate team id "${t.id}"` });
    teamIds.add(t.id);
  });
  const sloIds = new Set<string>();
  ws.slos?.forEach((s, i) => {
    if (sloIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['slos', i, 'id'], message: `duplicate SLO id "${s.id}"` });
    sloIds.add(s.id);
    const source = ws.sources.find((x) => x.id === s.source);
    if (source?.type !== 'prometheus') {
      const ids = ws.sources.filter((x) => x.type === 'prometheus').map((x) => x.id);
      ctx.addIssue({ code: 'custom', path: ['slos', i, 'source'], message: `expected the id of a prometheus source (${ids.join(', ') || 'none defined'}), got "${s.source}"` });
    }
    if (s.team !== undefined && !teamIds.has(s.team)) ctx.addIssue({ code: 'custom', path: ['slos', i, 'team'], message: `no team has the id "${s.team}"` });
  });
  ws.walls.forEach((wall, w) =>
    wall.panels.forEach((panel, p) => {
      if (panel.type === 'slo' && panel.slo !== undefined && !sloIds.has(panel.slo)) {
        ctx.addIssue({ code: 'custom', path: ['walls', w, 'panels', p, 'slo'], message: `expected one of the SLO ids (${[...sloIds].join(', ') || 'none defined'}), got "${panel.slo}"` });
      }
    }),
  );
}
