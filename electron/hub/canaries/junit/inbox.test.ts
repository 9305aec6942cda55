import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, reportKey, reportTime, suiteNamesFor } from './inbox.ts';
import { parseJUnit } from './parse.ts';

const NOW = Date.UTC(2026, 2, 10, 12, 0);
const HOUR = 3_600_000;
const bytes = (text: string) => new TextEncoder().encode(text);

describe('the JUnit inbox: which suite a dropped file reports for', () => {
  it("one file per build feeds the suite the report names, not one suite per file", () => {
    const report = parseJUnit('<testsuite name="checkout"><testcase name="pays"/></testsuite>');
    expect(suiteNamesFor('checkout-build-1234.xml', report)).toEqual({ declared: ['checkout-build-1234', 'checkout'], adHoc: 'checkout' });
    expect(suiteNamesFor('checkout-build-1235.XML', report).adHoc).toBe('checkout');
    // The <testsuites> name, when there is one, is the report's name.
    expect(suiteNamesFor('run-77.xml', parseJUnit('<testsuites name=" web e2e "><testsuite name="a"><testcase name="x"/></testsuite><testsuite name="b"/></testsuites>')).adHoc).toBe('web e2e');
  });

  it("a report that names no suite of its own, or only its tool, is known by its file name", () => {
    // Several top-level suites and no name on the root (gotestsum, Playwright's name="").
    const nameless = parseJUnit('<testsuites name=""><testsuite name="pkg/a"><testcase name="x"/></testsuite><testsuite name="pkg/b"><testcase name="y"/></testsuite></testsuites>');
    expect(suiteNamesFor('edge-go.xml', nameless)).toEqual({ declared: ['edge-go', ''], adHoc: 'edge-go' });
    // Tool defaults: two unrelated pytest runs must not share one tile.
    for (const name of ['pytest', 'jest tests', 'Mocha Tests', 'vitest tests', 'Root Suite']) {
      expect(suiteNamesFor('billing.xml', parseJUnit(`<testsuites name="${name}"><testsuite name="s"><testcase name="x"/></testsuite></testsuites>`)).adHoc).toBe('billing');
    }
    expect(suiteNamesFor('search.xml', parseJUnit('<testsuites><testsuite name="pytest"><testcase name="x"/></testsuite></testsuites>')).adHoc).toBe('search');
    // A name that cannot be a suite's (over 100 characters).
    expect(suiteNamesFor('long.xml', parseJUnit(`<testsuite name="${'x'.repeat(101)}"><testcase name="x"/></testsuite>`)).adHoc).toBe('long');
  });
});

describe("the JUnit inbox: when a report's run happened", () => {
  const zoned = (iso: string) => parseJUnit(`<testsuite name="s" timestamp="${iso}"><testcase name="x"/></testsuite>`);

  it("the report's own timestamp when it names its zone, never later than now", () => {
    expect(reportTime(zoned('2026-03-10T09:00:00Z'), NOW - HOUR, NOW)).toEqual({ at: NOW - 3 * HOUR, from: 'report' });
    expect(reportTime(zoned('2026-03-10T11:00:00+02:00'), NOW, NOW)).toEqual({ at: NOW - 3 * HOUR, from: 'report' });
    // A little ahead (clock drift) is believed, and read as now.
    expect(reportTime(zoned('2026-03-10T12:03:00Z'), NOW, NOW)).toEqual({ at: NOW, from: 'report' });
  });

  it("else the file's mtime: no timestamp, a naive one (it may be local time), one ahead of the clock", () => {
    const mtime = NOW - 20 * 60_000;
    expect(reportTime(parseJUnit('<testsuite name="s"><testcase name="x"/></testsuite>'), mtime, NOW)).toEqual({ at: mtime, from: 'file' });
    // pytest writes the runner's local time without a zone: 09:00 could be 09:00 UTC or 14:00 UTC.
    expect(reportTime(zoned('2026-03-10T09:00:00'), mtime, NOW)).toEqual({ at: mtime, from: 'file', note: 'its timestamp 2026-03-10T09:00:00 names no time zone' });
    expect(reportTime(zoned('2026-03-10T18:00:00Z'), mtime, NOW)).toEqual({ at: mtime, from: 'file', note: "its timestamp 2026-03-10T18:00:00.000Z is ahead of the hub's clock" });
    // A run cannot start after its report was written: 10:30 "Z" in a file written at 08:00 UTC is
    // a runner's local time (UTC+2) marked as UTC, though it is before now.
    expect(reportTime(zoned('2026-03-10T10:30:00Z'), NOW - 4 * HOUR, NOW)).toEqual({
      at: NOW - 4 * HOUR,
      from: 'file',
      note: 'its timestamp 2026-03-10T10:30:00.000Z is after its file was written (2026-03-10T08:00:00.000Z): a local time marked as UTC?',
    });
    // Within the clocks' drift of the mtime it is believed.
    expect(reportTime(zoned('2026-03-10T08:04:00Z'), NOW - 4 * HOUR, NOW)).toEqual({ at: NOW - 4 * HOUR + 4 * 60_000, from: 'report' });
  });

  it('else the time it is read: no usable mtime either', () => {
    const none = parseJUnit('<testsuite name="s"><testcase name="x"/></testsuite>');
    expect(reportTime(none, NOW + CLOCK_SKEW_MS + 1, NOW)).toEqual({ at: NOW, from: 'read' });
    expect(reportTime(none, null, NOW)).toEqual({ at: NOW, from: 'read' });
    expect(reportTime(none, Number.NaN, NOW)).toEqual({ at: NOW, from: 'read' });
  });
});

describe('the JUnit inbox: the key a report is remembered by', () => {
  it("the bytes' SHA-256; with the mtime when the report carries no time of its own", () => {
    const stamped = '<testsuite name="s" timestamp="2026-03-10T09:00:00Z"><testcase name="x"/></testsuite>';
    const key = reportKey(bytes(stamped), parseJUnit(stamped), 1);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(reportKey(bytes(stamped), parseJUnit(stamped), 2)).toBe(key); // the same run, copied again
    expect(reportKey(bytes(`${stamped}\n`), parseJUnit(stamped), 1)).not.toBe(key);
    // A static heartbeat report written again is another run.
    const plain = '<testsuite name="s"><testcase name="x"/></testsuite>';
    expect(reportKey(bytes(plain), parseJUnit(plain), 1000)).not.toBe(reportKey(bytes(plain), parseJUnit(plain), 2000));
    expect(reportKey(bytes(plain), parseJUnit(plain), 1000)).toBe(reportKey(bytes(plain), parseJUnit(plain), 1000));
  });
});
