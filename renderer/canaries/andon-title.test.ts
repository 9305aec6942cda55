import { describe, expect, it } from 'vitest';
import { canaryIncidentTitle } from '../../shared/protocol/canaries.ts';

describe('the title an incident declared from a canary prompt starts with', () => {
  it('is the check and its first failed assertion, not the whole check message', () => {
    const message = 'confirmed failing: 4 of the last 10 runs failed (HTTP status: log in: expected status 200, got 403 (and 1 more failed assertion))';
    expect(canaryIncidentTitle('Log in and get the entitlement', message)).toBe('Log in and get the entitlement failing: log in: expected status 200, got 403');
    expect(canaryIncidentTitle('Check a', 'expected status 200, got 503')).toBe('Check a failing: expected status 200, got 503');
    // Confirmed again when an acknowledgement ended: the message holds an earlier group.
    const afterAck = "confirmed failing after ana's acknowledgement ended (failing for 12 min) (HTTP status: expected status 200, got 503)";
    expect(canaryIncidentTitle('Login', afterAck)).toBe('Login failing: expected status 200, got 503');
  });

  it('says what failed when no assertion did, and stays short', () => {
    expect(canaryIncidentTitle('Login', 'confirmed failing: 3 consecutive failed runs (timeout: no answer in 300 ms)')).toBe('Login failing: timeout: no answer in 300 ms');
    const long = canaryIncidentTitle('Login', `confirmed failing: 2 consecutive failed runs (assertion: body: expected ${'x'.repeat(300)}, got y)`);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith('…')).toBe(true);
  });
});
