import { describe, expect, it } from 'vitest';
import { spikeVerdict } from './words.ts';

const NOW = Date.UTC(2026, 11, 6, 19, 30);

describe('the complaint-spike verdict on the pulse panel', () => {
  it('says SPIKE with its ratio whenever a spike is on, learning or not', () => {
    expect(spikeVerdict({ ratio: 6.24 }, NOW + 60_000, NOW)).toEqual({ state: 'spike', icon: '✖', words: 'SPIKE 6.2×' });
  });

  it('says it is still learning, with the minutes left, rather than "normal" before it has a baseline', () => {
    expect(spikeVerdict(null, NOW + 7 * 60_000 + 1, NOW)).toEqual({ state: 'learning', icon: '◌', words: 'learning · 8 min' });
    expect(spikeVerdict(null, NOW + 10_000, NOW).words).toBe('learning · 1 min');
  });

  it('says normal once the baseline is learned', () => {
    expect(spikeVerdict(null, null, NOW).state).toBe('normal');
    expect(spikeVerdict(null, NOW - 1, NOW)).toEqual({ state: 'normal', icon: '✓', words: 'normal' });
  });
});
