import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canariesSchema } from '../../../shared/model/canary-checks.ts';
import { createCanaryState } from '../../../shared/domain/canaries/state.ts';
import type { CanaryNotice, CertInfo, SchedulerStats } from '../../../shared/protocol/canaries.ts';
import { openStore, type Store } from '../store/store.ts';
import { emptyExtra, type CanaryRecord } from './board.ts';
import { CertWarnings } from './cert-warnings.ts';
import { CanaryDeltas } from './deltas.ts';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 5, 10, 0);

function check(id: string): CanaryRecord {
  const config = canariesSchema.parse({ checks: [{ id, interval: '1m', request: { url: 'https://127.0.0.1/' }, certExpiryWarnDays: 14 }] }).checks[0]!;
  return { id, config, configured: true, state: createCanaryState(t0), extra: emptyExtra() };
}

/** A certificate expiring in 3 days: within the warning period. */
const cert = (n: number): CertInfo => ({ subject: `host-${n}.example`, issuer: 'ca.example', validTo: t0 + 3 * DAY, fingerprint: `FP:${n}`, daysLeft: 3 });

let dir: string | undefined;
let store: Store | undefined;
let deltas: CanaryDeltas | undefined;
afterEach(async () => {
  deltas?.close();
  store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = store = deltas = undefined;
});

describe('certificate warnings', () => {
  it('across 200 rotations: each certificate warned about once, one held in memory, none after the check is gone', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cert-warnings-'));
    store = openStore(dir);
    const notices: CanaryNotice[] = [];
    deltas = new CanaryDeltas({ canaries: new Map(), now: () => t0, flushMs: 60_000, schedulerStats: () => ({}) as SchedulerStats, events: { delta: (d) => notices.push(...d.notices) } });
    const certs = new CertWarnings({ repo: store.canaries, deltas, log: () => undefined });
    const edge = check('edge');
    for (let n = 0; n < 200; n++) {
      certs.check(edge, [cert(n)], t0);
      certs.check(edge, [cert(n)], t0 + 1000); // the same certificate on the next run
      expect(certs.held).toBe(1);
    }
    deltas.flush();
    expect(notices).toHaveLength(200);
    // A run that reached no certificate (a failed connection) forgets nothing; the first one back is not warned about again.
    certs.check(edge, [], t0);
    expect(certs.held).toBe(1);
    certs.check(edge, [cert(0)], t0);
    deltas.flush();
    expect(notices).toHaveLength(200);
    certs.forget('edge');
    expect(certs.held).toBe(0);
  });

  it('a load balancer alternating two certificates: each warned about once, written once, not on every run (nor after a restart)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cert-warnings-'));
    store = openStore(dir);
    const real = store.canaries;
    // The real store, counting the warnings written to it.
    let writes = 0;
    const repo = {
      certWarned: (id: string, fingerprint: string) => real.certWarned(id, fingerprint),
      warnCertOnce: (...args: Parameters<typeof real.warnCertOnce>) => {
        writes += 1;
        return real.warnCertOnce(...args);
      },
    };
    const notices: CanaryNotice[] = [];
    deltas = new CanaryDeltas({ canaries: new Map(), now: () => t0, flushMs: 60_000, schedulerStats: () => ({}) as SchedulerStats, events: { delta: (d) => notices.push(...d.notices) } });
    const edge = check('edge');
    const runs = (certs: CertWarnings) => {
      for (let run = 0; run < 100; run++) certs.check(edge, [cert(run % 2)], t0 + run * 60_000);
    };
    const first = new CertWarnings({ repo, deltas, log: () => undefined });
    runs(first);
    deltas.flush();
    expect(notices.map((n) => n.message)).toEqual([expect.stringContaining('host-0.example'), expect.stringContaining('host-1.example')]);
    expect(writes).toBe(2);
    expect(first.held).toBe(1); // the last run's certificate only

    // The hub started again: the store remembers both, so neither is warned about nor written.
    const restarted = new CertWarnings({ repo, deltas, log: () => undefined });
    runs(restarted);
    deltas.flush();
    expect(notices).toHaveLength(2);
    expect(writes).toBe(2);
  });
});
