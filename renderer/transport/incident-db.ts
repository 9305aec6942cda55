/**
 * The console's local incident journal in IndexedDB (through `idb`): the outbox of commands not yet
 * acknowledged by the hub, the entries already received (so a reload, or a start while the hub is
 * unreachable, shows the timeline at once), the incident summaries, and the last seq seen, from
 * which the next catch-up starts.
 *
 * One database per hub (its URL is in the name): a console that joins another war room's hub
 * never mixes the two logs or sends one hub's commands to the other.
 *
 * Where IndexedDB is unavailable (some private modes, a sandboxed frame) a memory journal with
 * the same interface is used, and the console says that unsent entries would not survive a reload.
 */
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import type { OutboxItem } from './outbox.ts';

/** Where the log stands: the last seq this console holds, and that entry's id (to recognise the same hub log). */
export interface JournalCursor {
  readonly seq: number;
  readonly id: string | null;
}

export interface JournalSnapshot {
  readonly outbox: OutboxItem[];
  readonly entries: TimelineEntry[];
  readonly summaries: IncidentSummary[];
  readonly cursor: JournalCursor;
}

export interface IncidentJournal {
  readonly kind: 'indexeddb' | 'memory';
  load(): Promise<JournalSnapshot>;
  outboxPut(item: OutboxItem): Promise<void>;
  outboxDelete(id: string): Promise<void>;
  outboxAll(): Promise<OutboxItem[]>;
  /** Entries and, when given, the cursor that covers them, in one transaction. */
  entriesPut(entries: readonly TimelineEntry[], cursor: JournalCursor | null): Promise<void>;
  summariesPut(summaries: readonly IncidentSummary[], replace: boolean): Promise<void>;
  /** The hub's log is not the one held (a new data folder): forget entries, summaries and the cursor. Never the outbox. */
  resetLog(): Promise<void>;
  close(): void;
}

interface JournalSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem };
  entries: { key: number; value: TimelineEntry; indexes: { incidentId: string } };
  summaries: { key: string; value: IncidentSummary };
  meta: { key: string; value: JournalCursor };
}

const VERSION = 1;
const CURSOR_KEY = 'cursor';
const NO_CURSOR: JournalCursor = { seq: 0, id: null };

/** The database name for a hub: one journal per hub URL. */
export function journalName(hubUrl: string | null): string {
  return `mission-control-incidents:${hubUrl ?? 'same-origin'}`;
}

export async function openIndexedDbJournal(name: string): Promise<IncidentJournal> {
  const db: IDBPDatabase<JournalSchema> = await openDB<JournalSchema>(name, VERSION, {
    upgrade(database) {
      database.createObjectStore('outbox', { keyPath: 'id' });
      const entries = database.createObjectStore('entries', { keyPath: 'seq' });
      entries.createIndex('incidentId', 'incidentId');
      database.createObjectStore('summaries', { keyPath: 'id' });
      database.createObjectStore('meta');
    },
    blocking() {
      // Another tab upgrades the schema: let it (this tab keeps its memory until reloaded).
      db.close();
    },
  });

  return {
    kind: 'indexeddb',
    async load() {
      const tx = db.transaction(['outbox', 'entries', 'summaries', 'meta'], 'readonly');
      const [outbox, entries, summaries, cursor] = await Promise.all([
        tx.objectStore('outbox').getAll(),
        tx.objectStore('entries').getAll(),
        tx.objectStore('summaries').getAll(),
        tx.objectStore('meta').get(CURSOR_KEY),
      ]);
      await tx.done;
      return { outbox, entries, summaries, cursor: cursor ?? NO_CURSOR };
    },
    async outboxPut(item) {
      await db.put('outbox', item);
    },
    async outboxDelete(id) {
      await db.delete('outbox', id);
    },
    async outboxAll() {
      return db.getAll('outbox');
    },
    async entriesPut(entries, cursor) {
      const tx = db.transaction(['entries', 'meta'], 'readwrite');
      const store = tx.objectStore('entries');
      for (const entry of entries) void store.put(entry);
      if (cursor) void tx.objectStore('meta').put(cursor, CURSOR_KEY);
      await tx.done;
    },
    async summariesPut(summaries, replace) {
      const tx = db.transaction('summaries', 'readwrite');
      if (replace) void tx.store.clear();
      for (const summary of summaries) void tx.store.put(summary);
      await tx.done;
    },
    async resetLog() {
      const tx = db.transaction(['entries', 'summaries', 'meta'], 'readwrite');
      void tx.objectStore('entries').clear();
      void tx.objectStore('summaries').clear();
      void tx.objectStore('meta').put(NO_CURSOR, CURSOR_KEY);
      await tx.done;
    },
    close() {
      db.close();
    },
  };
}

/** The same journal in memory: everything goes with the page. */
export function memoryJournal(): IncidentJournal {
  const outbox = new Map<string, OutboxItem>();
  const entries = new Map<number, TimelineEntry>();
  const summaries = new Map<string, IncidentSummary>();
  let cursor: JournalCursor = NO_CURSOR;
  return {
    kind: 'memory',
    load: async () => ({ outbox: [...outbox.values()], entries: [...entries.values()], summaries: [...summaries.values()], cursor }),
    outboxPut: async (item) => void outbox.set(item.id, item),
    outboxDelete: async (id) => void outbox.delete(id),
    outboxAll: async () => [...outbox.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    entriesPut: async (list, next) => {
      for (const entry of list) entries.set(entry.seq, entry);
      if (next) cursor = next;
    },
    summariesPut: async (list, replace) => {
      if (replace) summaries.clear();
      for (const summary of list) summaries.set(summary.id, summary);
    },
    resetLog: async () => {
      entries.clear();
      summaries.clear();
      cursor = NO_CURSOR;
    },
    close: () => undefined,
  };
}

/** IndexedDB when the browser has it, else memory (with the reason). */
export async function openJournal(hubUrl: string | null): Promise<{ journal: IncidentJournal; error: string | null }> {
  if (typeof indexedDB === 'undefined') return { journal: memoryJournal(), error: 'this browser has no IndexedDB' };
  try {
    return { journal: await openIndexedDbJournal(journalName(hubUrl)), error: null };
  } catch (error) {
    return { journal: memoryJournal(), error: error instanceof Error ? error.message : String(error) };
  }
}
