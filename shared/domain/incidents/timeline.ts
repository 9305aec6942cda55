/**
 * The incident as the room sees it, projected from the append-only entry log.
 *
 * - Order is the hub's `seq` and nothing else, so every wall and console shows the same list
 *   whatever order entries arrived in. An edited entry keeps the place of its first version.
 * - An edit is an entry that `supersedes` another: the view shows the latest version of each
 *   chain (by seq; of two concurrent edits the later wins), the history keeps all of them.
 * - A deletion is a superseding tombstone (`deleted: true`): hidden, kept in the history, and
 *   undone by a later version without the flag.
 * - A task's progress (acknowledged, more time, done, toil) is a superseding version too, but not
 *   an edit: it does not make the entry "edited" (task-progress.ts).
 * - A role moves to someone only when they accept a handoff (or take a role nobody holds). A
 *   direct assignment to a held role is refused, not applied: the incident.io complaint was a
 *   lead silently replaced (gitlab production-engineering#26678).
 *
 * Entries that cannot apply (a status the lifecycle forbids, an accept by the wrong person, an
 * accept after the offer expired) stay in the timeline and are listed in `problems`.
 */
import { byHappened } from './time-order.ts';
import {
  canTransition,
  roleNames,
  sharedRoles,
  type Audience,
  type Briefing,
  type CadencePolicy,
  type FollowUpType,
  type IncidentStatus,
  type NewTimelineEntry,
  type Priority,
  type RoleName,
  type Severity,
  type TimelineEntry,
  type TimelineEntryOf,
  type EntryKind,
} from '../../model/incident.ts';
import { nextUpdateDue, type SeverityChange, type UpdateDue } from './cadence.ts';
import { latestMarkers, type MarkerTimes } from './durations.ts';
import { taskProgress } from './task-progress.ts';

/** An offer nobody answers lapses after this long; the role stays where it was. */
export const HANDOFF_TIMEOUT_MS = 5 * 60_000;

interface Placement {
  /** The id of the chain's first version: stable across edits, the key for the UI. */
  rootId: string;
  /** The seq of the first version: the entry's place in the timeline. */
  position: number;
  /** When the hub stored the first version. */
  createdAt: number;
  /** Rewritten since its first version: words, time, kind, pin or deletion changed (a task's progress does not count). */
  edited: boolean;
}
/** The latest version of an entry, where the first version stood. */
export type VisibleEntry = TimelineEntry & Placement;
export type VisibleEntryOf<K extends EntryKind> = TimelineEntryOf<K> & Placement;

export interface TaskView {
  id: string;
  /** The latest version, which an update must supersede. */
  entryId: string;
  owner: string;
  text: string;
  dueAt: number | null;
  acknowledgedAt: number | null;
  /** Who acknowledged it: the author of the version that did (the owner, or someone in a role who did it for them). */
  acknowledgedBy: string | null;
  done: boolean;
  overdue: boolean;
  /** When it was given (its first version's time). */
  givenAt: number;
  timeboxMs: number | null;
  doneAt: number | null;
  /** Marked as toil: its time counts toward the team's toil share. */
  toil: boolean;
}

export interface ClosedSpan {
  from: number;
  /** When it was reopened; null while it stays closed. */
  to: number | null;
}

export interface FollowUpView {
  id: string;
  entryId: string;
  text: string;
  owner?: string;
  dueAt?: number;
  type?: FollowUpType;
  priority?: Priority;
  ticketUrl?: string;
  /** Captured, still open, and not yet owned and dated. */
  pending: boolean;
  /** What it still needs before the incident can close. */
  missing: ('owner' | 'dueAt' | 'type')[];
  /** When it was logged: its first version's time. */
  createdAt: number;
  /** When it was closed (the latest version says); null while open. */
  closedAt: number | null;
  /** Who closed it: the author of the closing version. */
  closedBy: string | null;
  /** Every period it stood closed, oldest first (a reopen ends one), so a past week's review sees it as it was. */
  closedSpans: ClosedSpan[];
}

export interface RoleSpan {
  role: RoleName;
  person: string;
  from: number;
  /** null while they still hold it. */
  to: number | null;
  via: 'assigned' | 'handoff';
  /** The entry that gave them the role. */
  entryId: string;
  endedBy?: 'released' | 'handoff';
}

export type HandoffState = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';

export interface HandoffView {
  offerId: string;
  role: RoleName;
  from: string;
  to: string;
  offeredAt: number;
  expiresAt: number;
  state: HandoffState;
  settledAt: number | null;
  briefing?: Briefing;
  reason?: string;
}

/** Another incident this one is linked to ("same CDN origin"), by whom and when. */
export interface LinkView {
  incidentId: string;
  /** Its title when the link was made. */
  title: string | null;
  note: string;
  linkedBy: string;
  linkedAt: number;
  /** The link entry in this incident's log. */
  entryId: string;
}

export interface Problem {
  entryId: string;
  message: string;
}

export interface TimelineView {
  now: number;
  /** Visible entries in seq order. */
  entries: VisibleEntry[];
  /** Key moments in the order they happened (time-order.ts), as the console's timeline reads: a backdated one in its place, not last. */
  pinned: VisibleEntry[];
  tasks: TaskView[];
  openTasks: TaskView[];
  overdueTasks: TaskView[];
  liveHypotheses: VisibleEntryOf<'hypothesis'>[];
  followUps: FollowUpView[];
  status: IncidentStatus;
  statusHistory: { status: IncidentStatus; at: number; entryId: string }[];
  severity: Severity | null;
  severityHistory: (SeverityChange & { entryId: string })[];
  /** The declared marker, else the first entry's time: a log starts with its declaration. */
  declaredAt: number | null;
  markers: MarkerTimes;
  /** Who holds each role now. */
  roles: Record<RoleName, string[]>;
  roleHistory: RoleSpan[];
  handoffs: HandoffView[];
  /** The incidents linked to this one now, in the order they were linked. */
  links: LinkView[];
  lastSentAt: Partial<Record<Audience, number>>;
  /** The most recently sent status update, whatever its audience. */
  lastStatusUpdate: VisibleEntryOf<'status_update'> | null;
  problems: Problem[];
  /** Every version of every chain (tombstones included) by root id, in seq order. */
  history: Record<string, TimelineEntry[]>;
  /** The root id of every entry id. */
  rootOf: Record<string, string>;
}

export interface ProjectOptions {
  now: number;
  handoffTimeoutMs?: number;
}

/** Handles are compared as people type them: "@Maria" is maria. */
export const samePerson = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Follows `supersedes` to the first version; a missing original is its own (virtual) root. */
function rootsOf(byId: Map<string, TimelineEntry>): Record<string, string> {
  const rootOf: Record<string, string> = {};
  const find = (id: string): string => {
    const seen = new Set<string>();
    let at = id;
    for (;;) {
      const known = rootOf[at];
      if (known !== undefined) return known;
      const up = byId.get(at)?.supersedes;
      if (up === undefined || seen.has(up)) return at;
      seen.add(at);
      at = up;
    }
  };
  for (const id of byId.keys()) rootOf[id] = find(id);
  return rootOf;
}

/**
 * The projection before the clock is read: offers still pending past their expiry, no task marked
 * overdue. It changes only when the log does, so a reader may keep it and read it at any time
 * with `viewAt`.
 */
export type UntimedView = Omit<TimelineView, 'now' | 'tasks' | 'openTasks' | 'overdueTasks'> & { tasks: Omit<TaskView, 'overdue'>[] };

export function projectTimeline(log: readonly TimelineEntry[], { now, handoffTimeoutMs }: ProjectOptions): TimelineView {
  return viewAt(projectUntimed(log, handoffTimeoutMs === undefined ? {} : { handoffTimeoutMs }), now);
}

/** The untimed projection as it reads at `now`: offers expired and tasks overdue by then. */
export function viewAt(base: UntimedView, now: number): TimelineView {
  const tasks: TaskView[] = base.tasks.map((t) => ({ ...t, overdue: !t.done && t.dueAt !== null && now > t.dueAt }));
  const openTasks = tasks.filter((t) => !t.done);
  const handoffs = base.handoffs.map((h) => (h.state === 'pending' && now > h.expiresAt ? { ...h, state: 'expired' as const, settledAt: h.expiresAt } : h));
  return {
    now,
    entries: base.entries,
    pinned: base.pinned,
    tasks,
    openTasks,
    overdueTasks: openTasks.filter((t) => t.overdue),
    liveHypotheses: base.liveHypotheses,
    followUps: base.followUps,
    status: base.status,
    statusHistory: base.statusHistory,
    severity: base.severity,
    severityHistory: base.severityHistory,
    declaredAt: base.declaredAt,
    markers: base.markers,
    roles: base.roles,
    roleHistory: base.roleHistory,
    handoffs,
    links: base.links,
    lastSentAt: base.lastSentAt,
    lastStatusUpdate: base.lastStatusUpdate,
    problems: base.problems,
    history: base.history,
    rootOf: base.rootOf,
  };
}

export function projectUntimed(log: readonly TimelineEntry[], { handoffTimeoutMs = HANDOFF_TIMEOUT_MS }: Omit<ProjectOptions, 'now'> = {}): UntimedView {
  // A retried command can arrive twice: the first stored copy is the one.
  const byId = new Map<string, TimelineEntry>();
  for (const entry of [...log].sort((a, b) => a.seq - b.seq)) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  const rootOf = rootsOf(byId);

  const history: Record<string, TimelineEntry[]> = {};
  for (const entry of byId.values()) (history[rootOf[entry.id]!] ??= []).push(entry);

  const entries: VisibleEntry[] = [];
  for (const [rootId, versions] of Object.entries(history)) {
    const first = versions[0]!;
    const head = versions.at(-1)!;
    if (head.deleted) continue;
    const edited = versions.some((v, i) => i > 0 && taskProgress(versions[i - 1]!, v) === null);
    entries.push({ ...head, rootId, position: first.seq, createdAt: first.recordedAt, edited });
  }
  entries.sort((a, b) => a.position - b.position);

  const problems: Problem[] = [];
  const problem = (entry: VisibleEntry, message: string): void => void problems.push({ entryId: entry.id, message });

  // Status, severity, updates.
  let status: IncidentStatus = 'declared';
  const statusHistory: TimelineView['statusHistory'] = [];
  let severity: Severity | null = null;
  const severityHistory: TimelineView['severityHistory'] = [];
  const lastSentAt: TimelineView['lastSentAt'] = {};
  let lastStatusUpdate: VisibleEntryOf<'status_update'> | null = null;

  // Roles and handoffs.
  const roles = Object.fromEntries(roleNames.map((r) => [r, [] as string[]])) as Record<RoleName, string[]>;
  const roleHistory: RoleSpan[] = [];
  const handoffs = new Map<string, HandoffView>();
  const links = new Map<string, LinkView>();
  const holds = (role: RoleName, person: string): boolean => roles[role].some((p) => samePerson(p, person));
  const start = (role: RoleName, person: string, at: number, via: RoleSpan['via'], entryId: string): void => {
    roles[role].push(person);
    roleHistory.push({ role, person, from: at, to: null, via, entryId });
  };
  const end = (role: RoleName, person: string, at: number, endedBy: RoleSpan['endedBy']): void => {
    roles[role] = roles[role].filter((p) => !samePerson(p, person));
    const span = roleHistory.findLast((s) => s.role === role && s.to === null && samePerson(s.person, person));
    if (span) Object.assign(span, { to: at, endedBy });
  };
  /** The offer an answer refers to, if it is still open at the answer's time. */
  const openOffer = (entry: VisibleEntry, offerId: string): HandoffView | null => {
    const offer = handoffs.get(rootOf[offerId] ?? offerId);
    if (!offer) {
      problem(entry, 'no such handoff offer');
      return null;
    }
    if (offer.state === 'pending' && entry.createdAt > offer.expiresAt) Object.assign(offer, { state: 'expired', settledAt: offer.expiresAt });
    if (offer.state !== 'pending') {
      problem(entry, `the ${offer.role} handoff to ${offer.to} was already ${offer.state}`);
      return null;
    }
    return offer;
  };

  for (const entry of entries) {
    switch (entry.kind) {
      case 'status': {
        const to = entry.data.status;
        if (to === status) break;
        if (!canTransition(status, to)) {
          problem(entry, `status "${to}" cannot follow "${status}"`);
          break;
        }
        status = to;
        statusHistory.push({ status, at: entry.occurredAt, entryId: entry.id });
        break;
      }
      case 'severity':
        severity = entry.data.severity;
        severityHistory.push({ severity, at: entry.occurredAt, entryId: entry.id });
        break;
      case 'status_update': {
        const { sentAt, audience } = entry.data;
        if (sentAt === undefined) break; // a draft
        if (sentAt >= (lastSentAt[audience] ?? -Infinity)) lastSentAt[audience] = sentAt;
        if (!lastStatusUpdate || sentAt >= lastStatusUpdate.data.sentAt!) lastStatusUpdate = entry;
        break;
      }
      case 'role': {
        const { role, person, action } = entry.data;
        if (action === 'release') {
          if (holds(role, person)) end(role, person, entry.occurredAt, 'released');
          else problem(entry, `${person} does not hold ${role}`);
        } else if (holds(role, person)) {
          break;
        } else if (!sharedRoles.includes(role) && roles[role].length > 0) {
          problem(entry, `${role} is held by ${roles[role][0]}: hand it over, and it moves when ${person} accepts`);
        } else {
          start(role, person, entry.occurredAt, 'assigned', entry.id);
        }
        break;
      }
      case 'handoff': {
        const data = entry.data;
        if (data.step === 'offer') {
          if (!holds(data.role, data.from)) {
            problem(entry, `${data.from} cannot hand over ${data.role}: they do not hold it`);
            break;
          }
          if (samePerson(data.from, data.to) || holds(data.role, data.to)) {
            problem(entry, `${data.to} already holds ${data.role}`);
            break;
          }
          // A new offer for a role replaces one still open: the holder changed their mind.
          for (const other of handoffs.values()) {
            if (other.role === data.role && other.state === 'pending' && entry.createdAt <= other.expiresAt) {
              Object.assign(other, { state: 'cancelled', settledAt: entry.createdAt, reason: `replaced by an offer to ${data.to}` });
            }
          }
          handoffs.set(entry.rootId, {
            offerId: entry.rootId,
            role: data.role,
            from: data.from,
            to: data.to,
            offeredAt: entry.createdAt,
            expiresAt: entry.createdAt + handoffTimeoutMs,
            state: 'pending',
            settledAt: null,
            ...(data.briefing ? { briefing: data.briefing } : {}),
          });
          break;
        }
        const offer = openOffer(entry, data.offerId);
        if (!offer) break;
        if (data.step === 'cancel') {
          if (!samePerson(entry.author, offer.from)) problem(entry, `only ${offer.from} can withdraw this offer`);
          else Object.assign(offer, { state: 'cancelled', settledAt: entry.createdAt });
          break;
        }
        // Accept and decline are the receiver's answer, nobody else's.
        if (!samePerson(entry.author, offer.to)) {
          problem(entry, `only ${offer.to} can ${data.step} the ${offer.role} handoff`);
          break;
        }
        if (data.step === 'decline') {
          Object.assign(offer, { state: 'declined', settledAt: entry.createdAt, ...(data.reason ? { reason: data.reason } : {}) });
          break;
        }
        if (!holds(offer.role, offer.from)) {
          Object.assign(offer, { state: 'cancelled', settledAt: entry.createdAt, reason: `${offer.from} no longer holds ${offer.role}` });
          problem(entry, `${offer.from} no longer holds ${offer.role}: nothing to accept`);
          break;
        }
        end(offer.role, offer.from, entry.occurredAt, 'handoff');
        start(offer.role, offer.to, entry.occurredAt, 'handoff', entry.id);
        Object.assign(offer, { state: 'accepted', settledAt: entry.createdAt });
        break;
      }
      case 'link': {
        const { other, action, title } = entry.data;
        if (action === 'unlink') {
          if (links.delete(other)) break;
          problem(entry, `this incident is not linked to ${title ? `"${title}"` : other}`);
        } else if (other === entry.incidentId) problem(entry, 'an incident cannot be linked to itself');
        else if (links.has(other)) problem(entry, `this incident is already linked to ${title ? `"${title}"` : other}`);
        else links.set(other, { incidentId: other, title: title ?? null, note: entry.text, linkedBy: entry.author, linkedAt: entry.occurredAt, entryId: entry.id });
        break;
      }
      default:
        break;
    }
  }

  /** The time of a chain's first version: when the task was given, the follow-up logged. */
  const firstOccurredAt = (e: VisibleEntry): number => history[e.rootId]?.[0]?.occurredAt ?? e.occurredAt;
  /**
   * The periods a follow-up stood closed: from a version's closedAt until a later version reopened
   * it (when the hub recorded that version: a version keeps the entry's occurredAt).
   */
  const closedSpansOf = (e: VisibleEntry): ClosedSpan[] => {
    const spans: ClosedSpan[] = [];
    for (const v of history[e.rootId] ?? []) {
      if (v.kind !== 'todo') continue;
      const open = spans.at(-1);
      const closedAt = v.data.closedAt;
      if (closedAt === undefined) {
        if (open && open.to === null) open.to = Math.max(open.from, v.recordedAt);
      } else if (open && open.to === null) open.from = closedAt; // closed again with another time
      else spans.push({ from: closedAt, to: null });
    }
    return spans;
  };
  /** The author of the version that gave a field its present value (a later edit of the text does not set it again). */
  const setterOf = (e: VisibleEntry, field: (v: TimelineEntry) => unknown): string => {
    const versions = history[e.rootId] ?? [];
    const value = field(e);
    let setter = e.author;
    for (let i = versions.length - 1; i >= 0; i--) {
      const v = versions[i]!;
      if (v.kind !== e.kind || field(v) !== value) break;
      setter = v.author;
    }
    return setter;
  };
  const tasks: UntimedView['tasks'] = entries
    .filter((e): e is VisibleEntryOf<'task'> => e.kind === 'task')
    .map((e) => ({
      id: e.rootId,
      entryId: e.id,
      owner: e.data.owner,
      text: e.text,
      dueAt: e.data.dueAt ?? null,
      acknowledgedAt: e.data.acknowledgedAt ?? null,
      acknowledgedBy: e.data.acknowledgedAt === undefined ? null : setterOf(e, (v) => (v.kind === 'task' ? v.data.acknowledgedAt : undefined)),
      done: e.data.done,
      givenAt: firstOccurredAt(e),
      timeboxMs: e.data.timeboxMs ?? null,
      doneAt: e.data.doneAt ?? null,
      toil: e.data.toil ?? false,
    }));

  const followUps: FollowUpView[] = entries
    .filter((e): e is VisibleEntryOf<'todo'> => e.kind === 'todo')
    .map((e) => {
      const missing = (['owner', 'dueAt', 'type'] as const).filter((field) => e.data[field] === undefined);
      const { closedAt, ...data } = e.data;
      return {
        id: e.rootId,
        entryId: e.id,
        text: e.text,
        ...data,
        // One already done needs no owner or date to let the incident close.
        pending: closedAt === undefined && (missing.includes('owner') || missing.includes('dueAt')),
        missing,
        createdAt: firstOccurredAt(e),
        closedAt: closedAt ?? null,
        closedBy: closedAt === undefined ? null : setterOf(e, (v) => (v.kind === 'todo' ? v.data.closedAt : undefined)),
        closedSpans: closedSpansOf(e),
      };
    });

  const markers = latestMarkers(entries);
  return {
    entries,
    pinned: entries.filter((e) => e.pinned).sort((a, b) => byHappened({ at: a.occurredAt, seq: a.position, recordedAt: a.createdAt }, { at: b.occurredAt, seq: b.position, recordedAt: b.createdAt })),
    tasks,
    liveHypotheses: entries.filter((e): e is VisibleEntryOf<'hypothesis'> => e.kind === 'hypothesis' && e.data.state === 'open'),
    followUps,
    status,
    statusHistory,
    severity,
    severityHistory,
    declaredAt: markers.declared ?? entries[0]?.occurredAt ?? null,
    markers,
    roles,
    roleHistory,
    handoffs: [...handoffs.values()],
    links: [...links.values()],
    lastSentAt,
    lastStatusUpdate,
    problems,
    history,
    rootOf,
  };
}

/** Every version of the entry `id` belongs to (any version's id will do), oldest first. */
export function entryHistory(view: TimelineView, id: string): TimelineEntry[] {
  const root = view.rootOf[id];
  return root === undefined ? [] : (view.history[root] ?? []);
}

/** The offers still waiting for an answer. */
export const pendingHandoffs = (view: TimelineView): HandoffView[] => view.handoffs.filter((h) => h.state === 'pending');

/**
 * A new version of an entry, for the console to send: an edit, a pin, a task marked done, a
 * hypothesis ruled out, or a deletion (`{ deleted: true }`). It supersedes the version given.
 */
export function reviseEntry<E extends TimelineEntry>(
  previous: E,
  changes: Partial<Pick<E, 'text' | 'occurredAt' | 'pinned' | 'deleted' | 'data'>>,
  meta: { id: string; author: string; console: string },
): NewTimelineEntry {
  const { seq: _seq, recordedAt: _recordedAt, ...rest } = previous;
  const placement = ['rootId', 'position', 'createdAt', 'edited'];
  const clean = Object.fromEntries(Object.entries(rest).filter(([key]) => !placement.includes(key)));
  return { ...clean, ...changes, ...meta, supersedes: previous.id } as NewTimelineEntry;
}

/** When the next update is due to each audience; empty when severity or start is unknown. */
export function nextUpdatesFor(view: TimelineView, now: number, policy?: CadencePolicy): UpdateDue[] {
  if (view.declaredAt === null || view.severity === null) return [];
  return nextUpdateDue({
    severity: view.severityHistory,
    declaredAt: view.declaredAt,
    lastSentAt: view.lastSentAt,
    now,
    status: view.status,
    ...(policy ? { policy } : {}),
  });
}

/**
 * What someone taking over a role must know, generated rather than remembered: open tasks, live
 * hypotheses, the last status update, when the next is due, and TODOs nobody owns yet.
 */
export function briefingFor(view: TimelineView, now: number, policy?: CadencePolicy): Briefing {
  const last = view.lastStatusUpdate;
  return {
    generatedAt: now,
    status: view.status,
    severity: view.severity,
    openTasks: view.openTasks.map((t) => ({
      id: t.id,
      owner: t.owner,
      text: t.text,
      dueAt: t.dueAt,
      overdue: t.dueAt !== null && now > t.dueAt,
    })),
    liveHypotheses: view.liveHypotheses.map((h) => ({ id: h.rootId, text: h.text })),
    lastStatusUpdate: last
      ? {
          id: last.rootId,
          text: last.text,
          audience: last.data.audience,
          conditions: last.data.conditions,
          actions: last.data.actions,
          needs: last.data.needs,
          sentAt: last.data.sentAt!,
        }
      : null,
    nextUpdates: nextUpdatesFor(view, now, policy).flatMap((u) => (u.dueAt === null ? [] : [{ audience: u.audience, dueAt: u.dueAt, overdue: u.overdue }])),
    pendingTodos: view.followUps.filter((f) => f.pending).map((f) => ({ id: f.id, text: f.text })),
    commsSent: view.entries
      .filter((e): e is VisibleEntryOf<'status_update'> => e.kind === 'status_update' && e.data.sentAt !== undefined)
      .sort((a, b) => b.data.sentAt! - a.data.sentAt!)
      .slice(0, 20)
      .map((e) => ({ id: e.rootId, audience: e.data.audience, sentAt: e.data.sentAt!, text: e.text.slice(0, 300) })),
  };
}
