/**
 * JUnit ingest in a real hub: reports from the fixture set over REST (counts in the answer, the
 * suite's tile updated), malformed reports refused with 400 and the line and column with nothing
 * recorded, the watched folder (processed/ and failed/ with the reason), and a scheduled suite
 * going stale when its report does not come.
 */
import { existsSync } from 'node:fs';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCanaryDelta, type CanaryBoard, type CanaryDelta } from '../../shared/protocol/canaries.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';
import { canaryWorkspaceYaml } from '../support/minimal-workspace.ts';

const fixtures = fileURLToPath(new URL('../fixtures/junit/', import.meta.url));
const fixture = (path: string) => readFile(join(fixtures, path));

const workspace = (extra = '') =>
  canaryWorkspaceYaml('Suites', `  junitFolder: ./junit-inbox
  maxReportAge: 3650d # the fixtures ran years ago: here they still move their tiles (dating: canaries-junit-arrival)
  suites:
    - id: api-regression
      name: Production API regression
      aliases: [production-api]
      expectEvery: 15m
    - id: heartbeat
      expectEvery: 600ms
      staleAfter: 900ms
    - id: smoke
      critical: true
${extra}`);

let t: TestHub;
afterEach(async () => t?.close());

async function hub(extra = ''): Promise<{ admin: ClientSocket; responder: string; viewer: string }> {
  // A short settle time: a malformed report written just now is read again once before it is refused.
  t = await startTestHub(workspace(extra), {}, {}, { canaries: { folderSettleMs: 100 } });
  const admin = await t.connect(t.adminToken);
  const r = await admin.emitWithAck('tokens:create', { name: 'ci pipeline', role: 'responder' });
  const v = await admin.emitWithAck('tokens:create', { name: 'wall', role: 'viewer' });
  if (!r.ok || !v.ok) throw new Error('tokens');
  return { admin, responder: r.secret, viewer: v.secret };
}

function post(token: string, body: Uint8Array | string, query = '', type = 'application/xml'): Promise<Response> {
  return t.http(`/api/v1/ingest/junit${query}`, { method: 'POST', token, headers: { 'content-type': type }, body: body as BodyInit });
}

async function board(socket: ClientSocket): Promise<CanaryBoard> {
  const reply = await socket.emitWithAck('canaries:board', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.board;
}

describe('POST /api/v1/ingest/junit', () => {
  const table: [string, string, { tests: number; passed: number; failed: number; errored: number; skipped: number; durationMs: number }, string[]][] = [
    ['surefire/TEST-com.example.playback.PlaybackApiTest.xml', 'playback-api', { tests: 7, passed: 2, failed: 1, errored: 1, skipped: 1, durationMs: 4812 }, ['failing-unconfirmed']],
    ['jest-junit/junit.xml', 'web-e2e', { tests: 7, passed: 3, failed: 2, errored: 1, skipped: 1, durationMs: 3412 }, ['failing-unconfirmed']],
    ['pytest/junit-xunit2.xml', 'pytest-prod', { tests: 8, passed: 2, failed: 2, errored: 2, skipped: 2, durationMs: 4207 }, ['failing-unconfirmed']],
    ['gotestsum/junit.xml', 'edge-go', { tests: 10, passed: 6, failed: 3, errored: 0, skipped: 1, durationMs: 2481.993 }, ['failing-unconfirmed']],
    ['dotnet/TestResults.xml', 'dotnet-api', { tests: 6, passed: 3, failed: 2, errored: 0, skipped: 1, durationMs: 481.237 }, ['failing-unconfirmed']],
    ['mocha-junit-reporter/test-results.xml', 'mocha', { tests: 5, passed: 3, failed: 2, errored: 0, skipped: 0, durationMs: 231 }, ['failing-unconfirmed']],
    ['surefire/TEST-com.example.soak.ManifestSoakTest.xml', 'soak', { tests: 3, passed: 3, failed: 0, errored: 0, skipped: 0, durationMs: 2_120_532 }, ['passing']],
  ];

  it.each(table)('%s: the parsed summary in the answer, the run on the suite', async (path, suite, counts, [status]) => {
    const { admin, responder } = await hub();
    const res = await post(responder, await fixture(path), `?suite=${suite}`);
    expect(res.status).toBe(200);
    const reply = (await res.json()) as Record<string, unknown> & { failing: string[] };
    expect(reply).toMatchObject({ suite, ...counts, status });
    expect(reply.failing).toHaveLength(counts.failed + counts.errored);
    const entry = (await board(admin)).entries.find((e) => e.id === suite)!;
    expect(entry).toMatchObject({ kind: 'suite', configured: false, status, last: { junit: { tests: counts.tests, failed: counts.failed, errored: counts.errored } } });
    if (counts.failed + counts.errored > 0) {
      expect(entry.progress!.text).toBe('1 of 2 failed');
      expect(entry.last!.message).toMatch(new RegExp(`^${counts.failed + counts.errored} of ${counts.tests} tests failed: `));
    }
    const runs = (await (await t.http(`/api/v1/canaries/${suite}/results`, { token: responder })).json()) as { results: { detail: { junit: { failing: unknown[]; source: string } } }[] };
    expect(runs.results).toHaveLength(1);
    expect(runs.results[0]!.detail.junit).toMatchObject({ source: 'rest', tests: counts.tests });
  });

  it('names the failing cases, records a declared suite under its alias, and confirms on the second failed report', async () => {
    const { admin, responder } = await hub();
    const res = await post(responder, await fixture('jest-junit/junit.xml'), '?suite=production-api', 'text/xml; charset=utf-8');
    const reply = (await res.json()) as { suite: string; failing: string[] };
    expect(reply.suite).toBe('api-regression');
    expect(reply.failing.length).toBe(3);
    expect(reply.failing.every((n) => n.length > 0)).toBe(true);
    await post(responder, await fixture('jest-junit/junit.xml'), '?suite=api-regression');
    const entry = (await board(admin)).entries.find((e) => e.id === 'api-regression')!;
    expect(entry).toMatchObject({ configured: true, name: 'Production API regression', status: 'failing-confirmed', intervalMs: 900_000 });
  });

  it('without ?suite= the report\'s own name is used', async () => {
    const { responder } = await hub();
    const reply = (await (await post(responder, await fixture('pytest/junit-xunit1.xml'))).json()) as { suite: string };
    expect(reply.suite).toBe('smoke'); // the root's name, which is a declared suite
  });

  const malformed: [string, number, number, string][] = [
    ['malformed/truncated.xml', 28, 48, 'malformed'],
    ['malformed/mismatched-tag.xml', 7, 16, 'malformed'],
    ['malformed/html-entity.xml', 4, 37, 'malformed'],
    ['malformed/xxe.xml', 2, 1, 'doctype'],
    ['malformed/not-xml.json', 1, 1, 'not-xml'],
    ['malformed/wrong-root.xml', 2, 1, 'not-junit'],
  ];
  it.each(malformed)('%s is refused with 400, line %i column %i, and nothing is recorded', async (path, line, column, code) => {
    const { admin, responder } = await hub();
    await post(responder, await fixture('surefire/TEST-com.example.soak.ManifestSoakTest.xml'), '?suite=api-regression');
    const before = await board(admin);
    const res = await post(responder, await fixture(path), '?suite=api-regression');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; line: number; column: number; code: string };
    expect(body).toMatchObject({ error: 'invalid_junit', line, column, code });
    expect(body.message).toMatch(new RegExp(`^not a JUnit report the hub can read: line ${line}, column ${column}: `));
    const fresh = await post(responder, await fixture(path), '?suite=brand-new');
    expect(fresh.status).toBe(400);
    const after = await board(admin);
    // Uptime accrues with the clock (and is null until a millisecond has passed), so it is left out.
    const recorded = (b: CanaryBoard) => {
      const { uptime: _clock, ...rest } = b.entries.find((e) => e.id === 'api-regression')!;
      return rest;
    };
    expect(recorded(after)).toEqual(recorded(before));
    expect(after.entries.some((e) => e.id === 'brand-new')).toBe(false);
    const runs = (await (await t.http('/api/v1/canaries/api-regression/results', { token: responder })).json()) as { results: unknown[] };
    expect(runs.results).toHaveLength(1);
  });

  it('takes a machine token that holds only the junit ingest scope, and nothing else from it', async () => {
    const { admin } = await hub();
    const ci = await admin.emitWithAck('tokens:create', { name: 'nightly suite', role: 'viewer', scopes: ['junit'] });
    if (!ci.ok) throw new Error(ci.error.message);
    expect(ci.token.scopes).toEqual(['junit']);
    expect((await post(ci.secret, await fixture('jest-junit/junit.xml'), '?suite=web-e2e')).status).toBe(200);
    const change = await t.http('/api/v1/ingest/changes', {
      method: 'POST',
      token: ci.secret,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'deploy-1', kind: 'deploy', service: 'api', description: 'api v2' }),
    });
    expect(change.status).toBe(403);
    expect((await change.json()).message).toBe('this endpoint needs the responder role or the changes ingest scope; this token is viewer');
    const tokens = (await (await t.http('/api/v1/tokens', { token: t.adminToken })).json()) as { tokens: { name: string; scopes: string[] }[] };
    expect(tokens.tokens.find((x) => x.name === 'nightly suite')?.scopes).toEqual(['junit']);
  });

  it('needs a responder token, XML, and a body under 20 MiB', async () => {
    const { viewer, responder } = await hub();
    const xml = await fixture('mocha-xunit/xunit.xml');
    expect((await post('', xml, '?suite=x')).status).toBe(401);
    const forbidden = await post(viewer, xml, '?suite=x');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: 'forbidden', message: 'this endpoint needs the responder role or the junit ingest scope; this token is viewer' });
    const json = await post(responder, '{"tests":1}', '?suite=x', 'application/json');
    expect(json.status).toBe(415);
    expect(await json.json()).toEqual({ error: 'unsupported_media_type', message: 'send the body as application/xml or text/xml, not application/json' });
    const huge = await post(responder, Buffer.alloc(21 * 1024 * 1024, 0x20), '?suite=x');
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: 'too_large', message: 'request body exceeds the 20971520-byte limit' });
    const empty = await post(responder, '', '?suite=x');
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { message: string }).message).toContain('the report is empty');
  });
});

describe('the watched folder', () => {
  it('ingests dropped reports, moves them to processed/ or failed/ with the reason', async () => {
    const { admin } = await hub();
    const inbox = join(t.dir, 'junit-inbox');
    await eventually('the inbox folders', () => existsSync(join(inbox, 'processed')) && existsSync(join(inbox, 'failed')));
    // Named after a declared suite; named after nothing (its root names the declared suite "smoke"); named after nothing at all.
    await copyFile(join(fixtures, 'jest-junit/junit.xml'), join(inbox, 'api-regression.xml'));
    await copyFile(join(fixtures, 'pytest/junit-xunit1.xml'), join(inbox, 'junit.xml'));
    await copyFile(join(fixtures, 'go-junit-report/report.xml'), join(inbox, 'nightly-ingest.xml'));
    await copyFile(join(fixtures, 'malformed/truncated.xml'), join(inbox, 'broken.xml'));
    await writeFile(join(inbox, 'notes.txt'), 'not a report');

    await eventually('all four handled', async () => (await readdir(join(inbox, 'processed'))).length === 3 && (await readdir(join(inbox, 'failed'))).length === 2, 15_000);
    expect((await readdir(join(inbox, 'processed'))).sort()).toEqual(['api-regression.xml', 'junit.xml', 'nightly-ingest.xml']);
    expect((await readdir(join(inbox, 'failed'))).sort()).toEqual(['broken.xml', 'broken.xml.error.txt']);
    expect(await readFile(join(inbox, 'failed', 'broken.xml.error.txt'), 'utf8')).toMatch(/^broken\.xml was not ingested:\nline 28, column 48: /);
    expect(await readdir(inbox)).toEqual(expect.arrayContaining(['notes.txt']));

    const entries = (await board(admin)).entries;
    expect(entries.find((e) => e.id === 'api-regression')).toMatchObject({ status: 'failing-unconfirmed', last: { junit: { tests: 7 } } });
    expect(entries.find((e) => e.id === 'smoke')).toMatchObject({ status: 'failing-unconfirmed', last: { junit: { tests: 5 } } });
    expect(entries.find((e) => e.id === 'nightly-ingest')).toMatchObject({ configured: false, last: { junit: { tests: 6 } } });
    const runs = (await (await t.http('/api/v1/canaries/smoke/results', { token: t.adminToken })).json()) as { results: { detail: { junit: { source: string; file: string } } }[] };
    expect(runs.results[0]!.detail.junit).toMatchObject({ source: 'folder', file: 'junit.xml' });
  });
});

describe('staleness', () => {
  it('a scheduled suite that stops reporting goes stale with an alert, and recovers when a report comes', async () => {
    const { admin, responder } = await hub();
    let b = await board(admin);
    const deltas: CanaryDelta[] = [];
    admin.on('canaries:delta', (d) => {
      deltas.push(d);
      b = applyCanaryDelta(b, d)!;
    });
    const heartbeat = () => b.entries.find((e) => e.id === 'heartbeat')!;
    // Never reported: stale once the first report is overdue.
    await eventually('stale without any report', () => heartbeat().status === 'stale', 5000);
    const passing = await fixture('surefire/TEST-com.example.soak.ManifestSoakTest.xml');
    await post(responder, passing, '?suite=heartbeat');
    await eventually('passing', () => heartbeat().status === 'passing');
    const passedAt = Date.now();
    await eventually('stale again', () => heartbeat().status === 'stale', 5000);
    expect(Date.now() - passedAt).toBeGreaterThanOrEqual(800);
    const alerts = deltas.flatMap((d) => d.alerts).filter((a) => a.id === 'heartbeat');
    expect(alerts.map((a) => a.kind)).toEqual(['stale', 'recovery', 'stale']);
    expect(alerts[0]!.message).toMatch(/^no result for \d+ s \(expected every 1 s\)$/);
    await post(responder, passing, '?suite=heartbeat');
    await eventually('reporting again', () => heartbeat().status === 'passing');
    // A suite without a schedule never goes stale.
    expect(b.entries.find((e) => e.id === 'smoke')!.status).toBe('pending');
  });
});
