import { describe, expect, it } from 'vitest';
import { impliedStatus } from './marker-status.ts';

const T = Date.UTC(2026, 11, 8, 2, 10);

describe('the status a marker implies', () => {
  it('moves a declared or investigating incident to mitigated or resolved', () => {
    expect(impliedStatus({ status: 'declared', changedAt: null }, 'mitigated', T)).toBe('mitigated');
    expect(impliedStatus({ status: 'investigating', changedAt: T - 60_000 }, 'resolved', T)).toBe('resolved');
    expect(impliedStatus({ status: 'mitigated', changedAt: T - 60_000 }, 'resolved', T)).toBe('resolved');
  });

  it('never takes the status back, and leaves markers without a status alone', () => {
    expect(impliedStatus({ status: 'mitigated', changedAt: T - 60_000 }, 'mitigated', T)).toBeNull();
    expect(impliedStatus({ status: 'monitoring', changedAt: T - 60_000 }, 'mitigated', T)).toBeNull();
    expect(impliedStatus({ status: 'resolved', changedAt: T - 60_000 }, 'mitigated', T)).toBeNull();
    expect(impliedStatus({ status: 'closed', changedAt: T - 60_000 }, 'resolved', T)).toBeNull();
    expect(impliedStatus({ status: 'declared', changedAt: null }, 'detected', T)).toBeNull();
    expect(impliedStatus({ status: 'declared', changedAt: null }, 'acknowledged', T)).toBeNull();
  });

  it('lets a status set after the marked moment stand (a backdated marker does not undo a reopening)', () => {
    expect(impliedStatus({ status: 'investigating', changedAt: T }, 'mitigated', T - 120_000)).toBeNull();
    expect(impliedStatus({ status: 'investigating', changedAt: T }, 'mitigated', T)).toBe('mitigated');
  });
});
