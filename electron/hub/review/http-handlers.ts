/**
 * The review endpoints of the route table: page ingest (documented shape and webhooks), pages,
 * risks, SLO status and the weekly review (Markdown and JSON).
 */
import type { z } from 'zod';
import type { ingestPagesBodySchema } from '../../../shared/protocol/pages.ts';
import type { riskBodySchema } from '../../../shared/protocol/risks.ts';
import type { WorkLogBody } from '../../../shared/protocol/work-logs.ts';
import { HttpError, type RouteHandlers } from '../server/http.ts';
import { appUrl } from '../server/app-url.ts';
import type { RouteContext } from '../server/routes.ts';
import { pagesFromAlertmanager, pagesFromPagerDuty, WebhookRefused, type WebhookPages } from './page-webhooks.ts';
import { ReviewRefused, type ReviewService } from './service.ts';
import type { SloService } from './slo-service.ts';

type ReviewRoute = 'ingestPages' | 'ingestAlertmanagerPages' | 'ingestPagerDutyPages' | 'listPages' | 'saveRisk' | 'listRisks' | 'logWork' | 'sloStatus' | 'weeklyReviewMarkdown' | 'weeklyReviewJson';

const DAY = 86_400_000;
const query = ({ request }: RouteContext): Record<string, string | undefined> => request.query as Record<string, string | undefined>;

function time(ctx: RouteContext, name: string): number | undefined {
  const raw = query(ctx)[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, 'invalid', `?${name}= must be epoch ms, got ${JSON.stringify(raw.slice(0, 40))}`);
  return n;
}

function teamParam(ctx: RouteContext): string | undefined {
  const team = query(ctx).team;
  if (team === undefined || team === '') return undefined;
  if (team.length > 120) throw new HttpError(400, 'invalid', '?team= is longer than 120 characters');
  return team;
}

function refusals<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WebhookRefused || error instanceof ReviewRefused) throw new HttpError(400, 'invalid', error.message);
    throw error;
  }
}

async function asyncRefusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ReviewRefused) throw new HttpError(400, 'invalid', error.message);
    throw error;
  }
}

export function reviewHandlers(review: ReviewService, slos: SloService): Pick<RouteHandlers, ReviewRoute> {
  const webhook = (parse: (body: unknown, team: string | undefined) => WebhookPages, source: 'alertmanager' | 'pagerduty') => (ctx: RouteContext) =>
    refusals(() => {
      const { pages, ignored } = parse(ctx.body, teamParam(ctx));
      return review.ingestPages(pages, source, ctx.tokenId, ignored);
    });
  return {
    ingestPages: (ctx) => {
      const body = ctx.body as z.output<typeof ingestPagesBodySchema>;
      return review.ingestPages('pages' in body ? body.pages : [body], 'api', ctx.tokenId);
    },
    ingestAlertmanagerPages: webhook(pagesFromAlertmanager, 'alertmanager'),
    ingestPagerDutyPages: webhook(pagesFromPagerDuty, 'pagerduty'),
    listPages: (ctx) => {
      const to = time(ctx, 'to') ?? Date.now();
      const from = time(ctx, 'from') ?? to - 7 * DAY;
      return { pages: review.pagesWithOffHours(from, to) };
    },
    saveRisk: (ctx) => {
      const r = ctx.body as z.output<typeof riskBodySchema>;
      return { risk: review.saveRisk({ ...r, owner: r.owner ?? null, mitigation: r.mitigation ?? null, team: r.team ?? null }) };
    },
    listRisks: () => ({ risks: review.risks() }),
    logWork: (ctx) => review.logWork(ctx.body as WorkLogBody),
    sloStatus: () => ({ slos: slos.list() }),
    weeklyReviewMarkdown: async (ctx) => {
      const markdown = await asyncRefusals(() => review.weeklyMarkdown(query(ctx).week, teamParam(ctx), appUrl(ctx)));
      const name = `weekly-review-${(query(ctx).week ?? 'this-week').replace(/[^\w-]/g, '')}${teamParam(ctx) ? `-${teamParam(ctx)!.replace(/[^\w-]/g, '')}` : ''}.md`;
      return ctx.reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(markdown);
    },
    weeklyReviewJson: (ctx) => asyncRefusals(() => review.weeklyData(query(ctx).week, teamParam(ctx))),
  };
}
