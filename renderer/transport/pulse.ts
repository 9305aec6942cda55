/**
 * The customer pulse over the hub's socket, shared by every pulse panel, posts panel and the spike
 * banner of a screen: the first subscriber asks the hub (`pulse:subscribe`, again after every
 * hello), updates and spike events are merged into one bounded view, the last one to go
 * unsubscribes. Nothing here grows with time: minutes are kept for the longest span asked for,
 * posts up to MAX_VIEW_POSTS.
 */
import type { Spike } from '../../shared/domain/pulse/spike.ts';
import { newestWrittenFirst, type Post } from '../../shared/model/post.ts';
import { ACK_TIMEOUT_MS } from '../../shared/protocol/ack.ts';
import { MAX_PULSE_MINUTES, MAX_PULSE_POSTS, type PulseFeedStatus, type PulseMinute, type PulseSnapshot, type PulseUpdate } from '../../shared/protocol/pulse.ts';
import type { HubClient, HubSocket } from './hub.ts';

export const MAX_VIEW_POSTS = 100;
const MINUTE_MS = 60_000;
const RETRY_MS = 5000;

export interface PulseView {
  /** Whether the hub has answered since the last (re)connection. */
  readonly ready: boolean;
  /** Oldest first; minutes without posts may be missing. */
  readonly minutes: readonly PulseMinute[];
  /** Newest first. */
  readonly posts: readonly Post[];
  readonly spike: Spike | null;
  /** Hub time until which the spike detector is still learning (no verdict yet); null once it judges. */
  readonly baselineReadyAt: number | null;
  /** The negative share the detector learned as usual; null while it has none. */
  readonly usualNegativeShare: number | null;
  readonly feeds: readonly PulseFeedStatus[];
  readonly error: string | null;
}

export interface PulseFeed {
  /** Listen; `minutes` is the history the caller shows. Returns the release function. */
  subscribe(listener: () => void, minutes: number): () => void;
  view(): PulseView;
}

const EMPTY: PulseView = Object.freeze({ ready: false, minutes: [], posts: [], spike: null, baselineReadyAt: null, usualNegativeShare: null, feeds: [], error: null });

/** Merge changed minutes into the held ones (by minute) and drop those older than the span. */
export function mergeMinutes(held: readonly PulseMinute[], changed: readonly PulseMinute[], spanMinutes: number, now: number): PulseMinute[] {
  const byMinute = new Map(held.map((m) => [m.minute, m]));
  for (const m of changed) byMinute.set(m.minute, m);
  const since = Math.floor(now / MINUTE_MS) * MINUTE_MS - spanMinutes * MINUTE_MS;
  return [...byMinute.values()].filter((m) => m.minute >= since).sort((a, b) => a.minute - b.minute);
}

/** New posts (newest first) before the held ones, each key once, at most MAX_VIEW_POSTS. */
export function mergePosts(held: readonly Post[], fresh: readonly Post[]): Post[] {
  const seen = new Set<string>();
  const out: Post[] = [];
  // Newest written first, as the hub lists them: an old item a feed brings late goes in its place.
  const merged = [...fresh, ...held].sort(newestWrittenFirst);
  for (const p of merged) {
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    out.push(p);
    if (out.length >= MAX_VIEW_POSTS) break;
  }
  return out;
}

const feeds = new WeakMap<HubClient, PulseFeed>();

/** The one pulse feed of this hub client. */
export function pulseFeed(hub: HubClient): PulseFeed {
  let feed = feeds.get(hub);
  if (!feed) {
    feed = createPulseFeed(hub);
    feeds.set(hub, feed);
  }
  return feed;
}

function createPulseFeed(hub: HubClient): PulseFeed {
  let view: PulseView = EMPTY;
  const listeners = new Map<() => void, number>();
  let span = 60;
  let socket: HubSocket | null = null;
  let detach: (() => void) | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;

  const set = (next: Partial<PulseView>) => {
    view = { ...view, ...next };
    for (const l of listeners.keys()) l();
  };

  const ask = async (s: HubSocket) => {
    const mine = ++generation;
    if (retry !== null) clearTimeout(retry);
    retry = null;
    try {
      const ack: { ok: true; pulse: PulseSnapshot } | { ok: false; error: { message: string } } = await s
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('pulse:subscribe', { minutes: span, posts: MAX_PULSE_POSTS });
      if (mine !== generation || s !== socket) return;
      if (ack.ok) {
        const p = ack.pulse;
        set({ ready: true, minutes: p.minutes, posts: mergePosts([], p.posts), spike: p.spike, baselineReadyAt: p.baselineReadyAt, usualNegativeShare: p.usualNegativeShare ?? null, feeds: p.feeds, error: null });
        return;
      }
      set({ error: `the hub refused the pulse: ${ack.error.message}` });
    } catch {
      if (mine !== generation || s !== socket) return;
      set({ error: `the hub did not answer within ${ACK_TIMEOUT_MS / 1000} s` });
    }
    retry = setTimeout(() => socket?.connected && void ask(socket), RETRY_MS);
  };

  const onUpdate = (u: PulseUpdate) => {
    set({
      minutes: mergeMinutes(view.minutes, u.minutes, span, Date.now()),
      posts: mergePosts(view.posts, u.posts),
      // An older hub sends none: null, never undefined (the panel would say "usual NaN%").
      usualNegativeShare: u.usualNegativeShare ?? null,
      ...(u.feeds ? { feeds: u.feeds } : {}),
    });
  };
  const onSpike = (e: { type: 'raised' | 'updated' | 'cleared'; spike: Spike }) => set({ spike: e.type === 'cleared' ? null : e.spike });
  const onHello = () => socket && void ask(socket);
  const onDisconnect = () => set({ ready: false });

  const attach = (s: HubSocket | null) => {
    if (socket) {
      socket.off('pulse:update', onUpdate);
      socket.off('pulse:spike', onSpike);
      socket.off('hub:hello', onHello);
      socket.off('disconnect', onDisconnect);
    }
    socket = s;
    generation++;
    if (!s) return set({ ready: false });
    s.on('pulse:update', onUpdate);
    s.on('pulse:spike', onSpike);
    s.on('hub:hello', onHello);
    s.on('disconnect', onDisconnect);
    if (s.connected) void ask(s);
  };

  return {
    subscribe(listener, minutes) {
      listeners.set(listener, Math.min(MAX_PULSE_MINUTES, Math.max(1, Math.ceil(minutes))));
      const wanted = Math.max(...listeners.values());
      if (detach === null) {
        span = wanted;
        detach = hub.onSocket(attach);
      } else if (wanted > span) {
        span = wanted;
        if (socket?.connected) void ask(socket);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || detach === null) return;
        detach();
        detach = null;
        if (retry !== null) clearTimeout(retry);
        retry = null;
        socket?.timeout(ACK_TIMEOUT_MS).emitWithAck('pulse:unsubscribe', {}).catch(() => undefined);
        attach(null);
        view = EMPTY;
      };
    },
    view: () => view,
  };
}
