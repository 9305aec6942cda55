import { describe, expect, it } from 'vitest';
import { negativeIsHigh, spikeVerdict, verdictTone } from './words.ts';

const NOW = Date.UTC(2026, 11, 6, 19, 30);

describe('the complaint-spike verdict on the pulse panel', () => {
  it('says SPIKE with its ratio whenever a spike is on, learning or not', () => {
    expect(spikeVerdict({ ratio: 6.24 }, NOW + 60_000, NOW)).toEqual({ state: 'spike', icon: '✖', words: 'SPIKE 6.2×', detail: 'complaints' });
  });

  it('says it is still learning, with the minutes left, rather than "normal" before it has a baseline', () => {
    expect(spikeVerdict(null, NOW + 7 * 60_000 + 1, NOW)).toEqual({ state: 'learning', icon: '◌', words: 'learning · 8 min', detail: 'complaint baseline' });
    expect(spikeVerdict(null, NOW + 10_000, NOW).words).toBe('learning · 1 min');
  });

  it('says normal once the baseline is learned', () => {
    expect(spikeVerdict(null, null, NOW).state).toBe('normal');
    expect(spikeVerdict(null, NOW - 1, NOW)).toEqual({ state: 'normal', icon: '✓', words: 'normal', detail: 'complaints' });
  });

  // The demo's outage and after (its per-minute figures): the last 5 minutes' negative posts and
  // posts, against the usual share the detector learned before the outage.
  it('says "elevated" in amber with the share and its usual, not "normal", when most posts are negative without a spike', () => {
    // The minute the spike cleared, its tail still in the last 5 minutes: 69 % against 29 %.
    const tail = spikeVerdict(null, null, NOW, { negative: 45, volume: 65, usualShare: 0.29 });
    expect(tail).toEqual({ state: 'elevated', icon: '▲', words: 'elevated', detail: 'no spike · 69% negative (usual 29%)' });
    expect(verdictTone[tail.state]).toBe('warning');
    expect(negativeIsHigh(tail.state, { negative: 45, volume: 65, usualShare: 0.29 })).toBe(true);
    // Posts still angry but too few for a spike: 3 of 5 a minute.
    expect(spikeVerdict(null, null, NOW, { negative: 15, volume: 25, usualShare: 0.25 }).words).toBe('elevated');
  });

  it('says normal when the last minutes are calm again, whatever the outage left in the longer window', () => {
    // Two minutes later: 13 % negative, against 29 %.
    const calm = { negative: 6, volume: 46, usualShare: 0.29 };
    expect(spikeVerdict(null, null, NOW, calm).state).toBe('normal');
    expect(negativeIsHigh('normal', calm)).toBe(false);
    // A spike says SPIKE whatever the share; learning says so (a high share shown red meanwhile).
    expect(spikeVerdict({ ratio: 45.8 }, null, NOW, { negative: 380, volume: 400, usualShare: 0.29 }).state).toBe('spike');
    expect(spikeVerdict(null, NOW + 60_000, NOW, { negative: 51, volume: 58, usualShare: null }).state).toBe('learning');
    expect(negativeIsHigh('learning', { negative: 51, volume: 58, usualShare: null })).toBe(true);
    expect(negativeIsHigh('learning', { negative: 3, volume: 4, usualShare: null })).toBe(false);
  });
});
