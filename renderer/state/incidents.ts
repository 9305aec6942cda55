import type { StateCreator } from 'zustand/vanilla';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { Change, IncidentSummary } from '../../shared/protocol/incidents.ts';
import type { ConsolePresence } from '../../shared/protocol/presence.ts';
import type { WebhookDelivery } from '../../shared/protocol/webhooks.ts';
import type { ChartAnnotation } from '../charts/options.ts';
import type { OutboxItem } from '../transport/outbox.ts';
import { chartAnnotations, sameAnnotations } from './incident-annotations.ts';
import type { AppState } from './store.ts';

/** Who is typing at this console: a handle others can @mention, and the seat. Kept on this machine. */
export interface Identity {
  readonly person: string | null;
  readonly console: string;
}

export interface IncidentsState {
  /** Every incident the hub told us about (and the ones this console declared, once acked), by id. */
  readonly summaries: Readonly<Record<string, IncidentSummary>>;
  /** The stored entries of each incident, in seq order, each seq once. Arrays are replaced, never mutated. */
  readonly entries: Readonly<Record<string, readonly TimelineEntry[]>>;
  /** Commands not yet acknowledged (and refused ones, until dismissed), oldest first. */
  readonly outbox: readonly OutboxItem[];
  /** Changes and deploys of the last day, oldest first. */
  readonly changes: readonly Change[];
  /** The log is complete up to the hub's head (false while offline or catching up). */
  readonly caughtUp: boolean;
  /** Why the last catch-up failed while connected (nothing is sent until one succeeds); null once one does. */
  readonly catchUpError: string | null;
  /** Where the local journal lives: 'memory' means unsent entries would not survive a reload. */
  readonly journal: 'loading' | 'indexeddb' | 'memory';
  readonly journalError: string | null;
  /** The marks every time-series panel draws: incident markers and changes. */
  readonly annotations: readonly ChartAnnotation[];
  /**
   * What the last hub said, kept on this machine for a start without the hub: the room's time zone
   * (times are shown in it) and the hub's clock offset (entries are timed by it).
   */
  readonly remembered: { readonly timeZone: string | null; readonly clockOffsetMs: number | null };
  /** The consoles in the room and what they still hold, as the hub last said (empty while offline). */
  readonly presence: readonly ConsolePresence[];
  /** Recent deliveries to the workspace's webhooks, oldest first (failed ones are shown, never silent). */
  readonly deliveries: readonly WebhookDelivery[];
}

export interface IncidentsSlice {
  readonly incidents: IncidentsState;
  readonly identity: Identity;
  /** The local journal was read (entries, summaries and outbox of a previous session). */
  incidentsRestored(journal: { kind: 'indexeddb' | 'memory'; error: string | null; entries: readonly TimelineEntry[]; summaries: readonly IncidentSummary[] }): void;
  /** Entries from a catch-up or a broadcast: merged by seq (a repeat is a no-op). */
  incidentEntriesReceived(entries: readonly TimelineEntry[]): void;
  /** The hub's log is not the one held (a new data folder): forget what was received. */
  incidentLogReset(): void;
  /** A full list (replace) or one broadcast summary. */
  incidentSummariesReceived(summaries: readonly IncidentSummary[], replace: boolean): void;
  incidentOutboxChanged(items: readonly OutboxItem[]): void;
  incidentCaughtUp(caughtUp: boolean): void;
  incidentCatchUpFailed(reason: string | null): void;
  incidentJournalError(error: string | null): void;
  changesReceived(changes: readonly Change[], replace: boolean, now?: number): void;
  /** A console change deleted where it was logged: its marker goes. */
  changeWithdrawn(id: string): void;
  identityChanged(identity: Identity): void;
  incidentRemembered(remembered: Partial<IncidentsState['remembered']>): void;
  presenceReceived(consoles: readonly ConsolePresence[]): void;
  /** A full list (replace) or one broadcast delivery (merged by id). */
  deliveriesReceived(deliveries: readonly WebhookDelivery[], replace: boolean): void;
}

/** Changes older than this are dropped from memory (the walls' longest span is well within it). */
export const CHANGES_WINDOW_MS = 24 * 3600_000;
export const MAX_CHANGES = 500;

export const initialIncidents: IncidentsState = {
  summaries: {},
  entries: {},
  outbox: [],
  changes: [],
  caughtUp: false,
  catchUpError: null,
  journal: 'loading',
  journalError: null,
  annotations: [],
  remembered: { timeZone: null, clockOffsetMs: null },
  presence: [],
  deliveries: [],
};

/** Deliveries kept in memory: the hub keeps the same bound. */
export const MAX_DELIVERIES = 200;

/**
 * Merge entries into seq-ordered lists per incident. The common case (a live entry newer than all
 * held) appends; anything else (a catch-up page overlapping a broadcast) sorts once.
 */
export function mergeEntries(
  current: Readonly<Record<string, readonly TimelineEntry[]>>,
  incoming: readonly TimelineEntry[],
): { entries: Readonly<Record<string, readonly TimelineEntry[]>>; changed: string[] } {
  const byIncident = new Map<string, TimelineEntry[]>();
  for (const entry of incoming) {
    let list = byIncident.get(entry.incidentId);
    if (!list) byIncident.set(entry.incidentId, (list = []));
    list.push(entry);
  }
  const next: Record<string, readonly TimelineEntry[]> = { ...current };
  const changed: string[] = [];
  for (const [incidentId, added] of byIncident) {
    const held = current[incidentId] ?? [];
    const seen = new Set(held.map((e) => e.seq));
    const fresh = added.filter((e) => !seen.has(e.seq) && (seen.add(e.seq), true));
    if (fresh.length === 0) continue;
    fresh.sort((a, b) => a.seq - b.seq);
    const last = held.at(-1)?.seq ?? 0;
    next[incidentId] = fresh[0]!.seq > last ? [...held, ...fresh] : [...held, ...fresh].sort((a, b) => a.seq - b.seq);
    changed.push(incidentId);
  }
  return { entries: changed.length ? next : current, changed };
}

/** Whether new entries can move a marker: a marker, or any revision (which may edit or delete one). */
const movesMarkers = (entries: readonly TimelineEntry[]): boolean => entries.some((e) => e.kind === 'marker' || e.supersedes !== undefined);

export const createIncidentsSlice: StateCreator<AppState, [], [], IncidentsSlice> = (set) => {
  /** Recomputed marks; the same array when nothing moved, so the charts do not redraw for nothing. */
  const withAnnotations = (state: IncidentsState): IncidentsState => {
    const annotations = chartAnnotations(state.summaries, state.entries, state.changes, Date.now());
    return { ...state, annotations: sameAnnotations(annotations, state.annotations) ? state.annotations : annotations };
  };

  return {
    incidents: initialIncidents,
    identity: { person: null, console: 'console' },

    incidentsRestored: ({ kind, error, entries, summaries }) =>
      set((state) => {
        const merged = mergeEntries(state.incidents.entries, entries);
        const held = { ...Object.fromEntries(summaries.map((s) => [s.id, s])), ...state.incidents.summaries };
        return { incidents: withAnnotations({ ...state.incidents, entries: merged.entries, summaries: held, journal: kind, journalError: error }) };
      }),

    incidentEntriesReceived: (incoming) =>
      set((state) => {
        if (incoming.length === 0) return state;
        const { entries, changed } = mergeEntries(state.incidents.entries, incoming);
        if (changed.length === 0) return state;
        const next = { ...state.incidents, entries };
        return { incidents: movesMarkers(incoming) ? withAnnotations(next) : next };
      }),

    incidentLogReset: () => set((state) => ({ incidents: withAnnotations({ ...state.incidents, entries: {}, summaries: {} }) })),

    incidentSummariesReceived: (list, replace) =>
      set((state) => {
        const summaries = replace ? Object.fromEntries(list.map((s) => [s.id, s])) : { ...state.incidents.summaries, ...Object.fromEntries(list.map((s) => [s.id, s])) };
        return { incidents: withAnnotations({ ...state.incidents, summaries }) };
      }),

    incidentOutboxChanged: (outbox) => set((state) => ({ incidents: { ...state.incidents, outbox } })),

    incidentCaughtUp: (caughtUp) => set((state) => (state.incidents.caughtUp === caughtUp ? state : { incidents: { ...state.incidents, caughtUp } })),

    incidentCatchUpFailed: (catchUpError) =>
      set((state) => (state.incidents.catchUpError === catchUpError ? state : { incidents: { ...state.incidents, catchUpError } })),

    incidentJournalError: (journalError) => set((state) => ({ incidents: { ...state.incidents, journalError } })),

    changesReceived: (list, replace, now = Date.now()) =>
      set((state) => {
        const byId = new Map((replace ? [] : state.incidents.changes).map((c) => [c.id, c]));
        for (const change of list) byId.set(change.id, change);
        const changes = [...byId.values()]
          .filter((c) => c.at >= now - CHANGES_WINDOW_MS)
          .sort((a, b) => a.at - b.at)
          .slice(-MAX_CHANGES);
        return { incidents: withAnnotations({ ...state.incidents, changes }) };
      }),

    changeWithdrawn: (id) =>
      set((state) =>
        state.incidents.changes.some((c) => c.id === id) ? { incidents: withAnnotations({ ...state.incidents, changes: state.incidents.changes.filter((c) => c.id !== id) }) } : state,
      ),

    identityChanged: (identity) => set({ identity }),

    presenceReceived: (presence) => set((state) => ({ incidents: { ...state.incidents, presence } })),

    deliveriesReceived: (list, replace) =>
      set((state) => {
        const byId = new Map((replace ? [] : state.incidents.deliveries).map((d) => [d.id, d]));
        for (const d of list) byId.set(d.id, d);
        const deliveries = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(-MAX_DELIVERIES);
        return { incidents: { ...state.incidents, deliveries } };
      }),

    incidentRemembered: (remembered) => set((state) => ({ incidents: { ...state.incidents, remembered: { ...state.incidents.remembered, ...remembered } } })),
  };
};

/** The room's time zone: the workspace's, else the one remembered from the last hub, else UTC. */
export function roomTimeZone(state: Pick<AppState, 'workspace' | 'incidents'>): string {
  return state.workspace.workspace?.timezone ?? state.incidents.remembered.timeZone ?? 'UTC';
}

/** Now on the hub's clock: measured at hello, else remembered from the last session, else local. */
export function incidentNow(state: Pick<AppState, 'connection' | 'incidents'>, localNow: number = Date.now()): number {
  const offset = state.connection.helloAt !== null ? state.connection.clockOffsetMs : (state.incidents.remembered.clockOffsetMs ?? 0);
  return localNow + offset;
}
