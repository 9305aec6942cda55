import { describe, expect, it } from 'vitest';
import { offsetFromSamples } from './clock-offset.ts';

describe('offsetFromSamples', () => {
  it('keeps the quickest round trip and takes its middle', () => {
    // The hub is 1 000 ms ahead; the slow trips were slow on the way back, which would skew them.
    const samples = [
      { sentAt: 0, receivedAt: 600, serverTime: 1_010 },
      { sentAt: 1_000, receivedAt: 1_010, serverTime: 2_005 },
      { sentAt: 2_000, receivedAt: 2_400, serverTime: 3_020 },
    ];
    expect(offsetFromSamples(samples)).toEqual({ offsetMs: 1_000, roundTripMs: 10 });
  });

  it('ignores a trip over which the local clock stepped back, and has nothing without samples', () => {
    expect(offsetFromSamples([{ sentAt: 5_000, receivedAt: 100, serverTime: 0 }])).toBeNull();
    expect(offsetFromSamples([])).toBeNull();
  });
});
