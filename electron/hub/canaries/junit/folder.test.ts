/**
 * The JUnit inbox on real files in a temporary folder and the hub's canary service on a real
 * SQLite store: a report that cannot be moved out is ingested once, across restarts too; reports
 * are dated by their own time and a backlog sets each suite's state from its newest report only
 * (no old failure is declared as if it happened now); the suite comes from the report, not the
 * per-build file name; a file is read only once it has settled, and one caught half-written is
 * read again rather than refused; processed/ and failed/ are pruned.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CanaryAndon } from '../../../../shared/protocol/canaries.ts';
import { openStore, type Store } from '../../store/store.ts';
import { parseWorkspace } from '../../workspace/load.ts';
import { canaryWorkspaceYaml } from '../../../../test/support/minimal-workspace.ts';
import { CanaryService, type AutoDeclareRequest } from '../service.ts';
import { JUnitFolder, KEEP_MOVED_MS, SETTLE_MS } from './folder.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (t: number) => new Date(t).toISOString();

/** A one-case report for `suite`, failed or passed, with its own (zoned) timestamp when `at` is given. */
const report = (suite: string, at: number | null, failed: boolean) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${suite}" tests="1"${at === null ? '' : ` timestamp="${iso(at)}"`}>\n` +
  `  <testcase classname="api.Checkout" name="pays with a saved card" time="0.25">${failed ? '<failure message="expected 200, got 503"/>' : ''}</testcase>\n</testsuite>\n`;

const workspace = (folder: boolean) =>
  canaryWorkspaceYaml('Inbox', `${folder ? '  junitFolder: ./inbox\n' : ''}  suites:
    - { id: smoke, name: API smoke suite, critical: true, autoDeclare: { severity: 2 } }
`);

async function until<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Make a folder one nothing can be moved out of (a read-only inbox): its mode for an ordinary
 * user; for root, which ignores modes, the immutable attribute. Null where neither holds.
 */
function lock(path: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(path, 0o555);
    return () => chmodSync(path, 0o755);
  }
  if (spawnSync('chattr', ['+i', path]).status !== 0) return null;
  return () => void spawnSync('chattr', ['-i', path]);
}
const canLock = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'mc-inbox-lock-'));
  writeFileSync(join(probe, 'a'), '');
  const unlock = lock(probe);
  let locked = false;
  try {
    renameSync(join(probe, 'a'), join(probe, 'b'));
  } catch {
    locked = unlock !== null;
  }
  unlock?.();
  rmSync(probe, { recursive: true, force: true });
  return locked;
})();
if (!canLock) {
  // Said out loud: a skipped test must not pass for a run one.
  console.warn('junit/folder.test.ts: SKIPPED "is ingested once, across restarts too": this machine cannot make a folder unmovable (chmod is ignored for root and chattr +i failed)');
}

let dir: string | undefined;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

interface Hub {
  store: Store;
  service: CanaryService;
  logs: string[];
  andons: CanaryAndon[];
  declared: AutoDeclareRequest[];
  close(): Promise<void>;
}

/** The canary service on the store in `dir`/data; with `folder`, watching `dir`/inbox (scanned every 50 ms, settled after 100 ms). */
function startHub(folder = true): Hub {
  const store = openStore(join(dir!, 'data'));
  const logs: string[] = [];
  const andons: CanaryAndon[] = [];
  const declared: AutoDeclareRequest[] = [];
  const service = new CanaryService(store.canaries, {
    log: (m) => logs.push(m),
    events: {
      delta: () => {},
      andon: (a) => andons.push(a),
      declare: (r) => {
        declared.push(r);
        return `inc-${declared.length}`;
      },
    },
    timeZone: () => 'UTC',
    baseDir: dir!,
    folderScanMs: 50,
    folderSettleMs: 100,
    flushMs: 10,
  });
  const loaded = parseWorkspace(workspace(folder), 'room.yaml', {});
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  service.apply(loaded.workspace);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await service.close();
    store.close();
  };
  cleanups.push(close);
  return { store, service, logs, andons, declared, close };
}

async function newInbox(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'mc-inbox-'));
  const inbox = join(dir, 'inbox');
  await mkdir(join(inbox, 'processed'), { recursive: true });
  await mkdir(join(inbox, 'failed'), { recursive: true });
  return inbox;
}

describe('a report that cannot be moved out of the inbox', () => {
  it.skipIf(!canLock)('is ingested once, across restarts too; new bytes in the same file are a new report', async () => {
    const inbox = await newInbox();
    const t0 = Date.now() - 10 * MINUTE;
    await writeFile(join(inbox, 'checkout.xml'), report('checkout', t0, true));
    const unlock = lock(inbox)!;
    cleanups.push(unlock);

    let hub = startHub();
    await until('the report ingested', () => hub.logs.some((l) => l.startsWith('canaries: checkout.xml → suite "checkout"')));
    await until('the move refused', () => hub.logs.some((l) => l.startsWith('canaries: cannot move checkout.xml to processed/')));
    await sleep(400); // many scans
    expect(hub.service.results('checkout', { limit: 10 })).toHaveLength(1);
    await hub.close();

    // Restarted twice: the file is still there, and known.
    for (let restart = 0; restart < 2; restart++) {
      hub = startHub();
      await until('the report recognised', () => hub.logs.some((l) => l.startsWith('canaries: checkout.xml was already ingested (the same report, for suite "checkout", on ')));
      await sleep(300);
      expect(hub.logs.filter((l) => l.includes('→ suite'))).toEqual([]);
      expect(hub.service.results('checkout', { limit: 10 })).toHaveLength(1);
      if (restart === 0) await hub.close();
    }

    // The runner writes its next report into the same file: that one is ingested.
    await writeFile(join(inbox, 'checkout.xml'), report('checkout', t0 + 5 * MINUTE, false));
    await until('the new report ingested', () => hub.logs.some((l) => l.startsWith('canaries: checkout.xml → suite "checkout"')));
    const runs = hub.service.results('checkout', { limit: 10 });
    expect(runs.map((r) => [r.at, r.outcome])).toEqual([
      [t0 + 5 * MINUTE, 'pass'],
      [t0, 'fail'],
    ]);
    expect(hub.service.entry('checkout').status).toBe('passing');
  });
});

describe('the same report dropped again', () => {
  it('is not ingested twice (it goes to processed/); a report without a timestamp written again is a new run', async () => {
    const inbox = await newInbox();
    const hub = startHub();
    const at = Date.now() - 5 * MINUTE;
    await writeFile(join(inbox, 'checkout.xml'), report('checkout', at, false));
    await until('processed', async () => (await readdir(join(inbox, 'processed'))).includes('checkout.xml'));
    await writeFile(join(inbox, 'checkout-copy.xml'), report('checkout', at, false));
    await until('the copy handled', async () => (await readdir(join(inbox, 'processed'))).includes('checkout-copy.xml'));
    expect(hub.logs.filter((l) => l.startsWith('canaries: checkout-copy.xml was already ingested'))).toHaveLength(1);
    expect(hub.service.results('checkout', { limit: 10 })).toHaveLength(1);

    // A static heartbeat report, the same bytes each time: each copy is a run.
    await writeFile(join(inbox, 'heartbeat.xml'), report('heartbeat', null, false));
    await until('the first heartbeat', async () => (await readdir(join(inbox, 'processed'))).includes('heartbeat.xml'));
    await sleep(20); // another mtime
    await writeFile(join(inbox, 'heartbeat.xml'), report('heartbeat', null, false));
    await until('the second heartbeat', () => hub.service.results('heartbeat', { limit: 10 }).length === 2);
    expect(await readdir(join(inbox, 'failed'))).toEqual([]);
  });
});

describe('a backlog of reports', () => {
  it("is dated by the reports' own time; only the newest of a suite sets its state, so no old failure is declared", async () => {
    const inbox = await newInbox();
    const now = Date.now();
    // Four failed runs of the critical smoke suite, an hour apart, written while the hub was down
    // (named so that their order by name is not their order in time). The newest ran 50 minutes
    // ago: well within the suite's maximum report age (1 h) however long a busy machine takes to
    // start the hub and read them (at exactly an hour it was too old to speak for now after 250 ms).
    const newest = now - 50 * MINUTE;
    const backlog = [3, 2, 1, 0].map((h) => newest - h * HOUR);
    for (const [i, at] of backlog.entries()) await writeFile(join(inbox, `smoke-${['d', 'b', 'a', 'c'][i]}.xml`), report('smoke', at, true));

    const hub = startHub();
    await until('the backlog processed', async () => (await readdir(join(inbox, 'processed'))).length === 4);
    const smoke = hub.service.entry('smoke');
    // One failed report is not a confirmed failure (suites confirm on 2 in a row): nothing declared, no andon.
    expect(smoke).toMatchObject({ status: 'failing-unconfirmed', failingSince: newest, last: { at: newest } });
    expect(smoke.history.runs).toHaveLength(1);
    expect(hub.declared).toEqual([]);
    expect(hub.andons).toEqual([]);
    // All four are in the history, in time order, each at its own time and counted in its own hour.
    const runs = hub.service.results('smoke', { limit: 10 });
    expect(runs.map((r) => [r.at, r.outcome, r.detail?.junit?.historyOnly === true])).toEqual([
      [newest, 'fail', false],
      [newest - HOUR, 'fail', true],
      [newest - 2 * HOUR, 'fail', true],
      [newest - 3 * HOUR, 'fail', true],
    ]);
    const hours = hub.service.rollups('smoke', now - 5 * HOUR, now + HOUR);
    expect(hours.map((h) => h.runs).reduce((a, b) => a + b, 0)).toBe(4);
    expect(hours.filter((h) => h.hour <= newest - HOUR).map((h) => h.failures)).toEqual([1, 1, 1]);
    expect(hub.logs.filter((l) => l.includes("kept in the suite's history only: a newer report of this suite came with it"))).toHaveLength(3);

    // A hub that stopped before its first snapshot rebuilds the state from the stored runs: the
    // history-only ones are not replayed onto it.
    const again = openStore(join(dir!, 'data'));
    const replayed = new CanaryService(again.canaries, { log: () => {}, events: { delta: () => {}, andon: () => {} }, timeZone: () => 'UTC', baseDir: dir! });
    cleanups.push(async () => {
      await replayed.close();
      again.close();
    });
    const loaded = parseWorkspace(workspace(false), 'room.yaml', {});
    if (!loaded.ok) throw new Error('workspace');
    replayed.apply(loaded.workspace);
    expect(replayed.entry('smoke')).toMatchObject({ status: 'failing-unconfirmed', failingSince: newest });
    expect(replayed.entry('smoke').history.runs).toHaveLength(1);

    // A late report older than the newest: history only.
    await writeFile(join(inbox, 'smoke-late.xml'), report('smoke', now - 5 * HOUR, false));
    await until('the late report', () => hub.logs.some((l) => l.startsWith('canaries: smoke-late.xml → suite "smoke"')));
    expect(hub.logs.find((l) => l.startsWith('canaries: smoke-late.xml →'))).toContain(`kept in the suite's history only: older than the suite's newest result (${iso(newest)})`);
    expect(hub.service.entry('smoke')).toMatchObject({ status: 'failing-unconfirmed', last: { at: newest } });

    // A new failed run now confirms it: the incident is declared, failing since the first of the two.
    const fresh = Date.now();
    await writeFile(join(inbox, 'smoke-now.xml'), report('smoke', fresh, true));
    await until('declared', () => hub.declared.length === 1);
    expect(hub.declared[0]).toMatchObject({ canaryId: 'smoke', failingSince: newest });
    expect(hub.service.entry('smoke')).toMatchObject({ status: 'failing-confirmed', last: { at: fresh } });
    expect(hub.andons.map((a) => a.kind)).toEqual(['failure']);
  });

  it("without a usable timestamp a report is dated by its file's mtime", async () => {
    const inbox = await newInbox();
    const hub = startHub();
    const written = Date.now() - 20 * MINUTE;
    // No timestamp; a naive one (maybe the runner's local time); one ahead of the hub's clock.
    await writeFile(join(inbox, 'plain.xml'), report('plain', null, false));
    await writeFile(join(inbox, 'naive.xml'), report('naive', null, false).replace('tests="1"', 'tests="1" timestamp="2001-01-01T00:00:00"'));
    await writeFile(join(inbox, 'ahead.xml'), report('ahead', Date.now() + 2 * HOUR, false));
    for (const name of ['plain.xml', 'naive.xml', 'ahead.xml']) await utimes(join(inbox, name), new Date(written), new Date(written));
    await until('all three', async () => (await readdir(join(inbox, 'processed'))).length === 3);
    for (const suite of ['plain', 'naive', 'ahead']) expect(hub.service.results(suite, { limit: 1 })[0]!.at).toBe(written);
    expect(hub.logs.find((l) => l.startsWith('canaries: ahead.xml →'))).toMatch(/\(from the file's mtime: its timestamp \S+ is ahead of the hub's clock\)$/);
    expect(hub.logs.find((l) => l.startsWith('canaries: naive.xml →'))).toMatch(/\(from the file's mtime: its timestamp 2001-01-01T00:00:00 names no time zone\)$/);
  });

  it('a timestamp later than its file was written (a local time marked Z) is not trusted: dated by the mtime, it does not pass for the newest run', async () => {
    const inbox = await newInbox();
    const now = Date.now();
    // The checkout suite failed 20 minutes ago (a report with an honest UTC timestamp)…
    const failedAt = now - 21 * MINUTE;
    await writeFile(join(inbox, 'checkout-2.xml'), report('checkout', failedAt, true));
    await utimes(join(inbox, 'checkout-2.xml'), new Date(failedAt + MINUTE), new Date(failedAt + MINUTE));
    // …and passed three hours ago on a runner in UTC+3 that writes its local time with a "Z":
    // 3 h ahead, so its timestamp reads as 2 minutes ago, after the failure, though before now.
    const passedAt = now - 3 * HOUR - 2 * MINUTE;
    await writeFile(join(inbox, 'checkout-1.xml'), report('checkout', passedAt + 3 * HOUR, false));
    await utimes(join(inbox, 'checkout-1.xml'), new Date(passedAt + MINUTE), new Date(passedAt + MINUTE));

    const hub = startHub();
    await until('both processed', async () => (await readdir(join(inbox, 'processed'))).length === 2);
    // The failure is the newest run and sets the tile; the pass is history, at when it was written.
    expect(hub.service.entry('checkout')).toMatchObject({ status: 'failing-unconfirmed', last: { at: failedAt } });
    expect(hub.service.results('checkout', { limit: 10 }).map((r) => [r.at, r.outcome, r.detail?.junit?.historyOnly === true])).toEqual([
      [failedAt, 'fail', false],
      [passedAt + MINUTE, 'pass', true],
    ]);
    // The log says why, once, with the report.
    const said = hub.logs.filter((l) => l.includes('a local time marked as UTC?'));
    expect(said).toEqual([
      `canaries: checkout-1.xml → suite "checkout": 1 tests, 0 failed, 0 errored; ran ${iso(passedAt + MINUTE)} (from the file's mtime: its timestamp ${iso(passedAt + 3 * HOUR)} is after its file was written (${iso(passedAt + MINUTE)}): a local time marked as UTC?); kept in the suite's history only: a newer report of this suite came with it`,
    ]);
  });
});

describe('a report linked into the inbox', () => {
  it('is read like the report itself, and the link is what moves to processed/', async () => {
    const inbox = await newInbox();
    const hub = startHub();
    // A CI job's output folder elsewhere, its report linked in.
    const outside = join(dir!, 'ci-out');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'report.xml'), report('linked', Date.now() - MINUTE, true));
    await symlink(join(outside, 'report.xml'), join(inbox, 'linked.xml'));
    await until('ingested', async () => (await readdir(join(inbox, 'processed'))).includes('linked.xml'));
    expect(hub.service.results('linked', { limit: 1 })[0]!.outcome).toBe('fail');
    expect(await readFile(join(outside, 'report.xml'), 'utf8')).toContain('linked'); // the report itself stays where it was
  });
});

describe('which suite a dropped file reports for', () => {
  it('one file per build updates the suite the report names; a report naming only its tool keeps its file name', async () => {
    const inbox = await newInbox();
    const hub = startHub();
    const now = Date.now();
    await writeFile(join(inbox, 'checkout-build-1234.xml'), report('checkout', now - 2 * MINUTE, true));
    await until('the first build', async () => (await readdir(join(inbox, 'processed'))).length === 1);
    await writeFile(join(inbox, 'checkout-build-1235.xml'), report('checkout', now - MINUTE, false));
    // Two unrelated pytest runs with pytest's default suite name.
    await writeFile(join(inbox, 'billing.xml'), report('pytest', now, false));
    await writeFile(join(inbox, 'search.xml'), report('pytest', now, true));
    await until('all four', async () => (await readdir(join(inbox, 'processed'))).length === 4);
    const ids = hub.service.board().entries.map((e) => e.id).sort();
    expect(ids).toEqual(['billing', 'checkout', 'search', 'smoke']);
    expect(hub.service.results('checkout', { limit: 10 }).map((r) => r.detail?.junit?.file)).toEqual(['checkout-build-1235.xml', 'checkout-build-1234.xml']);
    expect(hub.service.entry('checkout').status).toBe('passing');
  });
});

describe('a file still being written', () => {
  /**
   * A folder scanned only when the test says (and on watcher events), settling after `settleMs`,
   * feeding a real service. A test whose steps must all fall within one settle time (a few scans,
   * an append) uses the hub's own 2 s: on a busy machine they can take longer than 500 ms.
   */
  async function folder(before?: (inbox: string) => Promise<void>, settleMs = 500) {
    const inbox = await newInbox();
    await before?.(inbox);
    const hub = startHub(false);
    const logs: string[] = [];
    const f = new JUnitFolder(inbox, { scanMs: HOUR, settleMs, log: (m) => logs.push(m), ingest: (files) => hub.service.ingestJUnitFiles(files) });
    cleanups.push(() => f.close());
    f.start();
    await sleep(50);
    return { inbox, hub, logs, f };
  }
  const full = report('smoke', null, false);
  const cut = full.indexOf('<testcase');

  it('is not read before it has been unchanged for the settle time, however often the folder is scanned', async () => {
    const { inbox, hub, logs, f } = await folder(undefined, SETTLE_MS);
    await writeFile(join(inbox, 'smoke.xml'), full.slice(0, cut));
    await f.scan(); // a watcher event, then another right after: the file has not settled
    await f.scan();
    await f.scan();
    expect(logs).toEqual([]);
    await appendFile(join(inbox, 'smoke.xml'), full.slice(cut));
    await until('ingested', async () => {
      await f.scan();
      return (await readdir(join(inbox, 'processed'))).includes('smoke.xml');
    });
    expect(logs.filter((l) => /refused|does not parse/.test(l))).toEqual([]);
    expect(hub.service.results('smoke', { limit: 10 })).toHaveLength(1);
  });

  it('caught half-written after a pause longer than the settle time, it is read again, not refused', async () => {
    const { inbox, hub, logs, f } = await folder(undefined, SETTLE_MS);
    await writeFile(join(inbox, 'smoke.xml'), full.slice(0, 30));
    await f.scan();
    await appendFile(join(inbox, 'smoke.xml'), full.slice(30, cut)); // changed since first seen
    await f.scan();
    await until('a failed read', async () => {
      await f.scan();
      return logs.find((l) => l.startsWith('canaries: smoke.xml does not parse yet'));
    });
    expect(logs.at(-1)).toMatch(/^canaries: smoke\.xml does not parse yet \(line \d+, column \d+: .+\); it changed since it was first seen, so it is read again once unchanged for 20 s$/);
    expect(await readdir(join(inbox, 'failed'))).toEqual([]);
    await appendFile(join(inbox, 'smoke.xml'), full.slice(cut));
    await until('ingested', async () => {
      await f.scan();
      return (await readdir(join(inbox, 'processed'))).includes('smoke.xml');
    });
    expect(hub.service.results('smoke', { limit: 10 })).toHaveLength(1);
    expect(await readdir(join(inbox, 'failed'))).toEqual([]);
  });

  it('a malformed file that has settled is refused, with the reason naming it: at once if written long ago, after one more try if just written', async () => {
    const { inbox, logs, f } = await folder(async (dir) => {
      await writeFile(join(dir, 'old.xml'), full.slice(0, cut));
      await utimes(join(dir, 'old.xml'), new Date(Date.now() - HOUR), new Date(Date.now() - HOUR));
      await writeFile(join(dir, 'new.xml'), full.slice(0, cut));
    });
    const scanning = setInterval(() => void f.scan(), 50);
    cleanups.push(() => clearInterval(scanning));
    // Waited for by its log line, written once NAME.error.txt is complete (the file itself can be
    // seen while it is being written), and with new.xml's, which may come before or after it.
    await until('old.xml refused', () => logs.some((l) => l.startsWith('canaries: old.xml refused')));
    await until('new.xml tried', () => logs.some((l) => l.startsWith('canaries: new.xml ')));
    expect(await readFile(join(inbox, 'failed', 'old.xml.error.txt'), 'utf8')).toMatch(/^old\.xml was not ingested:\nline \d+, column \d+: /);
    expect(logs.filter((l) => l.startsWith('canaries: old.xml'))).toEqual([expect.stringMatching(/^canaries: old\.xml refused: line \d+, column \d+: /)]);
    // new.xml: one more try, then refused.
    expect(logs.some((l) => l.startsWith('canaries: new.xml does not parse yet') && l.includes('it was written moments ago'))).toBe(true);
    expect(await readdir(join(inbox, 'failed'))).not.toContain('new.xml');
    await until('new.xml refused', () => logs.some((l) => l.startsWith('canaries: new.xml refused')), 15_000);
    expect(logs.filter((l) => l.startsWith('canaries: new.xml refused'))).toHaveLength(1);
    expect(await readdir(join(inbox, 'failed'))).toContain('new.xml.error.txt');
  });
});

describe('processed/ and failed/', () => {
  it(`keep a file ${KEEP_MOVED_MS / DAY} days after it was moved there, then delete it: on start and every hour`, async () => {
    const inbox = await newInbox();
    const old = new Date(Date.now() - KEEP_MOVED_MS - HOUR);
    const recent = new Date(Date.now() - DAY);
    for (const [path, when] of [
      ['processed/old.xml', old],
      ['failed/old-broken.xml', old],
      ['failed/old-broken.xml.error.txt', old],
      ['processed/recent.xml', recent],
    ] as const) {
      await writeFile(join(inbox, path), 'x');
      await utimes(join(inbox, path), when, when);
    }
    // A report written long ago and moved now counts from now.
    await writeFile(join(inbox, 'smoke.xml'), report('smoke', null, false));
    await utimes(join(inbox, 'smoke.xml'), old, old);
    const logs: string[] = [];
    const hub = startHub(false);
    const f = new JUnitFolder(inbox, { scanMs: 50, settleMs: 100, log: (m) => logs.push(m), ingest: (files) => hub.service.ingestJUnitFiles(files) });
    cleanups.push(() => f.close());
    f.start();
    await until('the old files deleted', async () => (await readdir(join(inbox, 'failed'))).length === 0);
    await until('the report moved', async () => (await readdir(join(inbox, 'processed'))).includes('smoke.xml'));
    expect((await readdir(join(inbox, 'processed'))).sort()).toEqual(['recent.xml', 'smoke.xml']);
    expect(Date.now() - (await stat(join(inbox, 'processed', 'smoke.xml'))).mtimeMs).toBeLessThan(MINUTE);
    expect(logs).toContain(`canaries: deleted 3 files older than 7 days from ${inbox}/processed and failed`);
    // The hourly pass, a week later.
    expect(await f.maintain(Date.now() + KEEP_MOVED_MS + MINUTE)).toBe(2);
    expect(await readdir(join(inbox, 'processed'))).toEqual([]);
  });
});

describe('the store', () => {
  it('remembers ingested reports by key, and forgets those not seen for a while', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-inbox-'));
    mkdirSync(join(dir, 'data'));
    const store = openStore(join(dir, 'data'));
    cleanups.push(() => store.close());
    const repo = store.canaries;
    repo.write([], [], [], [
      { key: 'k1', canaryId: 'smoke', file: 'a.xml', ingestedAt: 1000 },
      { key: 'k2', canaryId: 'smoke', file: 'b.xml', ingestedAt: 1000 },
    ]);
    expect(repo.ingestedReport('k1', 5000)).toEqual({ key: 'k1', canaryId: 'smoke', file: 'a.xml', ingestedAt: 1000 }); // seen again at 5000
    expect(repo.ingestedReport('nope', 5000)).toBeNull();
    repo.touchIngested(['k2'], 3000);
    expect(repo.pruneIngested(3000)).toBe(0);
    expect(repo.pruneIngested(4000)).toBe(1); // k2, last seen at 3000
    expect(repo.ingestedReport('k2', 6000)).toBeNull();
    expect(repo.ingestedReport('k1', 6000)).not.toBeNull();
  });
});
