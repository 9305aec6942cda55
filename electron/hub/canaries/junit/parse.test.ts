import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JUnitParseError, parseJUnit, type JUnitErrorCode } from './parse.ts';

const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/junit/${path}`, import.meta.url)));

/** What a parse failed with, for one-line assertions. */
function refusal(input: string | Uint8Array, options = {}): { code: JUnitErrorCode; line: number; column: number; message: string } {
  try {
    parseJUnit(input, options);
  } catch (err) {
    if (!(err instanceof JUnitParseError)) throw err;
    return { code: err.code, line: err.line, column: err.column, message: err.message };
  }
  throw new Error('expected the report to be refused');
}

const counts = (s: ReturnType<typeof parseJUnit>) => ({
  tests: s.tests,
  passed: s.passed,
  failed: s.failed,
  errored: s.errored,
  skipped: s.skipped,
  flaky: s.flaky,
  durationMs: s.durationMs,
});

describe('JUnit fixtures from real tools parse to the right counts', () => {
  const table: [string, ReturnType<typeof counts>][] = [
    ['surefire/TEST-com.example.playback.PlaybackApiTest.xml', { tests: 7, passed: 2, failed: 1, errored: 1, skipped: 1, flaky: 2, durationMs: 4812 }],
    ['surefire/TEST-com.example.soak.ManifestSoakTest.xml', { tests: 3, passed: 3, failed: 0, errored: 0, skipped: 0, flaky: 0, durationMs: 2_120_532 }],
    ['surefire/TEST-com.example.cdn.EdgeCacheTest.xml', { tests: 3, passed: 2, failed: 1, errored: 0, skipped: 0, flaky: 0, durationMs: 30 }],
    ['jest-junit/junit.xml', { tests: 7, passed: 3, failed: 2, errored: 1, skipped: 1, flaky: 0, durationMs: 3412 }],
    ['pytest/junit-xunit2.xml', { tests: 8, passed: 2, failed: 2, errored: 2, skipped: 2, flaky: 0, durationMs: 4207 }],
    ['pytest/junit-xunit1.xml', { tests: 5, passed: 3, failed: 1, errored: 0, skipped: 1, flaky: 0, durationMs: 2094 }],
    ['gotestsum/junit.xml', { tests: 10, passed: 6, failed: 3, errored: 0, skipped: 1, flaky: 0, durationMs: 2481.993 }],
    ['go-junit-report/report.xml', { tests: 6, passed: 3, failed: 2, errored: 0, skipped: 1, flaky: 0, durationMs: 1221 }],
    ['dotnet/TestResults.xml', { tests: 6, passed: 3, failed: 2, errored: 0, skipped: 1, flaky: 0, durationMs: 481.237 }],
    ['mocha-junit-reporter/test-results.xml', { tests: 5, passed: 3, failed: 2, errored: 0, skipped: 0, flaky: 0, durationMs: 231 }],
    ['mocha-xunit/xunit.xml', { tests: 5, passed: 3, failed: 1, errored: 0, skipped: 1, flaky: 0, durationMs: 412 }],
    ['testng/TEST-com.example.ads.VastParserTest.xml', { tests: 5, passed: 3, failed: 1, errored: 0, skipped: 1, flaky: 0, durationMs: 116 }],
    ['generic/nested-retries.xml', { tests: 9, passed: 3, failed: 2, errored: 1, skipped: 2, flaky: 1, durationMs: 16_820 }],
  ];
  it.each(table)('%s', (path, expected) => {
    const summary = parseJUnit(fixture(path));
    expect(counts(summary)).toEqual(expected);
    // The counts are disjoint and come from the cases.
    expect(summary.passed + summary.failed + summary.errored + summary.skipped + summary.flaky).toBe(summary.tests);
    expect(summary.cases).toHaveLength(summary.tests);
    expect(summary.failures).toHaveLength(summary.failed + summary.errored);
  });
});

describe('real reports, written by the tools themselves (test/fixtures/junit/real, sources in its README)', () => {
  // Counts hand-checked against each file's own <testcase> elements; the headers are not trusted.
  const table: [string, ReturnType<typeof counts>][] = [
    ['real/surefire/TEST-org.acme.FlakyTest.xml', { tests: 2, passed: 1, failed: 0, errored: 0, skipped: 0, flaky: 1, durationMs: 1324 }],
    ['real/surefire/TEST-action.surefire.report.calc.CalcUtilsTest.xml', { tests: 2, passed: 0, failed: 2, errored: 0, skipped: 0, flaky: 0, durationMs: 1 }],
    ['real/gotestsum/junitxml-report.golden.xml', { tests: 47, passed: 38, failed: 5, errored: 0, skipped: 4, flaky: 0, durationMs: 40 }],
    ['real/pytest/junit.gloo.elastic.xml', { tests: 14, passed: 10, failed: 0, errored: 0, skipped: 4, flaky: 0, durationMs: 72_194 }],
    ['real/mocha-xunit/latex-utensils.xml', { tests: 109, passed: 109, failed: 0, errored: 0, skipped: 0, flaky: 0, durationMs: 290 }],
    ['real/jest-junit/jest-test-results.xml', { tests: 2, passed: 0, failed: 0, errored: 2, skipped: 0, flaky: 0, durationMs: 646 }],
    ['real/playwright/playwright-report.xml', { tests: 60, passed: 36, failed: 4, errored: 0, skipped: 20, flaky: 0, durationMs: 59_092.586 }],
  ];
  it.each(table)('%s', (path, expected) => {
    const summary = parseJUnit(fixture(path));
    expect(counts(summary)).toEqual(expected);
    expect(summary.cases).toHaveLength(summary.tests);
    expect(summary.failures).toHaveLength(summary.failed + summary.errored);
  });

  it('Maven Surefire 3.0.2: three flakyFailure and a flakyError on one JUnit 5 test make one flaky case of five runs', () => {
    const s = parseJUnit(fixture('real/surefire/TEST-org.acme.FlakyTest.xml'));
    expect(s.cases.map((c) => [c.name, c.outcome, c.attempts])).toEqual([
      ['testFlaky', 'flaky', 5],
      ['testStable', 'passed', 1],
    ]);
    expect(s.cases[0]!.retries.map((r) => [r.kind, r.message])).toEqual([
      ['failure', 'expected: <1> but was: <0>'],
      ['failure', 'expected: <1> but was: <3>'],
      ['failure', 'expected: <1> but was: <4>'],
      ['error', 'expected: <1> but was: <0>'],
    ]);
    expect(s.cases[0]!.retries[0]!.type).toBe('org.opentest4j.AssertionFailedError');
    expect(s.failures).toEqual([]);
    expect(s.suites[0]!.properties).toEqual([{ name: 'java.class.version', value: '55.0' }]);
    expect(s.warnings).toEqual(['suite "org.acme.FlakyTest" says tests=1; its test cases give tests=2']);

    const calc = parseJUnit(fixture('real/surefire/TEST-action.surefire.report.calc.CalcUtilsTest.xml'));
    expect(calc.failures.map((f) => [f.name, f.type, f.message])).toEqual([
      ['test error handling', 'java.lang.AssertionError', 'unexpected exception type thrown; expected:<java.lang.IllegalStateException> but was:<java.lang.IllegalArgumentException>'],
      ['test scale', 'java.lang.AssertionError', 'Expected: <100.10>\n     but: was <100.11>'],
    ]);
    expect(calc.cases[0]!.detail).toContain('Caused by: java.lang.IllegalArgumentException: Amount must have max 2 non-zero decimal places');
    expect(calc.warnings).toEqual([]);
  });

  it("gotestsum's golden report: a failed TestMain in a package whose header says 0 tests, zero-time timestamps", () => {
    const s = parseJUnit(fixture('real/gotestsum/junitxml-report.golden.xml'));
    expect(s.suites.map((x) => [x.name.split('/').at(-1), x.tests, x.failed, x.skipped, x.durationMs])).toEqual([
      ['badmain', 1, 1, 0, 0],
      ['good', 18, 0, 2, 20],
      ['stub', 28, 4, 2, 20],
      ['empty', 0, 0, 0, 0],
    ]);
    expect(s.failures.map((f) => f.name)).toEqual(['TestMain', 'TestFailed', 'TestFailedWithStderr', 'TestNestedWithFailure/c', 'TestNestedWithFailure']);
    expect(s.failures[0]).toMatchObject({ classname: '', message: 'Failed' });
    expect(s.cases.find((c) => c.name === 'TestSkippedWitLog')!.skippedMessage).toBe('=== RUN   TestSkippedWitLog\n--- SKIP: TestSkippedWitLog (0.00s)\n\tgood_test.go:27: the skip message\n');
    expect(s.timestamp).toBeUndefined(); // 0001-01-01T00:00:00Z everywhere
    expect(s.warnings).toEqual(['suite "github.com/gotestyourself/gotestyourself/testjson/internal/badmain" says tests=0, failures=0; its test cases give tests=1, failures=1']);
  });

  it('pytest (xunit1, horovod CI), mocha xunit (latex-utensils) and jest-junit with suites that failed to run', () => {
    const py = parseJUnit(fixture('real/pytest/junit.gloo.elastic.xml'));
    expect(py.cases[0]).toMatchObject({
      name: 'test_all_hosts_blacklisted',
      outcome: 'skipped',
      file: 'test/integration/test_elastic_torch.py',
      line: 29,
      skippedMessage: 'This test fails due to https://github.com/horovod/horovod/issues/2030',
    });
    expect(py.timestamp).toBe(Date.UTC(2020, 7, 31, 9, 25, 25, 803)); // naive, microseconds cut
    expect(py.suites[0]!.hostname).toBe('35025c9f4f28');

    const mocha = parseJUnit(fixture('real/mocha-xunit/latex-utensils.xml'));
    // Passing repeats of a name are separate tests, not retries.
    expect(mocha.cases.filter((c) => c.name === 'parse entry with command').map((c) => c.outcome)).toEqual(['passed', 'passed']);
    expect(mocha.cases.find((c) => c.name.startsWith('parse Sch'))!.name).toBe('parse Sch\\"onbrunner Schlo\\ss{} Stra\\ss e');
    expect(mocha.timestamp).toBe(Date.UTC(2022, 11, 3, 23, 10, 7));
    expect(mocha.warnings).toEqual([]);

    const jest = parseJUnit(fixture('real/jest-junit/jest-test-results.xml'));
    expect(jest.failures.map((f) => [f.name, f.classname, f.kind, f.message])).toEqual([
      ['libs/foo.spec.ts', 'Test suite failed to run', 'error', '● Test suite failed to run'],
      ['libs/bar.spec.ts', 'Test suite failed to run', 'error', '● Test suite failed to run'],
    ]);
    expect(jest.cases[0]!.detail).toContain("error TS6258: 'typeRoots' should be set inside the 'compilerOptions' object");
    // jest-junit dates a suite that failed to run 1970-01-01T00:00:00: no time, not the report's time.
    expect(jest.timestamp).toBeUndefined();
    expect(jest.suites.map((x) => x.timestamp)).toEqual([undefined, undefined]);
  });

  it('Playwright: projects as hostnames, skipped tests with annotation properties, failures with attachments', () => {
    const s = parseJUnit(fixture('real/playwright/playwright-report.xml'));
    expect(s.suite).toBe('');
    expect(s.suites.map((x) => [x.name, x.tests, x.hostname])).toEqual([
      ['auth.setup.ts', 6, 'setup'],
      ['tests/analyze/load-video.spec.ts', 3, 'chrome'],
      ['tests/analyze/seamless-video-playback.spec.ts', 9, 'chrome'],
      ['tests/app.spec.ts', 1, 'chrome'],
      ['tests/grid.spec.ts', 25, 'chrome'],
      ['tests/onboarding.spec.ts', 4, 'chrome'],
      ['tests/statsEngine.spec.ts', 12, 'chrome'],
    ]);
    expect(s.failures.map((f) => f.message)).toEqual([
      'grid.spec.ts:202:11 should display correct data when sorting by OFF FORM column',
      'grid.spec.ts:254:9 should open select dropdown options when pressing Spacebar in grid cell',
      'grid.spec.ts:261:9 should be able to use keyboard to navigate horizontal grid and enter data',
      'grid.spec.ts:277:9 should be able to use keyboard to navigate vertical grid and enter data',
    ]);
    const first = s.cases.find((c) => c.outcome === 'failed')!;
    expect(first).toMatchObject({ name: 'Grid › Column Sorting › AmFb Column Sets › should display correct data when sorting by OFF FORM column', durationMs: 10_000 });
    expect(first.detail).toContain('Test timeout of 10000ms exceeded.');
    expect(first.systemOut).toContain('[[ATTACHMENT|test-results/tests-grid-Grid-Column-Sorting-AmFb-Column-Set-8f487-ay-correct-data-when-sorting-by-OFF-FORM-column-chrome/trace.zip]]');
    expect(s.cases.find((c) => c.name === 'rewind functions normally')).toMatchObject({ outcome: 'skipped', durationMs: 12, properties: [{ name: 'slow', value: '' }, { name: 'slow', value: '' }, { name: 'fixme', value: 'Implement' }] });
    expect(s.cases.find((c) => c.name.startsWith('record "Time to Video"'))!.name).toBe('record "Time to Video" when loading directly via URL › using manual timings');
    expect(s.timestamp).toBe(Date.UTC(2024, 0, 26, 21, 29, 30, 878));
    expect(s.warnings).toEqual([]);
  });
});

describe('dialects', () => {
  it('Surefire: flakyFailure/flakyError pass on retry, rerunFailure/rerunError never passed', () => {
    const s = parseJUnit(fixture('surefire/TEST-com.example.playback.PlaybackApiTest.xml'));
    const byName = (name: string) => s.cases.find((c) => c.name === name)!;
    expect(byName('refreshesLiveManifest')).toMatchObject({
      outcome: 'flaky',
      attempts: 2,
      retries: [{ kind: 'failure', message: 'expected manifest age <= 6s but was 14s', type: 'java.lang.AssertionError' }],
    });
    expect(byName('renewsWidevineLicense')).toMatchObject({ outcome: 'flaky', attempts: 2, retries: [{ kind: 'error', type: 'java.net.SocketTimeoutException' }] });
    expect(byName('rejectsExpiredToken')).toMatchObject({
      outcome: 'failed',
      attempts: 3,
      problem: { kind: 'failure', message: 'expected status 401 but was 200', type: 'org.opentest4j.AssertionFailedError' },
    });
    expect(byName('rejectsExpiredToken').retries).toHaveLength(2);
    expect(byName('rejectsExpiredToken').systemOut).toContain('token expired');
    expect(byName('rejectsExpiredToken').detail).toContain('PlaybackApiTest.java:131');
    expect(byName('fetchesEntitlement')).toMatchObject({ outcome: 'errored', attempts: 3, problem: { kind: 'error' } });
    expect(byName('skipsDrmOnEmulator')).toMatchObject({ outcome: 'skipped', skippedMessage: 'no Widevine CDM on this runner', durationMs: 0 });
    expect(s.failures).toEqual([
      { name: 'rejectsExpiredToken', classname: 'com.example.playback.PlaybackApiTest', message: 'expected status 401 but was 200', type: 'org.opentest4j.AssertionFailedError', kind: 'failure' },
      {
        name: 'fetchesEntitlement',
        classname: 'com.example.playback.PlaybackApiTest',
        message: 'Connect to api.prod.example.tv:443 failed: Connection refused',
        type: 'org.apache.hc.client5.http.HttpHostConnectException',
        kind: 'error',
      },
    ]);
    expect(s.suites[0]!.properties).toContainEqual({ name: 'surefire.rerunFailingTestsCount', value: '2' });
    expect(s.timestamp).toBeUndefined(); // Surefire writes one only with reportTestTimestamp
    expect(s.warnings).toEqual([]);
  });

  it('Surefire under a locale: thousands separators and decimal commas', () => {
    const soak = parseJUnit(fixture('surefire/TEST-com.example.soak.ManifestSoakTest.xml'));
    expect(soak.cases.map((c) => c.durationMs)).toEqual([1_802_117, 318_402, 13]);
    const de = parseJUnit(fixture('surefire/TEST-com.example.cdn.EdgeCacheTest.xml'));
    expect(de.cases.map((c) => c.durationMs)).toEqual([16, 11, 3]);
    expect(de.failures[0]!.message).toBe('expected:<60> but was:<0>');
  });

  it('jest-junit: failures without a message, several per case, and a suite that failed to run', () => {
    const s = parseJUnit(fixture('jest-junit/junit.xml'));
    expect(s.suite).toBe('jest tests');
    const seek = s.cases.find((c) => c.name.includes('seek bar'))!;
    expect(seek.problem!.message).toBe('Error: expect(received).toBe(expected) // Object.is equality');
    expect(seek.detail).toContain('expect.assertions(2)'); // the second <failure> is kept too
    expect(s.cases.find((c) => c.name.includes('captions'))!.name).toBe('PlayerControls captions renders a <track> for each language');
    expect(s.failures.at(-1)).toMatchObject({ name: 'src/api/__tests__/catalog.test.ts', classname: 'Test suite failed to run', kind: 'error', message: '● Test suite failed to run' });
    // The root's wall-clock time (suites ran in parallel), not the sum of the suites.
    expect(s.durationMs).toBe(3412);
    expect(s.timestamp).toBe(Date.UTC(2024, 4, 18, 19, 2, 11)); // naive: jest-junit writes UTC
    expect(s.warnings).toEqual([
      'suite "src/api/__tests__/catalog.test.ts" says tests=0; its test cases give tests=1',
      'the <testsuites> header says tests=6; its test cases give tests=7',
    ]);
  });

  it('pytest xunit2: skip and xfail are skipped; a call failure plus a teardown error stay two entries', () => {
    const s = parseJUnit(fixture('pytest/junit-xunit2.xml'));
    expect(s.suite).toBe('pytest');
    expect(s.cases.filter((c) => c.name === 'test_signed_url_expires').map((c) => c.outcome)).toEqual(['failed', 'errored']);
    expect(s.cases.find((c) => c.name === 'test_license_server_issues_widevine_key')!.skippedMessage).toBe('needs a Widevine test key');
    expect(s.cases.find((c) => c.name === 'test_low_latency_parts')!.skippedMessage).toBe('LL-HLS parts not served yet');
    expect(s.failures[0]!.message).toBe("AssertionError: assert 6.006 == 6.0\n +  where 6.006 = Segment(uri='seg-00042.m4s', duration=6.006).duration");
    expect(s.suites[0]!.hostname).toBe('ci-runner-7');
    expect(s.warnings).toEqual(['suite "pytest" says tests=7; its test cases give tests=8']);
  });

  it('pytest xunit1: file, line and per-test properties', () => {
    const s = parseJUnit(fixture('pytest/junit-xunit1.xml'));
    expect(s.cases[0]).toMatchObject({ file: 'smoke/test_api.py', line: 9, properties: [{ name: 'region', value: 'eu-west-1' }, { name: 'latency_ms', value: '41' }] });
    expect(s.timestamp).toBe(Date.UTC(2024, 4, 18, 21, 6, 40, 4));
  });

  it('gotestsum: a failed TestMain counts although the suite header says 0 tests', () => {
    const s = parseJUnit(fixture('gotestsum/junit.xml'));
    expect(s.suite).toBe(''); // several packages, no project name: the caller names it
    expect(s.failures.map((f) => f.name)).toEqual(['TestParse/dash', 'TestParse', 'TestMain']);
    expect(s.suites.map((x) => [x.name.split('/').at(-1), x.tests, x.failed])).toEqual([
      ['manifest', 6, 2],
      ['token', 3, 0],
      ['origin', 1, 1],
      ['edge', 0, 0],
    ]);
    expect(s.cases.find((c) => c.name === 'TestLowLatencyParts')!.skippedMessage).toContain('LL-HLS parts not served yet');
    expect(s.timestamp).toBe(Date.UTC(2024, 4, 18, 19, 10, 3));
    expect(s.warnings).toHaveLength(2);
  });

  it('go-junit-report, .NET, mocha and TestNG', () => {
    const go = parseJUnit(fixture('go-junit-report/report.xml'));
    expect(go.cases[0]!.systemOut).toBe('    handshake_test.go:18: C0/C1 sent, S0/S1/S2 received in 1.2ms');
    expect(go.suites[0]!.systemOut).toBe('exit status 1');
    expect(go.durationMs).toBe(1221); // no root time: the sum of the suites

    const net = parseJUnit(fixture('dotnet/TestResults.xml'));
    expect(net.failures[1]!.name).toBe('Manifest_HasAllRenditions(profile: "uhd")');
    expect(net.failures[0]!.message).toBe('Assert.Equal() Failure: Values differ\nExpected: 403\nActual:   200'); // CRLF read as line breaks
    expect(net.cases.find((c) => c.outcome === 'skipped')!.durationMs).toBe(0);
    expect(net.suites[0]!.systemErr).toBeUndefined(); // present but empty

    const mocha = parseJUnit(fixture('mocha-junit-reporter/test-results.xml'));
    expect(mocha.failures[1]!.name).toBe('Beacons "before each" hook for "fires a quartile beacon"');
    expect(mocha.suites[0]).toMatchObject({ name: 'Root Suite', tests: 0 });

    const xunit = parseJUnit(fixture('mocha-xunit/xunit.xml'));
    expect(xunit.timestamp).toBe(Date.UTC(2024, 4, 18, 19, 30, 12));
    expect(xunit.cases.at(-1)!.name).toBe("escapes <b> & 'quotes' in cue text");
    expect(xunit.warnings).toEqual(['suite "Mocha Tests" says errors=1; its test cases give errors=0']); // mocha writes errors = failures

    const testng = parseJUnit(fixture('testng/TEST-com.example.ads.VastParserTest.xml'));
    expect(testng.cases.filter((c) => c.name === 'followsWrapperChain').map((c) => c.outcome)).toEqual(['skipped', 'failed']);
    expect(testng.timestamp).toBe(Date.UTC(2024, 4, 18, 19, 35, 40));
  });

  it('nested suites, repeated test cases as retries, several results on one case, properties with text values', () => {
    const s = parseJUnit(fixture('generic/nested-retries.xml'));
    expect(s.suites.map((x) => x.path.join(' › '))).toEqual(['web', 'web › login', 'web › checkout', 'api']);
    expect(s.suites.map((x) => x.tests)).toEqual([6, 2, 4, 3]);
    const pay = s.cases.find((c) => c.name === 'pays with a saved card')!;
    expect(pay).toMatchObject({ outcome: 'flaky', attempts: 3, durationMs: 2400, suite: ['web', 'checkout'] });
    expect(pay.retries.map((r) => r.type)).toEqual(['TimeoutError', 'TimeoutError']);
    expect(s.cases.filter((c) => c.name === 'applies a voucher').map((c) => c.outcome)).toEqual(['failed', 'failed']);
    expect(s.cases.find((c) => c.name === 'POST /v2/orders')).toMatchObject({ outcome: 'errored', problem: { message: 'socket hang up', type: 'ECONNRESET' } });
    expect(s.cases.find((c) => c.name === 'DELETE /v2/orders/:id')).toMatchObject({ outcome: 'skipped', durationMs: null });
    expect(s.cases[0]).toMatchObject({ systemOut: '[[ATTACHMENT|screenshots/sso.png]]', systemErr: 'warning: third-party cookie blocked', file: 'tests/login.spec.ts', line: 12 });
    expect(s.suites[0]!.properties).toEqual([
      { name: 'browser', value: 'chromium 124' },
      { name: 'config', value: 'retries: 2\n        workers: 4' },
    ]);
    expect(s.suites[0]!.systemOut).toBe('Data written to standard out by the web suite.');
    expect(s.timestamp).toBe(Date.UTC(2024, 4, 18, 18, 40, 0));
  });

  it('a status attribute stands in when a case has no result element', () => {
    const s = parseJUnit('<testsuite><testcase name="a" status="run"/><testcase name="b" status="failed"/><testcase name="c" status="errored"/><testcase name="d" status="notrun"/></testsuite>');
    expect(s.cases.map((c) => c.outcome)).toEqual(['passed', 'failed', 'errored', 'skipped']);
    expect(s.failures.map((f) => f.message)).toEqual(['status="failed"', 'status="errored"']);
  });

  it('durations: the root time, else the top-level suites, else the cases; none is 0', () => {
    expect(parseJUnit('<testsuite><testcase name="a" time="0.5"/><testcase name="b" time="1,5"/></testsuite>').durationMs).toBe(2000);
    expect(parseJUnit('<testsuites><testsuite time="2"/><testsuite time="3"><testcase name="x" time="9"/></testsuite></testsuites>').durationMs).toBe(5000);
    expect(parseJUnit('<testsuite><testcase name="a"/></testsuite>').durationMs).toBe(0);
    expect(parseJUnit('<testsuite><testcase name="a"/></testsuite>').cases[0]!.durationMs).toBeNull();
  });

  it("the report's time: the root's timestamp, else the earliest suite's, and whether it named its zone", () => {
    const suites = '<testsuite name="b" timestamp="2026-03-01T10:05:00+02:00"><testcase name="x"/></testsuite><testsuite name="a" timestamp="2026-03-01T08:01:00"><testcase name="y"/></testsuite>';
    const root = parseJUnit(`<testsuites timestamp="2026-03-01T07:59:30Z">${suites}</testsuites>`);
    expect(root).toMatchObject({ timestamp: Date.UTC(2026, 2, 1, 7, 59, 30), timestampZoned: true });
    // Without one on the root: the earliest suite (10:05 at +02:00 is 08:05 UTC; the naive 08:01 is read as UTC).
    expect(parseJUnit(`<testsuites>${suites}</testsuites>`)).toMatchObject({ timestamp: Date.UTC(2026, 2, 1, 8, 1), timestampZoned: false });
    expect(parseJUnit('<testsuites timestamp="yesterday"><testsuite name="a" timestamp="2026-03-01T08:01:00Z"><testcase name="y"/></testsuite></testsuites>')).toMatchObject({
      timestamp: Date.UTC(2026, 2, 1, 8, 1),
      timestampZoned: true,
      warnings: ['the <testsuites> header: unreadable timestamp "yesterday"'],
    });
    const none = parseJUnit('<testsuite name="a"><testcase name="y"/></testsuite>');
    expect(none.timestamp).toBeUndefined();
    expect(none.timestampZoned).toBeUndefined();
  });

  it('warns about a time it reads but not unambiguously, and one it cannot read', () => {
    const s = parseJUnit('<testsuite name="s" time="soon"><testcase name="a" time="2,120"/></testsuite>');
    expect(s.cases[0]!.durationMs).toBe(2120);
    expect(s.warnings).toEqual(['test case "a" (line 1): time "2,120" read as 2.120 s (decimal comma), not 2120 s', 'suite "s" (line 1): unreadable time "soon"']);
  });
});

describe('input handling', () => {
  const minimal = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="é"><testcase name="ü"/></testsuite>';

  it('accepts a UTF-8 BOM, UTF-16 with a BOM, a declared single-byte encoding and a string', () => {
    expect(parseJUnit(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(minimal)])).suite).toBe('é');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimal.replace('UTF-8', 'UTF-16'), 'utf16le')]);
    expect(parseJUnit(utf16).cases[0]!.name).toBe('ü');
    const latin1 = Buffer.from(minimal.replace('UTF-8', 'ISO-8859-1'), 'latin1');
    expect(parseJUnit(latin1).suite).toBe('é');
    expect(parseJUnit(`\uFEFF${minimal}`).tests).toBe(1);
    expect(parseJUnit(minimal, { suiteName: 'nightly-api' }).suite).toBe('nightly-api');
  });

  it('refuses an encoding it does not know, naming where it is declared', () => {
    expect(refusal(Buffer.from('<?xml version="1.0" encoding="EBCDIC-XYZ"?><testsuite/>'))).toMatchObject({ code: 'encoding', line: 1, column: 31 });
  });

  it('tolerates whitespace before the declaration and keeps positions on the original text', () => {
    expect(parseJUnit(`\n\n  ${minimal}`).tests).toBe(1);
    expect(refusal('\n\n  <?xml version="1.0"?><testsuite><testcase name="a"></testsuite>')).toMatchObject({ code: 'malformed', line: 3, column: 65 });
  });

  it('reads raw control characters, and shows names and messages without them (ANSI colours, bidi overrides)', () => {
    const s = parseJUnit('<testsuite>\n<testcase name="a\u202Egnp.exe"><failure>\u001b[31mred\u001b[0m \u001b]0;owned\u0007done</failure></testcase></testsuite>');
    expect(s.failures[0]!.message).toBe('red done');
    expect(s.failures[0]!.name).toBe('agnp.exe');
    expect(s.warnings).toEqual(['4 character(s) not allowed in XML 1.0 were read anyway; names and messages are shown without control characters (first at line 2, column 37)']);
  });

  it('bounds text: messages, failure texts and properties', () => {
    const long = 'x'.repeat(5000);
    const props = Array.from({ length: 5 }, (_, i) => `<property name="p${i}" value="${i}"/>`).join('');
    const s = parseJUnit(`<testsuite><properties>${props}</properties><testcase name="a"><failure message="${long}">${long}</failure><system-out>${long}</system-out></testcase></testsuite>`, {
      maxMessageChars: 100,
      maxTextChars: 1000,
      maxProperties: 3,
    });
    expect(s.failures[0]!.message).toHaveLength(101);
    expect(s.cases[0]!.detail).toBe(`${'x'.repeat(1000)}… [4000 more characters]`);
    expect(s.cases[0]!.systemOut).toBe(`${'x'.repeat(1000)}… [4000 more characters]`);
    expect(s.suites[0]!.properties).toHaveLength(3);
    expect(s.warnings).toEqual(['2 properties beyond 3 per element were dropped']);
  });
});

describe('malformed reports are refused with the reason, line and column', () => {
  const table: [string, JUnitErrorCode, number, number, RegExp][] = [
    ['malformed/truncated.xml', 'malformed', 28, 48, /unclosed tag: failure \(the report ends early: truncated\?\)/],
    ['malformed/not-xml.json', 'not-xml', 1, 1, /not XML: the report starts with "\{\\"error\\":\\"unauthorized\\"/],
    ['malformed/html-error-page.html', 'not-junit', 1, 1, /an HTML page \(<!DOCTYPE html>\), not a JUnit report/],
    ['malformed/wrong-root.xml', 'not-junit', 2, 1, /expected <testsuites> or <testsuite> as the root element, got <test-run>/],
    ['malformed/xxe.xml', 'doctype', 2, 1, /a DOCTYPE is not allowed in a JUnit report/],
    ['malformed/billion-laughs.xml', 'doctype', 2, 1, /a DOCTYPE is not allowed/],
    ['malformed/mismatched-tag.xml', 'malformed', 7, 16, /unexpected close tag \(expected <\/testcase> first\)/],
    ['malformed/html-entity.xml', 'malformed', 4, 37, /undefined entity/],
  ];
  it.each(table)('%s', (path, code, line, column, reason) => {
    const r = refusal(fixture(path));
    expect(r).toMatchObject({ code, line, column });
    expect(r.message).toMatch(new RegExp(`^line ${line}, column ${column}: `));
    expect(r.message).toMatch(reason);
  });

  it('an HTML page without a DOCTYPE, an empty body, XML that is not a report', () => {
    expect(refusal('<html>\n<body>Sign in</body></html>')).toMatchObject({ code: 'not-junit', line: 1, column: 1, message: 'line 1, column 1: an HTML page, not a JUnit report' });
    expect(refusal('  \n ')).toMatchObject({ code: 'empty', line: 1, column: 1 });
    expect(refusal('<?xml version="1.0"?>\n  plain text')).toMatchObject({ code: 'not-xml', line: 2 });
    expect(refusal('<testsuite/>\ntrailing')).toMatchObject({ code: 'malformed', line: 2 });
  });

  it('XXE and billion laughs are refused at once and stay inert', () => {
    const t0 = performance.now();
    expect(() => parseJUnit(fixture('malformed/billion-laughs.xml'))).toThrow(JUnitParseError);
    expect(performance.now() - t0).toBeLessThan(200);
    // Without a DOCTYPE an entity reference is simply undefined: nothing is fetched or expanded.
    const r = refusal('<testsuite>\n<testcase name="&xxe;"/></testsuite>');
    expect(r).toMatchObject({ code: 'malformed', line: 2, column: 21 });
    // A parameter entity or an external DTD in the DOCTYPE: refused just the same.
    expect(refusal('<!DOCTYPE testsuite SYSTEM "http://127.0.0.1:1/evil.dtd"><testsuite/>').code).toBe('doctype');
    expect(refusal('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><testsuite/>').code).toBe('doctype');
  });

  it('a huge report is refused before parsing, at the point where the limit falls', () => {
    const line = `<testcase classname="big" name="${'n'.repeat(70)}" time="0.001"/>\n`;
    const count = Math.ceil((20 * 1024 * 1024) / line.length) + 10;
    const huge = Buffer.from(`<testsuite>\n${line.repeat(count)}</testsuite>`);
    const r = refusal(huge);
    expect(r.code).toBe('too-large');
    expect(r.message).toMatch(/the report is 20\.0 MiB, over the 20\.0 MiB limit/);
    const limitInBody = 20 * 1024 * 1024 - '<testsuite>\n'.length;
    expect(r).toMatchObject({ line: Math.floor(limitInBody / line.length) + 2, column: (limitInBody % line.length) + 1 });
    expect(refusal(huge.toString('utf8')).code).toBe('too-large');
    expect(refusal(minimalWithCases(10), { maxBytes: 100 }).code).toBe('too-large');
  });

  it('too many cases and too deep nesting are refused where they happen', () => {
    const r = refusal(minimalWithCases(100_001));
    expect(r).toMatchObject({ code: 'too-many-cases', line: 100_002 });
    expect(r.message).toMatch(/more than 100,000 test cases/);
    expect(refusal(minimalWithCases(6), { maxCases: 5 })).toMatchObject({ code: 'too-many-cases', line: 7 });
    const deep = `${'<testsuite>'.repeat(70)}${'</testsuite>'.repeat(70)}`;
    expect(refusal(deep)).toMatchObject({ code: 'too-deep', line: 1 });
  });
});

function minimalWithCases(n: number): string {
  return `<testsuite>\n${'<testcase name="t"/>\n'.repeat(n)}</testsuite>`;
}
