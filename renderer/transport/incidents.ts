/**
 * Incidents over the hub's socket, for consoles and walls alike:
 *
 * - On every hello (a new connection, maybe to a restarted hub) the screen catches up with
 *   `incident:sync` from the last seq it holds (kept in the local journal, so a reload resumes
 *   where it stopped), page by page, then lists the incidents and the day's changes. Broadcasts
 *   (`incident:entry`, `incident:summary`, `change:recorded`) that arrive meanwhile are kept; the
 *   cursor only moves past them once the catch-up is complete, as test/support/console-client.ts
 *   does. A hub whose log is not the one held (a new data folder) is recognised by the id of the
 *   entry at our cursor, and the journal starts over.
 * - Commands go through the outbox (outbox.ts): stored in IndexedDB first, delivered one at a
 *   time once caught up, removed only on the hub's ack. An impact snapshot is one of them: its
 *   PNG waits in the journal with its entry, is uploaded under its own id when its turn comes
 *   (snapshot-upload.ts), then its entry is sent like any other.
 */
import type { NewTimelineEntry, Priority, Severity } from '../../shared/model/incident.ts';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import { ACK_TIMEOUT_MS } from '../../shared/protocol/ack.ts';
import type { AckError, AckResult } from '../../shared/protocol/ack.ts';
import { MAX_SNAPSHOT_BYTES } from '../../shared/protocol/incidents.ts';
import type { Change, CommandReply, DeclareIncident, DeclareReply, IncidentCommand, IncidentSummary, SyncReply } from '../../shared/protocol/incidents.ts';
import type { PresenceBoard, PresenceReport } from '../../shared/protocol/presence.ts';
import type { WebhookDelivery } from '../../shared/protocol/webhooks.ts';
import type { RelatedIncident } from '../../shared/domain/incidents/related.ts';
import type { AppStore } from '../state/store.ts';
import type { Identity } from '../state/incidents.ts';
import type { HubClient, HubSocket } from './hub.ts';
import { openJournal } from './incident-db.ts';
import type { IncidentJournal, JournalCursor } from './incident-db.ts';
import { MAX_RETRY_MS, newId, Outbox, pendingItems, retryPause, RETRYABLE_CODES } from './outbox.ts';
import type { Deliver, Delivery, OutboxItem } from './outbox.ts';
import { uploadSnapshot } from './snapshot-upload.ts';
import type { KeyValueStorage } from './token.ts';

export const PERSON_KEY = 'mc.person';
export const CONSOLE_KEY = 'mc.console';
/** The room's time zone and the hub's clock offset, as last heard (for a start without the hub). */
export const REMEMBERED_KEY = 'mc.incidents.remembered';
/** The longest a change of the outbox waits before the hub hears of it (many acks a second while draining). */
const PRESENCE_MS = 300;
/** A handle others can type after "@": letters first, then letters, digits, ".", "_" or "-". */
export const HANDLE = /^[\p{L}_][\p{L}\p{N}._-]{0,63}$/u;

/** A command as a screen gives it: the transport adds the id, the author and the console. */
export type CommandDraft = IncidentCommand extends infer C ? (C extends unknown ? Omit<C, 'id' | 'author' | 'console'> : never) : never;

export interface DeclareDraft {
  readonly title: string;
  readonly severity: Severity;
  readonly priority?: Priority;
  /** The affected service, if known at once (blank: none). */
  readonly service?: string;
  readonly occurredAt?: number;
  /** Declared from this canary's prompt: the hub records its failure and keeps it with the incident. */
  readonly canary?: string;
}

export interface IncidentTransport {
  /** Open the journal (after the hub client knows its URL) and restore what it held. */
  start(): Promise<void>;
  /** Pull the andon cord: queued like any command; returns the new incident's id at once. */
  declare(draft: DeclareDraft): Promise<string>;
  /** Log a new entry; returns its id. */
  log(draft: CommandDraft): Promise<string>;
  /** Send an entry built elsewhere (reviseEntry's result): id, author and console are replaced by ours. */
  revise(entry: NewTimelineEntry): Promise<string>;
  /** Forget a refused command. */
  dismiss(id: string): Promise<void>;
  setPerson(person: string): void;
  /**
   * Fetch the postmortem with the bearer token and save it (navigating to the hub is blocked in the
   * desktop app). "zip" and "html" are self-contained: the Markdown with its impact snapshots as
   * PNGs beside it, or one page with them inline (what pastes into Confluence or Google Docs).
   */
  downloadPostmortem(incidentId: string, format: PostmortemFormat, timeZone: string): Promise<void>;
  /**
   * Keep a chart picture with its "snapshot" entry in the outbox: uploaded when the hub is there
   * (now, or after a blip), then the entry is logged. Returns the entry's id once it is kept on
   * this machine; rejects, in words, when the picture is too big or the outbox holds too many.
   */
  attachSnapshot(incidentId: string, png: Blob, meta: SnapshotMeta): Promise<string>;
  /** "Last time this happened": past incidents like this one (needs the hub). */
  related(incidentId: string): Promise<RelatedIncident[]>;
  /** A stored snapshot's PNG, fetched with the bearer token (an <img src> cannot send it). */
  snapshotBlob(incidentId: string, assetId: string): Promise<Blob>;
  stop(): void;
}

export interface SnapshotMeta {
  readonly panelId: string;
  /** The caption: what the picture shows. */
  readonly text: string;
  /** When the picture was taken (hub clock). */
  readonly capturedAt: number;
  readonly range?: { readonly from: number; readonly to: number };
}

export interface IncidentTransportOptions {
  readonly store: AppStore;
  readonly hub: Pick<HubClient, 'onSocket' | 'hubUrl' | 'token'>;
  readonly storage: KeyValueStorage | null;
  /** Test seam: the journal to use instead of IndexedDB for the hub's URL. */
  readonly openJournal?: (hubUrl: string | null) => Promise<{ journal: IncidentJournal; error: string | null }>;
  readonly fetch?: typeof fetch;
  /** Save a downloaded file (default: a blob link, clicked). */
  readonly save?: (blob: Blob, filename: string) => void;
  readonly retryMs?: number;
  /** Test seam: the longest pause between attempts of one command (outbox.ts MAX_RETRY_MS). */
  readonly maxRetryMs?: number;
  /** Test seam: how long a snapshot upload may take (snapshot-upload.ts UPLOAD_TIMEOUT_MS). */
  readonly uploadTimeoutMs?: number;
  /** Test seam: the snapshot bytes the outbox may hold. */
  readonly maxSnapshotBytes?: number;
}

/** A seat name for this machine, made once: "console-7f3a". */
function seatName(): string {
  return `console-${Math.random().toString(16).slice(2, 6)}`;
}

function readIdentity(storage: KeyValueStorage | null): Identity {
  let person: string | null = null;
  let seat: string | null = null;
  try {
    person = storage?.getItem(PERSON_KEY)?.trim() || null;
    seat = storage?.getItem(CONSOLE_KEY)?.trim() || null;
    if (!seat) {
      seat = seatName();
      storage?.setItem(CONSOLE_KEY, seat);
    }
  } catch {
    // Storage denied: a name for this page only.
  }
  return { person: person && HANDLE.test(person) ? person : null, console: seat ?? seatName() };
}

/** The postmortem's download formats, as the hub serves them (postmortem.<format>). */
export type PostmortemFormat = 'md' | 'json' | 'zip' | 'html';

export function saveWithLink(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Why a catch-up failed, in words: no answer in time (socket.io's timeout), or the hub's refusal. */
function catchUpReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === 'operation has timed out' ? `the hub did not answer within ${ACK_TIMEOUT_MS / 1000} s` : `the hub did not give the timeline (${message})`;
}

/** A refusal worth trying again, in words that say whose doing it is (the hub's message kept). */
function retryReason(error: AckError): string {
  return error.code === 'rate_limited' ? `the hub is limiting this token's requests (${error.message})` : `the hub failed to store it (${error.message})`;
}

type Emitter = { emitWithAck(event: string, payload: unknown): Promise<AckResult<object>> };

export function createIncidentTransport(options: IncidentTransportOptions): IncidentTransport {
  const { store, hub, storage } = options;
  const open = options.openJournal ?? openJournal;
  const retryMs = options.retryMs ?? 1000;
  const state = () => store.getState();

  let journal: IncidentJournal | null = null;
  let ready: Promise<void> | null = null;
  let socket: HubSocket | null = null;
  let session = 0;
  let stopped = false;
  let unsubscribe: (() => void) | null = null;

  /** Every seq up to this one is held (moved only by a finished catch-up, then by live broadcasts). */
  let cursor: JournalCursor = { seq: 0, id: null };
  let caughtUp = false;
  let seenWhileCatchingUp: JournalCursor = { seq: 0, id: null };

  // Entries are written to the journal in batches, with the cursor that covers them.
  let unsaved: TimelineEntry[] = [];
  let cursorDirty = false;
  let journalMissesEntries = false;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    flushTimer = null;
    if (!journal || (unsaved.length === 0 && !cursorDirty)) return;
    const batch = unsaved;
    unsaved = [];
    // After a failed write the journal may miss entries: its cursor then stays where it was, so
    // the next start asks the hub again for what may be missing.
    const at = cursorDirty && !journalMissesEntries ? cursor : null;
    cursorDirty = false;
    journal.entriesPut(batch, at).catch((error: unknown) => {
      journalMissesEntries = true;
      state().incidentJournalError(`could not keep the timeline on this machine: ${String(error)}`);
    });
  };
  const scheduleFlush = () => {
    if (flushTimer === null) flushTimer = setTimeout(flush, 100);
  };

  const identity = () => state().identity;

  const outbox = new Outbox({
    storage: {
      outboxPut: async (item) => {
        await ready;
        await journal!.outboxPut(item);
      },
      outboxDelete: async (id) => {
        await ready;
        await journal!.outboxDelete(id);
      },
    },
    onChange: (items) => {
      state().incidentOutboxChanged(items);
      reportPresence();
    },
    onStorageError: (message) => state().incidentJournalError(message),
    retryMs,
    ...(options.maxRetryMs !== undefined ? { maxRetryMs: options.maxRetryMs } : {}),
    ...(options.maxSnapshotBytes !== undefined ? { maxSnapshotBytes: options.maxSnapshotBytes } : {}),
  });

  // What this console holds, told to the hub for the room ("1 console with 3 unsent entries"):
  // at each hello (before the catch-up, so the wall sees what is about to arrive), then on each
  // change of the outbox or the name, at most every PRESENCE_MS. Walls have nothing to report.
  let presenceTimer: ReturnType<typeof setTimeout> | null = null;
  let lastPresence = '';
  const reportPresence = (force = false) => {
    if (force) lastPresence = '';
    if (presenceTimer !== null) return;
    presenceTimer = setTimeout(() => {
      presenceTimer = null;
      const s = socket;
      const items = state().incidents.outbox;
      // A screen nobody signed their name at (a wall) holds nothing and is not a console.
      if (!s?.connected || stopped || state().connection.role === 'viewer' || (identity().person === null && items.length === 0)) return;
      const pending = pendingItems(items);
      const report: PresenceReport = {
        console: identity().console,
        person: identity().person,
        pending: pending.length,
        refused: items.length - pending.length,
        oldestPendingAt: pending[0]?.queuedAt ?? null,
      };
      const key = JSON.stringify(report);
      if (key === lastPresence) return;
      lastPresence = key;
      emit(s, 'console:presence', report).catch(() => {
        lastPresence = '';
      });
    }, PRESENCE_MS);
  };

  const received = (entries: readonly TimelineEntry[]) => {
    if (entries.length === 0) return;
    state().incidentEntriesReceived(entries);
    unsaved.push(...entries);
    scheduleFlush();
  };

  const advance = (entry: { seq: number; id: string | null }) => {
    if (entry.seq <= cursor.seq) return;
    cursor = { seq: entry.seq, id: entry.id };
    cursorDirty = true;
    scheduleFlush();
  };

  const emit = async <T extends object>(s: HubSocket, event: string, payload: unknown): Promise<AckResult<T>> => {
    const timed = s.timeout(ACK_TIMEOUT_MS) as unknown as Emitter;
    return (await timed.emitWithAck(event, payload)) as AckResult<T>;
  };

  const deliverOver =
    (s: HubSocket): Deliver =>
    async (item: OutboxItem): Promise<Delivery> => {
      if (!s.connected) return { kind: 'retry', reason: 'the link to the hub went' };
      // A snapshot's picture first: its entry would be refused without it.
      const uploaded = item.type === 'snapshot';
      if (item.type === 'snapshot' && !item.uploaded) {
        const target = {
          base: (hub.hubUrl() ?? '').replace(/\/$/, ''),
          token: hub.token(),
          fetch: options.fetch ?? fetch,
          ...(options.uploadTimeoutMs !== undefined ? { timeoutMs: options.uploadTimeoutMs } : {}),
        };
        const outcome = await uploadSnapshot(target, item.incidentId, item.payload.data.assetId, item.png);
        if (outcome.kind !== 'stored') return outcome;
      }
      let reply: AckResult<CommandReply | DeclareReply>;
      try {
        reply = item.type === 'declare' ? await emit<DeclareReply>(s, 'incident:declare', item.payload) : await emit<CommandReply>(s, 'incident:command', item.payload);
      } catch {
        return { kind: 'retry', reason: `the hub did not answer within ${ACK_TIMEOUT_MS / 1000} s`, uploaded };
      }
      if (reply.ok) {
        if (item.type === 'declare') state().incidentSummariesReceived([(reply as unknown as DeclareReply).incident], false);
        return { kind: 'acked', seq: reply.seq, duplicate: reply.duplicate === true };
      }
      if (RETRYABLE_CODES.has(reply.error.code)) return { kind: 'retry', reason: retryReason(reply.error), uploaded };
      return { kind: 'refused', error: reply.error };
    };

  /** A wall (viewer token) follows open incidents only: the hub need not send it closed ones. */
  const wallOnly = () => state().connection.role === 'viewer';

  /** One incident's whole log (a wall seeing an incident reopen may lack what was logged while it was closed). */
  const syncIncident = async (s: HubSocket, incidentId: string): Promise<void> => {
    let after = 0;
    for (;;) {
      const reply = await emit<SyncReply>(s, 'incident:sync', { incidentId, afterSeq: after });
      if (!reply.ok || s !== socket) return;
      received(reply.entries);
      after = reply.entries.at(-1)?.seq ?? after;
      if (!reply.more) return;
    }
  };

  /** Catch-ups that failed in a row on this link: the pause before the next grows with it. */
  let catchUpFailures = 0;

  /** After a hello: catch up from the cursor, list, then let the outbox deliver. */
  const catchUp = async (s: HubSocket, mySession: number): Promise<void> => {
    await ready;
    const current = () => mySession === session && s === socket && s.connected && !stopped;
    if (!current()) return;
    caughtUp = false;
    seenWhileCatchingUp = { seq: 0, id: null };
    state().incidentCaughtUp(false);
    try {
      // Is the hub's log the one we hold? The entry at our cursor must be the same one.
      if (cursor.seq > 0) {
        const probe = await emit<SyncReply>(s, 'incident:sync', { afterSeq: cursor.seq - 1, limit: 1 });
        if (!probe.ok) throw new Error(probe.error.message);
        const same = probe.entries[0]?.seq === cursor.seq && (cursor.id === null || probe.entries[0]?.id === cursor.id);
        if (!same) {
          cursor = { seq: 0, id: null };
          unsaved = [];
          await journal!.resetLog();
          state().incidentLogReset();
        }
      }
      let after = cursor;
      for (;;) {
        const reply = await emit<SyncReply>(s, 'incident:sync', { afterSeq: after.seq, ...(wallOnly() ? { open: true } : {}) });
        if (!reply.ok) throw new Error(reply.error.message);
        received(reply.entries);
        const last = reply.entries.at(-1);
        if (last) after = { seq: last.seq, id: last.id };
        if (!reply.more) break;
        if (!current()) return;
      }
      const listed = await emit<{ incidents: IncidentSummary[] }>(s, 'incidents:list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      if (!current()) return;
      // Taken at once: a summary broadcast after the list (an incident declared during the next
      // request) is newer, and must not be replaced by the list when that request returns.
      state().incidentSummariesReceived(listed.incidents, true);
      void journal!.summariesPut(listed.incidents, true).catch(() => undefined);
      const changes = await emit<{ changes: Change[] }>(s, 'changes:list', {});
      if (!current()) return;
      if (changes.ok) state().changesReceived(changes.changes, true);
      advance(seenWhileCatchingUp.seq > after.seq ? seenWhileCatchingUp : after);
      caughtUp = true;
      state().incidentCaughtUp(true);
    } catch (error) {
      // The link went (the next hello starts over), or the hub failed or was slow: say so, and try
      // again less often each time (the outbox sends nothing until a catch-up succeeds).
      if (current()) {
        catchUpFailures += 1;
        state().incidentCatchUpFailed(catchUpReason(error));
        setTimeout(() => void catchUp(s, mySession), retryPause(catchUpFailures, retryMs, options.maxRetryMs ?? MAX_RETRY_MS));
      }
      return;
    }
    catchUpFailures = 0;
    state().incidentCatchUpFailed(null);
    outbox.setDeliver(deliverOver(s));
  };

  const attach = (s: HubSocket | null) => {
    session += 1;
    catchUpFailures = 0;
    state().incidentCatchUpFailed(null);
    socket = s;
    caughtUp = false;
    outbox.setDeliver(null);
    state().incidentCaughtUp(false);
    if (!s) return;
    const mine = () => s === socket;
    s.on('hub:hello', () => {
      if (!mine()) return;
      session += 1;
      catchUpFailures = 0;
      reportPresence(true);
      void emit<{ board: PresenceBoard }>(s, 'consoles:list', {})
        .then((reply) => reply.ok && mine() && state().presenceReceived(reply.board.consoles))
        .catch(() => undefined);
      void emit<{ deliveries: WebhookDelivery[] }>(s, 'webhooks:deliveries', {})
        .then((reply) => reply.ok && mine() && state().deliveriesReceived(reply.deliveries, true))
        .catch(() => undefined);
      void catchUp(s, session);
    });
    s.on('disconnect', () => {
      if (!mine()) return;
      session += 1;
      caughtUp = false;
      outbox.setDeliver(null);
      state().incidentCaughtUp(false);
      state().presenceReceived([]);
    });
    s.on('incident:delivery', (delivery) => {
      if (mine()) state().deliveriesReceived([delivery], false);
    });
    s.on('consoles:presence', (board) => {
      if (mine()) state().presenceReceived(board.consoles);
    });
    s.on('incident:entry', (entry) => {
      if (!mine()) return;
      received([entry]);
      if (caughtUp) advance(entry);
      else if (entry.seq > seenWhileCatchingUp.seq) seenWhileCatchingUp = { seq: entry.seq, id: entry.id };
    });
    s.on('incident:summary', (summary) => {
      if (!mine()) return;
      if (wallOnly() && summary.open && state().incidents.summaries[summary.id]?.open === false) void syncIncident(s, summary.id).catch(() => undefined);
      state().incidentSummariesReceived([summary], false);
      void journal?.summariesPut([summary], false).catch(() => undefined);
    });
    s.on('change:recorded', (change) => {
      if (mine()) state().changesReceived([change], false);
    });
    s.on('change:withdrawn', ({ id }) => {
      if (mine()) state().changeWithdrawn(id);
    });
    // Attached after the hello (a screen mounted late): catch up now.
    if (s.connected) void catchUp(s, session);
  };

  unsubscribe = hub.onSocket(attach);

  /** Keep what the hub last said about the room's zone and its clock; restore it now. */
  const rememberAcrossStarts = () => {
    try {
      const saved = JSON.parse(storage?.getItem(REMEMBERED_KEY) ?? 'null') as { timeZone?: unknown; clockOffsetMs?: unknown } | null;
      state().incidentRemembered({
        timeZone: typeof saved?.timeZone === 'string' ? saved.timeZone : null,
        clockOffsetMs: typeof saved?.clockOffsetMs === 'number' && Number.isFinite(saved.clockOffsetMs) ? saved.clockOffsetMs : null,
      });
    } catch {
      // nothing remembered
    }
    const save = (s: ReturnType<typeof state>) => {
      const timeZone = s.workspace.workspace?.timezone ?? null;
      const clockOffsetMs = s.connection.helloAt !== null ? s.connection.clockOffsetMs : null;
      const remembered = s.incidents.remembered;
      if ((timeZone === null || timeZone === remembered.timeZone) && (clockOffsetMs === null || clockOffsetMs === remembered.clockOffsetMs)) return;
      const next = { timeZone: timeZone ?? remembered.timeZone, clockOffsetMs: clockOffsetMs ?? remembered.clockOffsetMs };
      s.incidentRemembered(next);
      try {
        storage?.setItem(REMEMBERED_KEY, JSON.stringify(next));
      } catch {
        // kept for this page
      }
    };
    const unsubscribeStore = store.subscribe((s, prev) => {
      // The offset too once timed by round trips (the hello's is a first guess): a console started
      // later without the hub times its entries by the remembered one.
      if (s.workspace !== prev.workspace || s.connection.helloAt !== prev.connection.helloAt || s.connection.clockOffsetMs !== prev.connection.clockOffsetMs) save(s);
    });
    save(state());
    const previous = unsubscribe;
    unsubscribe = () => {
      previous?.();
      unsubscribeStore();
    };
  };

  const person = (): string => {
    const who = identity().person;
    if (!who) throw new Error('Enter your name first: every entry says who wrote it');
    return who;
  };

  /** An HTTP call to the hub with the bearer token; a refusal becomes an Error with the hub's words. */
  const hubFetch = async (path: string, init: RequestInit, what: string): Promise<Response> => {
    const base = (hub.hubUrl() ?? '').replace(/\/$/, '');
    const token = hub.token();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(`${base}${path}`, { ...init, headers });
    } catch (error) {
      throw new Error(`${what}: the hub is unreachable (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    if (response.ok) return response;
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: { message?: string }; message?: string };
      message = body.error?.message ?? body.message ?? message;
    } catch {
      // not JSON
    }
    throw new Error(`${what}: ${message}`);
  };

  const enqueueCommand = async (command: IncidentCommand): Promise<string> => {
    await outbox.enqueue({ id: command.id, type: 'command', incidentId: command.incidentId, payload: command, queuedAt: Date.now(), attempts: 0 });
    return command.id;
  };

  return {
    start() {
      if (ready) return ready;
      state().identityChanged(readIdentity(storage));
      rememberAcrossStarts();
      ready = (async () => {
        const opened = await open(hub.hubUrl());
        journal = opened.journal;
        const snapshot = await journal.load();
        cursor = snapshot.cursor;
        state().incidentsRestored({ kind: journal.kind, error: opened.error, entries: snapshot.entries, summaries: snapshot.summaries });
        outbox.restore(snapshot.outbox);
      })();
      return ready;
    },

    async declare(draft) {
      const id = newId();
      const who = person();
      const service = draft.service?.trim();
      const payload: DeclareIncident = {
        id,
        title: draft.title.trim(),
        severity: draft.severity,
        ...(draft.priority ? { priority: draft.priority } : {}),
        ...(service ? { service } : {}),
        author: who,
        console: identity().console,
        ...(draft.occurredAt !== undefined ? { occurredAt: draft.occurredAt } : {}),
        ...(draft.canary !== undefined ? { canary: draft.canary } : {}),
      };
      await outbox.enqueue({ id, type: 'declare', incidentId: id, payload, queuedAt: Date.now(), attempts: 0 });
      return id;
    },

    log(draft) {
      const command = { ...draft, id: newId(), author: person(), console: identity().console } as IncidentCommand;
      return enqueueCommand(command);
    },

    revise(entry) {
      const command = { ...entry, id: newId(), author: person(), console: identity().console } as IncidentCommand;
      return enqueueCommand(command);
    },

    dismiss: (id) => outbox.dismiss(id),

    setPerson(name) {
      const trimmed = name.trim().replace(/^@/, '');
      if (!HANDLE.test(trimmed)) throw new Error('One word others can @mention: letters first, then letters, digits, ".", "_" or "-"');
      try {
        storage?.setItem(PERSON_KEY, trimmed);
      } catch {
        // kept for this page
      }
      state().identityChanged({ ...identity(), person: trimmed });
      reportPresence();
    },

    async downloadPostmortem(incidentId, format, timeZone) {
      const response = await hubFetch(`/api/v1/incidents/${encodeURIComponent(incidentId)}/postmortem.${format}?tz=${encodeURIComponent(timeZone)}`, {}, 'the hub did not give the postmortem');
      const blob = await response.blob();
      (options.save ?? saveWithLink)(blob, `postmortem-${incidentId}.${format}`);
    },

    async attachSnapshot(incidentId, png, meta) {
      const who = person();
      if (png.size > MAX_SNAPSHOT_BYTES) {
        throw new Error(`The picture is ${(png.size / 1024 / 1024).toFixed(1)} MiB; the hub keeps snapshots of at most ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB`);
      }
      // The picture's id is made now and kept with it: every upload attempt uses it, so the hub keeps it once.
      const assetId = newId();
      const payload: Extract<IncidentCommand, { kind: 'snapshot' }> = {
        id: newId(),
        incidentId,
        kind: 'snapshot',
        text: meta.text,
        occurredAt: meta.capturedAt,
        author: who,
        console: identity().console,
        data: { assetId, panelId: meta.panelId, capturedAt: meta.capturedAt, ...(meta.range ? { range: meta.range } : {}) },
      };
      await outbox.enqueue({ id: payload.id, type: 'snapshot', incidentId, payload, png, uploaded: false, queuedAt: Date.now(), attempts: 0 });
      return payload.id;
    },

    async related(incidentId) {
      const s = socket;
      if (!s?.connected) throw new Error('needs the hub');
      const reply = await emit<{ related: RelatedIncident[] }>(s, 'incident:related', { id: incidentId });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.related;
    },

    async snapshotBlob(incidentId, assetId) {
      const response = await hubFetch(`/api/v1/incidents/${encodeURIComponent(incidentId)}/snapshots/${encodeURIComponent(assetId)}`, {}, 'the hub did not give the snapshot');
      return response.blob();
    },

    stop() {
      stopped = true;
      unsubscribe?.();
      unsubscribe = null;
      outbox.setDeliver(null);
      if (presenceTimer !== null) clearTimeout(presenceTimer);
      if (flushTimer !== null) clearTimeout(flushTimer);
      flush();
    },
  };
}
