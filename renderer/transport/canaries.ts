/**
 * The canary board over the hub's socket. While a screen watches (`canaries.watchers` > 0) the
 * board is asked for whole (`canaries:board`), then kept current with `canaries:delta` applied in
 * seq order; a gap in seq, a new hello (maybe a restarted hub) or a refusal asks for it again.
 * When nobody watches, the hub is told to stop sending deltas. A screen that needs only the
 * canaries confirmed failing (`canaries.summaryWatchers`: a wall's radiator without a canaries
 * panel) follows `canaries:summary` instead, unless the board is followed anyway. Andon prompts (`canary:andon`) are
 * kept whatever the screen: the consoles prompt from them; the prompts still outstanding
 * (`canary:andons`, sent on connecting and when one is acted on) add the ones missed and withdraw
 * the ones someone acted on.
 */
import { ACK_TIMEOUT_MS } from '../../shared/protocol/ack.ts';
import type { AckResult } from '../../shared/protocol/ack.ts';
import type { CanaryBoard, CanarySummary } from '../../shared/protocol/canaries.ts';
import type { AppStore } from '../state/store.ts';
import type { HubClient, HubSocket } from './hub.ts';

export interface CanaryTransportOptions {
  readonly store: AppStore;
  readonly hub: Pick<HubClient, 'onSocket'>;
  readonly retryMs?: number;
}

type Emitter = { emitWithAck(event: string, payload: unknown): Promise<AckResult<object>> };

export function startCanaryTransport(options: CanaryTransportOptions): () => void {
  const { store, hub } = options;
  const retryMs = options.retryMs ?? 5000;
  const state = () => store.getState();
  let socket: HubSocket | null = null;
  let helloSeen = false;
  /** Counts requests: an answer to an older one is ignored. */
  let generation = 0;
  /** What the hub sends this socket. */
  let following: 'board' | 'summary' | 'none' = 'none';
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const emit = async <T extends object>(s: HubSocket, event: string, payload: unknown): Promise<AckResult<T>> => {
    const timed = s.timeout(ACK_TIMEOUT_MS) as unknown as Emitter;
    return (await timed.emitWithAck(event, payload)) as AckResult<T>;
  };

  const clearRetry = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };

  const modeOf = (c: { watchers: number; summaryWatchers: number }): 'board' | 'summary' | 'none' => (c.watchers > 0 ? 'board' : c.summaryWatchers > 0 ? 'summary' : 'none');
  const wanted = () => modeOf(state().canaries);

  /** Ask for what the screens want now: the board, the summary, or nothing. */
  const follow = async () => {
    clearRetry();
    const s = socket;
    if (!s || !s.connected || !helloSeen) return;
    const mode = wanted();
    if (mode === 'none') return unsubscribeHub();
    const mine = ++generation;
    following = mode;
    if (mode === 'summary') {
      state().canarySummaryRequested();
      try {
        const reply = await emit<{ summary: CanarySummary }>(s, 'canaries:summary', {});
        if (mine !== generation || s !== socket) return;
        if (reply.ok) return state().canarySummaryReceived(reply.summary);
      } catch {
        if (mine !== generation || s !== socket) return;
      }
      retryTimer = setTimeout(() => void follow(), retryMs);
      return;
    }
    state().canaryBoardRequested();
    let failure: string;
    try {
      const reply = await emit<{ board: CanaryBoard }>(s, 'canaries:board', {});
      if (mine !== generation || s !== socket) return;
      if (reply.ok) {
        if (state().canaries.watchers > 0) state().canaryBoardReceived(reply.board);
        return;
      }
      failure = `the hub refused the canary board: ${reply.error.message}`;
    } catch {
      if (mine !== generation || s !== socket) return;
      failure = `the hub did not send the canary board within ${ACK_TIMEOUT_MS / 1000} s`;
    }
    state().canaryBoardError(failure);
    retryTimer = setTimeout(() => void follow(), retryMs);
  };

  const unsubscribeHub = () => {
    generation += 1;
    clearRetry();
    const s = socket;
    if (following !== 'none' && s?.connected) void emit(s, 'canaries:unsubscribe', {}).catch(() => undefined);
    following = 'none';
  };

  const attach = (s: HubSocket | null) => {
    socket = s;
    helloSeen = false;
    following = 'none';
    generation += 1;
    clearRetry();
    if (!s) return;
    const mine = () => s === socket;
    s.on('hub:hello', () => {
      if (!mine()) return;
      helloSeen = true;
      void follow();
    });
    s.on('disconnect', () => {
      if (!mine()) return;
      helloSeen = false;
      following = 'none';
      generation += 1;
      clearRetry();
      state().canaryBoardLost();
    });
    s.on('canaries:delta', (delta) => {
      if (!mine() || generation === 0) return;
      // A board still on its way: it will hold this delta (the hub flushes before answering).
      if (state().canaries.status !== 'live') return;
      if (!state().canaryDeltaReceived(delta)) void follow();
    });
    s.on('canaries:summary', (summary) => {
      if (mine() && following === 'summary') state().canarySummaryReceived(summary);
    });
    s.on('canary:andon', (andon) => {
      if (mine()) state().canaryAndonReceived(andon);
    });
    // On connecting (a console that was not there when a check failed) and when one is acted on.
    s.on('canary:andons', (andons) => {
      if (mine()) state().canaryAndonsOutstanding(andons);
    });
    // Attached after the hello (a screen mounted late).
    if (s.connected) {
      helloSeen = true;
      void follow();
    }
  };

  const offSocket = hub.onSocket(attach);
  const offStore = store.subscribe((next, prev) => {
    if (modeOf(next.canaries) !== modeOf(prev.canaries)) void follow();
  });

  return () => {
    offStore();
    offSocket();
    unsubscribeHub();
    socket = null;
  };
}
