import { describe, expect, it } from 'vitest';
import { asEmbedState, EMBED_RETRY_MS, embedReducer, embedView, embedZoom, initialEmbedState, nextAttemptDelay } from './embed-state.ts';

describe('an embedded page on a wall', () => {
  it('loads, then reloads beside the shown page and swaps only once the new one has loaded', () => {
    let s = initialEmbedState(0);
    expect(embedView(s, 1_000, 'grafana.example')).toMatchObject({ waiting: 'Loading grafana.example…', freshness: { waiting: true } });
    s = embedReducer(s, { type: 'loaded', gen: 1, now: 2_000 });
    expect(s.shown).toEqual({ gen: 1, loadedAt: 2_000 });
    expect(nextAttemptDelay(s, 300_000)).toBe(300_000);
    expect(nextAttemptDelay(s, undefined)).toBeNull();
    s = embedReducer(s, { type: 'start', now: 302_000 });
    expect(s.loading?.gen).toBe(2);
    expect(s.shown?.gen).toBe(1); // still on screen while the next one loads
    expect(embedView(s, 303_000, 'x').freshness).toEqual({ freshness: 'live', ageMs: 301_000, waiting: false });
    // A load from the shown page (it navigated inside its frame) changes nothing.
    expect(embedReducer(s, { type: 'loaded', gen: 1, now: 303_000 })).toBe(s);
    s = embedReducer(s, { type: 'loaded', gen: 2, now: 304_000 });
    expect(s).toMatchObject({ shown: { gen: 2, loadedAt: 304_000 }, loading: null, failure: null });
  });

  it('says so when the first load does not finish in time, and tries again', () => {
    let s = initialEmbedState(0);
    s = embedReducer(s, { type: 'timeout', gen: 1, now: 20_000, afterMs: 20_000 });
    expect(embedView(s, 21_000, 'status.example.com')).toEqual({
      freshness: { freshness: 'stale', ageMs: null, waiting: true },
      waiting: 'status.example.com did not load within 20 s',
      error: 'did not load within 20 s · trying again',
    });
    expect(nextAttemptDelay(s, undefined)).toBe(EMBED_RETRY_MS);
    expect(nextAttemptDelay(s, 15_000)).toBe(15_000);
    // A late load of the abandoned frame is ignored; the retry's load counts.
    expect(embedReducer(s, { type: 'loaded', gen: 1, now: 25_000 })).toBe(s);
    s = embedReducer(s, { type: 'start', now: 80_000 });
    s = embedReducer(s, { type: 'loaded', gen: 2, now: 81_000 });
    expect(embedView(s, 81_000, 'x').error).toBeNull();
  });

  it('keeps the last page, marked old, when a reload fails', () => {
    let s = embedReducer(initialEmbedState(0), { type: 'loaded', gen: 1, now: 1_000 });
    s = embedReducer(s, { type: 'start', now: 300_000 });
    s = embedReducer(s, { type: 'timeout', gen: 2, now: 320_000, afterMs: 20_000 });
    expect(s.shown?.gen).toBe(1);
    const view = embedView(s, 321_000, 'x');
    expect(view.freshness).toEqual({ freshness: 'stale', ageMs: 320_000, waiting: false });
    expect(view.error).toBe('reload did not load within 20 s · showing the page loaded 5 min ago');
    // A second start while loading is ignored.
    const loading = embedReducer(s, { type: 'start', now: 330_000 });
    expect(embedReducer(loading, { type: 'start', now: 331_000 })).toBe(loading);
  });
});

describe('embed zoom', () => {
  it('follows the wall’s type size unless the workspace sets it', () => {
    expect(embedZoom(undefined, 23.8)).toBe(1);
    expect(embedZoom(undefined, 16)).toBe(1);
    expect(embedZoom(undefined, 47.5)).toBe(2);
    expect(embedZoom(undefined, 64)).toBe(2.75);
    expect(embedZoom(undefined, 200)).toBe(3);
    expect(embedZoom(0.75, 64)).toBe(0.75);
  });
});

describe('desktop embed views say the same as browser embeds', () => {
  it('maps the view\'s loading, loaded and failed states', () => {
    expect(embedView(asEmbedState(null, 1000, 20_000), 1000, 'grafana').waiting).toBe('Loading grafana…');
    const loaded = embedView(asEmbedState({ panelId: 'g', state: 'loaded', error: null, loadedAt: 1000 }, 61_000, 20_000), 61_000, 'grafana');
    expect(loaded.freshness).toEqual({ freshness: 'live', ageMs: 60_000, waiting: false });
    const failed = embedView(asEmbedState({ panelId: 'g', state: 'failed', error: 'x', loadedAt: null }, 5000, 20_000), 5000, 'grafana');
    expect(failed.freshness.waiting).toBe(true);
    expect(failed.waiting).toBe('grafana did not load within 20 s');
    const staleReload = embedView(asEmbedState({ panelId: 'g', state: 'failed', error: 'x', loadedAt: 1000 }, 5000, 20_000), 5000, 'grafana');
    expect(staleReload.freshness.freshness).toBe('stale');
  });
});
