/**
 * What the outbox holds, in the words a person reads beside the pending count: which item, and
 * why it has not gone yet when its last attempt failed (the reason, how often it was tried, when
 * the next try is). Plain strings, rendered as text.
 */
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import type { OutboxItem } from '../transport/outbox.ts';
import { entryWords, titleWords } from './words.ts';

export function itemWords(item: OutboxItem): string {
  if (item.type === 'declare') return `declare “${titleWords(item.payload.title)}”`;
  if (item.type === 'snapshot') return `snapshot “${item.payload.text ?? ''}”`;
  return `“${entryWords(item.payload) || item.payload.kind}”`;
}

/** "1 snapshot", "3 entries": snapshots by their name when they are all that waits. */
export function unsentCount(items: readonly OutboxItem[]): string {
  const n = items.length;
  if (n > 0 && items.every((i) => i.type === 'snapshot')) return `${n} ${n === 1 ? 'snapshot' : 'snapshots'}`;
  return `${n} ${n === 1 ? 'entry' : 'entries'}`;
}

/**
 * Why this item (the oldest unsent: the others wait behind it) has not gone, or null when no
 * attempt failed: "snapshot “5xx”: the hub did not accept this console's token (401: …)".
 */
export function failureWords(item: OutboxItem): string | null {
  return item.lastFailure ? `${itemWords(item)}: ${item.lastFailure.reason}` : null;
}

/** "4 attempts, the last 12 s ago; next try in 18 s" (or "trying again now" once it is due). */
export function attemptWords(item: OutboxItem, now: number): string | null {
  const failure = item.lastFailure;
  if (!failure) return null;
  const attempts = `${item.attempts} ${item.attempts === 1 ? 'attempt' : 'attempts'}`;
  // Rounded up to the second: never "next try in 0 s".
  const next = failure.nextAt > now ? `next try in ${formatDuration(Math.ceil((failure.nextAt - now) / 1000) * 1000)}` : 'trying again now';
  return `${attempts}, the last ${formatDuration(Math.max(0, now - failure.at))} ago; ${next}`;
}
