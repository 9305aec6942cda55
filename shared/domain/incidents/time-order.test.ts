import { describe, expect, it } from 'vitest';
import { byHappened, storedLate, type Placed } from './time-order.ts';

const S = 1000;
const T = Date.UTC(2026, 11, 7, 7, 2, 0);

describe('the order a timeline is read in', () => {
  // Cara's console stayed connected; Ann's was cut off from 07:02:25 to 07:02:55 and sent on return.
  const entries: (Placed & { text: string })[] = [
    { seq: 1, at: T + 20 * S, recordedAt: T + 22 * S, text: 'cara 1' },
    { seq: 2, at: T + 45 * S, recordedAt: T + 46 * S, text: 'cara 2' },
    { seq: 3, at: T + 29 * S, recordedAt: T + 57 * S, text: 'ann offline 1' },
    { seq: 4, at: T + 43 * S, recordedAt: T + 57 * S, text: 'ann offline 2' },
    { seq: 5, at: T + 58 * S, recordedAt: T + 60 * S, text: 'cara 3' },
  ];

  it('lists entries by when they happened, the hub order breaking ties', () => {
    expect([...entries].sort(byHappened).map((e) => e.text)).toEqual(['cara 1', 'ann offline 1', 'ann offline 2', 'cara 2', 'cara 3']);
    expect([{ seq: 2, at: T, recordedAt: T }, { seq: 1, at: T, recordedAt: T }].sort(byHappened).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('marks an entry stored after one that happened later, or long after it happened', () => {
    expect([...storedLate(entries)]).toEqual([3, 4]);
    expect([...storedLate([{ seq: 1, at: T, recordedAt: T + 61 * S }])]).toEqual([1]);
    // Two people typing at once: a line begun earlier but finished a few seconds later is not marked.
    expect([...storedLate([{ seq: 1, at: T + 3 * S, recordedAt: T + 4 * S }, { seq: 2, at: T, recordedAt: T + 5 * S }])]).toEqual([]);
  });
});
