/**
 * The transport against a real socket.io server on loopback (no hub needed): hello, subscribe
 * with ack, deltas, unauthorized, and a hub restart that must end in a full resubscribe.
 */
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/model/frame.ts';
import type { ClientToServerEvents, HubHello, ServerToClientEvents } from '../../shared/protocol/events.ts';
import { createAppStore } from '../state/store.ts';
import type { AppStore } from '../state/store.ts';
import { createHubClient } from './hub.ts';
import type { HubClient } from './hub.ts';
import type { KeyValueStorage } from './token.ts';

type Hub = Server<ClientToServerEvents, ServerToClientEvents>;

const SKEW = 60_000;
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const data = new Map(Object.entries(initial));
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

interface FakeHub {
  io: Hub;
  /** How late the hello's serverTime is (as if it had sat in a busy page's queue). */
  helloLateMs: number;
  /** hub clock − local clock. */
  skewMs: number;
  /** hub:time questions answered. */
  timeAsks: number;
  port: number;
  subscribes: string[][];
  connections: number;
  revoked: boolean;
}

/** A minimal hub: token "good" only; each frame key gets one point whose value is the hub's generation. */
function startHub(port = 0, generation = 1): Promise<FakeHub> {
  const io: Hub = new Server({ cors: { origin: '*' } });
  const hub: FakeHub = { io, port, helloLateMs: 0, skewMs: SKEW, timeAsks: 0, subscribes: [], connections: 0, revoked: false };
  io.use((socket, next) => (socket.handshake.auth.token === 'good' && !hub.revoked ? next() : next(new Error('unauthorized'))));
  io.on('connection', (socket) => {
    hub.connections += 1;
    const hello: HubHello = {
      version: `gen-${generation}`,
      role: 'viewer',
      tokenName: 'wall',
      serverTime: Date.now() + hub.skewMs - hub.helloLateMs,
      workspace: { workspace: null, issues: null, loadedAt: 1 },
    };
    socket.emit('hub:hello', hello);
    socket.on('frames:subscribe', ({ keys }, ack) => {
      hub.subscribes.push(keys);
      for (const key of keys) void socket.join(key);
      const frames: Frame[] = keys.map((key) => ({
        key,
        series: [{ name: '{}', labels: {}, points: [[generation * 1_000, generation]] }],
        meta: { sourceId: 'demo', lastSuccessAt: Date.now(), lastAttemptAt: Date.now(), lastError: null, expectedIntervalMs: 5_000 },
      }));
      ack({ ok: true, frames });
    });
    socket.on('frames:unsubscribe', (_req, ack) => ack({ ok: true }));
    socket.on('hub:time', (_req, ack) => {
      hub.timeAsks += 1;
      ack({ ok: true, serverTime: Date.now() + hub.skewMs });
    });
  });
  io.listen(port);
  return new Promise((resolve) => {
    const ready = () => {
      hub.port = (io.httpServer.address() as { port: number }).port;
      resolve(hub);
    };
    if (io.httpServer.listening) ready();
    else io.httpServer.once('listening', ready);
  });
}

function until(store: AppStore, check: (s: ReturnType<AppStore['getState']>) => boolean, ms = 8_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check(store.getState())) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; state: ${JSON.stringify(store.getState().connection)}`));
    }, ms);
    const unsubscribe = store.subscribe((state) => {
      if (!check(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** A client as the desktop app has it: the bridge names the hub (in Node there is no page origin). */
function client(port: number, token: string, store = createAppStore()): { store: AppStore; hub: HubClient } {
  const hub = createHubClient({
    store,
    storage: memoryStorage(),
    bridge: { hubConnection: async () => ({ url: `http://127.0.0.1:${port}`, token }) },
    pageOrigin: null,
    retryMs: 200,
  });
  cleanups.push(() => hub.stop());
  return { store, hub };
}

/** A client of a hub whose hellos are 800 ms stale, once its clock offset is timed (within 50 ms of the truth). */
async function timedBehindLateHellos(): Promise<{ fake: FakeHub; store: AppStore; firstHello: number }> {
  const fake = await startHub();
  fake.helloLateMs = 800;
  cleanups.push(() => new Promise<void>((r) => fake.io.close(() => r())));
  const { store, hub } = client(fake.port, 'good');
  await hub.start();
  await until(store, (s) => s.connection.status === 'connected');
  await until(store, (s) => Math.abs(s.connection.clockOffsetMs - SKEW) < 50);
  return { fake, store, firstHello: store.getState().connection.helloAt! };
}

describe('hub transport', () => {
  it('times the hub clock by round trips: a hello that arrived late does not leave the offset off by its delay', async () => {
    await timedBehindLateHellos();
  });

  it('keeps the timed offset through a reconnect whose hello arrived late, until the new timing lands', async () => {
    const { fake, store, firstHello } = await timedBehindLateHellos();
    // Every offset an entry typed from now on could be stamped with.
    const offsets: number[] = [];
    cleanups.push(store.subscribe((s) => offsets.push(s.connection.clockOffsetMs)));

    fake.io.disconnectSockets(true);
    await until(store, (s) => s.connection.status === 'connected' && s.connection.helloAt! > firstHello);
    // The new timing's five round trips answered, and a moment for the last answer to land.
    for (let waited = 0; fake.timeAsks < 10 && waited < 8_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.timeAsks).toBe(10);
    expect(offsets.length).toBeGreaterThan(0);
    expect(offsets.filter((o) => Math.abs(o - SKEW) >= 50)).toEqual([]);
  });

  it('takes a reconnect’s hello at once when a clock stepped by more than a late hello could be off', async () => {
    const { fake, store, firstHello } = await timedBehindLateHellos();

    fake.skewMs = SKEW + 60_000;
    fake.io.disconnectSockets(true);
    await until(store, (s) => s.connection.helloAt! > firstHello);
    // The hello's guess (a minute on, 800 ms late), then the timed offset.
    expect(Math.abs(store.getState().connection.clockOffsetMs - (SKEW + 60_000 - 800))).toBeLessThan(50);
    await until(store, (s) => Math.abs(s.connection.clockOffsetMs - (SKEW + 60_000)) < 50);
  });

  it('says hello, measures the clock offset, subscribes what is wanted and appends deltas', async () => {
    const fake = await startHub();
    cleanups.push(() => new Promise<void>((r) => fake.io.close(() => r())));
    const { store, hub } = client(fake.port, 'good');
    store.getState().wantFrames([{ key: 'demo:a', windowMs: 900_000 }]);
    await hub.start();
    await until(store, (s) => s.connection.status === 'connected');
    expect(store.getState().connection.clockOffsetMs).toBeGreaterThan(SKEW - 2_000);
    expect(store.getState().connection.clockOffsetMs).toBeLessThan(SKEW + 2_000);
    await until(store, (s) => s.frames['demo:a'] !== undefined);
    expect(fake.subscribes).toEqual([['demo:a']]);

    fake.io.to('demo:a').emit('frames:delta', [
      {
        key: 'demo:a',
        series: [{ name: '{}', labels: {}, points: [[2_000, 42]] }],
        meta: { sourceId: 'demo', lastSuccessAt: 5, lastAttemptAt: 5, lastError: null, expectedIntervalMs: 5_000 },
      },
    ]);
    await until(store, (s) => s.frames['demo:a']!.series[0]!.points.length === 2);
    expect(store.getState().frames['demo:a']!.series[0]!.points).toEqual([
      [1_000, 1],
      [2_000, 42],
    ]);

    // A new panel mounts: only the new key is subscribed.
    const release = store.getState().wantFrames([{ key: 'demo:b', windowMs: 60_000 }]);
    await until(store, (s) => s.frames['demo:b'] !== undefined);
    expect(fake.subscribes).toEqual([['demo:a'], ['demo:b']]);
    release();
    await until(store, (s) => s.frames['demo:b'] === undefined);
  });

  it('stops at "unauthorized" with a refused token, without retrying', async () => {
    const fake = await startHub();
    cleanups.push(() => new Promise<void>((r) => fake.io.close(() => r())));
    let attempts = 0;
    fake.io.engine.on('connection', () => (attempts += 1));
    const { store, hub } = client(fake.port, 'revoked');
    await hub.start();
    await until(store, (s) => s.connection.status === 'unauthorized');
    expect(store.getState().connection.unauthorizedReason).toBe('refused');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(attempts).toBe(1);
    expect(store.getState().connection.status).toBe('unauthorized');

    hub.signIn('good');
    await until(store, (s) => s.connection.status === 'connected');
  });

  it('a revoked token: the hub ends the session, the screen says so in the hub’s words and stops', async () => {
    const fake = await startHub();
    cleanups.push(() => new Promise<void>((r) => fake.io.close(() => r())));
    const { store, hub } = client(fake.port, 'good');
    await hub.start();
    await until(store, (s) => s.connection.status === 'connected');
    fake.revoked = true;
    for (const socket of fake.io.sockets.sockets.values()) {
      socket.emit('session:ended', { reason: 'This token was revoked.' });
      socket.disconnect(true);
    }
    await until(store, (s) => s.connection.status === 'unauthorized');
    expect(store.getState().connection).toMatchObject({ unauthorizedReason: 'refused', lastError: 'This token was revoked.' });
  });

  it('without a token it does not connect at all', async () => {
    const store = createAppStore();
    const hub = createHubClient({ store, storage: memoryStorage(), bridge: { hubConnection: async () => null }, pageOrigin: null });
    cleanups.push(() => hub.stop());
    await hub.start();
    expect(store.getState().connection).toMatchObject({ status: 'unauthorized', unauthorizedReason: 'no-token' });
  });

  it('after a hub restart: disconnected, then a full resubscribe whose frames replace the old ones', async () => {
    let fake = await startHub(0, 1);
    const port = fake.port;
    cleanups.push(() => new Promise<void>((r) => fake.io.close(() => r())));
    const { store, hub } = client(port, 'good');
    store.getState().wantFrames([{ key: 'demo:a', windowMs: 900_000 }]);
    await hub.start();
    await until(store, (s) => s.frames['demo:a']?.series[0]?.points[0]?.[1] === 1);

    await new Promise<void>((r) => fake.io.close(() => r()));
    await until(store, (s) => s.connection.status === 'disconnected');
    // The last good data stays while the hub is away.
    expect(store.getState().frames['demo:a']!.series[0]!.points).toEqual([[1_000, 1]]);

    fake = await startHub(port, 2);
    await until(store, (s) => s.connection.status === 'connected' && s.connection.version === 'gen-2', 15_000);
    await until(store, (s) => s.frames['demo:a']?.series[0]?.points[0]?.[1] === 2);
    expect(store.getState().frames['demo:a']!.series[0]!.points).toEqual([[2_000, 2]]);
    expect(fake.subscribes).toEqual([['demo:a']]);
  }, 20_000);
});
