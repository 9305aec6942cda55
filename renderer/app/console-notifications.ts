/**
 * Desktop notifications for a console nobody is looking at: an incident declared, a critical
 * canary confirmed failing (the andon prompt), a handoff offered to this console's person. The
 * screen shows each of them already; a console in a background tab or behind other windows would
 * not be seen, and a handoff offer lapses unanswered. Only what happens after the console opened
 * is announced (a reload does not repeat the last hour), each once.
 */
import { severityLabel } from '../../shared/model/incident.ts';
import { samePerson } from '../../shared/domain/incidents/timeline.ts';
import { revealInvisibles } from '../../shared/domain/safe-text.ts';
import type { AppState, AppStore } from '../state/store.ts';

export interface ConsoleNotice {
  /** Announced once per key. */
  readonly key: string;
  readonly title: string;
  readonly body: string;
}

/** Everything worth announcing that happened at or after `since` (hub clock), oldest first. */
export function consoleNotices(state: Pick<AppState, 'incidents' | 'canaries' | 'identity'>, since: number): ConsoleNotice[] {
  const out: (ConsoleNotice & { at: number })[] = [];
  for (const s of Object.values(state.incidents.summaries)) {
    if (s.open && s.declaredAt >= since) out.push({ key: `incident:${s.id}`, at: s.declaredAt, title: `${severityLabel(s.severity)} declared`, body: revealInvisibles(s.title) });
  }
  for (const a of state.canaries.andons) {
    if (a.kind === 'failure' && a.at >= since) out.push({ key: `andon:${a.id}:${a.at}`, at: a.at, title: 'Canary failing: declare an incident?', body: `${a.name}: ${a.message}` });
  }
  const me = state.identity.person;
  if (me) {
    for (const entries of Object.values(state.incidents.entries)) {
      // Held in seq order, which is the order the hub stored them: only the tail since `since` is
      // read, not an incident's whole history on every new entry.
      for (let k = entries.length - 1; k >= 0 && entries[k]!.recordedAt >= since; k--) {
        const e = entries[k]!;
        if (e.kind !== 'handoff' || e.data.step !== 'offer' || !samePerson(e.data.to, me)) continue;
        out.push({ key: `handoff:${e.id}`, at: e.recordedAt, title: `Handoff offered to you: ${e.data.role}`, body: `From ${e.data.from}: accept or decline on the incident page` });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at).map(({ key, title, body }) => ({ key, title, body }));
}

export interface ConsoleNotifierOptions {
  readonly store: AppStore;
  readonly notify: (title: string, body: string) => Promise<void>;
  /** Whether someone is looking: then the screen says it and no notification is needed. */
  readonly looking: () => boolean;
  /** Whether this screen is a console (walls never notify). */
  readonly onConsole: () => boolean;
}

/** Keys remembered as announced; the oldest are forgotten past this (all long past by then). */
const MAX_ANNOUNCED = 500;

/** Announce new events while the console is not looked at; returns the unsubscribe. */
export function startConsoleNotifications(options: ConsoleNotifierOptions): () => void {
  const { store, notify, looking, onConsole } = options;
  // From the first hello, on the hub's clock: what the journal or the catch-up brings from before is old news.
  let since: number | null = null;
  const announced = new Set<string>();
  const check = (state: AppState) => {
    const { helloAt, clockOffsetMs } = state.connection;
    if (since === null && helloAt !== null) since = helloAt + clockOffsetMs;
    if (since === null) return;
    for (const notice of consoleNotices(state, since)) {
      if (announced.has(notice.key)) continue;
      announced.add(notice.key);
      if (announced.size > MAX_ANNOUNCED) announced.delete(announced.values().next().value!);
      // Seen on screen counts as announced: looking away later does not bring it back.
      if (!looking() && onConsole()) void notify(notice.title, notice.body).catch(() => undefined);
    }
  };
  // Only the slices that can bring news: frames arrive many times a second and bring none.
  return store.subscribe((state, prev) => {
    if (state.incidents.summaries !== prev.incidents.summaries || state.incidents.entries !== prev.incidents.entries || state.canaries.andons !== prev.canaries.andons) check(state);
  });
}
