/** The event-plan endpoints, spread into the one route table (server/routes.ts). */
import { z } from 'zod';
import { checkInBodySchema, decisionBodySchema, lessonsBodySchema, linkIncidentBodySchema, planStateBodySchema } from '../../../shared/protocol/plans.ts';
import type { RouteSpec } from '../server/routes.ts';

const planText = {
  contentTypes: ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
  maxBytes: 2 * 1024 * 1024,
  description: 'A plan as YAML or JSON (up to 2 MiB)',
} as const;

const json = (description: string) => ({ contentType: 'application/json', description });
const markdown = { contentType: 'text/markdown', description: 'CommonMark with GFM tables; all user text escaped' };

export const planRouteSpecs = {
  listPlans: { method: 'GET', url: '/api/v1/plans', summary: 'Every plan, newest event first, as a summary.', role: 'viewer', response: json('{ plans: PlanSummary[] }'), tag: 'plans' },
  createPlan: {
    method: 'POST',
    url: '/api/v1/plans',
    summary:
      'Create a plan (YAML or JSON): a full plan, { template, event? } for a new plan from a template\'s latest version, or { copyOf, event? } for a copy of a past plan. A malformed body gets 400 naming each bad field (with its line in YAML), and nothing is stored. "?by=@name": who created it (default: the token\'s name).',
    role: 'planner',
    rawBody: planText,
    response: json('PlanRecord { id, revision, createdAt, updatedAt, updatedBy, closedAt, closedBy, plan }'),
    tag: 'plans',
  },
  getPlan: { method: 'GET', url: '/api/v1/plans/:id', summary: 'One plan with its bookkeeping.', role: 'viewer', response: json('PlanRecord'), tag: 'plans' },
  replacePlan: {
    method: 'POST',
    url: '/api/v1/plans/:id',
    summary: 'Replace a plan\'s content, validated as a whole ("?revision=N": only if it is still at revision N, else 409; "?by=@name": who changed it, default the token\'s name). Its state changes only through /state.',
    role: 'planner',
    rawBody: planText,
    response: json('PlanRecord'),
    tag: 'plans',
  },
  planYaml: { method: 'GET', url: '/api/v1/plans/:id/plan.yaml', summary: 'The plan as YAML, to keep or import elsewhere.', role: 'viewer', response: { contentType: 'application/yaml', description: 'The plan' }, tag: 'plans' },
  planState: {
    method: 'POST',
    url: '/api/v1/plans/:id/state',
    summary: 'Move a plan: draft → planned → ready → live → closed (one step back before live; called off to closed before live).',
    role: 'planner',
    body: planStateBodySchema,
    response: json('PlanRecord'),
    tag: 'plans',
  },
  planDecision: { method: 'POST', url: '/api/v1/plans/:id/decision', summary: 'Record the go/no-go decision (who, when: now).', role: 'planner', body: decisionBodySchema, response: json('PlanRecord'), tag: 'plans' },
  planLessons: {
    method: 'POST',
    url: '/api/v1/plans/:id/lessons',
    summary: 'Push the plan\'s lessons (action items marked toTemplate) into a new version of its template, as readiness items.',
    role: 'planner',
    body: lessonsBodySchema,
    response: z.object({ template: z.string(), version: z.number(), added: z.array(z.string()) }),
    tag: 'plans',
  },
  addPlanCheckIn: {
    method: 'POST',
    url: '/api/v1/plans/:id/check-ins',
    summary: 'A check-in from a console: { scheduleId, by, service, status: green|amber|red, note }, timed by the hub.',
    role: 'responder',
    body: checkInBodySchema,
    response: json('{ checkIn }'),
    tag: 'plans',
  },
  linkFiredTrigger: {
    method: 'POST',
    url: '/api/v1/plans/:id/fired/:riskId/incident',
    summary: 'Record the incident a fired risk trigger was declared as { incidentId, firedAt? } (firedAt: the firing\'s LiveTrigger.firedAt; without it, the latest firing): the report lists it with the risk.',
    role: 'responder',
    body: linkIncidentBodySchema,
    response: z.object({ riskId: z.string(), incidentId: z.string() }),
    tag: 'plans',
  },
  planCheckIns: { method: 'GET', url: '/api/v1/plans/:id/check-ins', summary: 'The plan\'s check-ins, oldest first.', role: 'viewer', response: json('{ checkIns: CheckIn[] }'), tag: 'plans' },
  planReport: { method: 'GET', url: '/api/v1/plans/:id/report.md', summary: 'The post-event report: go/no-go decision, timeline of key moments, incidents and fired triggers, forecast vs actual, event SLOs met or missed, incidents, changes during the freeze, check-ins kept and missed, risks that fired, action items.', role: 'viewer', response: markdown, tag: 'plans' },
  planFreezeChanges: {
    method: 'GET',
    url: '/api/v1/plans/:id/freeze-changes',
    summary:
      'The plan\'s change freeze (from, to as epoch ms; scope; exception approver; null without a freeze) and the changes and deploys recorded inside it, whatever their service, oldest first, a page at a time ("?limit=" up to 5,000, the default): "next" is null on the last page, else pass it as "?after=" for the rest.',
    role: 'viewer',
    response: json('FreezeChangesReply { freeze, changes: Change[], next: string | null }'),
    tag: 'plans',
  },
  planWeekendReadiness: { method: 'GET', url: '/api/v1/plans/:id/weekend-readiness.md', summary: 'The Friday weekend-readiness report: readiness, open risks, who is on, partners, go/no-go.', role: 'viewer', response: markdown, tag: 'plans' },
  planWeekendReport: { method: 'GET', url: '/api/v1/plans/:id/weekend-report.md', summary: 'The Monday weekend report: incidents, check-ins kept and missed, triggers that fired, lapsed readiness, actions.', role: 'viewer', response: markdown, tag: 'plans' },
  planCalendar: {
    method: 'GET',
    url: '/api/v1/plans/:id/calendar.ics',
    summary: 'Key moments, check-ins and the freeze as iCalendar ("?person=@name": only that person\'s check-ins).',
    role: 'viewer',
    response: { contentType: 'text/calendar', description: 'iCalendar (RFC 5545)' },
    tag: 'plans',
  },
  livePlans: { method: 'GET', url: '/api/v1/live-plans', summary: 'The plans running now (live, or ready within their window), with check-ins, trigger states and actuals, for the walls; and the events planned or ready in the next 14 days, soonest first (the walls count down to them).', role: 'viewer', response: json('{ plans: LivePlan[], upcoming: UpcomingPlan[] }'), tag: 'plans' },
  planTemplates: { method: 'GET', url: '/api/v1/plan-templates', summary: 'The plan templates, each at its latest version.', role: 'viewer', response: json('{ templates: TemplateSummary[] }'), tag: 'plans' },
} as const satisfies Record<string, RouteSpec>;
