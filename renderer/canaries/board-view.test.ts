import { describe, expect, it } from 'vitest';
import type { CanaryStatus } from '../../shared/model/canary.ts';
import type { CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import { boardRows, countList, countStatuses, defaultFilter, failureLine, phaseParts, statusText, visibleRange } from './board-view.ts';
import { coverLine, sinceLine } from './CanaryRow.tsx';

function entry(id: string, status: CanaryStatus, service: string | null, extra: Partial<CanaryBoardEntry> = {}): CanaryBoardEntry {
  return {
    id,
    kind: 'check',
    name: id,
    description: null,
    runbook: null,
    service,
    journey: null,
    critical: false,
    configured: true,
    target: `GET https://${id}.example/`,
    intervalMs: 30_000,
    status,
    health: status === 'maintenance' || status === 'acknowledged' ? 'failing-confirmed' : status,
    progress: null,
    failingSince: null,
    confirmedAt: null,
    recovered: null,
    lastResultAt: null,
    last: null,
    history: { end: 0, max: 30, runs: [] },
    ack: null,
    maintenance: null,
    nextMaintenance: null,
    lastDigest: null,
    uptime: { uptime: null, passRatio: null, windowMs: 86_400_000 },
    cert: null,
    ...extra,
  };
}

describe('the board view', () => {
  const entries = [
    entry('a-ok', 'passing', 'api'),
    entry('b-fail', 'failing-confirmed', 'playback', { failingSince: 5 }),
    entry('c-maybe', 'failing-unconfirmed', 'api', { progress: { rule: 'consecutive', failed: 2, needed: 3, of: 3, text: '2 of 3 failed' } }),
    entry('d-stale', 'stale', null),
    entry('e-maint', 'maintenance', 'playback'),
  ];

  it('groups by service, worst group first, worst tile first in each', () => {
    const rows = boardRows(entries, defaultFilter);
    expect(rows.map((r) => (r.kind === 'group' ? `[${r.name}]` : r.entry.id))).toEqual(['[playback]', 'b-fail', 'e-maint', '[api]', 'c-maybe', 'a-ok', '[(no service)]', 'd-stale']);
  });

  it('filters by words and to problems only', () => {
    expect(boardRows(entries, { ...defaultFilter, text: 'failed' }).filter((r) => r.kind === 'entry').map((r) => r.key)).toEqual(['c-maybe']);
    const problems = boardRows(entries, { ...defaultFilter, problemsOnly: true }).filter((r) => r.kind === 'entry').map((r) => r.key);
    expect(problems).toEqual(['b-fail', 'c-maybe', 'd-stale']);
  });

  it('says the state in words, with the progress of an unconfirmed failure', () => {
    expect(statusText(entries[2]!)).toBe('Failing? 2 of 3 failed');
    expect(statusText(entries[1]!)).toBe('Failing');
    expect(countList(countStatuses(entries)).map((c) => c.status)).toEqual(['failing-confirmed', 'failing-unconfirmed', 'stale', 'maintenance', 'passing']);
  });

  it('shows the failed assertion as expected vs actual, naming what was checked once', () => {
    const failing = (failed: { step: string | null; assertion: string; expected: string; actual: string }) =>
      entry('x', 'failing-confirmed', null, {
        last: { at: 1, outcome: 'fail', classification: 'assertion', message: 'whatever', latencyMs: 12, attempts: 1, retried: false, timings: null, lagMs: null, failed: [{ ...failed, ok: false }], junit: null },
      });
    // Outcomes as the hub's assertions give them (electron/hub/canaries/assertions.ts).
    expect(failureLine(failing({ step: 'entitlement', assertion: 'status is 200', expected: 'status 200', actual: '403' }))).toBe('entitlement: expected status 200, got 403');
    expect(failureLine(failing({ step: null, assertion: 'latency below 500 ms', expected: 'latency below 500 ms', actual: '812 ms' }))).toBe('expected latency below 500 ms, got 812 ms');
    expect(failureLine(failing({ step: null, assertion: 'header x-cache exists', expected: 'header x-cache to be present', actual: 'no such header' }))).toBe('expected header x-cache to be present, got no such header');
    expect(failureLine(failing({ step: null, assertion: 'body contains "#EXTM3U"', expected: 'the body to contain "#EXTM3U"', actual: 'text/html "Bad gateway"' }))).toBe('expected the body to contain "#EXTM3U", got text/html "Bad gateway"');
    expect(failureLine(failing({ step: 'play', assertion: '$.entitled equal true', expected: '$.entitled to equal true', actual: 'false' }))).toBe('play: expected $.entitled to equal true, got false');
  });

  it('windows the rows and splits the phases', () => {
    expect(visibleRange(1000, 50, 5000, 500, 2)).toEqual({ start: 98, end: 112 });
    expect(phaseParts({ dnsMs: null, connectMs: 10, tlsMs: null, firstByteMs: 30, transferMs: 10, totalMs: 50 }).map((p) => p.name)).toEqual(['connect', 'first byte', 'transfer']);
  });
});

describe('the wall panel', () => {
  it('covers its services only, and says critical when one is confirmed failing', async () => {
    const { panelEntries, panelTone } = await import('./board-view.ts');
    const all = [entry('a', 'passing', 'api'), entry('b', 'failing-confirmed', 'playback'), entry('c', 'stale', 'api')];
    expect(panelEntries(all, { services: ['api'] }).map((e) => e.id)).toEqual(['a', 'c']);
    expect(panelTone(countStatuses(panelEntries(all, { services: ['api'] })))).toBe('warning');
    expect(panelTone(countStatuses(all))).toBe('critical');
    expect(panelTone(countStatuses([]))).toBe('unknown');
  });
});

describe('the lines of a tile', () => {
  it('says "failing since" only while failing, and the maintenance digest only for an hour of runs after the window', () => {
    const H = 3_600_000;
    // one failure in a k-of-n window, then passes: still inside the window, but passing
    const passing = entry('p', 'passing', 'api', { failingSince: 10 * H, lastResultAt: 11 * H });
    expect(sinceLine(passing, 'UTC')).toBe('last run 11:00:00');
    expect(sinceLine({ ...passing, status: 'failing-unconfirmed', health: 'failing-unconfirmed' }, 'UTC')).toBe('failing since 10:00:00');
    const digest = { endedAt: 2 * H, summary: 'recovered during the window; 6 runs, all passed' };
    expect(coverLine(entry('d', 'passing', 'api', { lastDigest: digest, lastResultAt: 2 * H + 10 * 60_000 }), 'UTC')).toBe(`After maintenance: ${digest.summary}`);
    expect(coverLine(entry('d', 'passing', 'api', { lastDigest: digest, lastResultAt: 2 * H + 2 * H }), 'UTC')).toBeNull();
  });
});
