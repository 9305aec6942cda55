/**
 * Every REST endpoint in one table: the server registers them from it and the OpenAPI document is
 * generated from it, so the document cannot forget an endpoint.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IngestScope, Role } from '../../../shared/model/auth.ts';
import { ingestScopeSchema, roleSchema } from '../../../shared/model/auth.ts';
import { incidentStatusSchema, prioritySchema, severitySchema, timelineEntrySchema } from '../../../shared/model/incident.ts';
import {
  changeSchema,
  declareIncidentBodySchema,
  declareReplySchema,
  entryReplySchema,
  incidentSummarySchema,
  ingestChangeSchema,
  MAX_SNAPSHOT_BYTES,
  relatedReplySchema,
  restEntryBodySchema,
  snapshotReplySchema,
  followUpClosureBodySchema,
  followUpClosureRequestSchema,
  followUpReplySchema,
} from '../../../shared/protocol/incidents.ts';
import { junitIngestReplySchema } from '../../../shared/protocol/canaries.ts';
import { ingestBatchSchema } from '../../../shared/model/post.ts';
import { ingestPostsReplySchema } from '../../../shared/protocol/pulse.ts';
import { reviewRouteSpecs } from '../review/routes.ts';
import { planRouteSpecs } from '../planning/routes.ts';
import { pushBodySchema, pushReplySchema } from '../../../shared/protocol/push.ts';
import {
  enrolApproveBodySchema,
  enrolApproveReplySchema,
  enrolClaimBodySchema,
  enrolClaimReplySchema,
  enrolCodeCreateBodySchema,
  enrolCodeReplySchema,
  enrolRedeemBodySchema,
  enrolRedeemReplySchema,
  enrolStartReplySchema,
} from '../../../shared/protocol/walls.ts';

export interface RouteContext {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** The validated JSON body, when the route declares one. */
  readonly body: unknown;
  readonly tokenId: string | null;
}

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Fastify path syntax: /api/v1/tokens/:id */
  readonly url: string;
  readonly summary: string;
  /** null: no token needed. */
  readonly role: Role | null;
  /** A token holding this ingest scope may call the route even when its role would not allow it. */
  readonly scope?: IngestScope;
  readonly body?: z.ZodType;
  /** The response: a zod schema, or a content type and description for non-JSON answers. */
  readonly response: z.ZodType | { readonly contentType: string; readonly description: string };
  readonly tag: string;
  /**
   * A non-JSON body (e.g. JUnit XML), passed to the handler as a Buffer. Its own size limit; the
   * token is checked before the body is read, so nobody unauthenticated can upload megabytes.
   */
  readonly rawBody?: { readonly contentTypes: readonly string[]; readonly maxBytes: number; readonly description: string };
}

export const healthResponse = z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() });
export const errorResponse = z.object({ error: z.string(), message: z.string() });
export const tokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  scopes: z.array(ingestScopeSchema),
  createdAt: z.number().describe('epoch ms'),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    role: roleSchema,
    scopes: z.array(ingestScopeSchema).max(ingestScopeSchema.options.length).optional().describe('Ingest endpoints this token may also post to.'),
  })
  .strict();

const point = z.tuple([z.number().describe('epoch ms'), z.number()]);
export const frameResponse = z.object({
  key: z.string(),
  series: z.array(z.object({ name: z.string(), labels: z.record(z.string(), z.string()), points: z.array(point) })),
  meta: z.object({
    sourceId: z.string(),
    lastSuccessAt: z.number().nullable(),
    lastAttemptAt: z.number().nullable(),
    lastError: z.string().nullable(),
    expectedIntervalMs: z.number(),
  }),
});

export const incidentRecordSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: severitySchema,
  priority: prioritySchema.nullable(),
  status: incidentStatusSchema,
  createdAt: z.number().describe('epoch ms (hub clock)'),
  createdBy: z.string(),
  startedAt: z.number().nullable().describe('impact started, epoch ms'),
  endedAt: z.number().nullable(),
  impact: z.string().nullable(),
  service: z.string().nullable(),
  region: z.string().nullable(),
  platform: z.string().nullable(),
  rootCauseCategory: z.string().nullable(),
  responsibleProperty: z.string().nullable(),
});
export const timelineResponse = z.object({
  incident: incidentSummarySchema,
  record: incidentRecordSchema.describe('The bookkeeping: start/end, impact, affected property, root-cause category, responsible property.'),
  entries: z.array(timelineEntrySchema).describe('Every stored entry (edits and tombstones included), in seq order.'),
  projection: z
    .object({
      visible: z.array(z.string()).describe('The ids of the current version of each visible entry, in timeline order.'),
      pinned: z.array(z.string()),
      status: incidentStatusSchema,
      severity: severitySchema.nullable(),
      roles: z.record(z.string(), z.array(z.string())),
      markers: z.record(z.string(), z.number()),
      durations: z.record(z.string(), z.object({ ms: z.number().nullable(), state: z.string(), reason: z.string().optional() })),
      openTasks: z.array(z.unknown()),
      followUps: z.array(z.unknown()),
      handoffs: z.array(z.unknown()),
      nextUpdates: z.array(z.unknown()),
      problems: z.array(z.object({ entryId: z.string(), message: z.string() })),
    })
    .describe('The timeline as the room sees it now.'),
});

export const routeSpecs = {
  health: { method: 'GET', url: '/api/v1/health', summary: 'Liveness: status, version and uptime.', role: null, response: healthResponse, tag: 'hub' },
  openapi: {
    method: 'GET',
    url: '/api/v1/openapi.json',
    summary: 'This document.',
    role: null,
    response: { contentType: 'application/json', description: 'OpenAPI 3.1 document' },
    tag: 'hub',
  },
  workspaceSchema: {
    method: 'GET',
    url: '/api/v1/workspace.schema.json',
    summary: 'JSON Schema of the workspace file, for editor autocompletion.',
    role: null,
    response: { contentType: 'application/schema+json', description: 'JSON Schema (draft 2020-12)' },
    tag: 'workspace',
  },
  workspace: {
    method: 'GET',
    url: '/api/v1/workspace',
    summary: 'The workspace in force and, if the file on disk was refused, why.',
    role: 'viewer',
    response: { contentType: 'application/json', description: '{ workspace, issues, loadedAt }' },
    tag: 'workspace',
  },
  frame: {
    method: 'GET',
    url: '/api/v1/frames',
    summary: 'One live frame (series and freshness) by its key (query parameter "key").',
    role: 'viewer',
    response: frameResponse,
    tag: 'data',
  },
  currentToken: {
    method: 'GET',
    url: '/api/v1/token',
    summary: 'The token this request carries: its name, role and ingest scopes (never its secret), so a client can say what it may do.',
    role: 'viewer',
    response: z.object({ name: z.string(), role: roleSchema, scopes: z.array(ingestScopeSchema) }),
    tag: 'auth',
  },
  listTokens: { method: 'GET', url: '/api/v1/tokens', summary: 'All tokens (never their secrets).', role: 'admin', response: z.object({ tokens: z.array(tokenInfo) }), tag: 'auth' },
  createToken: {
    method: 'POST',
    url: '/api/v1/tokens',
    summary: 'Create a token; its secret is in this response only. A wall device gets a viewer token.',
    role: 'admin',
    body: createTokenBody,
    response: z.object({ token: tokenInfo, secret: z.string() }),
    tag: 'auth',
  },
  revokeToken: { method: 'DELETE', url: '/api/v1/tokens/:id', summary: 'Revoke a token; its live connections are closed.', role: 'admin', response: z.object({}), tag: 'auth' },
  declareIncident: {
    method: 'POST',
    url: '/api/v1/incidents',
    summary:
      'Declare an incident (pull the andon cord). Give it an id (a ULID) or an Idempotency-Key header: a repeat is stored once and answered the same.',
    role: 'responder',
    body: declareIncidentBodySchema,
    response: declareReplySchema,
    tag: 'incidents',
  },
  listIncidents: {
    method: 'GET',
    url: '/api/v1/incidents',
    summary: 'Every incident as the walls summarise it, open ones first ("?open=true": only those not resolved or closed).',
    role: 'viewer',
    response: z.object({ incidents: z.array(incidentSummarySchema) }),
    tag: 'incidents',
  },
  addIncidentEntry: {
    method: 'POST',
    url: '/api/v1/incidents/:id/entries',
    summary:
      'Log a timeline entry. The Idempotency-Key header (a ULID, required) becomes the entry id: a repeat is stored once and answered the same.',
    role: 'responder',
    body: restEntryBodySchema,
    response: entryReplySchema,
    tag: 'incidents',
  },
  incidentTimeline: {
    method: 'GET',
    url: '/api/v1/incidents/:id/timeline',
    summary: 'The incident: every stored entry in seq order, and the timeline projected from them.',
    role: 'viewer',
    response: timelineResponse,
    tag: 'incidents',
  },
  postmortemMarkdown: {
    method: 'GET',
    url: '/api/v1/incidents/:id/postmortem.md',
    summary: 'The postmortem, projected from the timeline, as Markdown; times in UTC and the room\'s time zone ("?tz=Europe/London" to choose another).',
    role: 'viewer',
    response: { contentType: 'text/markdown', description: 'CommonMark with GFM tables; all user text escaped' },
    tag: 'incidents',
  },
  postmortemBundle: {
    method: 'GET',
    url: '/api/v1/incidents/:id/postmortem.zip',
    summary:
      'The postmortem with its pictures, self-contained: a zip of postmortem.md whose impact snapshots are linked as images/<snapshot id>.png, and those PNGs, so it opens offline or in a wiki without a token ("?tz=" as for the .md).',
    role: 'viewer',
    response: { contentType: 'application/zip', description: 'postmortem.md and images/*.png' },
    tag: 'incidents',
  },
  postmortemHtml: {
    method: 'GET',
    url: '/api/v1/incidents/:id/postmortem.html',
    summary:
      'The postmortem as one HTML file with its impact snapshots inline (data: URIs, up to 32 MiB of pictures; the .zip has them all), for pasting into Confluence or Google Docs ("?tz=" as for the .md). All incident text is escaped.',
    role: 'viewer',
    response: { contentType: 'text/html', description: 'A standalone HTML document, no scripts' },
    tag: 'incidents',
  },
  postmortemJson: {
    method: 'GET',
    url: '/api/v1/incidents/:id/postmortem.json',
    summary: 'The same postmortem as JSON (times as ISO 8601, in UTC and in the room\'s time zone).',
    role: 'viewer',
    response: { contentType: 'application/json', description: 'The postmortem sections' },
    tag: 'incidents',
  },
  ingestChange: {
    method: 'POST',
    url: '/api/v1/ingest/changes',
    summary:
      'Record a change or deploy ("what changed?"): added to the timeline of every open incident, and of an incident declared later when it happened within the look-back before its impact start (incidents.changeLookback, default 2h), and kept for the walls. A repeat with the same id is stored once.',
    role: 'responder',
    scope: 'changes',
    body: ingestChangeSchema,
    response: z.object({ change: changeSchema }),
    tag: 'incidents',
  },
  listChanges: {
    method: 'GET',
    url: '/api/v1/changes',
    summary: 'Changes and deploys that happened at or after "?since=" (epoch ms; default: the last 24 h), oldest first.',
    role: 'viewer',
    response: z.object({ changes: z.array(changeSchema) }),
    tag: 'incidents',
  },
  relatedIncidents: {
    method: 'GET',
    url: '/api/v1/incidents/:id/related',
    summary: '"Last time this happened": past incidents with the same affected service or root-cause category, or sharing title words, strongest first, each with why.',
    role: 'viewer',
    response: relatedReplySchema,
    tag: 'incidents',
  },
  uploadSnapshot: {
    method: 'POST',
    url: '/api/v1/incidents/:id/snapshots',
    summary:
      'Keep an impact snapshot (a chart as PNG, up to 2 MiB) for the incident. The Idempotency-Key header (a ULID, required) becomes its id; then log a "snapshot" entry naming it (data.assetId).',
    role: 'responder',
    rawBody: { contentTypes: ['image/png'], maxBytes: MAX_SNAPSHOT_BYTES, description: 'The PNG bytes (signature, IHDR and IEND checked; up to 8192 px a side)' },
    response: snapshotReplySchema,
    tag: 'incidents',
  },
  snapshotImage: {
    method: 'GET',
    url: '/api/v1/incidents/:id/snapshots/:snapshotId',
    summary: 'An impact snapshot, as the PNG that was uploaded.',
    role: 'viewer',
    response: { contentType: 'image/png', description: 'The PNG bytes' },
    tag: 'incidents',
  },
  closeFollowUp: {
    method: 'POST',
    url: '/api/v1/incidents/:id/follow-ups/:followUpId/close',
    summary:
      'Close a follow-up (also after the incident is closed): a new version of its todo entry, broadcast to every console. An optional Idempotency-Key (a ULID) becomes its id; closing a closed one writes nothing.',
    role: 'responder',
    body: followUpClosureRequestSchema,
    response: followUpReplySchema,
    tag: 'incidents',
  },
  reopenFollowUp: {
    method: 'POST',
    url: '/api/v1/incidents/:id/follow-ups/:followUpId/reopen',
    summary: 'Reopen a closed follow-up: a new version of its todo entry without closedAt.',
    role: 'responder',
    body: followUpClosureBodySchema.omit({ closedAt: true }).default({}),
    response: followUpReplySchema,
    tag: 'incidents',
  },
  canaryBoard: {
    method: 'GET',
    url: '/api/v1/canaries',
    summary: 'The canary board: every check and suite with its state, progress, last run, history strip, ack and maintenance (the socket sends the same, then deltas).',
    role: 'viewer',
    response: { contentType: 'application/json', description: 'CanaryBoard (shared/protocol/canaries.ts)' },
    tag: 'canaries',
  },
  canaryResults: {
    method: 'GET',
    url: '/api/v1/canaries/:id/results',
    summary: 'Raw runs of one canary, newest first, with phase timings, assertions (expected vs actual) and JUnit counts ("?before=" epoch ms, "?limit=" up to 500).',
    role: 'viewer',
    response: { contentType: 'application/json', description: '{ results: CanaryRunRecord[] }' },
    tag: 'canaries',
  },
  canaryRollups: {
    method: 'GET',
    url: '/api/v1/canaries/:id/rollups',
    summary: 'Hourly rollups of one canary (runs, passes, failures, flaky, latency, time up and down), oldest first ("?from=", "?to=" epoch ms; default the last 30 days).',
    role: 'viewer',
    response: { contentType: 'application/json', description: '{ rollups: CanaryRollup[] }' },
    tag: 'canaries',
  },
  ingestJUnit: {
    method: 'POST',
    url: '/api/v1/ingest/junit',
    summary:
      'Record a JUnit XML report as a run of a suite ("?suite=NAME"; default the report\'s root name; a trailing build number is cut off). Dated by the report\'s own timestamp when it names its zone (else on arrival); a report older than the suite\'s newest result or whose run ended longer ago than its maximum report age (maxReportAge: its own, else its staleness window, else the workspace\'s, 1 h by default) joins the history without moving the tile ("historyOnly" says why). Answers the parsed summary; a malformed report is refused with 400, its line and column, and nothing is recorded.',
    role: 'responder',
    scope: 'junit',
    rawBody: { contentTypes: ['application/xml', 'text/xml'], maxBytes: 20 * 1024 * 1024, description: 'The JUnit XML report (up to 20 MiB)' },
    response: junitIngestReplySchema,
    tag: 'canaries',
  },
  ingestPosts: {
    method: 'POST',
    url: '/api/v1/ingest/posts',
    summary:
      'Store customer posts from any scraper or vendor ({ posts: [{ id, source, author, text, url, created_at, lang?, metadata? }] }, 1–1000 per request): each scored once, idempotent by source + id. A bad post refuses the whole batch with 400 naming each bad field, and nothing is stored.',
    role: 'responder',
    scope: 'posts',
    body: ingestBatchSchema,
    response: ingestPostsReplySchema,
    tag: 'pulse',
  },
  pulseSnapshot: {
    method: 'GET',
    url: '/api/v1/pulse',
    summary: 'The customer pulse: per-minute volume, negative share and complaint topics ("?minutes=", default 60), the latest posts ("?posts=", up to 50), the complaint spike if one is on, and each feed\'s health.',
    role: 'viewer',
    response: { contentType: 'application/json', description: 'PulseSnapshot (shared/protocol/pulse.ts)' },
    tag: 'pulse',
  },
  ...reviewRouteSpecs,
  ...planRouteSpecs,
  sourceQuery: {
    method: 'GET',
    url: '/api/v1/sources/:id/query',
    summary:
      'Run a query through the source exactly as a panel would and answer the normalized frame: "?expr=" (PromQL, a metric name, a JSONPath or a pushed series, by source type) or "?query=" (a panel query as JSON); "?start=&end=&step=" (epoch seconds or RFC 3339; seconds or "15s") for a Prometheus range query. An upstream failure is a 502 in words (for PromQL: the query and Prometheus\'s message).',
    role: 'viewer',
    response: frameResponse,
    tag: 'data',
  },
  enrolStart: {
    method: 'POST',
    url: '/api/v1/enrol',
    summary: 'A wall device without a token asks for a one-time code (valid 15 min) to show full-screen; it keeps the claim secret.',
    role: null,
    response: enrolStartReplySchema,
    tag: 'walls',
  },
  enrolClaim: {
    method: 'POST',
    url: '/api/v1/enrol/claim',
    summary: 'The wall polls with its claim secret: pending, expired, or approved with its own viewer token (given once).',
    role: null,
    body: enrolClaimBodySchema,
    response: enrolClaimReplySchema,
    tag: 'walls',
  },
  enrolApprove: {
    method: 'POST',
    url: '/api/v1/enrolments',
    summary: 'An admin enters the code a wall shows, with a name for the device: the wall then receives a viewer token (revocable in the token list).',
    role: 'admin',
    body: enrolApproveBodySchema,
    response: enrolApproveReplySchema,
    tag: 'walls',
  },
  enrolCreateCode: {
    method: 'POST',
    url: '/api/v1/enrolments/codes',
    summary: 'An admin creates a one-time enrolment code (valid 15 min, stored hashed, shown in this response only) for a named device; the wall enters it at #/enrol.',
    role: 'admin',
    body: enrolCodeCreateBodySchema,
    response: enrolCodeReplySchema,
    tag: 'walls',
  },
  enrolRedeem: {
    method: 'POST',
    url: '/api/v1/enrol/redeem',
    summary: 'A wall enters a code created in Settings and receives its own viewer token (once). A wrong, expired or used code is a 404 saying which; rate limited per address.',
    role: null,
    body: enrolRedeemBodySchema,
    response: enrolRedeemReplySchema,
    tag: 'walls',
  },
  wallHealth: {
    method: 'GET',
    url: '/api/v1/walls/health',
    summary: 'Every wall that reported in the last 24 h: its token, page shown, errors, memory, frames/s, worst data age, last seen.',
    role: 'admin',
    response: { contentType: 'application/json', description: '{ walls: WallHealth[] } (shared/protocol/walls.ts)' },
    tag: 'walls',
  },
  ingestPush: {
    method: 'POST',
    url: '/api/v1/ingest/push',
    summary:
      'Push values for named series into a push source (Smashing-style): { source, values: { name: number }, points: [{ series, value, labels?, at? }] }. Panels on that source show them with freshness against its interval.',
    role: 'responder',
    scope: 'push',
    body: pushBodySchema,
    response: pushReplySchema,
    tag: 'data',
  },
  grafanaConvert: {
    method: 'POST',
    url: '/api/v1/grafana/convert',
    summary:
      'Convert a Grafana dashboard JSON (the export, or { dashboard } as Grafana\'s API answers; up to 5 MiB) into workspace YAML, as npm run import:grafana does ("?source=" the Prometheus source id, default "prometheus"). Unsupported panels are listed by title and type; a malformed dashboard is a 400 naming the field.',
    role: 'admin',
    rawBody: { contentTypes: ['application/json'], maxBytes: 5 * 1024 * 1024, description: 'The Grafana dashboard JSON' },
    response: z.object({
      yaml: z.string(),
      skipped: z.array(z.object({ title: z.string(), type: z.string(), reason: z.string() })),
      warnings: z.array(z.string()).describe('Things converted with a compromise to check'),
    }),
    tag: 'workspace',
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routeSpecs;
