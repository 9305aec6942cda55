/**
 * The operational review's rows of the route table (spread into server/routes.ts): page ingest
 * (the documented shape, Alertmanager's and PagerDuty's webhooks), pages, risks, SLO status and
 * the weekly review document.
 */
import { z } from 'zod';
import { ingestPagesBodySchema, ingestPagesReplySchema, storedPageSchema } from '../../../shared/protocol/pages.ts';
import { riskBodySchema, storedRiskSchema } from '../../../shared/protocol/risks.ts';
import { storedWorkLogSchema, workLogBodySchema } from '../../../shared/protocol/work-logs.ts';

const webhookBody = z.record(z.string(), z.unknown());

export const reviewRouteSpecs = {
  ingestPages: {
    method: 'POST',
    url: '/api/v1/ingest/pages',
    summary:
      'Record pages (one, or { pages: [...] } up to 500): id, at (epoch ms or ISO 8601), team, service, severity, title, dedupKey. A page with an id already stored is answered as a duplicate and changes nothing.',
    role: 'responder',
    scope: 'pages',
    body: ingestPagesBodySchema,
    response: ingestPagesReplySchema,
    tag: 'review',
  },
  ingestAlertmanagerPages: {
    method: 'POST',
    url: '/api/v1/ingest/pages/alertmanager',
    summary:
      "Alertmanager's webhook (webhook_config url, with a bearer token): each firing alert is a page (team and service from its labels, or ?team=); resolved alerts are ignored; a repeat notification is a duplicate.",
    role: 'responder',
    scope: 'pages',
    body: webhookBody,
    response: ingestPagesReplySchema,
    tag: 'review',
  },
  ingestPagerDutyPages: {
    method: 'POST',
    url: '/api/v1/ingest/pages/pagerduty',
    summary: "PagerDuty's v3 webhook: an incident.triggered event is a page (team: the incident's first team, or ?team=); other events are ignored.",
    role: 'responder',
    scope: 'pages',
    body: webhookBody,
    response: ingestPagesReplySchema,
    tag: 'review',
  },
  listPages: {
    method: 'GET',
    url: '/api/v1/pages',
    summary:
      'Pages sent in [?from=, ?to=) (epoch ms; default the last 7 days), incidents declared in the app included (source "incident"), each saying whether it woke someone (outside its team\'s working hours, on the team\'s clock).',
    role: 'viewer',
    response: z.object({ pages: z.array(storedPageSchema.extend({ wokeSomeone: z.boolean() })) }),
    tag: 'review',
  },
  saveRisk: {
    method: 'POST',
    url: '/api/v1/risks',
    summary: 'Add or replace a risk of the backlog (likelihood × impact, effort, owner, mitigation plan, status).',
    role: 'responder',
    body: riskBodySchema,
    response: z.object({ risk: storedRiskSchema }),
    tag: 'review',
  },
  listRisks: {
    method: 'GET',
    url: '/api/v1/risks',
    summary: 'Every risk of the backlog.',
    role: 'viewer',
    response: z.object({ risks: z.array(storedRiskSchema) }),
    tag: 'review',
  },
  logWork: {
    method: 'POST',
    url: '/api/v1/work-logs',
    summary: 'Log a stretch of work (team, person, start, duration) flagged toil or not: the toil share per team in the weekly review. A repeat with the same id is stored once.',
    role: 'responder',
    body: workLogBodySchema,
    response: z.object({ log: storedWorkLogSchema, duplicate: z.boolean() }),
    tag: 'review',
  },
  sloStatus: {
    method: 'GET',
    url: '/api/v1/slos',
    summary: 'Every SLO of the workspace as last evaluated against Prometheus: budget remaining, burn rates, alert state, budget over time.',
    role: 'viewer',
    response: { contentType: 'application/json', description: '{ slos: SloStatus[] } (shared/protocol/review.ts)' },
    tag: 'review',
  },
  weeklyReviewMarkdown: {
    method: 'GET',
    url: '/api/v1/review/weekly.md',
    summary:
      'The weekly operational review of ?week=YYYY-Www (default this week) and optionally ?team=: pager load with bands, SLOs, incidents, follow-ups, top risks, notable changes.',
    role: 'viewer',
    response: { contentType: 'text/markdown', description: 'CommonMark with GFM tables; all user text escaped' },
    tag: 'review',
  },
  weeklyReviewJson: {
    method: 'GET',
    url: '/api/v1/review/weekly.json',
    summary: 'The same review as data (what the review page shows).',
    role: 'viewer',
    response: { contentType: 'application/json', description: 'WeeklyReviewData (shared/protocol/review.ts)' },
    tag: 'review',
  },
} as const;
