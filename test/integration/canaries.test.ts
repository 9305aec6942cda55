/**
 * Canary checks in a real hub against real loopback servers (a self-signed TLS server, one whose
 * certificate expires in 3 days, one that stalls, one that resets connections, one that answers
 * the wrong JSON): each reaches the right state and classification on the board; the board
 * arrives once and then only deltas of what changed; acks and snoozes; a restart keeps it all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyCanaryDelta, expandHistory, type CanaryBoard, type CanaryBoardEntry, type CanaryDelta } from '../../shared/protocol/canaries.ts';
import { json, makeCert, resetServer, serve, stallServer, type Cert, type Target } from '../support/canaries.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

let api: Target;
let selfSigned: Target;
let expiring: Target;
let stall: Target;
let reset: Target;
let selfSignedCert: Cert;
let vars: Record<string, string>;

beforeAll(async () => {
  api = await serve((req, res) => {
    if (req.url === '/entitlement') return json(res, 200, { entitled: false, plan: 'free' });
    json(res, 200, { status: 'UP' });
  });
  selfSignedCert = await makeCert(365);
  selfSigned = await serve((_req, res) => json(res, 200, { ok: true }), selfSignedCert);
  expiring = await serve((_req, res) => json(res, 200, { ok: true }), await makeCert(3, 'expiring.example'));
  stall = await stallServer();
  reset = await resetServer();
  vars = { API: api.url, SELF_SIGNED: selfSigned.url, CA: selfSignedCert.cert, EXPIRING: expiring.url, STALL: stall.url, RESET: reset.url };
}, 30_000);
afterAll(async () => {
  for (const t of [api, selfSigned, expiring, stall, reset]) await t?.close();
});

const workspace = `
version: 1
title: Canary room
sources:
  - { id: local, type: scrape, url: "\${API}/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
canaries:
  defaults: { interval: 400ms, timeout: 300ms, retries: { count: 0 }, confirm: { consecutive: 2 } }
  checks:
    - id: health
      name: API health
      service: api
      request: { url: "\${API}/health" }
      interval: 1s # steady: given time, so a loaded machine does not time it out and change its tile
      timeout: 900ms
      assert: [{ status: 200 }, { json: $.status, equals: UP }]
    - id: self-signed
      service: edge
      request: { url: "\${SELF_SIGNED}/" }
    - id: self-signed-trusted
      service: edge
      request: { url: "\${SELF_SIGNED}/" }
      interval: 1s
      timeout: 900ms
      tls: { ca: "\${CA}" }
    - id: expiring
      service: edge
      request: { url: "\${EXPIRING}/" }
      tls: { insecureSkipVerify: true }
      certExpiryWarnDays: 14
    - id: stall
      service: api
      request: { url: "\${STALL}/" }
    - id: reset
      service: api
      request: { url: "\${RESET}/" }
    - id: wrong-json
      name: Entitlement
      journey: watch live
      request: { url: "\${API}/entitlement" }
      assert: [{ status: 200 }, { json: $.entitled, equals: true }]
`;

/** A client's view of the board: the initial load, then every delta applied in order. */
class BoardView {
  board: CanaryBoard;
  readonly deltas: CanaryDelta[] = [];
  /** Deltas that drew nothing: every tile as it was, no alert, notice or removal. */
  readonly empty: CanaryDelta[] = [];
  /** The board as it stood after each seq. */
  readonly bySeq = new Map<number, CanaryBoard>();
  constructor(board: CanaryBoard, socket: ClientSocket) {
    this.board = board;
    this.bySeq.set(board.seq, board);
    socket.on('canaries:delta', (delta) => {
      this.deltas.push(delta);
      const next = applyCanaryDelta(this.board, delta);
      if (next === null) throw new Error(`delta ${delta.seq} does not follow board ${this.board.seq}`);
      const drew = delta.alerts.length + delta.notices.length + delta.removed.length > 0 || next.entries.some((e, i) => JSON.stringify(e) !== JSON.stringify(this.board.entries[i]));
      if (!drew) this.empty.push(delta);
      this.board = next;
      this.bySeq.set(next.seq, next);
    });
  }
  static async open(socket: ClientSocket): Promise<BoardView> {
    const reply = await socket.emitWithAck('canaries:board', {});
    if (!reply.ok) throw new Error(reply.error.message);
    return new BoardView(reply.board, socket);
  }
  entry(id: string): CanaryBoardEntry {
    const e = this.board.entries.find((x) => x.id === id);
    if (!e) throw new Error(`no ${id} on the board`);
    return e;
  }
}

let t: TestHub;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('checks against loopback servers', () => {
  it('each failure reaches failing-confirmed with its class; the trusted, expiring and healthy ones pass', async () => {
    t = await startTestHub(workspace, {}, vars);
    const admin = await t.connect(t.adminToken);
    const view = await BoardView.open(admin);
    expect(view.board.entries.map((e) => e.id).sort()).toEqual(['expiring', 'health', 'reset', 'self-signed', 'self-signed-trusted', 'stall', 'wrong-json']);

    const expected: Record<string, [string, string | null, RegExp | null]> = {
      health: ['passing', null, null],
      'self-signed-trusted': ['passing', null, null],
      expiring: ['passing', null, null],
      'self-signed': ['failing-confirmed', 'tls', /^TLS: self-signed certificate/],
      stall: ['failing-confirmed', 'timeout', /^no answer within 300 ms \(timed out waiting for the first byte\)$/],
      reset: ['failing-confirmed', 'connect-reset', /^connection reset by the server/],
      'wrong-json': ['failing-confirmed', 'assertion', /^expected \$\.entitled to equal true, got false$/],
    };
    await eventually(
      'every canary in its expected state',
      () => Object.entries(expected).every(([id, [status, cls]]) => view.entry(id).status === status && (view.entry(id).last?.classification ?? null) === cls),
      10_000,
    );
    for (const [id, [, , message]] of Object.entries(expected)) {
      const e = view.entry(id);
      if (message) expect(e.last!.message).toMatch(message);
      expect(e.failingSince === null).toBe(message === null);
    }

    // The tile shows the failed assertion's expected vs actual, and the timings.
    const wrong = view.entry('wrong-json');
    expect(wrong.last!.failed).toEqual([{ step: null, assertion: '$.entitled equal true', ok: false, expected: '$.entitled to equal true', actual: 'false' }]);
    expect(wrong.last!.timings).toMatchObject({ dnsMs: null, tlsMs: null, totalMs: expect.any(Number), firstByteMs: expect.any(Number) });
    expect(wrong).toMatchObject({ journey: 'watch live', name: 'Entitlement', confirmedAt: expect.any(Number) });
    expect(view.entry('self-signed-trusted').last!.timings!.tlsMs).toBeGreaterThan(0);
    expect(expandHistory(view.entry('health')).every((r) => r.outcome === 'pass')).toBe(true);

    // Raw runs with their detail, over REST too.
    const res = await t.http('/api/v1/canaries/wrong-json/results?limit=2', { token: t.adminToken });
    const { results } = (await res.json()) as { results: { outcome: string; detail: { assertions: unknown[]; steps: { status: number }[] } }[] };
    expect(results).toHaveLength(2);
    expect(results[0]!.detail.steps[0]!.status).toBe(200);
    expect(results[0]!.detail.assertions).toContainEqual(expect.objectContaining({ ok: false, actual: 'false' }));
  });

  it('warns once about a certificate that expires within the warning period, even across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mc-canary-data-'));
    dirs.push(dataDir);
    t = await startTestHub(workspace, { dataDir }, vars);
    let admin = await t.connect(t.adminToken);
    let view = await BoardView.open(admin);
    await eventually('several runs of the expiring check', () => (view.entry('expiring').history.runs.length >= 4 ? true : null));
    // A warning sent before the board was asked for is on the board (its last notices), not in a delta.
    const warnings = view.board.notices.filter((n) => n.kind === 'cert-expiry');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^expiring: the TLS certificate for expiring\.example \(issuer expiring\.example\) expires in 3\.0 days, on \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(view.entry('expiring').cert).toMatchObject({ subject: 'expiring.example', warn: true });
    expect(view.entry('expiring').cert!.daysLeft).toBeGreaterThan(2);
    expect(view.entry('self-signed-trusted').cert).toMatchObject({ warn: false });
    await t.close();

    t = await startTestHub(workspace, { dataDir }, vars);
    admin = await t.connect(t.adminToken);
    view = await BoardView.open(admin);
    const before = view.entry('expiring').history.runs.length;
    await eventually('more runs after the restart', () => (view.entry('expiring').history.runs.length >= before + 3 ? true : null));
    expect(view.board.notices.filter((n) => n.kind === 'cert-expiry')).toEqual([]);
  });
});

describe('the board over the socket', () => {
  it('sends the board once, then deltas with only the canaries whose tile changed', async () => {
    t = await startTestHub(workspace, {}, vars);
    const admin = await t.connect(t.adminToken);
    const first = await BoardView.open(admin);
    await eventually('everything settled', () => first.entry('stall').status === 'failing-confirmed' && first.entry('health').history.runs.length >= 3);

    // A second client joining now: its board matches the first client's view, then both move on by deltas alone.
    const viewerToken = await admin.emitWithAck('tokens:create', { name: 'lobby wall', role: 'viewer' });
    if (!viewerToken.ok) throw new Error(viewerToken.error.message);
    const wall = await BoardView.open(await t.connect(viewerToken.secret));
    await new Promise((r) => setTimeout(r, 2500));
    const changedIds = wall.deltas.flatMap((d) => d.changed.map((e) => e.id));
    // The steady ones ran several times but their tiles never changed: they came as run ticks only.
    for (const steady of ['health', 'self-signed-trusted']) {
      expect(changedIds).not.toContain(steady);
      expect(wall.deltas.flatMap((d) => d.runs).filter(([id]) => id === steady).length).toBeGreaterThanOrEqual(2);
    }
    expect(wall.deltas.every((d) => d.changed.length < wall.board.entries.length)).toBe(true);
    expect(wall.deltas.map((d) => d.seq)).toEqual(wall.deltas.map((_, i) => wall.deltas[0]!.seq + i));
    // Both clients hold the same board, tile for tile.
    await new Promise((r) => setTimeout(r, 300));
    const strip = (b: CanaryBoard) => b.entries.map((e) => [e.id, e.status, e.history.runs.length > 0]).sort();
    expect(strip(wall.board)).toEqual(strip(first.board));
    expect(wall.entry('health').history.end).toBe(first.entry('health').history.end);
    expect(wall.board.scheduler).toMatchObject({ checks: 7, concurrency: 50 });
  });

  it('ack and snooze say who and until when; a viewer cannot; a passing check has nothing to acknowledge; it survives a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mc-canary-data-'));
    dirs.push(dataDir);
    t = await startTestHub(workspace, { dataDir }, vars);
    const admin = await t.connect(t.adminToken);
    const responderToken = await admin.emitWithAck('tokens:create', { name: 'Thandi (NOC)', role: 'responder' });
    const viewerToken = await admin.emitWithAck('tokens:create', { name: 'wall', role: 'viewer' });
    if (!responderToken.ok || !viewerToken.ok) throw new Error('tokens');
    const responder = await t.connect(responderToken.secret);
    const viewer = await t.connect(viewerToken.secret);
    const view = await BoardView.open(responder);
    await eventually('reset confirmed failing', () => view.entry('reset').status === 'failing-confirmed' && view.entry('stall').status === 'failing-confirmed');

    const refused = await viewer.emitWithAck('canary:ack', { id: 'reset' });
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: 'canary:ack needs the responder role; this token is viewer' } });
    const passing = await responder.emitWithAck('canary:ack', { id: 'health' });
    expect(passing).toEqual({ ok: false, error: { code: 'invalid', message: 'nothing to acknowledge: API health is passing' } });
    const unknown = await responder.emitWithAck('canary:ack', { id: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const acked = await responder.emitWithAck('canary:ack', { id: 'reset', note: 'known: LB drain in progress' });
    if (!acked.ok) throw new Error(acked.error.message);
    expect(acked.entry).toMatchObject({ status: 'acknowledged', health: 'failing-confirmed', ack: { by: 'Thandi (NOC)', until: null, note: 'known: LB drain in progress' } });
    const before = Date.now();
    const snoozed = await responder.emitWithAck('canary:snooze', { id: 'stall', forMs: 30 * 60_000 });
    if (!snoozed.ok) throw new Error(snoozed.error.message);
    expect(snoozed.entry.ack!.by).toBe('Thandi (NOC)');
    expect(snoozed.entry.ack!.until).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(await responder.emitWithAck('canary:snooze', { id: 'stall' } as never)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    await eventually('the wall sees the ack', () => view.entry('reset').status === 'acknowledged');
    await t.close();

    // Rebuilt at start from the snapshot: still acknowledged, still failing, before any new run.
    t = await startTestHub(workspace, { dataDir }, vars);
    const again = await BoardView.open(await t.connect(t.adminToken));
    expect(again.entry('reset')).toMatchObject({ status: 'acknowledged', health: 'failing-confirmed', ack: { by: 'Thandi (NOC)' } });
    expect(again.entry('stall').ack!.until).toBe(snoozed.entry.ack!.until);
    expect(again.entry('wrong-json').status).toBe('failing-confirmed');
    expect(again.entry('health').history.runs.length).toBeGreaterThan(0);
  });
});

describe('a steady board', () => {
  const steady = `
version: 1
title: Steady room
sources:
  - { id: local, type: scrape, url: "\${API}/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
canaries:
  defaults: { interval: 500ms, timeout: 450ms, retries: { count: 0 } }
  checks:
    - { id: a, request: { url: "\${API}/a" } }
    - { id: b, request: { url: "\${API}/b" } }
    - { id: c, request: { url: "\${API}/c" } }
`;

  it('sends run ticks and no envelope that draws nothing, while boards and summaries are asked for, and its view stays the board', async () => {
    t = await startTestHub(steady, {}, vars);
    const view = await BoardView.open(await t.connect(t.adminToken));
    await eventually('every check passing', () => view.board.entries.every((e) => e.status === 'passing' && e.history.runs.length >= 2));
    const from = view.deltas.length;
    // Others come and go meanwhile: a canaries page asking for the board, a wall for the summary.
    const page = await t.connect(t.adminToken);
    const wall = await t.connect(t.adminToken);
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      expect(await page.emitWithAck('canaries:board', {})).toMatchObject({ ok: true });
      expect(await wall.emitWithAck('canaries:summary', {})).toMatchObject({ ok: true });
      await new Promise((r) => setTimeout(r, 50));
    }
    const deltas = view.deltas.slice(from);
    expect(view.empty.map((d) => ({ seq: d.seq, runs: d.runs.length, changed: d.changed.length }))).toEqual([]);
    // Six runs each at 500 ms in 3 s; at least two on a loaded machine.
    for (const id of ['a', 'b', 'c']) expect(deltas.flatMap((d) => d.runs).filter(([x]) => x === id).length).toBeGreaterThanOrEqual(2);
    // What the client made of the deltas is the board a fresh client gets at the same seq.
    const fresh = await page.emitWithAck('canaries:board', {});
    if (!fresh.ok) throw new Error(fresh.error.message);
    await eventually('the view reaches the fresh board', () => view.board.seq >= fresh.board.seq);
    // (Run ticks carry a run's time, outcome and whole-ms latency, as the strip shows it: the last
    // run's timings, lag and 0.1 ms latency come with the whole tile, and its result time is the
    // run's start, not when it was received.)
    const drawn = (e: CanaryBoardEntry) => ({ ...e, lastResultAt: null, last: e.last && { ...e.last, timings: null, lagMs: null, latencyMs: null } });
    expect(view.bySeq.get(fresh.board.seq)!.entries.map(drawn)).toEqual(fresh.board.entries.map(drawn));
  });
});
