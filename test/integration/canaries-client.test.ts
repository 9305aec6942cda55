/**
 * The UI's canary transport (renderer/transport/canaries.ts) against a real hub: nothing is asked
 * until a screen watches; then the board arrives whole and follows by deltas (a target that starts
 * failing turns the tile failing-unconfirmed, then failing-confirmed); a restarted hub (a new
 * seq) is recognised on the next hello and the board asked for again; when the last screen stops
 * watching the hub stops sending deltas and the board is let go. A console started after a
 * critical check's failure was confirmed is prompted, until someone acts on it. A wall that
 * needs only the canaries confirmed failing (its radiator, no canaries panel) gets that summary
 * when it changes, and no stream of runs.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openAndons } from '../../renderer/canaries/andons.ts';
import { createAppStore, type AppStore } from '../../renderer/state/store.ts';
import { startCanaryTransport } from '../../renderer/transport/canaries.ts';
import { createHubClient, type HubClient } from '../../renderer/transport/hub.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function target(): Promise<{ url: string; fail: (on: boolean) => void; server: Server }> {
  let failing = false;
  const server = createServer((_req, res) => {
    res.writeHead(failing ? 503 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: failing ? 'DOWN' : 'UP' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, fail: (on) => void (failing = on), server };
}

const workspace = `
version: 1
title: Client
sources:
  - { id: local, type: scrape, url: "\${API}/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
canaries:
  defaults: { interval: 300ms, timeout: 250ms, retries: { count: 0 }, confirm: { consecutive: 3 } }
  checks:
    - { id: api, name: API, service: api, request: { url: "\${API}/health" }, assert: [{ status: 200 }] }
    - { id: api2, name: API again, service: api, request: { url: "\${API}/health" } }
`;

function client(t: TestHub): { store: AppStore; hub: HubClient } {
  const store = createAppStore();
  const hub = createHubClient({
    store,
    storage: null,
    bridge: { hubConnection: async () => ({ url: t.hub.url, token: t.adminToken }) },
    pageOrigin: null,
    retryMs: 200,
  });
  const stop = startCanaryTransport({ store, hub, retryMs: 200 });
  cleanups.push(() => {
    stop();
    hub.stop();
  });
  return { store, hub };
}

describe('the canary board in the UI store', () => {
  it('subscribes while watched, follows deltas to failing-confirmed, lets go when unwatched', async () => {
    const api = await target();
    const t = await startTestHub(workspace, {}, { API: api.url });
    cleanups.push(() => t.close());
    const { store, hub } = client(t);
    await hub.start();
    await eventually('connected', () => store.getState().connection.status === 'connected');
    await new Promise((r) => setTimeout(r, 300));
    expect(store.getState().canaries.board).toBeNull(); // nobody watches yet

    store.getState().canaryWatch(1);
    const board = await eventually('the board', () => store.getState().canaries.board);
    expect(board.entries.map((e) => e.id).sort()).toEqual(['api', 'api2']);
    await eventually('api passing', () => store.getState().canaries.board?.entries.find((e) => e.id === 'api')?.status === 'passing');
    const seqBefore = store.getState().canaries.board!.seq;

    api.fail(true);
    const seen = new Set<string>();
    const off = store.subscribe((s) => {
      const e = s.canaries.board?.entries.find((x) => x.id === 'api');
      if (e) seen.add(e.progress ? `${e.status} ${e.progress.text}` : e.status);
    });
    await eventually('api failing-confirmed', () => store.getState().canaries.board?.entries.find((e) => e.id === 'api')?.status === 'failing-confirmed');
    off();
    expect([...seen]).toContain('failing-unconfirmed 1 of 3 failed');
    expect([...seen]).toContain('failing-unconfirmed 2 of 3 failed');
    expect(store.getState().canaries.board!.seq).toBeGreaterThan(seqBefore);
    // History strips grew from run ticks and changed entries alike.
    const strip = store.getState().canaries.board!.entries.find((e) => e.id === 'api')!.history.runs;
    expect(strip.filter(([, code]) => code === 'f').length).toBeGreaterThanOrEqual(3);

    store.getState().canaryWatch(-1);
    expect(store.getState().canaries.board).toBeNull();
    expect(store.getState().canaries.status).toBe('idle');
    await new Promise((r) => setTimeout(r, 700));
    expect(store.getState().canaries.board).toBeNull(); // no delta revived it
  });

  it('asks for the board again after the hub restarts (a new log of deltas, seq from 0)', async () => {
    const api = await target();
    let t = await startTestHub(workspace, {}, { API: api.url });
    const port = t.hub.port;
    const { store, hub } = client({ ...t, hub: { ...t.hub, url: `http://127.0.0.1:${port}` } } as TestHub);
    store.getState().canaryWatch(1);
    await hub.start();
    await eventually('some deltas', () => (store.getState().canaries.board?.seq ?? 0) > 3);
    await t.close();
    await eventually('the link lost', () => store.getState().connection.status !== 'connected');

    // A new hub on the same port with an empty data folder: its deltas count from 1 again.
    t = await startTestHub(workspace.replace('API again', 'API (second hub)'), { port }, { API: api.url });
    cleanups.push(() => t.close());
    const renamed = await eventually(
      'the new board',
      () => store.getState().canaries.status === 'live' && store.getState().canaries.board?.entries.find((e) => e.name === 'API (second hub)'),
      20_000,
    );
    expect(renamed.id).toBe('api2');
    // And it keeps following the new hub's deltas.
    const seq = store.getState().canaries.board!.seq;
    await eventually('a later delta applied', () => store.getState().canaries.board!.seq > seq);
  });

  it("prompts a console that starts after a critical check's failure was confirmed, until someone acts on it", async () => {
    const api = await target();
    const t = await startTestHub(workspace.replace('{ id: api, name: API,', '{ id: api, name: API, critical: true,'), {}, { API: api.url });
    cleanups.push(() => t.close());
    const first = client(t);
    await first.hub.start();
    api.fail(true);
    await eventually('the first console prompted', () => openAndons(first.store.getState().canaries.andons, {}).length === 1);

    // A console opened (or reloaded) now, with nobody watching the board: prompted all the same.
    const late = client(t);
    await late.hub.start();
    const [prompt] = await eventually('the late console prompted', () => {
      const open = openAndons(late.store.getState().canaries.andons, late.store.getState().canaries.dismissed);
      return open.length === 1 && open;
    });
    expect(prompt).toMatchObject({ id: 'api', name: 'API', kind: 'failure' });

    // The first console declares from its prompt, which acknowledges the check: withdrawn on both.
    const ack = await first.hub.request('canary:ack', { id: 'api', note: 'incident declared: API failing' });
    expect(ack.ok).toBe(true);
    await eventually('withdrawn on the late console', () => openAndons(late.store.getState().canaries.andons, {}).length === 0);
    await eventually('withdrawn on the first console', () => openAndons(first.store.getState().canaries.andons, {}).length === 0);
  });

  it('a screen that needs only the canaries confirmed failing gets the summary when it changes, not the runs', async () => {
    const api = await target();
    const t = await startTestHub(workspace, {}, { API: api.url });
    cleanups.push(() => t.close());
    const { store, hub } = client(t);
    const received = { deltas: 0, summaries: 0 };
    hub.onSocket((socket) => {
      socket?.on('canaries:delta', () => void received.deltas++);
      socket?.on('canaries:summary', () => void received.summaries++);
    });
    await hub.start();
    store.getState().canarySummaryWatch(1);
    await eventually('the summary', () => store.getState().canaries.summaryStatus === 'live');
    expect(store.getState().canaries.summary!.failing).toEqual([]);
    expect(store.getState().canaries.board).toBeNull();

    api.fail(true);
    const failing = await eventually('both confirmed failing', () => (store.getState().canaries.summary!.failing.length === 2 ? store.getState().canaries.summary!.failing : null));
    expect(failing.map((e) => [e.id, e.status])).toEqual([
      ['api', 'failing-confirmed'],
      ['api2', 'failing-confirmed'],
    ]);
    // Runs go on failing (every 300 ms): the summary does not move with them.
    const after = received.summaries;
    await new Promise((r) => setTimeout(r, 1500));
    expect(received.summaries).toBe(after);
    expect(received.summaries).toBeLessThanOrEqual(2);
    expect(received.deltas).toBe(0);

    // A canaries panel shows: the board, which holds what the summary did; hidden again: the summary.
    store.getState().canaryWatch(1);
    await eventually('the board', () => store.getState().canaries.status === 'live');
    store.getState().canaryWatch(-1);
    await eventually('the summary again', () => store.getState().canaries.summaryStatus === 'live' && store.getState().canaries.board === null);
    const deltas = received.deltas;
    api.fail(false);
    await eventually('recovered', () => store.getState().canaries.summary!.failing.length === 0);
    await new Promise((r) => setTimeout(r, 700));
    expect(received.deltas).toBe(deltas);
  });
});
