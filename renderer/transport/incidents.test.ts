/**
 * The incident transport against a real socket.io server on loopback playing the hub's incident
 * protocol (ULIDs stored once, a global seq, sync after a seq), with the journal in IndexedDB
 * (fake-indexeddb): commands typed while the hub is away arrive exactly once; a lost ack ends in
 * a "duplicate" answer and one stored entry; a restarted or reloaded console catches up from the
 * last seq it kept; a hub with another log is recognised and the journal starts over; an upload
 * or an entry the hub keeps refusing says why, in words, until it goes.
 */
import 'fake-indexeddb/auto';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { ClientToServerEvents, HubHello, ServerToClientEvents } from '../../shared/protocol/events.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { attemptWords, failureWords } from '../incidents/outbox-words.ts';
import { createAppStore } from '../state/store.ts';
import type { AppStore } from '../state/store.ts';
import { createHubClient } from './hub.ts';
import { createIncidentTransport, REMEMBERED_KEY } from './incidents.ts';
import type { IncidentTransport } from './incidents.ts';
import { newId } from './outbox.ts';
import type { KeyValueStorage } from './token.ts';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/** A port nothing listens on (a socket.io server took it, then let it go): "the hub is unreachable". */
async function freePort(): Promise<number> {
  const probe = new Server();
  probe.listen(0);
  await new Promise<void>((resolve) => (probe.httpServer.listening ? resolve() : probe.httpServer.once('listening', () => resolve())));
  const { port } = probe.httpServer.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The hub's log, kept across "restarts" of the fake hub (as SQLite keeps it). */
interface Log {
  entries: TimelineEntry[];
  /** Every sync request's afterSeq, in order. */
  syncs: number[];
  /** Answer this many commands with the hub's internal error (a store that fails), storing nothing. */
  failNext?: number;
  /** Answer this many sync requests with the hub's internal error. */
  failSyncs?: number;
}

interface FakeHub {
  io: Io;
  log: Log;
  close(): Promise<void>;
}

const summaryOf = (id: string, title: string): IncidentSummary => ({
  id,
  title,
  severity: 1,
  priority: null,
  status: 'declared',
  open: true,
  commander: 'ann',
  declaredAt: 1,
  impactStartedAt: null,
  openTasks: 0,
  nextTaskDueAt: null,
  nextUpdateDue: null,
});

/**
 * A hub speaking the incident protocol. `loseAckOf(text)`: store that command and broadcast it,
 * then go down before answering (the ack is lost with the hub).
 */
/** How late the fake hub's hello reads its clock (as if it sat in a busy page's queue). */
let helloLateMs = 0;

async function startHub(
  port: number,
  log: Log,
  loseAckOf: string | null = null,
  pictures: PictureHub | null = null,
  /** Runs as the hub answers `changes:list` (the last request of a catch-up), just before its answer. */
  beforeChangesReply: ((io: Io) => void) | null = null,
): Promise<FakeHub> {
  const io: Io = new Server({ cors: { origin: '*' } });
  const summaries = new Map<string, IncidentSummary>();
  const store = (draft: Omit<TimelineEntry, 'seq' | 'recordedAt'>): TimelineEntry => {
    const entry = { ...draft, seq: (log.entries.at(-1)?.seq ?? 0) + 1, recordedAt: Date.now() } as TimelineEntry;
    log.entries.push(entry);
    io.emit('incident:entry', entry);
    return entry;
  };
  const hub: FakeHub = { io, log, close: () => new Promise<void>((r) => io.close(() => r())) };
  io.use((socket, next) => (socket.handshake.auth.token === 'good' ? next() : next(new Error('unauthorized'))));
  io.on('connection', (socket) => {
    const hello: HubHello = { version: 'fake', role: 'responder', tokenName: 'seat', serverTime: Date.now() - helloLateMs, workspace: { workspace: null, issues: null, loadedAt: 1 } };
    socket.emit('hub:hello', hello);
    socket.on('hub:time', (_req, ack) => ack({ ok: true, serverTime: Date.now() }));
    socket.on('incident:declare', (req, ack) => {
      const known = log.entries.find((e) => e.id === req.id);
      if (known) return ack({ ok: true, incident: summaryOf(req.id, req.title), seq: known.seq, duplicate: true });
      const entry = store({ id: req.id, incidentId: req.id, kind: 'note', text: req.title, occurredAt: Date.now(), author: req.author, console: req.console, data: {} } as Omit<TimelineEntry, 'seq' | 'recordedAt'>);
      summaries.set(req.id, summaryOf(req.id, req.title));
      ack({ ok: true, incident: summaryOf(req.id, req.title), seq: entry.seq });
    });
    socket.on('incident:command', (cmd, ack) => {
      const known = log.entries.find((e) => e.id === cmd.id);
      if (known) return ack({ ok: true, seq: known.seq, duplicate: true });
      if (!log.entries.some((e) => e.incidentId === cmd.incidentId)) return ack({ ok: false, error: { code: 'not_found', message: `no incident with id ${cmd.incidentId}` } });
      if ((log.failNext ?? 0) > 0) {
        log.failNext! -= 1;
        return ack({ ok: false, error: { code: 'internal', message: 'the hub failed to handle this event; it has been logged' } });
      }
      // As the hub does: a snapshot entry must name a picture already uploaded.
      if (pictures && cmd.kind === 'snapshot' && !pictures.stored.has(cmd.data.assetId)) return ack({ ok: false, error: { code: 'not_found', message: 'upload the PNG first' } });
      const entry = store({ ...cmd, text: cmd.text ?? '' } as Omit<TimelineEntry, 'seq' | 'recordedAt'>);
      if (cmd.text === loseAckOf) {
        void hub.close();
        return;
      }
      ack({ ok: true, seq: entry.seq });
    });
    socket.on('incident:sync', (req, ack) => {
      log.syncs.push(req.afterSeq);
      if ((log.failSyncs ?? 0) > 0) {
        log.failSyncs! -= 1;
        return ack({ ok: false, error: { code: 'internal', message: 'the hub failed to handle this event; it has been logged' } });
      }
      const after = log.entries.filter((e) => e.seq > req.afterSeq);
      const limit = req.limit ?? 2000;
      ack({ ok: true, entries: after.slice(0, limit), more: after.length > limit, headSeq: log.entries.at(-1)?.seq ?? 0 });
    });
    socket.on('incidents:list', (_req, ack) => ack({ ok: true, incidents: [...summaries.values()] }));
    socket.on('changes:list', (_req, ack) => {
      beforeChangesReply?.(io);
      ack({ ok: true, changes: [] });
    });
  });
  io.listen(port);
  await new Promise<void>((resolve) => (io.httpServer.listening ? resolve() : io.httpServer.once('listening', () => resolve())));
  cleanups.push(() => hub.close());
  return hub;
}

/**
 * The hub's snapshot route, as a fetch: PNGs kept by their Idempotency-Key (a repeat is
 * "replayed"), a body starting with 0 refused as not a PNG, and `loseNext` answers lost after
 * the picture is kept. Unreachable while `up` is false.
 */
interface PictureHub {
  up: boolean;
  stored: Map<string, Uint8Array>;
  /** Every upload that reached it: its key and status. */
  uploads: { key: string; status: number | 'lost' }[];
  loseNext: number;
  /** Answer the next this many uploads as the hub does a token it does not accept (401), keeping nothing. */
  refuseTokenNext: number;
  fetch: typeof fetch;
}

function pictureHub(): PictureHub {
  const hub: PictureHub = {
    up: false,
    stored: new Map(),
    uploads: [],
    loseNext: 0,
    refuseTokenNext: 0,
    fetch: async (input, init) => {
      if (!hub.up) throw new TypeError('fetch failed: connect ECONNREFUSED');
      expect(String(input)).toMatch(/\/api\/v1\/incidents\/[0-9A-Z]+\/snapshots$/);
      const headers = init!.headers as Record<string, string>;
      expect(headers.authorization).toBe('Bearer good');
      const key = headers['idempotency-key']!;
      if (hub.refuseTokenNext > 0) {
        hub.refuseTokenNext -= 1;
        hub.uploads.push({ key, status: 401 });
        return new Response(JSON.stringify({ error: 'unauthorized', message: 'send a valid hub token as "Authorization: Bearer mc_…"' }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      }
      const bytes = new Uint8Array(await (init!.body as Blob).arrayBuffer());
      if (bytes[0] === 0) {
        hub.uploads.push({ key, status: 400 });
        return new Response(JSON.stringify({ error: 'invalid', message: 'not a PNG: the PNG signature is missing' }), { status: 400, headers: { 'content-type': 'application/json' } });
      }
      const replayed = hub.stored.has(key);
      hub.stored.set(key, bytes);
      if (hub.loseNext > 0) {
        hub.loseNext -= 1;
        hub.uploads.push({ key, status: 'lost' });
        throw new TypeError('fetch failed: socket hang up');
      }
      hub.uploads.push({ key, status: replayed ? 200 : 201 });
      return new Response('{}', { status: replayed ? 200 : 201, headers: { 'content-type': 'application/json' } });
    },
  };
  return hub;
}

/** A console: the hub client (the only socket user) with the incident transport on it. */
async function console_(port: number, person = 'ann', pictures: PictureHub | null = null): Promise<{ store: AppStore; incidents: IncidentTransport; storage: KeyValueStorage; stop(): void }> {
  const store = createAppStore();
  const storage = memoryStorage();
  const hub = createHubClient({ store, storage, bridge: { hubConnection: async () => ({ url: `http://127.0.0.1:${port}`, token: 'good' }) }, pageOrigin: null, retryMs: 200 });
  const incidents = createIncidentTransport({ store, hub, storage, retryMs: 100, maxRetryMs: 400, ...(pictures ? { fetch: pictures.fetch } : {}) });
  await hub.start();
  await incidents.start();
  incidents.setPerson(person);
  const stop = () => {
    incidents.stop();
    hub.stop();
  };
  cleanups.push(stop);
  return { store, incidents, storage, stop };
}

function until(store: AppStore, check: (s: ReturnType<AppStore['getState']>) => boolean, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check(store.getState())) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; outbox ${store.getState().incidents.outbox.length}, connection ${store.getState().connection.status}`));
    }, ms);
    const unsubscribe = store.subscribe((state) => {
      if (!check(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

const texts = (store: AppStore, incidentId: string) => (store.getState().incidents.entries[incidentId] ?? []).map((e) => e.text);
const note = (incidentId: string, text: string) => ({ incidentId, kind: 'note' as const, text, occurredAt: Date.now(), data: {} });

describe('incident transport', () => {
  it('remembers the hub clock’s offset as timed by round trips, not the late hello’s guess, for a start without the hub', async () => {
    helloLateMs = 700;
    cleanups.push(() => void (helloLateMs = 0));
    const port = await freePort();
    const fake = await startHub(port, { entries: [], syncs: [] });
    cleanups.push(fake.close);
    const { store, storage } = await console_(port);
    await until(store, (s) => s.connection.status === 'connected' && Math.abs(s.connection.clockOffsetMs) < 50);
    const remembered = JSON.parse(storage.getItem(REMEMBERED_KEY) ?? 'null') as { clockOffsetMs: number };
    expect(Math.abs(remembered.clockOffsetMs)).toBeLessThan(50);
  });

  it('commands given while the hub is unreachable wait in the outbox and arrive exactly once, in order', async () => {
    const port = await freePort();
    const { store, incidents } = await console_(port);
    const id = await incidents.declare({ title: '403s on the EU edge', severity: 1 });
    await incidents.log(note(id, 'one'));
    await incidents.log(note(id, 'two'));
    expect(store.getState().incidents.outbox.map((i) => i.type)).toEqual(['declare', 'command', 'command']);

    const log: Log = { entries: [], syncs: [] };
    await startHub(port, log);
    await until(store, (s) => s.incidents.outbox.length === 0 && s.incidents.caughtUp);
    expect(log.entries.map((e) => e.text)).toEqual(['403s on the EU edge', 'one', 'two']);
    await until(store, (s) => (s.incidents.entries[id]?.length ?? 0) === 3);
    expect(texts(store, id)).toEqual(['403s on the EU edge', 'one', 'two']);
    expect(store.getState().incidents.summaries[id]?.title).toBe('403s on the EU edge');
  }, 30_000);

  it('declares with the priority and the affected service when given (a blank service is left out)', async () => {
    const { store, incidents } = await console_(await freePort());
    await incidents.declare({ title: 'Paying viewers denied', severity: 1, priority: 'P1', service: ' entitlement ' });
    await incidents.declare({ title: 'bare', severity: 3, service: '  ' });
    const payloads = store.getState().incidents.outbox.map((i) => (i.type === 'declare' ? i.payload : null));
    expect(payloads[0]).toMatchObject({ title: 'Paying viewers denied', severity: 1, priority: 'P1', service: 'entitlement', author: 'ann' });
    expect(payloads[1]).not.toHaveProperty('service');
    expect(payloads[1]).not.toHaveProperty('priority');
  });

  it('a lost ack: the hub stored it and went; the command is sent again, answered "duplicate", and held once', async () => {
    const port = await freePort();
    const log: Log = { entries: [], syncs: [] };
    await startHub(port, log, 'lost');
    const { store, incidents } = await console_(port);
    await until(store, (s) => s.incidents.caughtUp);
    const id = await incidents.declare({ title: 'incident', severity: 2 });
    await incidents.log(note(id, 'lost'));
    await until(store, (s) => s.connection.status === 'disconnected');
    expect(store.getState().incidents.outbox.map((i) => i.type)).toEqual(['command']);

    await startHub(port, log);
    await until(store, (s) => s.incidents.outbox.length === 0 && s.incidents.caughtUp);
    expect(log.entries.filter((e) => e.text === 'lost')).toHaveLength(1);
    expect(texts(store, id)).toEqual(['incident', 'lost']);
  }, 30_000);

  it('an incident declared while a screen is catching up is kept, not replaced by the list taken before it', async () => {
    const port = await freePort();
    const log: Log = { entries: [], syncs: [] };
    // Declared elsewhere just after the hub answered the screen's list: its broadcast arrives before the catch-up ends.
    await startHub(port, log, null, null, (io) => io.emit('incident:summary', summaryOf('01KDECLAREDDURINGCATCHUP00', 'Entitlement 403s')));
    const wall = await console_(port);
    await until(wall.store, (s) => s.incidents.caughtUp);
    expect(wall.store.getState().incidents.summaries['01KDECLAREDDURINGCATCHUP00']?.title).toBe('Entitlement 403s');
  });

  it('catches up from the last seq it kept: after a hub restart, and after a reload', async () => {
    const port = await freePort();
    const log: Log = { entries: [], syncs: [] };
    const hub = await startHub(port, log);
    const first = await console_(port);
    await until(first.store, (s) => s.incidents.caughtUp);
    const id = await first.incidents.declare({ title: 'incident', severity: 2 });
    await first.incidents.log(note(id, 'a'));
    await until(first.store, (s) => (s.incidents.entries[id]?.length ?? 0) === 2 && s.incidents.outbox.length === 0);

    // The hub restarts; meanwhile another console wrote one more entry.
    await hub.close();
    await until(first.store, (s) => s.connection.status === 'disconnected');
    log.entries.push({ ...log.entries.at(-1)!, id: newId(), text: 'b', seq: 3 });
    log.syncs.length = 0;
    await startHub(port, log);
    await until(first.store, (s) => (s.incidents.entries[id]?.length ?? 0) === 3 && s.incidents.caughtUp);
    expect(log.syncs).toEqual([1, 2]); // the probe of the entry at our cursor, then everything after it
    expect(texts(first.store, id)).toEqual(['incident', 'a', 'b']);

    // A reload: a new page on the same journal shows what it held at once, then asks only for what is new.
    await new Promise((r) => setTimeout(r, 250)); // the journal's write-behind
    first.stop();
    log.entries.push({ ...log.entries.at(-1)!, id: newId(), text: 'c', seq: 4 });
    log.syncs.length = 0;
    const second = await console_(port);
    expect(texts(second.store, id)).toEqual(['incident', 'a', 'b']);
    await until(second.store, (s) => (s.incidents.entries[id]?.length ?? 0) === 4);
    expect(log.syncs).toEqual([2, 3]);
    expect(texts(second.store, id)).toEqual(['incident', 'a', 'b', 'c']);
  }, 30_000);

  it('a hub with another log (a new data folder): the journal starts over from seq 0', async () => {
    const port = await freePort();
    const log: Log = { entries: [], syncs: [] };
    const hub = await startHub(port, log);
    const c = await console_(port);
    await until(c.store, (s) => s.incidents.caughtUp);
    const id = await c.incidents.declare({ title: 'old', severity: 2 });
    await until(c.store, (s) => s.incidents.outbox.length === 0 && (s.incidents.entries[id]?.length ?? 0) === 1);

    await hub.close();
    await until(c.store, (s) => s.connection.status === 'disconnected');
    const other: Log = { entries: [], syncs: [] };
    const otherId = newId();
    other.entries.push({ id: otherId, incidentId: otherId, kind: 'note', text: 'new hub', occurredAt: 1, author: 'zoe', console: 'z', data: {}, seq: 1, recordedAt: 1 } as TimelineEntry);
    await startHub(port, other);
    await until(c.store, (s) => s.incidents.caughtUp && s.incidents.entries[otherId] !== undefined);
    expect(other.syncs).toEqual([0, 0]);
    expect(c.store.getState().incidents.entries[id]).toBeUndefined();
    expect(texts(c.store, otherId)).toEqual(['new hub']);
  }, 30_000);

  it('keeps a refusal with the hub’s reason; a name must be one word others can @mention', async () => {
    const port = await freePort();
    const log: Log = { entries: [], syncs: [] };
    await startHub(port, log);
    const c = await console_(port);
    await until(c.store, (s) => s.incidents.caughtUp);
    await c.incidents.log(note(newId(), 'into nowhere'));
    await until(c.store, (s) => s.incidents.outbox.some((i) => i.refused !== undefined));
    expect(c.store.getState().incidents.outbox[0]!.refused!.message).toContain('no incident');
    expect(() => c.incidents.setPerson('two words')).toThrow(/One word/);
  }, 30_000);

  it('an entry the hub fails to store while connected says why, is tried again with the same id, and is stored once when the hub recovers', async () => {
    const port = await freePort();
    const log: Log = { entries: [], syncs: [] };
    await startHub(port, log);
    const c = await console_(port);
    await until(c.store, (s) => s.incidents.caughtUp);
    const id = await c.incidents.declare({ title: 'incident', severity: 2 });
    await until(c.store, (s) => s.incidents.outbox.length === 0);
    log.failNext = 3;
    await c.incidents.log(note(id, 'the store is failing'));
    await until(c.store, (s) => (s.incidents.outbox[0]?.lastFailure?.failures ?? 0) >= 2);
    const held = c.store.getState().incidents.outbox[0]!;
    expect(failureWords(held)).toBe('“the store is failing”: the hub failed to store it (the hub failed to handle this event; it has been logged)');
    expect(held.lastFailure!.signIn).toBeUndefined();
    await until(c.store, (s) => s.incidents.outbox.length === 0);
    expect(log.entries.filter((e) => e.text === 'the store is failing')).toHaveLength(1);
  }, 30_000);

  it('a catch-up the hub keeps failing says why (nothing is sent meanwhile), backs off, and the outbox goes once one succeeds', async () => {
    const port = await freePort();
    const log: Log = { entries: [], syncs: [], failSyncs: 4 };
    const c = await console_(port);
    const id = await c.incidents.declare({ title: 'typed before the hub answered', severity: 2 });
    const startedAt = Date.now();
    await startHub(port, log);
    await until(c.store, (s) => s.incidents.catchUpError !== null);
    expect(c.store.getState().incidents.catchUpError).toBe('the hub did not give the timeline (the hub failed to handle this event; it has been logged)');
    expect(c.store.getState().incidents.caughtUp).toBe(false);
    expect(c.store.getState().incidents.outbox.map((i) => i.type)).toEqual(['declare']);
    await until(c.store, (s) => s.incidents.caughtUp && s.incidents.outbox.length === 0);
    expect(c.store.getState().incidents.catchUpError).toBeNull();
    // Four failures paced 100, 200, 400, 400 ms: not one a tick.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(log.entries.map((e) => e.id)).toEqual([id]);
  }, 30_000);
});

describe('impact snapshots through the outbox', () => {
  const png = (first: number, size = 200) => new Blob([new Uint8Array(size).fill(first)], { type: 'image/png' });
  const meta = (text: string) => ({ panelId: 'edge-5xx', text, capturedAt: Date.now() });
  const types = (store: AppStore) => store.getState().incidents.outbox.map((i) => i.type);

  it('a snapshot taken while the hub is unreachable waits with its picture, survives a reload, and arrives once, in order', async () => {
    const port = await freePort();
    const pictures = pictureHub();
    const first = await console_(port, 'ann', pictures);
    const id = await first.incidents.declare({ title: '403s on the EU edge', severity: 1 });
    await first.incidents.log(note(id, 'before'));
    const entryId = await first.incidents.attachSnapshot(id, png(137), meta('5xx at the peak'));
    await first.incidents.log(note(id, 'after'));
    expect(types(first.store)).toEqual(['declare', 'command', 'snapshot', 'command']);
    const held = first.store.getState().incidents.outbox[2]!;
    expect(held.type === 'snapshot' && held.png.size).toBe(200);

    // A reload while the hub is still away: the picture comes back from IndexedDB.
    first.stop();
    const second = await console_(port, 'ann', pictures);
    expect(types(second.store)).toEqual(['declare', 'command', 'snapshot', 'command']);
    const restored = second.store.getState().incidents.outbox[2]!;
    expect(restored.type === 'snapshot' && new Uint8Array(await restored.png.arrayBuffer())[0]).toBe(137);

    pictures.up = true;
    const log: Log = { entries: [], syncs: [] };
    await startHub(port, log, null, pictures);
    await until(second.store, (s) => s.incidents.outbox.length === 0 && (s.incidents.entries[id]?.length ?? 0) === 4);
    expect(log.entries.map((e) => e.text)).toEqual(['403s on the EU edge', 'before', '5xx at the peak', 'after']);
    const entry = log.entries.find((e) => e.id === entryId)!;
    expect(entry.kind).toBe('snapshot');
    const assetId = entry.kind === 'snapshot' ? entry.data.assetId : '';
    expect(pictures.uploads).toEqual([{ key: assetId, status: 201 }]);
    expect(pictures.stored.get(assetId)?.length).toBe(200);
  }, 30_000);

  it('an upload whose answer is lost goes again under the same id and is kept once; a refused one is marked failed and the rest go on', async () => {
    const port = await freePort();
    const pictures = pictureHub();
    pictures.up = true;
    pictures.loseNext = 1;
    const log: Log = { entries: [], syncs: [] };
    await startHub(port, log, null, pictures);
    const c = await console_(port, 'ann', pictures);
    await until(c.store, (s) => s.incidents.caughtUp);
    const id = await c.incidents.declare({ title: 'incident', severity: 2 });
    await c.incidents.attachSnapshot(id, png(0), meta('a broken picture'));
    await c.incidents.attachSnapshot(id, png(137), meta('the answer to this one is lost'));
    await c.incidents.log(note(id, 'after both'));
    await until(c.store, (s) => s.incidents.outbox.length === 1 && s.incidents.outbox[0]!.refused !== undefined && (s.incidents.entries[id]?.length ?? 0) === 3);

    const refused = c.store.getState().incidents.outbox[0]!;
    expect(refused.type).toBe('snapshot');
    expect(refused.refused?.message).toContain('PNG signature');
    expect(log.entries.map((e) => e.text)).toEqual(['incident', 'the answer to this one is lost', 'after both']);
    const [bad, lost, again] = pictures.uploads;
    expect(pictures.uploads).toHaveLength(3);
    expect(bad!.status).toBe(400);
    expect(lost).toEqual({ key: again!.key, status: 'lost' });
    expect(again!.status).toBe(200); // replayed: the hub holds it once
    expect(pictures.stored.size).toBe(1);

    // Never tried again; dismissed, the picture leaves the journal.
    await new Promise((r) => setTimeout(r, 300));
    expect(pictures.uploads).toHaveLength(3);
    await c.incidents.dismiss(refused.id);
    expect(c.store.getState().incidents.outbox).toEqual([]);
  }, 30_000);

  it('an upload the hub keeps refusing (401) says why in words, waits with the entries behind it, survives a reload, and goes once the hub takes it', async () => {
    const port = await freePort();
    const pictures = pictureHub();
    pictures.up = true;
    pictures.refuseTokenNext = Infinity;
    const log: Log = { entries: [], syncs: [] };
    await startHub(port, log, null, pictures);
    const first = await console_(port, 'ann', pictures);
    await until(first.store, (s) => s.incidents.caughtUp);
    const id = await first.incidents.declare({ title: 'incident', severity: 2 });
    await first.incidents.attachSnapshot(id, png(137), meta('5xx at the peak'));
    await first.incidents.log(note(id, 'typed after the picture'));
    await until(first.store, (s) => (s.incidents.outbox[0]?.lastFailure?.failures ?? 0) >= 2);

    // Not refused for good (a new token would help): pending, with the hub's words and what to do.
    const held = first.store.getState().incidents.outbox[0]!;
    expect(held.type).toBe('snapshot');
    expect(held.refused).toBeUndefined();
    expect(held.lastFailure).toMatchObject({ reason: 'the hub did not accept this console\'s token (401: send a valid hub token as "Authorization: Bearer mc_…")', signIn: true });
    expect(failureWords(held)).toBe('snapshot “5xx at the peak”: the hub did not accept this console\'s token (401: send a valid hub token as "Authorization: Bearer mc_…")');
    expect(attemptWords(held, held.lastFailure!.at)).toMatch(/^\d+ attempts, the last 0 s ago; next try in [1-9]\d* s$/);
    // The entry typed after it waits its turn: nothing overtakes the picture.
    expect(types(first.store)).toEqual(['snapshot', 'command']);
    expect(log.entries.map((e) => e.text)).toEqual(['incident']);

    // A reload: the picture comes back with why it has not gone.
    first.stop();
    const second = await console_(port, 'ann', pictures);
    const restored = second.store.getState().incidents.outbox[0]!;
    expect(restored.lastFailure?.reason).toContain('401: send a valid hub token');
    expect(restored.attempts).toBeGreaterThanOrEqual(2);

    // The hub takes the token again: the picture, then the entry, each once; nothing is left.
    pictures.refuseTokenNext = 0;
    await until(second.store, (s) => s.incidents.outbox.length === 0 && (s.incidents.entries[id]?.length ?? 0) === 3);
    expect(log.entries.map((e) => e.text)).toEqual(['incident', '5xx at the peak', 'typed after the picture']);
    expect(pictures.uploads.filter((u) => u.status !== 401)).toEqual([{ key: expect.any(String) as unknown, status: 201 }]);
    expect(pictures.stored.size).toBe(1);
  }, 30_000);

  it('a picture the hub could never keep is refused at once, in words, and nothing is queued', async () => {
    const port = await freePort();
    const c = await console_(port);
    const id = await c.incidents.declare({ title: 'incident', severity: 2 });
    await expect(c.incidents.attachSnapshot(id, png(137, 2 * 1024 * 1024 + 1), meta('too big'))).rejects.toThrow(/2\.0 MiB; the hub keeps snapshots of at most 2 MiB/);
    expect(types(c.store)).toEqual(['declare']);
  }, 30_000);
});
