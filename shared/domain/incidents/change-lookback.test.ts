import { describe, expect, it } from 'vitest';
import { beforeImpact, changesToCopy, lookbackWindow } from './change-lookback.ts';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 6, 20, 0);
const change = (id: string, service: string, minutesBefore: number) => ({ id, service, at: T - minutesBefore * MIN });

describe('the changes a new incident gets', () => {
  const window = lookbackWindow(T, T + 5 * MIN, 120 * MIN);

  it('takes every service’s changes from the look-back before impact start to the declaration, oldest first, not those it holds', () => {
    const changes = [change('late', 'auth', -3), change('held', 'cdn', 30), change('flag', 'platform', 90), change('old', 'cdn', 121), change('after', 'cdn', -6)];
    expect(changesToCopy(changes, { window, copied: new Set(['held']), service: 'playback' }).map((c) => c.id)).toEqual(['flag', 'late']);
  });

  it('keeps the incident’s own service first, then the newest, when the window holds too many', () => {
    const changes = [change('own-old', 'Playback', 110), change('other-1', 'cdn', 10), change('other-2', 'cdn', 20), change('other-3', 'cdn', 30)];
    expect(changesToCopy(changes, { window, copied: new Set(), service: 'playback', max: 3 }).map((c) => c.id)).toEqual(['own-old', 'other-2', 'other-1']);
  });

  it('says a change came before impact only when it did', () => {
    expect(beforeImpact(T - 1, T)).toBe(true);
    expect(beforeImpact(T, T)).toBe(false);
    expect(beforeImpact(T - 1, null)).toBe(false);
  });
});
