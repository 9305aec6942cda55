/**
 * An embedded page's life on a wall, as a pure reducer: the page shown, the one loading (a reload
 * loads beside the shown page and replaces it only once it has loaded, so the tile never blanks),
 * and the last failure. A frame tells nothing about HTTP errors or refused framing (it fires
 * `load` for an error page too), so what can be detected is a page that does not load in time.
 */
import { formatAge } from '../../shared/domain/freshness.ts';
import type { EmbedViewState } from '../../shared/bridge.ts';
import type { PanelFreshness } from '../wall/model.ts';

/** After a failure, the next try comes at least this soon (sooner if the reload interval is shorter). */
export const EMBED_RETRY_MS = 60_000;

export interface EmbedState {
  /** The page on screen, by generation (each load is a new frame element). */
  readonly shown: { readonly gen: number; readonly loadedAt: number } | null;
  readonly loading: { readonly gen: number; readonly startedAt: number } | null;
  /** The last attempt that failed, cleared by the next load. */
  readonly failure: { readonly at: number; readonly afterMs: number } | null;
  readonly nextGen: number;
}

export type EmbedEvent =
  | { readonly type: 'start'; readonly now: number }
  | { readonly type: 'loaded'; readonly gen: number; readonly now: number }
  | { readonly type: 'timeout'; readonly gen: number; readonly now: number; readonly afterMs: number };

export function initialEmbedState(now: number): EmbedState {
  return { shown: null, loading: { gen: 1, startedAt: now }, failure: null, nextGen: 2 };
}

export function embedReducer(state: EmbedState, event: EmbedEvent): EmbedState {
  switch (event.type) {
    case 'start':
      if (state.loading) return state;
      return { ...state, loading: { gen: state.nextGen, startedAt: event.now }, nextGen: state.nextGen + 1 };
    case 'loaded':
      // The shown page navigating inside its frame fires load too: nothing changes.
      if (state.loading?.gen !== event.gen) return state;
      return { ...state, shown: { gen: event.gen, loadedAt: event.now }, loading: null, failure: null };
    case 'timeout':
      if (state.loading?.gen !== event.gen) return state;
      return { ...state, loading: null, failure: { at: event.now, afterMs: event.afterMs } };
  }
}

/** When to start the next load, in ms from the last event; null for never (loaded, no reload set). */
export function nextAttemptDelay(state: EmbedState, reloadMs: number | undefined): number | null {
  if (state.loading) return null;
  if (state.failure) return Math.min(reloadMs ?? EMBED_RETRY_MS, EMBED_RETRY_MS);
  return reloadMs ?? null;
}

export interface EmbedView {
  readonly freshness: PanelFreshness;
  /** Over the tile while no page has loaded yet. */
  readonly waiting: string;
  /** The failure in words, for the tile's footer. */
  readonly error: string | null;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

export function embedView(state: EmbedState, now: number, host: string): EmbedView {
  const { shown, failure } = state;
  if (!shown) {
    return {
      freshness: { freshness: 'stale', ageMs: null, waiting: true },
      waiting: failure ? `${host} did not load within ${seconds(failure.afterMs)}` : `Loading ${host}…`,
      error: failure ? `did not load within ${seconds(failure.afterMs)} · trying again` : null,
    };
  }
  const ageMs = Math.max(0, now - shown.loadedAt);
  if (failure) {
    return {
      freshness: { freshness: 'stale', ageMs, waiting: false },
      waiting: '',
      error: `reload did not load within ${seconds(failure.afterMs)} · showing the page loaded ${formatAge(ageMs)} ago`,
    };
  }
  return { freshness: { freshness: 'live', ageMs, waiting: false }, waiting: '', error: null };
}

/** The root font size at which a page is shown as in a desktop browser (a 1080p wall at 3–5 m). */
export const EMBED_UNZOOMED_FONT_PX = 24;

/** The page's scale: the workspace's, or the wall's type size relative to a 1080p wall, 1…3 in quarter steps. */
export function embedZoom(configured: number | undefined, fontPx: number): number {
  if (configured !== undefined) return configured;
  const auto = Math.round((fontPx / EMBED_UNZOOMED_FONT_PX) * 4) / 4;
  return Math.min(3, Math.max(1, auto));
}

/** The view's state as the browser embed's, so both tiles say the same things the same way. */
/** (desktop walls, whose page lives in an isolated view) */
export function asEmbedState(view: EmbedViewState | null, now: number, loadTimeoutMs: number): EmbedState {
  const shown = view?.loadedAt != null ? { gen: 1, loadedAt: view.loadedAt } : null;
  return {
    shown,
    loading: view === null || view.state === 'loading' ? { gen: 2, startedAt: now } : null,
    failure: view?.state === 'failed' ? { at: now, afterMs: loadTimeoutMs } : null,
    nextGen: 3,
  };
}
