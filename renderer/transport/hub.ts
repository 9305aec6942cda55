/**
 * The only socket.io-client user: connects to the hub with the token, writes what the hub says
 * into the store, keeps the hub's frame subscriptions equal to what the screens want, and
 * resubscribes (replacing frames with the ack's full ones) after every hello, because a
 * reconnect may be to a hub that restarted and knows nothing of us.
 */
import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { DesktopBridge, HubConnection } from '../../shared/bridge.ts';
import { ACK_TIMEOUT_MS } from '../../shared/protocol/ack.ts';
import type { AckResult } from '../../shared/protocol/ack.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import { CLOCK_SAMPLES, offsetFromSamples, type ClockSample } from '../../shared/domain/clock-offset.ts';
import type { AppStore } from '../state/store.ts';
import { clearToken, readToken, writeToken } from './token.ts';
import type { KeyValueStorage } from './token.ts';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectFn = (url: string | undefined, options: Partial<ManagerOptions & SocketOptions>) => HubSocket;

/** The commands screens send (everything but the subscriptions, which the transport owns). */
export type CommandEvent = Exclude<keyof ClientToServerEvents, 'frames:subscribe' | 'frames:unsubscribe'>;
export type CommandRequest<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
export type CommandResult<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** The message a hub puts in connect_error when the token is missing, unknown or revoked. */
export const UNAUTHORIZED = 'unauthorized';
/** The schema's limit on keys per subscribe request. */
const MAX_KEYS_PER_REQUEST = 500;
/** How long to wait before trying again what the hub refused or did not answer. */
const RETRY_MS = 5000;

export interface HubClient {
  /** Find the hub (bridge or same origin) and connect with the stored token. */
  start(): Promise<void>;
  /** Store a token and reconnect with it. */
  signIn(token: string): void;
  /** Forget the stored token and disconnect. */
  signOut(): void;
  /** Send a command and wait for its ack (never throws: a timeout is an error result). */
  request<E extends CommandEvent>(event: E, payload: CommandRequest<E>): Promise<CommandResult<E>>;
  /** Where the hub is, for display. */
  hubUrl(): string | null;
  /** The token in use, for HTTP calls beside the socket (downloads with a bearer token). */
  token(): string | null;
  /**
   * Feature transports (incidents) listen on each socket this client makes: called with every new
   * socket, and with null when it is torn down (its listeners are gone with it).
   */
  onSocket(listener: (socket: HubSocket | null) => void): () => void;
  stop(): void;
}

export interface HubClientOptions {
  store: AppStore;
  bridge: Pick<DesktopBridge, 'hubConnection'>;
  storage: KeyValueStorage | null;
  /** The page's origin, shown as the hub URL when the UI talks to its own origin. */
  pageOrigin: string | null;
  connect?: ConnectFn;
  retryMs?: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function describeDisconnect(reason: string): string {
  switch (reason) {
    case 'io server disconnect':
      return 'the hub closed the connection';
    case 'transport close':
      return 'the connection to the hub was closed';
    case 'transport error':
      return 'the connection to the hub failed';
    case 'ping timeout':
      return 'the hub stopped answering';
    default:
      return reason;
  }
}

/**
 * socket.io's back-off between reconnect attempts: 0.5 s, doubling, at most 3 s. A war room that
 * restarts its hub has its walls back within about 2 s of the hub (socket.io's default cap of
 * 15 s left walls dark that long). The ±50% jitter spreads many walls' attempts over time: 100
 * walls try about 50 times a second while the hub is down, a handful of tiny requests.
 */
export const RECONNECT_BACKOFF = Object.freeze({ reconnectionDelay: 500, reconnectionDelayMax: 3_000, randomizationFactor: 0.5 });

const defaultConnect: ConnectFn = (url, options) => (url === undefined ? io(options) : io(url, options));

export function createHubClient(options: HubClientOptions): HubClient {
  const { store, bridge, storage, pageOrigin } = options;
  const connect = options.connect ?? defaultConnect;
  const retryMs = options.retryMs ?? RETRY_MS;

  let desktop: HubConnection | null = null;
  let socket: HubSocket | null = null;
  /** Keys the hub holds for this socket session (or that are in flight). */
  const subscribed = new Set<string>();
  /** Counts hellos: an ack from an older session is ignored. */
  let session = 0;
  let helloSeen = false;
  /** Why the hub ended the session (e.g. "This token was revoked."), shown with what follows. */
  let endedReason: string | null = null;
  let syncTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let helloTimer: ReturnType<typeof setTimeout> | null = null;
  let unsubscribeStore: (() => void) | null = null;
  let stopped = false;
  let currentToken: string | null = null;
  const socketListeners = new Set<(socket: HubSocket | null) => void>();

  const clearTimers = () => {
    for (const t of [syncTimer, retryTimer, reconnectTimer, helloTimer]) if (t !== null) clearTimeout(t);
    syncTimer = retryTimer = reconnectTimer = helloTimer = null;
  };

  const teardown = () => {
    clearTimers();
    subscribed.clear();
    helloSeen = false;
    if (socket) {
      socket.io.removeAllListeners();
      socket.removeAllListeners();
      socket.disconnect();
      socket = null;
      for (const listener of socketListeners) listener(null);
    }
  };

  const scheduleSync = (delay = 30) => {
    if (syncTimer !== null) return;
    syncTimer = setTimeout(() => {
      syncTimer = null;
      sync();
    }, delay);
  };

  const scheduleRetry = () => {
    if (retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      sync();
    }, retryMs);
  };

  /** Make the hub's subscriptions equal to what the screens want. */
  const sync = () => {
    // Whatever the connection, data no screen wants is let go.
    store.getState().framesPruned();
    const s = socket;
    if (!s || !s.connected || !helloSeen) return;
    const wanted = store.getState().wanted;
    const toAdd = Object.keys(wanted).filter((key) => !subscribed.has(key));
    const toRemove = [...subscribed].filter((key) => !wanted[key]);
    for (const key of toRemove) subscribed.delete(key);
    for (const keys of chunks(toRemove, MAX_KEYS_PER_REQUEST)) {
      // Best effort: the hub forgets them anyway when the socket goes.
      s.timeout(ACK_TIMEOUT_MS)
        .emitWithAck('frames:unsubscribe', { keys })
        .catch(() => undefined);
    }
    for (const key of toAdd) subscribed.add(key);
    for (const keys of chunks(toAdd, MAX_KEYS_PER_REQUEST)) void subscribe(s, keys, session);
  };

  const subscribe = async (s: HubSocket, keys: string[], mySession: number) => {
    let failure: string;
    try {
      // With .timeout() socket.io types the ack as any: name its real type.
      const ack: CommandResult<'frames:subscribe'> = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('frames:subscribe', { keys });
      if (mySession !== session || s !== socket) return;
      if (ack.ok) {
        const wanted = store.getState().wanted;
        // The ack's frames are the whole truth for these keys (the hub may have restarted).
        store.getState().framesReplaced(ack.frames.filter((f) => wanted[f.key]));
        store.getState().connectionSubscribeError(null);
        return;
      }
      failure = `the hub refused the subscription: ${ack.error.message}`;
    } catch {
      if (mySession !== session || s !== socket) return;
      failure = `the hub did not answer the subscription within ${ACK_TIMEOUT_MS / 1000} s`;
    }
    for (const key of keys) subscribed.delete(key);
    store.getState().connectionSubscribeError(failure);
    scheduleRetry();
  };

  // The hello's serverTime is late by its own delivery; a few timed round trips pin the offset
  // down (until then, and with a hub that does not answer, the last timed offset holds unless the
  // clock stepped: offsetAtHello).
  const timeClock = async (s: HubSocket, mySession: number) => {
    const samples: ClockSample[] = [];
    for (let i = 0; i < CLOCK_SAMPLES; i++) {
      const sentAt = Date.now();
      try {
        const ack: CommandResult<'hub:time'> = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('hub:time', {});
        if (!ack.ok) break;
        samples.push({ sentAt, receivedAt: Date.now(), serverTime: ack.serverTime });
      } catch {
        break;
      }
      if (mySession !== session || s !== socket) return;
    }
    const timed = offsetFromSamples(samples);
    if (timed && mySession === session && s === socket) store.getState().connectionClock(timed.offsetMs);
  };

  const reconnectLater = () => {
    if (reconnectTimer !== null) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      if (socket && !socket.connected && !stopped) socket.connect();
    }, retryMs);
  };

  // The network is back (the OS or browser says so): try the hub now rather than at the end of a
  // back-off of up to 3 s, so what the outbox holds reaches it at once. disconnect() then connect()
  // starts a new attempt; connect() alone waits for the pending one.
  const onOnline = () => {
    const s = socket;
    if (!s || s.connected || stopped || currentToken === null) return;
    s.disconnect();
    s.connect();
  };

  const connectWith = (token: string | null) => {
    teardown();
    endedReason = null;
    currentToken = token;
    if (stopped) return;
    const url = desktop?.url;
    store.getState().connectionConnecting(url ?? pageOrigin);
    if (!token) {
      store.getState().connectionUnauthorized('no-token', null);
      return;
    }
    const s = connect(url, {
      auth: { token },
      forceNew: true,
      reconnection: true,
      ...RECONNECT_BACKOFF,
      timeout: 10_000,
    });
    socket = s;

    s.on('connect', () => {
      if (helloTimer !== null) clearTimeout(helloTimer);
      // The hub says hello on every connection; without it we do not know its clock or workspace.
      helloTimer = setTimeout(() => {
        helloTimer = null;
        if (!helloSeen && s === socket) store.getState().connectionLost('connected, but the hub did not say hello');
      }, ACK_TIMEOUT_MS);
    });
    s.on('hub:hello', (hello) => {
      if (s !== socket) return;
      if (helloTimer !== null) clearTimeout(helloTimer);
      helloTimer = null;
      session += 1;
      helloSeen = true;
      endedReason = null;
      store.getState().connectionHello(hello);
      // A new session: the hub holds no subscriptions for us, whatever we had before.
      subscribed.clear();
      sync();
      void timeClock(s, session);
    });
    s.on('session:ended', ({ reason }) => {
      if (s !== socket) return;
      endedReason = typeof reason === 'string' ? reason.slice(0, 300) : null;
      store.getState().connectionLost(endedReason);
    });
    s.on('workspace:changed', (state) => {
      if (s === socket) store.getState().workspaceChanged(state);
    });
    s.on('frames:delta', (deltas) => {
      if (s === socket) store.getState().framesDelta(deltas);
    });
    s.on('disconnect', (reason) => {
      if (s !== socket) return;
      helloSeen = false;
      subscribed.clear();
      store.getState().connectionLost(describeDisconnect(reason));
      // After a server-side disconnect socket.io does not retry by itself; a revoked token
      // then shows up as "unauthorized" on the next attempt.
      if (!s.active) reconnectLater();
    });
    s.on('connect_error', (error) => {
      if (s !== socket) return;
      if (error.message === UNAUTHORIZED) {
        // Retrying with a refused token would only hammer the hub: wait for a new token.
        s.disconnect();
        store.getState().connectionUnauthorized('refused', endedReason ?? error.message);
        return;
      }
      store.getState().connectionLost(error.message);
      if (!s.active) reconnectLater();
    });
    s.io.on('reconnect_attempt', (attempt) => {
      if (s === socket) store.getState().connectionAttempt(attempt);
    });
    for (const listener of socketListeners) listener(s);
  };

  return {
    async start() {
      stopped = false;
      try {
        desktop = await bridge.hubConnection();
      } catch {
        desktop = null;
      }
      unsubscribeStore?.();
      unsubscribeStore = store.subscribe((state, prev) => {
        if (state.wanted !== prev.wanted) scheduleSync();
      });
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.addEventListener?.('online', onOnline);
      connectWith(desktop?.token ?? readToken(storage));
    },
    signIn(token) {
      writeToken(storage, token);
      connectWith(token.trim());
    },
    signOut() {
      clearToken(storage);
      if (desktop) desktop = { ...desktop, token: '' };
      connectWith(null);
    },
    async request(event, payload) {
      const s = socket;
      if (!s || !s.connected) {
        return { ok: false, error: { code: 'internal', message: 'Not connected to the hub' } } as CommandResult<typeof event>;
      }
      try {
        // The event maps are checked at the call site; emitWithAck cannot relate a generic event
        // name to its own parameter list, hence the one cast here.
        const timed = s.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(ev: string, req: unknown): Promise<AckResult> };
        return (await timed.emitWithAck(event, payload)) as CommandResult<typeof event>;
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: `The hub did not answer within ${ACK_TIMEOUT_MS / 1000} s` },
        } as CommandResult<typeof event>;
      }
    },
    hubUrl: () => desktop?.url ?? pageOrigin,
    token: () => currentToken,
    onSocket(listener) {
      socketListeners.add(listener);
      if (socket) listener(socket);
      return () => void socketListeners.delete(listener);
    },
    stop() {
      stopped = true;
      globalThis.removeEventListener?.('online', onOnline);
      unsubscribeStore?.();
      unsubscribeStore = null;
      teardown();
    },
  };
}
