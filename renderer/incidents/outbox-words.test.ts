/**
 * The words beside the pending count: what waits, and why the oldest has not gone — the hub's
 * reason, how many attempts, how long ago the last, when the next.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../transport/outbox.ts';
import { attemptWords, failureWords, unsentCount } from './outbox-words.ts';

const snapshot = (caption: string, extra: Partial<OutboxItem> = {}): OutboxItem =>
  ({
    id: 'S1',
    type: 'snapshot',
    incidentId: 'I1',
    payload: { id: 'S1', incidentId: 'I1', kind: 'snapshot', text: caption, occurredAt: 0, author: 'ann', console: 'c1', data: { assetId: 'A1', capturedAt: 0 } },
    png: new Blob([]),
    uploaded: false,
    queuedAt: 0,
    attempts: 0,
    ...extra,
  }) as OutboxItem;

const note = (text: string): OutboxItem => ({
  id: 'N1',
  type: 'command',
  incidentId: 'I1',
  payload: { id: 'N1', incidentId: 'I1', kind: 'note', text, occurredAt: 0, author: 'ann', console: 'c1', data: {} },
  queuedAt: 0,
  attempts: 0,
});

describe('outbox words', () => {
  it('names what waits: snapshots as snapshots when they are all that waits', () => {
    expect(unsentCount([snapshot('a')])).toBe('1 snapshot');
    expect(unsentCount([snapshot('a'), snapshot('b')])).toBe('2 snapshots');
    expect(unsentCount([snapshot('a'), note('b')])).toBe('2 entries');
    expect(unsentCount([note('b')])).toBe('1 entry');
  });

  it('says nothing of failure before one; after one: which item, the reason, attempts, the last and the next try', () => {
    expect(failureWords(snapshot('5xx'))).toBeNull();
    expect(attemptWords(snapshot('5xx'), 0)).toBeNull();
    const reason = "the hub did not accept this console's token (401: send a valid hub token as \"Authorization: Bearer mc_…\")";
    const failing = snapshot('5xx at the peak', { attempts: 4, lastFailure: { reason, at: 100_000, failures: 4, nextAt: 130_000, signIn: true } });
    expect(failureWords(failing)).toBe(`snapshot “5xx at the peak”: ${reason}`);
    expect(attemptWords(failing, 100_000)).toBe('4 attempts, the last 0 s ago; next try in 30 s');
    expect(attemptWords(failing, 112_300)).toBe('4 attempts, the last 12 s ago; next try in 18 s');
    expect(attemptWords(failing, 129_900)).toBe('4 attempts, the last 29 s ago; next try in 1 s');
    expect(attemptWords(failing, 131_000)).toBe('4 attempts, the last 31 s ago; trying again now');
    expect(attemptWords(note('x'), 0)).toBeNull();
  });
});
