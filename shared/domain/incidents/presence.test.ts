import { describe, expect, it } from 'vitest';
import type { ConsolePresence } from '../../protocol/presence.ts';
import { summarisePresence } from './presence.ts';

const seat = (console: string, pending: number, connected = true): ConsolePresence => ({
  console,
  person: null,
  tokenName: 'seat',
  pending,
  refused: 0,
  oldestPendingAt: null,
  connected,
  since: 0,
});

describe('presence in words', () => {
  it('counts connected consoles and the entries they still hold', () => {
    expect(summarisePresence([seat('a', 0), seat('b', 3)]).words).toBe('2 consoles, 1 with 3 unsent entries');
    expect(summarisePresence([seat('a', 1)]).words).toBe('1 console, 1 with 1 unsent entry');
    expect(summarisePresence([seat('a', 0), seat('b', 0)]).words).toBe('2 consoles, all sent');
    expect(summarisePresence([]).words).toBe('0 consoles');
  });

  it('names consoles that went away holding entries, and forgets those that held none', () => {
    const summary = summarisePresence([seat('a', 0), seat('b', 4, false), seat('c', 0, false)]);
    expect(summary).toMatchObject({ connected: 1, holding: 0, offlineHolding: 1, offlineUnsent: 4 });
    expect(summary.words).toBe('1 console, all sent · 1 console offline with 4 unsent entries');
  });
});
