import type { StateCreator } from 'zustand/vanilla';
import type { Role } from '../../shared/model/auth.ts';
import type { HubHello } from '../../shared/protocol/events.ts';
import { offsetAtHello } from '../../shared/domain/clock-offset.ts';
import type { AppState } from './store.ts';

/**
 * connecting:   first attempt of this session, nothing heard from the hub yet.
 * connected:    the socket is up (the hub said hello).
 * disconnected: lost, or attempts failing; socket.io keeps retrying.
 * unauthorized: the hub refused the token (or there is none): retrying would not help.
 */
export const connectionStatuses = ['connecting', 'connected', 'disconnected', 'unauthorized'] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

/** Why a screen is unauthorized: no token stored at all, or the hub refused the one it had. */
export type UnauthorizedReason = 'no-token' | 'refused';

export interface ConnectionInfo {
  readonly status: ConnectionStatus;
  /** Local clock (Date.now()) when the status last changed. */
  readonly since: number;
  /** The hub being talked to, for display ("same origin" resolved to the page's origin). */
  readonly hubUrl: string | null;
  readonly version: string | null;
  /** The UI build the hub serves (its entry script's name); null when it serves none or did not say. */
  readonly uiBuild: string | null;
  readonly role: Role | null;
  readonly tokenName: string | null;
  /** hub clock − local clock: timed by round trips after each hello (until then the last timed one, see offsetAtHello). Add it to Date.now() to get the hub's now. */
  readonly clockOffsetMs: number;
  /** Whether clockOffsetMs was timed by round trips with this hub (else the hello's guess). */
  readonly clockTimed: boolean;
  /** The last connection failure in words, cleared on connect. */
  readonly lastError: string | null;
  /** Reconnection attempts since the connection was lost. */
  readonly attempt: number;
  readonly unauthorizedReason: UnauthorizedReason | null;
  /** Local time of the last hello (a new hub session). */
  readonly helloAt: number | null;
  /** Why the last frames subscription failed (cleared when one succeeds). */
  readonly subscribeError: string | null;
}

export interface ConnectionSlice {
  readonly connection: ConnectionInfo;
  connectionConnecting(hubUrl: string | null, now?: number): void;
  connectionHello(hello: HubHello, now?: number): void;
  /** The offset timed by round trips to the hub (after a hello). */
  connectionClock(clockOffsetMs: number): void;
  connectionLost(error: string | null, now?: number): void;
  connectionAttempt(attempt: number): void;
  connectionUnauthorized(reason: UnauthorizedReason, error: string | null, now?: number): void;
  connectionSubscribeError(error: string | null): void;
}

export const initialConnection: ConnectionInfo = {
  status: 'connecting',
  since: 0,
  hubUrl: null,
  version: null,
  uiBuild: null,
  role: null,
  tokenName: null,
  clockOffsetMs: 0,
  clockTimed: false,
  lastError: null,
  attempt: 0,
  unauthorizedReason: null,
  helloAt: null,
  subscribeError: null,
};

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set, get) => {
  /** Change fields; `since` moves only when the status really changes. */
  const update = (patch: Partial<ConnectionInfo>, now: number) =>
    set((state) => {
      const prev = state.connection;
      const since = patch.status !== undefined && patch.status !== prev.status ? now : prev.since;
      return { connection: { ...prev, ...patch, since } };
    });

  return {
    connection: initialConnection,
    connectionConnecting: (hubUrl, now = Date.now()) =>
      // Another hub's timed offset says nothing of this one's clock.
      update({ status: 'connecting', hubUrl, lastError: null, attempt: 0, unauthorizedReason: null, ...(hubUrl === get().connection.hubUrl ? {} : { clockTimed: false }) }, now),
    connectionHello: (hello, now = Date.now()) =>
      set((state) => {
        const timed = state.connection.clockTimed ? state.connection.clockOffsetMs : null;
        const clockOffsetMs = offsetAtHello(hello.serverTime - now, timed);
        return {
          connection: {
            ...state.connection,
            status: 'connected',
            since: state.connection.status === 'connected' ? state.connection.since : now,
            version: hello.version,
            uiBuild: hello.uiBuild ?? null,
            role: hello.role,
            tokenName: hello.tokenName,
            clockOffsetMs,
            clockTimed: clockOffsetMs === timed,
            lastError: null,
            attempt: 0,
            unauthorizedReason: null,
            helloAt: now,
            subscribeError: null,
          },
          workspace: hello.workspace,
        };
      }),
    connectionClock: (clockOffsetMs) =>
      set((state) =>
        state.connection.clockOffsetMs === clockOffsetMs && state.connection.clockTimed ? state : { connection: { ...state.connection, clockOffsetMs, clockTimed: true } },
      ),
    connectionLost: (error, now = Date.now()) =>
      set((state) => {
        // Even a first attempt that fails is "disconnected": the room must see at once that the
        // hub cannot be reached, not an endless "connecting".
        const prev = state.connection;
        const since = prev.status === 'disconnected' ? prev.since : now;
        return { connection: { ...prev, status: 'disconnected', since, lastError: error ?? prev.lastError } };
      }),
    connectionSubscribeError: (subscribeError) =>
      set((state) => (state.connection.subscribeError === subscribeError ? state : { connection: { ...state.connection, subscribeError } })),
    connectionAttempt: (attempt) => set((state) => ({ connection: { ...state.connection, attempt } })),
    connectionUnauthorized: (reason, error, now = Date.now()) =>
      update({ status: 'unauthorized', unauthorizedReason: reason, lastError: error, role: null, tokenName: null }, now),
  };
};

/** Now on the hub's clock. */
export function hubNow(connection: Pick<ConnectionInfo, 'clockOffsetMs'>, localNow: number = Date.now()): number {
  return localNow + connection.clockOffsetMs;
}
