/**
 * The presence board in words for a wall read across the room: "2 consoles, 1 with 3 unsent
 * entries", and "1 offline with 4 unsent" when a console went while holding entries (those are
 * the ones the room is waiting for).
 */
import type { ConsolePresence } from '../../protocol/presence.ts';

export interface PresenceSummary {
  connected: number;
  /** Connected consoles still holding entries, and how many they hold. */
  holding: number;
  unsent: number;
  /** Disconnected consoles whose last report held entries, and how many. */
  offlineHolding: number;
  offlineUnsent: number;
  words: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function summarisePresence(consoles: readonly ConsolePresence[]): PresenceSummary {
  const live = consoles.filter((c) => c.connected);
  const holding = live.filter((c) => c.pending > 0);
  const gone = consoles.filter((c) => !c.connected && c.pending > 0);
  const unsent = holding.reduce((n, c) => n + c.pending, 0);
  const offlineUnsent = gone.reduce((n, c) => n + c.pending, 0);
  const parts = [plural(live.length, 'console')];
  if (holding.length > 0) parts.push(`${holding.length} with ${plural(unsent, 'unsent entry', 'unsent entries')}`);
  else if (live.length > 0) parts.push('all sent');
  let words = parts.join(', ');
  if (gone.length > 0) words += ` · ${plural(gone.length, 'console')} offline with ${plural(offlineUnsent, 'unsent entry', 'unsent entries')}`;
  return { connected: live.length, holding: holding.length, unsent, offlineHolding: gone.length, offlineUnsent, words };
}
