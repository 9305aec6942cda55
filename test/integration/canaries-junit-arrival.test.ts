/**
 * JUnit reports however they arrive (posted over REST or dropped into the watched folder, one at a
 * time over several scans) follow one set of rules, in a real hub on loopback: a report is dated by
 * its own timestamp; one older than what its suite shows joins the history without moving the
 * tile, and one older than the suite's staleness window neither, so old failures never declare an
 * incident; a suite name carrying a build number updates one tile, not a tile per build.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import type { CanaryBoardEntry, CanaryRunRecord, JUnitIngestReply } from '../../shared/protocol/canaries.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';
import { canaryWorkspaceYaml } from '../support/minimal-workspace.ts';

const MINUTE = 60_000;
const iso = (t: number) => new Date(t).toISOString();

/** A one-case report for `suite`, failed or passed, with its own (zoned) timestamp when `at` is given. */
const report = (suite: string, at: number | null, failed: boolean) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${suite}" tests="1"${at === null ? '' : ` timestamp="${iso(at)}"`}>\n` +
  `  <testcase classname="api.Checkout" name="pays with a saved card" time="0.25">${failed ? '<failure message="expected 200, got 503"/>' : ''}</testcase>\n</testsuite>\n`;

const workspace = (extra = '') =>
  canaryWorkspaceYaml('Arrivals', `  junitFolder: ./inbox
  suites:
    - { id: smoke, name: API smoke suite, critical: true, autoDeclare: { severity: 2 } }
    - { id: nightly, name: Nightly journeys, critical: true, autoDeclare: { severity: 2 }, expectEvery: 10m }
    - { id: payments, name: Payments }
${extra}`);

let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function hub(extra = '', dataDir?: string): Promise<{ admin: ClientSocket; responder: string }> {
  t = await startTestHub(workspace(extra), dataDir === undefined ? {} : { dataDir }, {}, { canaries: { folderScanMs: 50, folderSettleMs: 100, flushMs: 20 } });
  const admin = await t.connect(t.adminToken);
  const r = await admin.emitWithAck('tokens:create', { name: 'ci pipeline', role: 'responder' });
  if (!r.ok) throw new Error('token');
  return { admin, responder: r.secret };
}

async function post(token: string, body: string, query = ''): Promise<JUnitIngestReply> {
  const res = await t!.http(`/api/v1/ingest/junit${query}`, { method: 'POST', token, headers: { 'content-type': 'application/xml' }, body });
  expect(res.status).toBe(200);
  return (await res.json()) as JUnitIngestReply;
}

async function entry(admin: ClientSocket, id: string): Promise<CanaryBoardEntry | undefined> {
  const reply = await admin.emitWithAck('canaries:board', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.board.entries.find((e) => e.id === id);
}

async function runs(id: string): Promise<CanaryRunRecord[]> {
  const res = await t!.http(`/api/v1/canaries/${id}/results`, { token: t!.adminToken });
  return ((await res.json()) as { results: CanaryRunRecord[] }).results;
}

async function incidents(socket: ClientSocket): Promise<IncidentSummary[]> {
  const reply = await socket.emitWithAck('incidents:list', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.incidents;
}

describe('a JUnit report posted over REST', () => {
  it('is dated by its own timestamp; one older than the suite shows is history only and declares nothing', async () => {
    const { admin, responder } = await hub();
    const now = Date.now();
    const latest = await post(responder, report('smoke', now - MINUTE, false), '?suite=smoke');
    expect(latest).toMatchObject({ suite: 'smoke', status: 'passing', at: now - MINUTE, dated: 'report' });
    expect(latest.historyOnly).toBeUndefined();

    // A retried CI job posts two older failed runs late: two failures in a row would confirm (and declare).
    for (const minutes of [10, 5]) {
      const late = await post(responder, report('smoke', now - minutes * MINUTE, true), '?suite=smoke');
      expect(late).toMatchObject({ suite: 'smoke', status: 'passing', at: now - minutes * MINUTE, dated: 'report', failed: 1 });
      expect(late.historyOnly).toBe(`older than the suite's newest result (${iso(now - MINUTE)})`);
    }
    expect(await entry(admin, 'smoke')).toMatchObject({ status: 'passing', last: { at: now - MINUTE } });
    expect(await incidents(admin)).toEqual([]);
    // All three are in the history, each at its own time.
    expect((await runs('smoke')).map((r) => [r.at, r.outcome]).sort((a, b) => (b[0] as number) - (a[0] as number))).toEqual([
      [now - MINUTE, 'pass'],
      [now - 5 * MINUTE, 'fail'],
      [now - 10 * MINUTE, 'fail'],
    ]);

    // A report without a timestamp is dated when it arrives, and moves the tile.
    const before = Date.now();
    const plain = await post(responder, report('smoke', null, true), '?suite=smoke');
    expect(plain.dated).toBe('read');
    expect(plain.at).toBeGreaterThanOrEqual(before);
    expect(plain).toMatchObject({ status: 'failing-unconfirmed' });
  });
});

describe('reports trickling into the watched folder, oldest first, one scan each', () => {
  it('never move the tile backwards, and failures older than the staleness window declare nothing', async () => {
    const { admin } = await hub();
    const inbox = join(t!.dir, 'inbox');
    const now = Date.now();
    const lastAt: (number | null)[] = [];
    // nightly expects a report every 10 minutes: stale after 15.
    const drops: [string, number, boolean][] = [
      ['a.xml', now - 50 * MINUTE, true], // a backlog of stale failures, copied in one by one
      ['b.xml', now - 40 * MINUTE, true],
      ['c.xml', now - 30 * MINUTE, true],
      ['d.xml', now - 8 * MINUTE, true], // old → older → newest
      ['e.xml', now - 9 * MINUTE, false],
      ['f.xml', now - MINUTE, false],
    ];
    for (const [i, [name, at, failed]] of drops.entries()) {
      await writeFile(join(inbox, name), report('nightly', at, failed));
      await eventually(`${name} processed`, async () => (await readdir(join(inbox, 'processed'))).length === i + 1);
      const e = await entry(admin, 'nightly');
      lastAt.push(e?.last?.at ?? null);
      if (i === 2) {
        // Three failures in a row, none of them recent: the tile still waits for a first result.
        expect(e).toMatchObject({ status: 'pending' });
        expect(await incidents(admin)).toEqual([]);
      }
    }
    expect(lastAt).toEqual([null, null, null, now - 8 * MINUTE, now - 8 * MINUTE, now - MINUTE]);
    expect(await entry(admin, 'nightly')).toMatchObject({ status: 'passing' });
    expect(await incidents(admin)).toEqual([]);
    const history = await runs('nightly');
    expect(history).toHaveLength(6);
    expect(history.filter((r) => r.detail?.junit?.historyOnly === true).map((r) => r.at).sort((a, b) => b - a)).toEqual([now - 9 * MINUTE, now - 30 * MINUTE, now - 40 * MINUTE, now - 50 * MINUTE]);
  });
});

describe('a suite without expectEvery (no staleness window of its own)', () => {
  it('is moved only by reports whose run ended within canaries.maxReportAge (1 h): an old backlog of failures declares nothing', async () => {
    const { admin, responder } = await hub();
    const now = Date.now();
    // A backlog replayed oldest first: two failures in a row would confirm smoke and declare an incident.
    for (const minutes of [180, 150, 120]) {
      const late = await post(responder, report('smoke', now - minutes * MINUTE, true), '?suite=smoke');
      expect(late).toMatchObject({ suite: 'smoke', status: 'pending', at: now - minutes * MINUTE, dated: 'report' });
      expect(late.historyOnly).toMatch(/^its run ended (2|3) h( \d+ min)? ago, longer than canaries\.maxReportAge \(1 h\): too old to speak for now$/);
    }
    expect(await entry(admin, 'smoke')).toMatchObject({ status: 'pending', last: null });
    expect(await incidents(admin)).toEqual([]);
    expect((await runs('smoke')).map((r) => r.detail?.junit?.historyOnly)).toEqual([true, true, true]);

    // A long run: started 90 minutes ago, took 60, so it ended 30 minutes ago and speaks for now.
    const long = report('smoke', now - 90 * MINUTE, true).replace('tests="1"', 'tests="1" time="3600"');
    const reply = await post(responder, long, '?suite=smoke');
    expect(reply.historyOnly).toBeUndefined();
    expect(reply).toMatchObject({ status: 'failing-unconfirmed', at: now - 90 * MINUTE });
    // An undeclared suite (no window either) follows the same rule.
    const adHoc = await post(responder, report('search', now - 2 * 60 * MINUTE, true), '?suite=search');
    expect(adHoc).toMatchObject({ suite: 'search', status: 'pending' });
    expect(adHoc.historyOnly).toContain('canaries.maxReportAge (1 h)');
    // The watched folder too.
    const inbox = join(t!.dir, 'inbox');
    await writeFile(join(inbox, 'payments.xml'), report('payments', now - 2 * 60 * MINUTE, true));
    await eventually('processed', async () => (await readdir(join(inbox, 'processed'))).length === 1);
    expect(await entry(admin, 'payments')).toMatchObject({ status: 'pending' });
    expect((await runs('payments')).map((r) => [r.outcome, r.detail?.junit?.historyOnly])).toEqual([['fail', true]]);
  });

  it('takes the workspace maxReportAge, or the suite\'s own', async () => {
    const { responder } = await hub('    - { id: deploys, maxReportAge: 10m }\n  maxReportAge: 3h\n');
    const now = Date.now();
    expect((await post(responder, report('smoke', now - 2 * 60 * MINUTE, true), '?suite=smoke')).historyOnly).toBeUndefined();
    const own = await post(responder, report('deploys', now - 20 * MINUTE, true), '?suite=deploys');
    expect(own.historyOnly).toBe("its run ended 20 min ago, longer than the suite's maxReportAge (10 min): too old to speak for now");
    // Just past the limit, the age is shown to the second: both would read "10 min" at a glance.
    const justPast = await post(responder, report('deploys', now - 10 * MINUTE - 30_000, true), '?suite=deploys');
    expect(justPast.historyOnly).toMatch(/^its run ended 10 min 3\d s ago, longer than the suite's maxReportAge \(10 min\): too old to speak for now$/);
    // A suite with expectEvery keeps its staleness window (nightly: 15 minutes).
    const nightly = await post(responder, report('nightly', now - 20 * MINUTE, true), '?suite=nightly');
    expect(nightly.historyOnly).toBe("older than the suite's staleness window (15 min): it would be stale already");
  });
});

describe('a suite name with a build number in it', () => {
  it('updates one tile, named without the number; a declared suite is found the same way', async () => {
    const { admin, responder } = await hub();
    const now = Date.now();
    await post(responder, report('checkout-build-1234', now - 3 * MINUTE, true));
    await post(responder, report('checkout', now - 2 * MINUTE, true), '?suite=checkout-build-1235');
    const reply = await post(responder, report('checkout #1236', now - MINUTE, false));
    expect(reply.suite).toBe('checkout');
    expect((await post(responder, report('payments_run_77', now, false))).suite).toBe('payments');
    // A number that is part of the name stays.
    expect((await post(responder, report('node-22', now, false))).suite).toBe('node-22');
    const reply2 = await admin.emitWithAck('canaries:board', {});
    if (!reply2.ok) throw new Error('board');
    expect(reply2.board.entries.map((e) => e.id).sort()).toEqual(['checkout', 'nightly', 'node-22', 'payments', 'smoke']);
    expect(await entry(admin, 'checkout')).toMatchObject({ name: 'checkout', status: 'passing', last: { at: now - MINUTE } });
    expect(await runs('checkout')).toHaveLength(3);
  });

  it('keeps its number with suiteBuildSuffix: false, or loses what the workspace pattern says', async () => {
    const { responder } = await hub('  suiteBuildSuffix: false\n');
    expect((await post(responder, report('checkout-build-1234', null, false))).suite).toBe('checkout-build-1234');
    await t!.close();
    const again = await hub('  suiteBuildSuffix: "-r\\\\d+"\n');
    expect((await post(again.responder, report('checkout-r7', null, false))).suite).toBe('checkout');
    expect((await post(again.responder, report('checkout-build-1234', null, false))).suite).toBe('checkout-build-1234');
  });

  it('tiles made per build before names were cut are not brought back at the next start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mc-arrival-'));
    try {
      const before = await hub('  suiteBuildSuffix: false\n', dataDir);
      await post(before.responder, report('checkout-build-1234', null, false));
      await t!.close();
      const after = await hub('', dataDir);
      expect((await entry(after.admin, 'checkout-build-1234'))).toBeUndefined();
      expect((await post(after.responder, report('checkout-build-1235', null, false))).suite).toBe('checkout');
      // Its runs stay stored.
      expect(await runs('checkout-build-1234')).toHaveLength(1);
    } finally {
      await t?.close();
      t = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
