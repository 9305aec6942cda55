/**
 * Incidents on the hub: every command becomes one entry (or a few, for a declaration) in the
 * append-only log, checked against the incident's projected state, committed durably, then
 * acknowledged and broadcast with its seq. Each incident's log is kept in memory, loaded at
 * start; the log in SQLite is the only truth. Its projection before the clock is read is kept in
 * one bounded cache that commands and readers share (see #untimedOf).
 *
 * Everything here is synchronous: node:sqlite commits before the call returns and socket.io
 * handlers run one at a time, so seq order is commit order and nothing interleaves a check and
 * its write.
 */
import { monotonicFactory } from 'ulid';
import { timelineEntrySchema, type CadencePolicy, type NewTimelineEntry, type TimelineEntry, type TimelineEntryOf } from '../../../shared/model/incident.ts';
import { defaultCadencePolicy } from '../../../shared/domain/incidents/cadence.ts';
import { impliedMarker } from '../../../shared/domain/incidents/durations.ts';
import { impliedStatus } from '../../../shared/domain/incidents/marker-status.ts';
import { changesToCopy, DEFAULT_CHANGE_LOOKBACK_MS, lookbackWindow } from '../../../shared/domain/incidents/change-lookback.ts';
import { relatedIncidents, withLinks, type IncidentFacts, type RelatedIncident } from '../../../shared/domain/incidents/related.ts';
import { followUpClosure, followUpEntry } from '../../../shared/domain/incidents/follow-ups.ts';
import { briefingFor, projectUntimed, reviseEntry, viewAt, type FollowUpView, type TimelineView, type UntimedView, type VisibleEntryOf } from '../../../shared/domain/incidents/timeline.ts';
import { DEFAULT_FOLLOW_UP_DAYS } from '../../../shared/model/incident-settings.ts';
import {
  SYNC_PAGE,
  changeKinds,
  type Change,
  type CommandReply,
  type DeclareReply,
  type IncidentSummary,
  type IngestChangeReply,
  type SyncReply,
  type declareIncidentSchema,
  type ingestChangeSchema,
} from '../../../shared/protocol/incidents.ts';
import type { z } from 'zod';
import type { IncidentRecord, IncidentRepository } from '../store/incidents.ts';
import { CommandRefused } from './errors.ts';
import { ProjectionCache } from './projection-cache.ts';
import { buildPostmortem, type Postmortem } from './postmortem.ts';
import { isOpen, recordOf, summaryOf, type IncidentOrigin } from './record.ts';
import { changedFields, closingRefusal, handoffAnswerRefusal, newProblems, problemKeys, revisionRefusal } from './rules.ts';
import { keptFieldsRefusal } from '../../../shared/domain/incidents/record-keepers.ts';
import type { Role } from '../../../shared/model/auth.ts';

export type DeclareRequest = z.output<typeof declareIncidentSchema>;
export type IngestChangeRequest = z.output<typeof ingestChangeSchema>;

/** Who sent a command: the token (a console, a bot), kept with each entry for the audit. */
export interface Actor {
  readonly tokenId: string | null;
  readonly tokenName: string;
  /** The token's role; absent for the hub's own writers (canaries, ingest), which answer to no seat. */
  readonly role?: Role;
}

/** Where stored entries go next: the socket server broadcasts them. */
export interface IncidentEvents {
  entry(entry: TimelineEntry): void;
  summary(summary: IncidentSummary): void;
  change(change: Change): void;
  /** A change logged on a console whose entry was deleted: off the change log and the charts. */
  changeWithdrawn(id: string): void;
}

export interface IncidentServiceOptions {
  readonly now?: () => number;
  /** The room's time zone (the workspace's), for exports. */
  readonly timeZone: () => string;
  readonly events: IncidentEvents;
  readonly log?: (message: string) => void;
  /** The status-update cadence in force (the workspace's); the default when absent. */
  readonly cadence?: () => CadencePolicy;
  /** A follow-up without a due date is due this many days after it was logged (the workspace's). */
  readonly followUpDays?: () => number;
  /** Whether the incident holds this uploaded snapshot (a "snapshot" entry must name one). */
  readonly snapshotExists?: (incidentId: string, assetId: string) => boolean;
  /** How far before impact start changes are copied into an incident's timeline (the workspace's). */
  readonly changeLookbackMs?: () => number;
  /** How many incidents' projections are kept (DEFAULT_PROJECTIONS_KEPT); 0 keeps none. */
  readonly projectionsKept?: number;
  /** How much the kept projections may weigh together, estimated (DEFAULT_PROJECTION_BYTES). */
  readonly projectionBytes?: number;
}

/** One incident in memory: its log; its projection is in the service's cache while it is kept. */
interface Live {
  readonly origin: IncidentOrigin;
  readonly log: TimelineEntry[];
  readonly byId: Map<string, TimelineEntry>;
  /** The projection's problems (passive entries never add any, so this stays right while the log grows). */
  problems: Set<string>;
  record: IncidentRecord;
  summary: IncidentSummary;
}

/**
 * Kinds that change nothing the hub checks or summarises (no status, role, task, marker or
 * severity): they are stored without re-projecting the incident, so a busy scribe costs O(1).
 */
const PASSIVE = new Set(['note', 'decision', 'action', 'finding', 'hypothesis', 'todo', 'change', 'snapshot']);
const isPassive = (entry: TimelineEntry): boolean => entry.supersedes === undefined && !entry.deleted && PASSIVE.has(entry.kind);

const CHANGES_WINDOW_MS = 24 * 3600_000;
/** Copied changes and those recorded live carry this console: the change log, not a seat. */
const CHANGE_LOG_CONSOLE = 'ingest';
/** The change log's service for a change logged without one in an incident without one. */
const UNNAMED_SERVICE = 'unspecified';
/** More changes than this in one look-back window are not looked at (a CI gone wild). */
const LOOKBACK_SCAN_LIMIT = 5000;

/** The index of the first entry with seq > afterSeq in a seq-ordered list. */
function firstAfter(list: readonly TimelineEntry[], afterSeq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.seq <= afterSeq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Above the thousands of incidents a hub holds: the plan and weekend reports and the weekly review
 * read every incident, so a smaller cap would drop each one before its next read.
 */
export const DEFAULT_PROJECTIONS_KEPT = 10_000;
/**
 * The kept projections' budget: 5,000 incidents of a dozen entries weigh about 42 MB, so the
 * count above binds first for short incidents (a smaller budget would drop each one before its
 * next read, as a smaller count would). Long incidents count for what they weigh, so a few huge
 * ones push each other out, not the rest.
 */
export const DEFAULT_PROJECTION_BYTES = 128 * 1024 * 1024;
/**
 * What an untimed projection weighs per entry of its log, measured (520-660 B, the more for short
 * logs): copies of the visible entries, the history and the indexes. Texts and data are the log's
 * own objects, shared and held by the log anyway, so their length adds nothing.
 */
export const PROJECTED_ENTRY_BYTES = 640;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export class IncidentService {
  readonly #repo: IncidentRepository;
  readonly #now: () => number;
  readonly #timeZone: () => string;
  readonly #events: IncidentEvents;
  readonly #snapshotExists: (incidentId: string, assetId: string) => boolean;
  readonly #cadence: () => CadencePolicy;
  readonly #followUpDays: () => number;
  readonly #changeLookbackMs: () => number;
  readonly #newId = monotonicFactory();
  readonly #incidents = new Map<string, Live>();
  /** Every entry id ever stored, for a retry's answer. */
  readonly #stored = new Map<string, { seq: number; incidentId: string }>();
  /** The whole log in seq order, for a client catching up on everything. */
  readonly #all: TimelineEntry[];
  /** Each incident's projection before the clock is read, until its log grows: for commands and readers alike. */
  readonly #untimed: ProjectionCache<UntimedView>;
  #seq: number;

  constructor(repo: IncidentRepository, options: IncidentServiceOptions) {
    this.#repo = repo;
    this.#now = options.now ?? Date.now;
    this.#timeZone = options.timeZone;
    this.#events = options.events;
    this.#snapshotExists = options.snapshotExists ?? (() => true);
    this.#cadence = options.cadence ?? (() => defaultCadencePolicy);
    this.#followUpDays = options.followUpDays ?? (() => DEFAULT_FOLLOW_UP_DAYS);
    this.#changeLookbackMs = options.changeLookbackMs ?? (() => DEFAULT_CHANGE_LOOKBACK_MS);
    this.#untimed = new ProjectionCache<UntimedView>(options.projectionsKept ?? DEFAULT_PROJECTIONS_KEPT, {
      bytes: options.projectionBytes ?? DEFAULT_PROJECTION_BYTES,
      sizeOf: (_view, length) => length * PROJECTED_ENTRY_BYTES,
    });
    this.#all = repo.allEntries();
    this.#seq = this.#all.at(-1)?.seq ?? 0;
    const logs = new Map<string, TimelineEntry[]>();
    for (const entry of this.#all) {
      this.#stored.set(entry.id, { seq: entry.seq, incidentId: entry.incidentId });
      let log = logs.get(entry.incidentId);
      if (!log) logs.set(entry.incidentId, (log = []));
      log.push(entry);
    }
    const now = this.#now();
    for (const [id, log] of logs) {
      const untimed = projectUntimed(log);
      this.#untimed.set(id, log.length, untimed);
      const view = viewAt(untimed, now);
      const origin = { id, createdAt: log[0]!.recordedAt, createdBy: log[0]!.author };
      let record = recordOf(origin, view);
      if ('missing' in record) {
        // Never written by this hub (it refuses such commands); keep the incident visible anyway.
        options.log?.(`incident ${id}: its log leaves it without ${record.missing}`);
        record = { ...origin, title: '(untitled)', severity: 4, priority: null, status: view.status, startedAt: null, endedAt: null, impact: null, service: null, region: null, platform: null, rootCauseCategory: null, responsibleProperty: null };
      }
      this.#incidents.set(id, {
        origin,
        log,
        byId: new Map(log.map((e) => [e.id, e])),
        problems: problemKeys(view),
        record,
        summary: summaryOf(record, view, this.#cadence()),
      });
    }
  }

  /**
   * Pull the andon cord: the incident, its title, the declared marker, its severity and its
   * commander, in one commit, with `also` (what the hub already knows, e.g. a canary's failure).
   */
  declare(req: DeclareRequest, actor: Actor, also: readonly NewTimelineEntry[] = []): DeclareReply {
    const known = this.#stored.get(req.id);
    if (known) {
      if (known.incidentId !== req.id) throw new CommandRefused('invalid', `id ${req.id} is already used by a timeline entry`);
      return { incident: this.#live(req.id).summary, seq: known.seq, duplicate: true };
    }
    const now = this.#now();
    const base = { incidentId: req.id, occurredAt: req.occurredAt ?? now, author: req.author, console: req.console };
    const drafts: NewTimelineEntry[] = [
      { ...base, id: req.id, kind: 'bookkeeping', text: '', data: { title: req.title, ...(req.priority ? { priority: req.priority } : {}), ...(req.service ? { service: req.service } : {}) } },
      { ...base, id: this.#newId(now), kind: 'marker', text: req.title, data: { marker: 'declared' }, pinned: true },
      { ...base, id: this.#newId(now), kind: 'severity', text: '', data: { severity: req.severity } },
      { ...base, id: this.#newId(now), kind: 'role', text: '', data: { role: 'commander', person: req.author, action: 'assign' } },
      ...also.map((entry) => ({ ...entry, incidentId: req.id })),
    ];
    const declared = drafts.map((draft, i) => this.#stamp(draft, this.#seq + 1 + i, now));
    const untimed = projectUntimed(declared);
    const view = viewAt(untimed, now);
    const origin = { id: req.id, createdAt: now, createdBy: req.author };
    const record = recordOf(origin, view);
    if ('missing' in record) throw new CommandRefused('invalid', `a declaration needs ${record.missing}`);
    // The deploys made shortly before it broke belong to its story: copied in the same commit.
    const recent = this.#recentChanges({ origin, log: declared, record, declaredAt: view.declaredAt ?? now }, this.#seq + 1 + declared.length, now);
    const entries = [...declared, ...recent];

    this.#repo.commit({ entries, incidents: [record], tokenId: actor.tokenId });

    const live: Live = { origin, log: [], byId: new Map(), problems: problemKeys(view), record, summary: summaryOf(record, view, this.#cadence()) };
    this.#incidents.set(req.id, live);
    this.#remember(live, entries);
    if (!recent.length) this.#untimed.set(req.id, live.log.length, untimed);
    for (const entry of entries) this.#events.entry(entry);
    this.#events.summary(live.summary);
    return { incident: live.summary, seq: entries[0]!.seq };
  }

  /** Store one timeline entry, if the incident's state and the sender's place in it allow. */
  command(draft: NewTimelineEntry, actor: Actor): CommandReply {
    const known = this.#stored.get(draft.id);
    if (known) return { seq: known.seq, duplicate: true };
    const live = this.#live(draft.incidentId);
    const now = this.#now();
    let entry = this.#stamp(draft, this.#seq + 1, now);
    let view: TimelineView | null = null;
    const current = (): TimelineView => (view ??= this.#viewNow(live, now));
    let linked: Live | null = null;
    if (entry.kind === 'link' && entry.supersedes === undefined) {
      linked = this.#linkTarget(entry);
      entry = { ...entry, data: { ...entry.data, title: linked.record.title } };
    }
    // A marker is a key moment whoever logs it and however (Alt+5, "!mark", a bot): unpinning it later is a choice, forgetting to pin it is not.
    if (entry.kind === 'marker' && entry.supersedes === undefined && !entry.deleted) entry = { ...entry, pinned: true };

    if (entry.deleted && entry.supersedes === undefined) {
      throw new CommandRefused('invalid', 'a deletion must name the entry it deletes (supersedes)');
    }
    if (entry.supersedes !== undefined) {
      const previous = live.byId.get(entry.supersedes);
      if (!previous) throw new CommandRefused('not_found', `entry ${entry.supersedes} is not in incident "${live.record.title}"`);
      const why = revisionRefusal(current(), previous, entry);
      if (why) throw new CommandRefused('forbidden', why);
      // Both incidents hold the link: only a pin may touch one side alone.
      if (previous.kind === 'link' && [...changedFields(previous, entry)].some((f) => f !== 'pinned')) {
        throw new CommandRefused('invalid', 'a link cannot be edited or deleted: unlink the incident instead (pinning it is fine)');
      }
    }
    // Cause and impact are the record keepers' (shared/domain/incidents/record-keepers.ts).
    if (entry.kind === 'bookkeeping' && !entry.deleted) {
      const previous = entry.supersedes === undefined ? undefined : live.byId.get(entry.supersedes);
      const fields = previous ? [...changedFields(previous, entry)].map((f) => f.replace(/^data\./, '')) : Object.keys(entry.data);
      const why = keptFieldsRefusal(current(), entry.author, fields, actor.role === undefined || actor.role === 'admin');
      if (why) throw new CommandRefused('forbidden', why);
    }
    if (entry.kind === 'snapshot' && !entry.deleted && !this.#snapshotExists(entry.incidentId, entry.data.assetId)) {
      throw new CommandRefused('not_found', `no snapshot ${entry.data.assetId} in this incident: upload the PNG first (POST /api/v1/incidents/${entry.incidentId}/snapshots)`);
    }
    if (entry.kind === 'handoff') {
      const why = handoffAnswerRefusal(current(), entry);
      if (why) throw new CommandRefused('forbidden', why);
      // The receiver must know what they take on: brief them if the offer came without one.
      if (entry.data.step === 'offer' && !entry.data.briefing) entry = { ...entry, data: { ...entry.data, briefing: briefingFor(current(), now, this.#cadence()) } };
    }

    // A trial projection of the log with the entry: refused, it is dropped; stored, it is the incident's projection.
    let trialUntimed: UntimedView | null = null;
    let trial: TimelineView | null = null;
    let record = live.record;
    const entries = [entry];
    if (!isPassive(entry)) {
      trialUntimed = projectUntimed([...live.log, entry]);
      trial = viewAt(trialUntimed, now);
      const [problem] = newProblems(live.problems, trial);
      if (problem) throw new CommandRefused('invalid', problem.message, { conflict: true });
      const closing = closingRefusal(trial, entry);
      if (closing) throw new CommandRefused('invalid', closing, { conflict: true });
      const implied = this.#statusMarker(trial, entry, now) ?? this.#markerStatus(trial, entry, now);
      if (implied) {
        entries.push(implied);
        trialUntimed = projectUntimed([...live.log, ...entries]);
        trial = viewAt(trialUntimed, now);
      }
      const next = recordOf(live.origin, trial);
      if ('missing' in next) throw new CommandRefused('invalid', `the incident needs ${next.missing}: log the right one instead of deleting it`, { conflict: true });
      record = next;
    }

    // A link shows on both incidents: its mirror goes into the other's log in the same commit.
    const mirror = linked && entry.kind === 'link' ? this.#linkMirror(entry, live, linked, now) : null;
    // Impact start moved earlier: the changes before the new start join the timeline in the same commit.
    // (A link, the only entry with a mirror, never moves it.)
    const recent =
      trial && !mirror && record.startedAt !== live.record.startedAt
        ? this.#recentChanges({ origin: live.origin, log: live.log, record, declaredAt: trial.declaredAt ?? live.summary.declaredAt }, this.#seq + 1 + entries.length, now)
        : [];
    entries.push(...recent);

    // A change logged on a console (or by a bot) joins the change log in the same commit: a marker on the charts, and in the look-back of incidents declared later.
    // It is a platform change, so the other open incidents get it too, as they get a webhook's.
    const copies: { live: Live; entry: TimelineEntry }[] = [];
    let change: Change | null = null;
    let revised: Change | null = null;
    let withdrawn: string | null = null;
    if (entry.kind === 'change' && entry.supersedes === undefined && !this.#repo.changeById(entry.id)) {
      const others = [...this.#incidents.values()].filter((other) => other !== live && isOpen(other.record.status));
      change = { ...this.#changeOf(entry, live, now), incidentIds: [live.origin.id, ...others.map((other) => other.origin.id)] };
      const from = { incident: live.origin.id, title: live.record.title.slice(0, 200) };
      others.forEach((other, i) => {
        const copy = this.#changeEntry(change!, other.origin.id, entry.author, this.#seq + 1 + entries.length + i, now);
        copies.push({ live: other, entry: this.#stamp({ ...copy, data: { ...copy.data, from } } as NewTimelineEntry, copy.seq, now) });
      });
    } else if (entry.kind === 'change' && entry.supersedes !== undefined) {
      // An edit or deletion of that entry revises or withdraws the change log's row, and its copies, in the same commit.
      const rootId = current().rootOf[entry.supersedes] ?? entry.supersedes;
      const logged = this.#repo.changeById(rootId);
      if (logged) {
        if (entry.deleted) withdrawn = rootId;
        else revised = { ...this.#changeOf(entry, live, now), id: rootId, recordedAt: logged.recordedAt, incidentIds: logged.incidentIds };
        copies.push(...this.#copyRevisions(rootId, live, entry, revised, this.#seq + 1 + entries.length, now));
      }
    }

    const recordChanged = !sameJson(record, live.record);
    this.#repo.commit({
      entries: [...entries, ...(mirror ? [mirror.entry] : []), ...copies.map((c) => c.entry)],
      incidents: recordChanged ? [record] : [],
      ...(change ? { change } : {}),
      ...(revised ? { changeRevised: revised } : {}),
      ...(withdrawn !== null ? { changeWithdrawn: withdrawn } : {}),
      tokenId: actor.tokenId,
    });

    this.#remember(live, entries);
    // The copied changes were not in the trial: the next read projects the log with them.
    if (trialUntimed && !recent.length) this.#untimed.set(live.origin.id, live.log.length, trialUntimed);
    else this.#untimed.delete(live.origin.id);
    if (trial) live.problems = problemKeys(trial);
    live.record = record;
    for (const stored of entries) this.#events.entry(stored);
    if (trial) this.#resummarise(live, trial);
    if (mirror && linked) {
      this.#remember(linked, [mirror.entry]);
      this.#untimed.set(linked.origin.id, linked.log.length, mirror.untimed);
      linked.problems = problemKeys(mirror.view);
      this.#events.entry(mirror.entry);
    }
    for (const copy of copies) {
      this.#remember(copy.live, [copy.entry]);
      this.#untimed.delete(copy.live.origin.id);
      this.#events.entry(copy.entry);
    }
    if (change) this.#events.change(change);
    if (revised) this.#events.change(revised);
    if (withdrawn !== null) this.#events.changeWithdrawn(withdrawn);
    return { seq: entry.seq };
  }

  /**
   * The other incidents' copies of a console change follow its edit (`revised`) or deletion
   * (null): one hub-written version each, numbered from `firstSeq`, in open incidents (a closed
   * one's record stays as it was closed). A copy a responder there deleted as noise stays deleted.
   */
  #copyRevisions(changeId: string, origin: Live, entry: TimelineEntryOf<'change'>, revised: Change | null, firstSeq: number, now: number): { live: Live; entry: TimelineEntry }[] {
    const out: { live: Live; entry: TimelineEntry }[] = [];
    for (const other of this.#incidents.values()) {
      if (other === origin || !isOpen(other.record.status)) continue;
      const copy = other.log.find((e) => e.kind === 'change' && e.supersedes === undefined && e.console === CHANGE_LOG_CONSOLE && e.data.ref === changeId.slice(0, 200));
      if (!copy) continue;
      const latest = this.#untimedOf(other).history[copy.id]?.at(-1) ?? copy;
      if (latest.deleted || latest.kind !== 'change') continue;
      const changes = revised
        ? { text: revised.description, occurredAt: revised.at, data: { ...latest.data, service: revised.service, source: revised.kind, ...(revised.url ? { url: revised.url } : {}) } }
        : { deleted: true };
      const draft = reviseEntry(latest, changes, { id: this.#newId(now), author: entry.author, console: CHANGE_LOG_CONSOLE });
      if (revised && !revised.url) delete (draft as { data: { url?: string } }).data.url;
      out.push({ live: other, entry: this.#stamp(draft, firstSeq + out.length, now) });
    }
    return out;
  }

  /** The incident a link names, refused in words when it is this one or does not exist. */
  #linkTarget(entry: TimelineEntryOf<'link'>): Live {
    if (entry.data.mirrorOf !== undefined) throw new CommandRefused('invalid', "data.mirrorOf is written by the hub on the other incident's side, not by a console");
    if (entry.data.other === entry.incidentId) throw new CommandRefused('invalid', 'an incident cannot be linked to itself');
    const other = this.#incidents.get(entry.data.other);
    if (!other) throw new CommandRefused('not_found', `no incident with id ${entry.data.other} to ${entry.data.action} (data.other)`);
    return other;
  }

  /** The link as the other incident records it, checked against its own log. */
  #linkMirror(entry: TimelineEntryOf<'link'>, from: Live, to: Live, now: number): { entry: TimelineEntry; untimed: UntimedView; view: TimelineView } {
    const mirror = this.#stamp(
      {
        id: this.#newId(now),
        incidentId: to.origin.id,
        kind: 'link',
        text: entry.text,
        occurredAt: entry.occurredAt,
        author: entry.author,
        console: entry.console,
        data: { other: from.origin.id, action: entry.data.action, title: from.record.title, mirrorOf: entry.id },
      },
      entry.seq + 1,
      now,
    );
    const untimed = projectUntimed([...to.log, mirror]);
    const view = viewAt(untimed, now);
    const [problem] = newProblems(to.problems, view);
    if (problem) throw new CommandRefused('invalid', `"${to.record.title}": ${problem.message}`, { conflict: true });
    return { entry: mirror, untimed, view };
  }

  /**
   * A change entry logged in an incident as the change log keeps it, under the entry's id (a
   * retry is stored once): its service is the entry's, else the incident's. An edit rewrites it
   * and a deletion withdraws it (see command): the charts show what the timeline now says.
   */
  #changeOf(entry: TimelineEntryOf<'change'>, live: Live, now: number): Change {
    const source = entry.data.source as Change['kind'] | undefined;
    return {
      id: entry.id,
      service: entry.data.service ?? live.record.service ?? UNNAMED_SERVICE,
      description: entry.text,
      author: entry.author,
      at: entry.occurredAt,
      kind: source !== undefined && changeKinds.includes(source) ? source : 'config',
      url: entry.data.url ?? null,
      recordedAt: now,
      incidentIds: [live.origin.id],
    };
  }

  /** A change from the change log as an incident's timeline entry, at the time it happened. */
  #changeEntry(change: Change, incidentId: string, author: string, seq: number, now: number): TimelineEntry {
    return this.#stamp(
      {
        id: this.#newId(now),
        incidentId,
        kind: 'change',
        text: change.description,
        occurredAt: change.at,
        author,
        console: CHANGE_LOG_CONSOLE,
        data: { service: change.service, source: change.kind, ref: change.id.slice(0, 200), ...(change.url ? { url: change.url } : {}) },
      },
      seq,
      now,
    );
  }

  /**
   * The entries that copy the changes of the look-back window (see change-lookback.ts) into an
   * incident that does not hold them yet, numbered from `firstSeq`. A change it holds in any
   * version (edited, or deleted by a responder) is never copied again, so declaring, moving the
   * impact start back and forth and restarting add each change once.
   */
  #recentChanges(incident: { origin: IncidentOrigin; log: readonly TimelineEntry[]; record: IncidentRecord; declaredAt: number }, firstSeq: number, now: number): TimelineEntry[] {
    const impactStart = incident.record.startedAt ?? incident.declaredAt;
    const window = lookbackWindow(impactStart, Math.max(incident.declaredAt, incident.origin.createdAt), this.#changeLookbackMs());
    const copied = new Set<string>();
    for (const e of incident.log) {
      copied.add(e.id); // a change logged on the console is its own entry
      if (e.kind === 'change' && e.console === CHANGE_LOG_CONSOLE && e.data.ref !== undefined) copied.add(e.data.ref);
    }
    const changes = changesToCopy(this.#repo.changesBetween(window.from, window.to, LOOKBACK_SCAN_LIMIT), { window, copied, service: incident.record.service });
    return changes.map((change, i) => this.#changeEntry(change, incident.origin.id, change.author ?? CHANGE_LOG_CONSOLE, firstSeq + i, now));
  }

  /**
   * "!status mitigated" is also the moment of mitigation: the marker it implies (when none is
   * marked yet), at the status's time, written in the same commit so the durations follow.
   */
  #statusMarker(trial: TimelineView, entry: TimelineEntry, now: number): TimelineEntry | null {
    if (entry.kind !== 'status' || entry.supersedes !== undefined || trial.statusHistory.at(-1)?.entryId !== entry.id) return null;
    const marker = impliedMarker(trial.markers, entry.data.status);
    return marker ? this.#implied(entry, { kind: 'marker', data: { marker }, pinned: true }, now) : null;
  }

  /**
   * A "mitigated" or "resolved" marker is also that status, unless the incident is already there
   * or further along (marker-status.ts): the status it implies, at the marker's time, written in
   * the same commit so the console, the walls and the webhooks follow.
   */
  #markerStatus(trial: TimelineView, entry: TimelineEntry, now: number): TimelineEntry | null {
    if (entry.kind !== 'marker' || entry.supersedes !== undefined || entry.deleted) return null;
    const from = trial.status;
    const status = impliedStatus({ status: from, changedAt: trial.statusHistory.at(-1)?.at ?? null }, entry.data.marker, entry.occurredAt);
    return status ? this.#implied(entry, { kind: 'status', data: { status, from } }, now) : null;
  }

  /** The entry another one implies (a status's marker, a marker's status): its time, author and console, stored right after it. */
  #implied(entry: TimelineEntry, what: Pick<NewTimelineEntry, 'kind' | 'data' | 'pinned'>, now: number): TimelineEntry {
    const draft = { id: this.#newId(now), incidentId: entry.incidentId, text: '', occurredAt: entry.occurredAt, author: entry.author, console: entry.console, ...what } as NewTimelineEntry;
    return this.#stamp(draft, entry.seq + 1, now);
  }

  /**
   * A change or deploy: kept for the walls' annotations and added to every open incident's
   * timeline (an incident declared later gets it from its look-back window: #recentChanges).
   */
  ingestChange(req: IngestChangeRequest, actor: Actor): IngestChangeReply {
    const id = req.id ?? this.#newId();
    const known = this.#repo.changeById(id);
    if (known) return { change: known, duplicate: true };
    const now = this.#now();
    const at = req.at ?? now;
    const author = (req.author ?? actor.tokenName).slice(0, 64);
    const open = [...this.#incidents.values()].filter((live) => isOpen(live.record.status));
    const change: Change = {
      id,
      service: req.service,
      description: req.description,
      author: req.author ?? null,
      at,
      kind: req.kind,
      url: req.url ?? null,
      recordedAt: now,
      incidentIds: open.map((live) => live.origin.id),
    };
    const entries = open.map((live, i) => this.#changeEntry(change, live.origin.id, author, this.#seq + 1 + i, now));
    this.#repo.commit({ entries, change, tokenId: actor.tokenId });
    open.forEach((live, i) => {
      this.#remember(live, [entries[i]!]);
      this.#untimed.delete(live.origin.id);
    });
    for (const entry of entries) this.#events.entry(entry);
    this.#events.change(change);
    return { change };
  }

  /** Open incidents first, newest first. */
  list({ open }: { open?: boolean | undefined } = {}): IncidentSummary[] {
    return [...this.#incidents.values()]
      .map((live) => live.summary)
      .filter((s) => open === undefined || s.open === open)
      .sort((a, b) => Number(b.open) - Number(a.open) || b.declaredAt - a.declaredAt);
  }

  /**
   * Everything after `afterSeq` (of one incident, or all), in seq order, a page at a time. With
   * `open`, only the entries of incidents open now: a wall has no use for last month's.
   */
  sync({ incidentId, afterSeq, limit = SYNC_PAGE, open }: { incidentId?: string | undefined; afterSeq: number; limit?: number | undefined; open?: boolean | undefined }): SyncReply {
    const source = incidentId === undefined ? this.#all : this.#live(incidentId).log;
    const start = firstAfter(source, afterSeq);
    if (!open) return { entries: source.slice(start, start + limit), more: start + limit < source.length, headSeq: this.#seq };
    const entries: TimelineEntry[] = [];
    let more = false;
    for (let i = start; i < source.length; i++) {
      const entry = source[i]!;
      if (!isOpen(this.#incidents.get(entry.incidentId)!.record.status)) continue;
      if (entries.length === limit) {
        more = true;
        break;
      }
      entries.push(entry);
    }
    return { entries, more, headSeq: this.#seq };
  }

  /**
   * The log, the row and its projection as of now, for REST readers and reports. The projection
   * is kept until the log grows; only what depends on the clock (overdue tasks, expired handoff
   * offers) is worked out at each call.
   */
  timeline(id: string): { record: IncidentRecord; summary: IncidentSummary; log: readonly TimelineEntry[]; view: TimelineView } {
    return { ...this.stored(id), view: this.#viewNow(this.#live(id)) };
  }

  /** The log (append-only: its length says whether it grew) and the row, without projecting: for readers that cache. */
  stored(id: string): { record: IncidentRecord; summary: IncidentSummary; log: readonly TimelineEntry[] } {
    const live = this.#live(id);
    return { record: live.record, summary: live.summary, log: live.log };
  }

  /** The projection before the clock is read (kept: see #untimedOf), for readers that keep what they make of it. */
  untimed(id: string): UntimedView {
    return this.#untimedOf(this.#live(id));
  }

  postmortem(id: string, timeZone = this.#timeZone()): Postmortem {
    const { record, view } = this.timeline(id);
    const titleOf = (other: string): string | null => this.#incidents.get(other)?.record.title ?? null;
    return buildPostmortem({ record, view, timeZone, now: this.#now(), followUpDays: this.#followUpDays(), titleOf });
  }

  /** Days after which an undated follow-up is due. */
  followUpDays(): number {
    return this.#followUpDays();
  }

  /**
   * Close (a time) or reopen (null) a follow-up: one superseding version of its todo entry, with
   * the same checks, commit and broadcast as any command. Already so: nothing is written.
   */
  setFollowUpClosed(
    incidentId: string,
    followUpId: string,
    closedAt: number | null,
    meta: { id: string; author: string; console: string },
    actor: Actor,
  ): { followUp: FollowUpView; entry: TimelineEntry; seq: number; changed: boolean; duplicate?: true } {
    const known = this.#stored.get(meta.id);
    const current = (): { followUp: FollowUpView; entry: VisibleEntryOf<'todo'> } => {
      const view = this.#viewNow(this.#live(incidentId));
      const entry = followUpEntry(view, followUpId);
      if (!entry) throw new CommandRefused('not_found', `no follow-up ${followUpId.slice(0, 40)} in incident ${incidentId.slice(0, 40)}`);
      return { followUp: view.followUps.find((f) => f.id === entry.rootId)!, entry };
    };
    if (known) return { ...current(), seq: known.seq, changed: false, duplicate: true };
    const { followUp, entry } = current();
    if ((followUp.closedAt !== null) === (closedAt !== null)) return { followUp, entry, seq: entry.seq, changed: false };
    const reply = this.command(followUpClosure(entry, closedAt, meta), actor);
    return { ...current(), seq: reply.seq, changed: true };
  }

  changes({ since, limit = 1000 }: { since?: number | undefined; limit?: number | undefined }): Change[] {
    return this.#repo.changesSince(since ?? this.#now() - CHANGES_WINDOW_MS, limit);
  }

  /** The changes that happened in [from, to], oldest first (a plan's change freeze); with `after`, those after it. */
  changesBetween(from: number, to: number, limit = 1000, after?: Pick<Change, 'at' | 'recordedAt' | 'id'>): Change[] {
    return this.#repo.changesBetween(from, to, limit, after);
  }

  /** How many changes happened in [from, to], and the latest (a freeze on the walls: no list needed). */
  changesTally(from: number, to: number): { count: number; latest: Change | null } {
    return this.#repo.changesTally(from, to);
  }

  /** A stored entry by id (a retry's answer), or null. */
  entry(id: string): TimelineEntry | null {
    const known = this.#stored.get(id);
    return known ? (this.#incidents.get(known.incidentId)?.byId.get(id) ?? null) : null;
  }

  /** The cadence in force, for readers that work out when updates are due. */
  cadence(): CadencePolicy {
    return this.#cadence();
  }

  /** The workspace changed the cadence: every open incident's "next update due" may move. */
  cadenceChanged(): void {
    const now = this.#now();
    for (const live of this.#incidents.values()) {
      if (!isOpen(live.record.status)) continue;
      this.#resummarise(live, this.#viewNow(live, now));
    }
  }

  /** "Last time this happened": the incidents linked to this one, then past incidents with the same service, root cause or title words. */
  related(id: string): RelatedIncident[] {
    const facts = (live: Live): IncidentFacts => ({
      id: live.record.id,
      title: live.record.title,
      severity: live.record.severity,
      status: live.record.status,
      declaredAt: live.summary.declaredAt,
      service: live.record.service,
      rootCauseCategory: live.record.rootCauseCategory,
    });
    const all = new Map([...this.#incidents.values()].map((live) => [live.origin.id, facts(live)]));
    const { links } = this.#untimedOf(this.#live(id));
    return withLinks(relatedIncidents(all.get(id)!, [...all.values()]), links, all);
  }

  /** The incident's banner summary, or null for an unknown id. */
  summary(id: string): IncidentSummary | null {
    return this.#incidents.get(id)?.summary ?? null;
  }

  /** Whether an incident with this id exists. */
  has(id: string): boolean {
    return this.#incidents.has(id);
  }

  /** The newest seq stored. */
  get headSeq(): number {
    return this.#seq;
  }

  /**
   * The incident's projection before the clock is read: kept until its log grows (a command that
   * projected the grown log keeps that one instead), made again from the log once let go.
   */
  #untimedOf(live: Live): UntimedView {
    return this.#untimed.get(live.origin.id, live.log.length, () => projectUntimed(live.log));
  }

  /** The projection as of `now`: only overdue tasks and expired offers are worked out here. */
  #viewNow(live: Live, now = this.#now()): TimelineView {
    return viewAt(this.#untimedOf(live), now);
  }

  #live(id: string): Live {
    const live = this.#incidents.get(id);
    if (!live) throw new CommandRefused('not_found', `no incident with id ${id}`);
    return live;
  }

  /** The entry as the hub stores it: its seq and the hub's clock, checked against the model. */
  #stamp(draft: NewTimelineEntry, seq: number, recordedAt: number): TimelineEntry {
    return timelineEntrySchema.parse({ ...draft, seq, recordedAt });
  }

  /** After the commit: memory follows the disk. */
  #remember(live: Live, entries: readonly TimelineEntry[]): void {
    for (const entry of entries) {
      live.log.push(entry);
      live.byId.set(entry.id, entry);
      this.#stored.set(entry.id, { seq: entry.seq, incidentId: entry.incidentId });
      this.#all.push(entry);
      this.#seq = entry.seq;
    }
  }

  #resummarise(live: Live, view: TimelineView): void {
    const summary = summaryOf(live.record, view, this.#cadence());
    if (sameJson(summary, live.summary)) return;
    live.summary = summary;
    this.#events.summary(summary);
  }
}
