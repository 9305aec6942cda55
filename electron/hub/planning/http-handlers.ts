/** The plan endpoints of the route table (planning/routes.ts), over the PlanService. */
import { planToYaml } from '../../../shared/domain/planning/plan-io.ts';
import type { CheckInBody, DecisionBody } from '../../../shared/protocol/plans.ts';
import type { PlanState } from '../../../shared/model/plan.ts';
import { personSchema } from '../../../shared/model/incident.ts';
import { HttpError, type RouteHandlers } from '../server/http.ts';
import type { RouteContext } from '../server/routes.ts';
import type { planRouteSpecs } from './routes.ts';
import { PlanRefused } from './errors.ts';
import { MAX_FREEZE_CHANGES, type PlanService } from './service.ts';
import { appUrl } from '../server/app-url.ts';
import type { LivePlansReply } from '../../../shared/protocol/plans.ts';

type PlanRoute = keyof typeof planRouteSpecs;

const param = ({ request }: RouteContext): string => (request.params as { id: string }).id;
const query = ({ request }: RouteContext): Record<string, string | undefined> => request.query as Record<string, string | undefined>;

/**
 * Who changed the plan: the person the request names ("?by=@olivia", as the planner sends the
 * person acting, like a state move's body), else the token's name (an API client that names nobody).
 */
function actor(ctx: RouteContext): string {
  const by = query(ctx).by;
  if (by === undefined) return ctx.request.token?.name ?? 'unknown';
  const person = personSchema.safeParse(by);
  if (!person.success) throw new HttpError(400, 'invalid', `?by= must be a person's name, 1 to 64 characters, got ${JSON.stringify(by).slice(0, 80)}`);
  return person.data;
}

/** A raw body as text (YAML), or the JSON the server already parsed. */
const planBody = (ctx: RouteContext): unknown => (Buffer.isBuffer(ctx.body) ? ctx.body.toString('utf8') : ctx.body);

function guarded(handler: (ctx: RouteContext) => unknown): (ctx: RouteContext) => unknown {
  const refused = (ctx: RouteContext, error: unknown) => {
    if (error instanceof PlanRefused) {
      if (error.issues.length > 0) return ctx.reply.code(error.httpStatus).send({ error: error.code, message: error.message, issues: error.issues });
      throw new HttpError(error.httpStatus, error.code, error.message);
    }
    throw error;
  };
  return (ctx) => {
    try {
      const out = handler(ctx);
      return out instanceof Promise ? out.catch((error: unknown) => refused(ctx, error)) : out;
    } catch (error) {
      return refused(ctx, error);
    }
  };
}

const send = (ctx: RouteContext, type: string, filename: string, text: string) =>
  ctx.reply.type(type).header('content-disposition', `attachment; filename="${filename}"`).send(text);

export function planHandlers(service: PlanService): Pick<RouteHandlers, PlanRoute> {
  return {
    listPlans: () => ({ plans: service.list() }),
    createPlan: guarded((ctx) => ctx.reply.code(201).send(service.create(planBody(ctx), actor(ctx)))),
    getPlan: guarded((ctx) => service.get(param(ctx))),
    replacePlan: guarded((ctx) => {
      const raw = query(ctx).revision;
      const revision = raw === undefined ? undefined : Number(raw);
      if (revision !== undefined && !(Number.isInteger(revision) && revision > 0)) throw new HttpError(400, 'invalid', '?revision= must be a whole number above 0');
      return service.replace(param(ctx), planBody(ctx), actor(ctx), revision);
    }),
    planYaml: guarded((ctx) => send(ctx, 'application/yaml; charset=utf-8', `${param(ctx)}.yaml`, planToYaml(service.get(param(ctx)).plan))),
    planState: guarded((ctx) => {
      const body = ctx.body as { state: PlanState; by: string };
      return service.transition(param(ctx), body.state, body.by);
    }),
    planDecision: guarded((ctx) => service.decide(param(ctx), ctx.body as DecisionBody)),
    planLessons: guarded((ctx) => {
      const body = ctx.body as { by: string; note?: string };
      return service.pushLessons(param(ctx), body.by, body.note);
    }),
    addPlanCheckIn: guarded((ctx) => ({ checkIn: service.checkIn(param(ctx), ctx.body as CheckInBody, ctx.tokenId) })),
    linkFiredTrigger: guarded((ctx) => {
      const { riskId } = ctx.request.params as { riskId: string };
      const body = ctx.body as { incidentId: string; firedAt?: number };
      return service.linkIncident(param(ctx), riskId, body.incidentId, body.firedAt);
    }),
    planCheckIns: guarded((ctx) => ({ checkIns: service.checkIns(param(ctx)) })),
    planReport: guarded(async (ctx) => send(ctx, 'text/markdown; charset=utf-8', `${param(ctx)}-report.md`, await service.report(param(ctx), appUrl(ctx)))),
    planFreezeChanges: guarded((ctx) => {
      const { after, limit: rawLimit } = query(ctx);
      const limit = rawLimit === undefined ? undefined : Number(rawLimit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_FREEZE_CHANGES)) {
        throw new HttpError(400, 'invalid', `?limit= must be a whole number from 1 to ${MAX_FREEZE_CHANGES}, got ${JSON.stringify(rawLimit).slice(0, 40)}`);
      }
      return service.freezeChanges(param(ctx), { after, limit });
    }),
    planWeekendReadiness: guarded((ctx) => send(ctx, 'text/markdown; charset=utf-8', `${param(ctx)}-weekend-readiness.md`, service.weekendReadiness(param(ctx), appUrl(ctx)))),
    planWeekendReport: guarded((ctx) => send(ctx, 'text/markdown; charset=utf-8', `${param(ctx)}-weekend-report.md`, service.weekendReport(param(ctx), appUrl(ctx)))),
    planCalendar: guarded((ctx) => {
      const person = query(ctx).person;
      return send(ctx, 'text/calendar; charset=utf-8', `${param(ctx)}.ics`, service.calendar(param(ctx), person || undefined));
    }),
    livePlans: (): LivePlansReply => ({ plans: service.live(), upcoming: service.upcoming() }),
    planTemplates: () => ({ templates: service.templates() }),
  };
}
