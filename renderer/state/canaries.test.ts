import { describe, expect, it } from 'vitest';
import type { CanaryAndon, CanaryBoard, CanaryDelta } from '../../shared/protocol/canaries.ts';
import { canaryIncidentTitle } from '../../shared/protocol/canaries.ts';
import { openAndons } from '../canaries/andons.ts';
import { MAX_ANDONS } from './canaries.ts';
import { createAppStore } from './store.ts';

const andon = (id: string, kind: CanaryAndon['kind'], at: number): CanaryAndon => ({ id, name: `Check ${id}`, service: 'api', journey: null, kind, at, failingSince: at - 1000, incidentSeq: 1, message: 'expected status 200, got 503' });
const board = (seq: number): CanaryBoard => ({ seq, at: 0, entries: [], scheduler: { checks: 0, running: 0, queued: 0, concurrency: 50, lagMs: { p50: null, p99: null, max: null, samples: 0 }, skipped: 0, runs: 0 }, notices: [] });
const delta = (seq: number): CanaryDelta => ({ seq, at: seq, changed: [], runs: [], removed: [], alerts: [], notices: [{ id: 'x', kind: 'cert-expiry', at: seq, message: `n${seq}` }] });

describe('the canaries slice', () => {
  it('applies deltas in order, reports a gap, and forgets the board when nobody watches', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().canaryWatch(1);
    s().canaryBoardReceived(board(5));
    expect(s().canaryDeltaReceived(delta(5))).toBe(true); // already in the board
    expect(s().canaryDeltaReceived(delta(6))).toBe(true);
    expect(s().canaries.board!.seq).toBe(6);
    expect(s().canaryDeltaReceived(delta(8))).toBe(false); // 7 is missing
    expect(s().canaries.board!.notices.map((n) => n.message)).toEqual(['n6']);
    s().canaryWatch(-1);
    expect(s().canaries.board).toBeNull();
  });

  it('keeps one prompt per canary, bounded; a dismissal lasts until the canary fails again', () => {
    const store = createAppStore();
    const s = () => store.getState();
    for (let i = 0; i < MAX_ANDONS + 5; i++) s().canaryAndonReceived(andon(`c${i}`, 'failure', 1000 + i));
    expect(s().canaries.andons).toHaveLength(MAX_ANDONS);
    s().canaryAndonReceived(andon('a', 'failure', 5000));
    s().canaryAndonDismissed('a', 5000);
    expect(openAndons(s().canaries.andons, s().canaries.dismissed).map((a) => a.id)).not.toContain('a');
    s().canaryAndonReceived(andon('a', 'recovery', 6000));
    expect(openAndons(s().canaries.andons, s().canaries.dismissed)[0]).toMatchObject({ id: 'a', kind: 'recovery' });
    s().canaryAndonReceived(andon('a', 'failure', 7000));
    expect(s().canaries.andons.filter((x) => x.id === 'a')).toHaveLength(1);
    expect(openAndons(s().canaries.andons, s().canaries.dismissed)[0]).toMatchObject({ id: 'a', kind: 'failure' });
    expect(canaryIncidentTitle('Check a', andon('a', 'failure', 1).message)).toBe('Check a failing: expected status 200, got 503');
  });

  it("takes the hub's outstanding prompts: adds the ones missed, withdraws the ones acted on, keeps recoveries", () => {
    const store = createAppStore();
    const s = () => store.getState();
    const open = () => openAndons(s().canaries.andons, s().canaries.dismissed).map((a) => `${a.id}:${a.kind}`);
    // Connected after two failures were confirmed: the snapshot on connecting prompts for both.
    s().canaryAndonsOutstanding([andon('a', 'failure', 1000), andon('b', 'failure', 2000)]);
    expect(open()).toEqual(['b:failure', 'a:failure']);
    // Someone acknowledged a on another console: gone here too; b still stands.
    s().canaryAndonsOutstanding([andon('b', 'failure', 2000)]);
    expect(open()).toEqual(['b:failure']);
    // b recovers: the recovery is news and stays (until OK), the prompt it ends is withdrawn.
    s().canaryAndonReceived(andon('b', 'recovery', 3000));
    s().canaryAndonsOutstanding([]);
    expect(open()).toEqual(['b:recovery']);
    // A new failure of b after its recovery replaces the recovery.
    s().canaryAndonsOutstanding([andon('b', 'failure', 4000)]);
    expect(open()).toEqual(['b:failure']);
    // "Not now" on this console holds across a reconnect's snapshot of the same prompt.
    s().canaryAndonDismissed('b', 4000);
    s().canaryAndonsOutstanding([andon('b', 'failure', 4000)]);
    expect(open()).toEqual([]);
  });
});
