import { describe, expect, it } from 'vitest';
import type { PresenceBoard } from '../../../shared/protocol/presence.ts';
import { ConsolePresenceBoard } from './presence.ts';

const report = (console: string, pending = 0) => ({ console, person: null, pending, refused: 0, oldestPendingAt: null });

describe('the presence board', () => {
  it('forgets an offline console after a while, and stays bounded however many sockets come and go', () => {
    let now = 0;
    const heard: PresenceBoard[] = [];
    const board = new ConsolePresenceBoard({ now: () => now, onChange: (b) => heard.push(b), keepOfflineMs: 60_000, maxRows: 3, coalesceMs: 1 });
    board.report('s1', 'seat', report('a', 2));
    board.leave('s1');
    expect(board.board().consoles).toMatchObject([{ console: 'a', connected: false, pending: 2, since: 0 }]);
    now = 61_000;
    expect(board.board().consoles).toEqual([]);

    for (let i = 0; i < 10; i++) {
      board.report(`x${i}`, 'seat', report(`c${i}`));
      board.leave(`x${i}`);
      now += 1000;
    }
    // Only the most recent offline consoles are kept.
    expect(board.board().consoles.map((c) => c.console)).toEqual(['c7', 'c8', 'c9']);
    for (let i = 0; i < 5; i++) board.report(`live${i}`, 'seat', report(`l${i}`));
    expect(board.board().consoles.map((c) => [c.console, c.connected])).toEqual([
      ['l0', true],
      ['l1', true],
      ['l2', true],
    ]);
    board.close();
  });
});
