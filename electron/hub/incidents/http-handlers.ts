/**
 * The incident endpoints of the route table: bots and integrations declare, log, ingest changes
 * and read timelines and postmortems over plain HTTP, with the same checks as the consoles.
 */
import { ulid } from 'ulid';
import { incidentDurations } from '../../../shared/domain/incidents/durations.ts';
import { followUpStateAt } from '../../../shared/domain/incidents/follow-ups.ts';
import { nextUpdatesFor } from '../../../shared/domain/incidents/timeline.ts';
import { newTimelineEntrySchema, ulidSchema } from '../../../shared/model/incident.ts';
import type { z } from 'zod';
import type { declareIncidentBodySchema, followUpClosureBodySchema, ingestChangeSchema, restEntryBodySchema } from '../../../shared/protocol/incidents.ts';
import { HttpError, type RouteHandlers } from '../server/http.ts';
import type { RouteContext } from '../server/routes.ts';
import { CommandRefused } from './errors.ts';
import { postmortemBundle, type SnapshotStore } from './postmortem-bundle.ts';
import { postmortemHtml } from './postmortem-html.ts';
import { postmortemMarkdown } from './postmortem-markdown.ts';
import type { Actor, IncidentService } from './service.ts';
import type { SnapshotService } from './snapshots.ts';
import { knownTimeZone } from './times.ts';

type IncidentRoute =
  | 'declareIncident'
  | 'listIncidents'
  | 'addIncidentEntry'
  | 'incidentTimeline'
  | 'postmortemMarkdown'
  | 'postmortemJson'
  | 'postmortemBundle'
  | 'postmortemHtml'
  | 'ingestChange'
  | 'listChanges'
  | 'relatedIncidents'
  | 'uploadSnapshot'
  | 'snapshotImage'
  | 'closeFollowUp'
  | 'reopenFollowUp';

const REPLAYED = 'idempotent-replayed';

function actorOf({ request }: RouteContext): Actor {
  return { tokenId: request.token?.id ?? null, tokenName: (request.token?.name ?? 'api').slice(0, 64), ...(request.token ? { role: request.token.role } : {}) };
}

/** The Idempotency-Key header: a ULID, because it becomes the id of what is stored. */
function idempotencyKey({ request }: RouteContext): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!ulidSchema.safeParse(key).success) throw new HttpError(400, 'invalid', 'the Idempotency-Key header must be a ULID (26 characters, Crockford base32)');
  return key;
}

const param = ({ request }: RouteContext): string => (request.params as { id: string }).id;
const query = ({ request }: RouteContext): Record<string, string | undefined> => request.query as Record<string, string | undefined>;

/** A refusal from the service, in HTTP's words. */
function guarded(handler: (ctx: RouteContext) => unknown): (ctx: RouteContext) => unknown {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof CommandRefused) throw new HttpError(error.httpStatus, error.httpCode, error.message);
      throw error;
    }
  };
}

function timeZoneFrom(ctx: RouteContext): string | undefined {
  const tz = query(ctx).tz;
  if (tz === undefined) return undefined;
  if (!knownTimeZone(tz)) throw new HttpError(400, 'invalid', `tz: expected an IANA time zone such as "Europe/London", got "${tz.slice(0, 60)}"`);
  return tz;
}

export function incidentHandlers(service: IncidentService, snapshots: SnapshotService): Pick<RouteHandlers, IncidentRoute> {
  /** One incident's stored snapshots, for the postmortem's bundles. */
  const snapshotStore = (incidentId: string): SnapshotStore => ({
    has: (assetId) => snapshots.has(incidentId, assetId),
    read: (assetId) => snapshots.bytes(incidentId, assetId),
  });
  /** Close or reopen: one new version of the todo entry, as a console would write it. */
  const followUpClosure = (ctx: RouteContext, close: boolean) => {
    const { id, followUpId } = ctx.request.params as { id: string; followUpId: string };
    const body = ctx.body as z.output<typeof followUpClosureBodySchema>;
    const actor = actorOf(ctx);
    const now = Date.now();
    // A minute of slack for a caller's clock; a closure planned for later is not a closure.
    if (body.closedAt !== undefined && body.closedAt > now + 60_000) throw new HttpError(400, 'invalid', 'closedAt: it is in the future; close it when it is done');
    const meta = { id: idempotencyKey(ctx) ?? ulid(), author: body.author ?? actor.tokenName, console: body.console ?? 'api' };
    const reply = service.setFollowUpClosed(id, followUpId, close ? (body.closedAt ?? now) : null, meta, actor);
    if (reply.duplicate) void ctx.reply.header(REPLAYED, 'true');
    const { followUp } = reply;
    return {
      followUp: { id: followUp.id, entryId: followUp.entryId, text: followUp.text, ...(followUp.owner ? { owner: followUp.owner } : {}), ...(followUp.dueAt !== undefined ? { dueAt: followUp.dueAt } : {}), createdAt: followUp.createdAt, closedAt: followUp.closedAt, closedBy: followUp.closedBy },
      state: followUpStateAt(followUp, now, service.followUpDays()),
      seq: reply.seq,
      changed: reply.changed,
    };
  };

  const handlers: Record<IncidentRoute, (ctx: RouteContext) => unknown> = {
    declareIncident: (ctx) => {
      const body = ctx.body as z.output<typeof declareIncidentBodySchema>;
      const key = idempotencyKey(ctx);
      if (key !== undefined && body.id !== undefined && key !== body.id) {
        throw new HttpError(400, 'invalid', 'the Idempotency-Key header and the body\'s id differ: send one, or the same in both');
      }
      const actor = actorOf(ctx);
      const reply = service.declare({ ...body, id: body.id ?? key ?? ulid(), author: body.author ?? actor.tokenName, console: body.console ?? 'api' }, actor);
      if (reply.duplicate) void ctx.reply.header(REPLAYED, 'true');
      return { incident: reply.incident, seq: reply.seq };
    },

    listIncidents: (ctx) => {
      const open = query(ctx).open;
      if (open !== undefined && open !== 'true' && open !== 'false') throw new HttpError(400, 'invalid', `open: expected true or false, got "${open.slice(0, 20)}"`);
      return { incidents: service.list(open === undefined ? {} : { open: open === 'true' }) };
    },

    addIncidentEntry: (ctx) => {
      const key = idempotencyKey(ctx);
      if (key === undefined) throw new HttpError(400, 'invalid', 'send an Idempotency-Key header (a ULID): it becomes the entry id, so a retry is stored once');
      const body = ctx.body as z.output<typeof restEntryBodySchema>;
      const actor = actorOf(ctx);
      const draft = newTimelineEntrySchema.safeParse({
        ...body,
        id: key,
        incidentId: param(ctx),
        text: body.text ?? '',
        occurredAt: body.occurredAt ?? Date.now(),
        author: body.author ?? actor.tokenName,
        console: body.console ?? 'api',
      });
      if (!draft.success) {
        const issues = draft.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
        throw new HttpError(400, 'invalid', `invalid entry: ${issues.join('; ')}`);
      }
      const reply = service.command(draft.data, actor);
      if (reply.duplicate) void ctx.reply.header(REPLAYED, 'true');
      return { entry: service.entry(key), seq: reply.seq };
    },

    incidentTimeline: (ctx) => {
      const { summary, record, log, view } = service.timeline(param(ctx));
      const durations = incidentDurations(view.markers);
      return {
        incident: summary,
        record,
        entries: log,
        projection: {
          visible: view.entries.map((e) => e.id),
          pinned: view.pinned.map((e) => e.id),
          status: view.status,
          severity: view.severity,
          roles: view.roles,
          markers: view.markers,
          durations: Object.fromEntries(Object.entries(durations).map(([key, d]) => [key, { ms: d.ms, state: d.state, ...(d.reason ? { reason: d.reason } : {}) }])),
          openTasks: view.openTasks,
          followUps: view.followUps,
          handoffs: view.handoffs,
          nextUpdates: nextUpdatesFor(view, view.now, service.cadence()),
          problems: view.problems,
        },
      };
    },

    postmortemMarkdown: (ctx) => {
      const id = param(ctx);
      const markdown = postmortemMarkdown(service.postmortem(id, timeZoneFrom(ctx)));
      return ctx.reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="postmortem-${id}.md"`)
        .send(markdown);
    },

    postmortemHtml: (ctx) => {
      const id = param(ctx);
      const html = postmortemHtml(service.postmortem(id, timeZoneFrom(ctx)), snapshotStore(id));
      return ctx.reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="postmortem-${id}.html"`)
        // Opened from the hub by mistake, it still runs nothing and loads nothing but its own pictures.
        .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
        .send(html);
    },

    postmortemJson: (ctx) => service.postmortem(param(ctx), timeZoneFrom(ctx)),

    postmortemBundle: (ctx) => {
      const id = param(ctx);
      const zip = postmortemBundle(service.postmortem(id, timeZoneFrom(ctx)), snapshotStore(id));
      return ctx.reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="postmortem-${id}.zip"`)
        .send(zip);
    },

    ingestChange: (ctx) => {
      const reply = service.ingestChange(ctx.body as z.output<typeof ingestChangeSchema>, actorOf(ctx));
      if (reply.duplicate) void ctx.reply.header(REPLAYED, 'true');
      return { change: reply.change };
    },

    relatedIncidents: (ctx) => ({ related: service.related(param(ctx)) }),

    uploadSnapshot: (ctx) => {
      const key = idempotencyKey(ctx);
      if (key === undefined) throw new HttpError(400, 'invalid', 'send an Idempotency-Key header (a ULID): it becomes the snapshot id, so a retry is stored once');
      const reply = snapshots.store(param(ctx), key, ctx.body as Buffer, ctx.tokenId);
      if (reply.duplicate) void ctx.reply.header(REPLAYED, 'true');
      else void ctx.reply.code(201);
      return { snapshot: reply.snapshot };
    },

    snapshotImage: (ctx) => {
      const { id, snapshotId } = ctx.request.params as { id: string; snapshotId: string };
      const bytes = snapshots.bytes(id, snapshotId);
      if (!bytes) throw new HttpError(404, 'not_found', `no snapshot ${snapshotId.slice(0, 40)} in incident ${id.slice(0, 40)}`);
      // Written once, never changed: the browser may keep it.
      return ctx.reply.type('image/png').header('cache-control', 'private, max-age=31536000, immutable').send(Buffer.from(bytes));
    },

    closeFollowUp: (ctx) => followUpClosure(ctx, true),
    reopenFollowUp: (ctx) => followUpClosure(ctx, false),

    listChanges: (ctx) => {
      const raw = query(ctx).since;
      const since = raw === undefined ? undefined : Number(raw);
      if (since !== undefined && !(Number.isInteger(since) && since >= 0)) throw new HttpError(400, 'invalid', `since: expected epoch milliseconds, got "${String(raw).slice(0, 40)}"`);
      return { changes: service.changes({ since }) };
    },
  };
  return Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, guarded(handler)])) as Pick<RouteHandlers, IncidentRoute>;
}
