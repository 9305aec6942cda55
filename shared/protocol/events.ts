/**
 * The socket.io event maps, shared by the hub (Server<ClientToServerEvents, ServerToClientEvents>)
 * and the UI (Socket<ServerToClientEvents, ClientToServerEvents>). Types are not validation: the
 * hub checks every incoming payload against `requestSchemas` and the role in `eventRoles`.
 */
import type { TriggerFired } from './plans.ts';
import { z } from 'zod';
import type { Role, TokenInfo } from '../model/auth.ts';
import { ingestScopeSchema, roleSchema } from '../model/auth.ts';
import type { Frame, FrameDelta } from '../model/frame.ts';
import type { Workspace } from '../model/workspace.ts';
import type { WorkspaceIssue } from '../model/workspace-error.ts';
import type { Ack } from './ack.ts';
import {
  declareIncidentSchema,
  incidentCommandSchema,
  ingestChangeSchema,
  listChangesSchema,
  listIncidentsSchema,
  relatedRequestSchema,
  syncSchema,
  type Change,
  type CommandReply,
  type DeclareIncident,
  type DeclareReply,
  type IncidentCommand,
  type IncidentSummary,
  type IngestChangeReply,
  type SyncReply,
} from './incidents.ts';
import type { TimelineEntry } from '../model/incident.ts';
import type { RelatedIncident } from '../domain/incidents/related.ts';
import { presenceRequestSchemas, type PresenceBoard, type PresenceReport } from './presence.ts';
import { webhookRequestSchemas, type WebhookDelivery } from './webhooks.ts';
import {
  canaryRequestSchemas,
  type CanaryAndon,
  type CanaryBoard,
  type CanarySummary,
  type CanaryDelta,
  type CanaryEntryReply,
  type CanaryRequest,
  type CanaryRollup,
  type CanaryRunRecord,
} from './canaries.ts';
import { pulseRequestSchemas, type PulseRequest, type PulseSnapshot, type PulseSpikeEvent, type PulseUpdate } from './pulse.ts';
import { enrolApproveBodySchema, enrolCodeCreateBodySchema, wallHeartbeatSchema, type EnrolCodeReply, type WallHealth } from './walls.ts';

export const requestSchemas = {
  'frames:subscribe': z.object({ keys: z.array(z.string().min(1).max(2000)).max(500) }).strict(),
  'frames:unsubscribe': z.object({ keys: z.array(z.string().min(1).max(2000)).max(500) }).strict(),
  'tokens:list': z.object({}).strict(),
  'tokens:create': z.object({ name: z.string().trim().min(1).max(80), role: roleSchema, scopes: z.array(ingestScopeSchema).max(8).optional() }).strict(),
  'tokens:revoke': z.object({ id: z.string().min(1).max(64) }).strict(),
  'incident:declare': declareIncidentSchema,
  'incident:command': incidentCommandSchema,
  'incidents:list': listIncidentsSchema,
  'incident:sync': syncSchema,
  'incident:related': relatedRequestSchema,
  'changes:list': listChangesSchema,
  'changes:ingest': ingestChangeSchema,
  ...canaryRequestSchemas,
  ...presenceRequestSchemas,
  ...webhookRequestSchemas,
  ...pulseRequestSchemas,
  'wall:heartbeat': wallHeartbeatSchema,
  'walls:health': z.object({}).strict(),
  'hub:time': z.object({}).strict(),
  'enrolment:approve': enrolApproveBodySchema,
  'enrolment:create': enrolCodeCreateBodySchema,
} as const;

type Req<K extends keyof typeof requestSchemas> = z.input<(typeof requestSchemas)[K]>;

export interface ClientToServerEvents {
  'frames:subscribe': (req: Req<'frames:subscribe'>, ack: Ack<{ frames: Frame[] }>) => void;
  'frames:unsubscribe': (req: Req<'frames:unsubscribe'>, ack: Ack) => void;
  'tokens:list': (req: Req<'tokens:list'>, ack: Ack<{ tokens: TokenInfo[] }>) => void;
  'tokens:create': (req: Req<'tokens:create'>, ack: Ack<{ token: TokenInfo; secret: string }>) => void;
  'tokens:revoke': (req: Req<'tokens:revoke'>, ack: Ack) => void;
  'incident:declare': (req: DeclareIncident, ack: Ack<DeclareReply>) => void;
  /** Any timeline entry: a note, an edit or delete (supersedes), a pin, a role, a handoff step, a task ack… */
  'incident:command': (req: IncidentCommand, ack: Ack<CommandReply>) => void;
  'incidents:list': (req: Req<'incidents:list'>, ack: Ack<{ incidents: IncidentSummary[] }>) => void;
  /** Everything stored after `afterSeq`, in seq order: what a reconnecting client missed. */
  'incident:sync': (req: Req<'incident:sync'>, ack: Ack<SyncReply>) => void;
  /** "Last time this happened": past incidents like this one, with why. */
  'incident:related': (req: Req<'incident:related'>, ack: Ack<{ related: RelatedIncident[] }>) => void;
  'changes:list': (req: Req<'changes:list'>, ack: Ack<{ changes: Change[] }>) => void;
  'changes:ingest': (req: Req<'changes:ingest'>, ack: Ack<IngestChangeReply>) => void;
  /** The whole canary board, and `canaries:delta` from now on. */
  'canaries:board': (req: CanaryRequest<'canaries:board'>, ack: Ack<{ board: CanaryBoard }>) => void;
  /** The canaries confirmed failing, and `canaries:summary` whenever they change (instead of the board). */
  'canaries:summary': (req: CanaryRequest<'canaries:summary'>, ack: Ack<{ summary: CanarySummary }>) => void;
  'canaries:unsubscribe': (req: CanaryRequest<'canaries:unsubscribe'>, ack: Ack) => void;
  /** Acknowledge a canary's current problem (until it recovers). */
  'canary:ack': (req: CanaryRequest<'canary:ack'>, ack: Ack<CanaryEntryReply>) => void;
  'canary:link': (req: CanaryRequest<'canary:link'>, ack: Ack<CanaryEntryReply>) => void;
  /** Acknowledge for a while: when it ends on a still-failing canary, it alerts again. */
  'canary:snooze': (req: CanaryRequest<'canary:snooze'>, ack: Ack<CanaryEntryReply>) => void;
  'canary:unack': (req: CanaryRequest<'canary:unack'>, ack: Ack<CanaryEntryReply>) => void;
  /** Raw runs, newest first (timings, assertions, JUnit counts): the detail view. */
  'canary:results': (req: CanaryRequest<'canary:results'>, ack: Ack<{ results: CanaryRunRecord[] }>) => void;
  /** Hourly rollups, oldest first (default: the last 30 days). */
  'canary:rollups': (req: CanaryRequest<'canary:rollups'>, ack: Ack<{ rollups: CanaryRollup[] }>) => void;
  /** A console's outbox, for the room to see who still holds unsent entries. */
  'console:presence': (req: PresenceReport, ack: Ack) => void;
  'consoles:list': (req: Record<string, never>, ack: Ack<{ board: PresenceBoard }>) => void;
  /** The recent deliveries to the workspace's webhooks (of one incident), oldest first. */
  'webhooks:deliveries': (req: Req<'webhooks:deliveries'>, ack: Ack<{ deliveries: WebhookDelivery[] }>) => void;
  /** The customer pulse now (aggregates, latest posts, spike, feeds), and `pulse:update` from now on. */
  'pulse:subscribe': (req: PulseRequest<'pulse:subscribe'>, ack: Ack<{ pulse: PulseSnapshot }>) => void;
  'pulse:unsubscribe': (req: PulseRequest<'pulse:unsubscribe'>, ack: Ack) => void;
  /** A wall's health, every few seconds: page shown, errors, memory, frames/s, worst data age. */
  'wall:heartbeat': (req: Req<'wall:heartbeat'>, ack: Ack) => void;
  /** Every wall's last heartbeat (Settings). */
  'walls:health': (req: Req<'walls:health'>, ack: Ack<{ walls: WallHealth[] }>) => void;
  /** The hub's clock now: a screen times a few of these to know the hub's clock to the millisecond. */
  'hub:time': (req: Req<'hub:time'>, ack: Ack<{ serverTime: number }>) => void;
  /** An admin enters the code a wall shows: the wall then claims its own viewer token. */
  'enrolment:approve': (req: Req<'enrolment:approve'>, ack: Ack<{ name: string; expiresAt: number }>) => void;
  /** An admin creates a one-time code (shown once) that a wall enters at #/enrol. */
  'enrolment:create': (req: Req<'enrolment:create'>, ack: Ack<EnrolCodeReply>) => void;
}

/** The least role each command needs. A viewer (wall) token can only read. */
export const eventRoles: { readonly [K in keyof ClientToServerEvents]: Role } = {
  'frames:subscribe': 'viewer',
  'frames:unsubscribe': 'viewer',
  'tokens:list': 'admin',
  'tokens:create': 'admin',
  'tokens:revoke': 'admin',
  'incident:declare': 'responder',
  'incident:command': 'responder',
  'incidents:list': 'viewer',
  'incident:sync': 'viewer',
  'incident:related': 'viewer',
  'changes:list': 'viewer',
  'changes:ingest': 'responder',
  'canaries:board': 'viewer',
  'canaries:summary': 'viewer',
  'canaries:unsubscribe': 'viewer',
  'canary:ack': 'responder',
  'canary:link': 'responder',
  'canary:snooze': 'responder',
  'canary:unack': 'responder',
  'canary:results': 'viewer',
  'canary:rollups': 'viewer',
  'console:presence': 'responder',
  'consoles:list': 'viewer',
  'webhooks:deliveries': 'viewer',
  'pulse:subscribe': 'viewer',
  'pulse:unsubscribe': 'viewer',
  'wall:heartbeat': 'viewer',
  'walls:health': 'admin',
  'hub:time': 'viewer',
  'enrolment:approve': 'admin',
  'enrolment:create': 'admin',
};

export interface WorkspaceState {
  /** The workspace in force: the last valid one, even while the file on disk is broken. */
  readonly workspace: Workspace | null;
  /** Why the file on disk was refused, or null when it is the one in force. */
  readonly issues: readonly WorkspaceIssue[] | null;
  readonly loadedAt: number | null;
}

export interface HubHello {
  readonly version: string;
  /**
   * The UI build the hub serves (its entry script's file name), null when it serves none; absent
   * from older hubs. A page the hub served that runs another build reloads (walls) or offers to.
   */
  readonly uiBuild?: string | null;
  readonly role: Role;
  readonly tokenName: string;
  /** The hub's clock when it said hello: a first guess at the offset, refined by `hub:time`. */
  readonly serverTime: number;
  readonly workspace: WorkspaceState;
}

export interface ServerToClientEvents {
  'hub:hello': (hello: HubHello) => void;
  'workspace:changed': (state: WorkspaceState) => void;
  /** New points and metadata for subscribed frames, batched. */
  'frames:delta': (deltas: FrameDelta[]) => void;
  /** Sent just before the hub closes this connection for good (e.g. the token was revoked). */
  'session:ended': (info: { reason: string }) => void;
  /** Every stored timeline entry, with its seq, to every client (walls included). */
  'incident:entry': (entry: TimelineEntry) => void;
  /** An incident's banner data changed (declared, status, severity, commander, tasks, updates due). */
  'incident:summary': (summary: IncidentSummary) => void;
  /** A change or deploy was recorded: an annotation for the walls' time-series panels. */
  'change:recorded': (change: Change) => void;
  /** A change logged on a console was deleted there: its marker leaves the walls' charts. (An edit comes as `change:recorded` with the same id.) */
  'change:withdrawn': (change: { id: string }) => void;
  /** What moved on the canary board (to sockets that asked for the board): never the whole board. */
  'canaries:delta': (delta: CanaryDelta) => void;
  /** The canaries confirmed failing, whole, when that list changed (to sockets that asked for the summary). */
  'canaries:summary': (summary: CanarySummary) => void;
  /** To every client: a critical canary confirmed failing (prompt to pull the andon cord), or recovered. */
  'canary:andon': (andon: CanaryAndon) => void;
  /**
   * To every client, on connecting and whenever it changes: every andon prompt still outstanding
   * (a critical canary confirmed failing that nobody has acknowledged or declared an incident for).
   * A prompt missing from it was acted on or its check recovered: withdraw it.
   */
  'canary:andons': (andons: CanaryAndon[]) => void;
  /** The consoles connected (and recently gone) with their unsent counts, after any change. */
  'consoles:presence': (board: PresenceBoard) => void;
  /** A webhook delivery was queued, retried, delivered or given up. */
  'incident:delivery': (delivery: WebhookDelivery) => void;
  /** New posts and changed minutes (to sockets that subscribed to the pulse), at most once a second. */
  'pulse:update': (update: PulseUpdate) => void;
  /** To every client: a complaint spike was raised, updated (each minute) or cleared. */
  'pulse:spike': (event: PulseSpikeEvent) => void;
  /** To every client: a plan, its check-ins or its live trigger states changed (fetch it again). */
  'plan:changed': (change: { planId: string }) => void;
  /** To every client: a running plan's risk trigger started firing (offer its contingency plan). */
  'plan:trigger': (fired: TriggerFired) => void;
}

// The hub keeps no inter-server events or per-socket data beyond its own bookkeeping.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  tokenId: string;
  tokenName: string;
  role: Role;
}
