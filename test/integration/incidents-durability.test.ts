/**
 * Delivery that loses nothing: five consoles log 50 entries a second between them while the hub
 * process is killed with SIGKILL and started again, twice. Afterwards every acknowledged entry is
 * stored exactly once at the seq it was acknowledged with, every entry that was still waiting in
 * an outbox arrived exactly once, and every console holds the same entries in the same order.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import { OutboxConsole } from '../support/console-client.ts';
import { eventually } from '../support/hub.ts';
import { freePort, startHubProcess, type HubProcess } from '../support/hub-process.ts';

const ADMIN = 'mc_durability-admin-0123456789abcdefghijkl';
const CONSOLES = 5;
const TICK_MS = 100; // each console sends one entry per tick: 5 × 10 = 50 entries/s

let dir: string;
let metrics: Server;
let hub: HubProcess | null = null;
const consoles: OutboxConsole[] = [];

afterEach(async () => {
  for (const c of consoles.splice(0)) c.close();
  await hub?.stop();
  hub = null;
  await new Promise<void>((r) => metrics.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until `left()` is 0 for as long as it keeps falling: a loaded machine drains a long
 * backlog slowly, but a delivery that stops moving fails after `stallMs` without progress.
 */
async function whileProgressing(what: string, left: () => number, stallMs: number): Promise<void> {
  let best = left();
  let movedAt = Date.now();
  while (left() > 0) {
    if (left() < best) {
      best = left();
      movedAt = Date.now();
    }
    if (Date.now() - movedAt > stallMs) throw new Error(`${what}: stuck at ${best} for ${stallMs / 1000} s`);
    await sleep(50);
  }
}

async function api<T>(path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${hub!.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('delivery that loses nothing', () => {
  it('keeps every entry, once, in one order on every console, through two SIGKILLs of the hub', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-durability-'));
    metrics = createServer((_req, res) => res.end('up 1\n'));
    await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
    const workspaceFile = join(dir, 'workspace.yaml');
    await writeFile(
      workspaceFile,
      `version: 1
title: Durability
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
`,
    );
    const options = { port: await freePort(), dataDir: join(dir, 'data'), workspaceFile, adminToken: ADMIN };
    hub = await startHubProcess(options);

    // One responder token per console, as each seat would have.
    const secrets: string[] = [];
    for (let i = 1; i <= CONSOLES; i++) secrets.push((await api<{ secret: string }>('/api/v1/tokens', ADMIN, { name: `console ${i}`, role: 'responder' })).secret);
    const { incident } = await api<{ incident: { id: string } }>('/api/v1/incidents', ADMIN, { title: 'Playback failing on the EU edge', severity: 1, author: 'ann' });
    for (let i = 0; i < CONSOLES; i++) consoles.push(new OutboxConsole(hub.url, secrets[i]!, `console-${i + 1}`));
    await eventually('every console to catch up', () => consoles.every((c) => c.caughtUp));

    const sent: string[] = [];
    let n = 0;
    const generator = setInterval(() => {
      for (const c of consoles) {
        const id = ulid();
        sent.push(id);
        c.send({ id, incidentId: incident.id, kind: 'note', text: `${c.name} #${++n}`, occurredAt: Date.now(), author: c.name, console: c.name, data: {} });
      }
    }, TICK_MS);

    /** What was still unacknowledged when the hub died: it must arrive, once. */
    const unackedAtKill = new Set<string>();
    const ackedBeforeKill: number[] = [];
    const acked = () => consoles.reduce((sum, c) => sum + c.acked.size, 0);
    const startMs: number[] = [];
    try {
      for (let round = 0; round < 2; round++) {
        // The kill lands once this hub has acknowledged plenty: on a loaded machine the acks
        // (a durable commit each) fall behind the typing, so 2.5 s alone may not be enough.
        const ackedAtStart = acked();
        await sleep(2500);
        await eventually(`hub ${round + 1} to acknowledge 50 entries`, () => acked() - ackedAtStart > 50, 60_000);
        ackedBeforeKill.push(acked() - ackedAtStart);
        const unacked = () => sent.filter((id) => !consoles.some((c) => c.acked.has(id)));
        await hub.kill();
        for (const id of unacked()) unackedAtKill.add(id); // in flight when it died
        await sleep(300);
        const starting = Date.now();
        hub = await startHubProcess(options);
        startMs.push(Date.now() - starting);
        for (const id of unacked()) unackedAtKill.add(id); // typed while it was down
      }
      await sleep(2500);
    } finally {
      clearInterval(generator);
    }

    // Everything typed while a hub was starting waits in the outboxes: the backlog grows with the start time.
    const draining = Date.now();
    await whileProgressing('the outboxes to empty', () => consoles.reduce((sum, c) => sum + c.pending, 0), 20_000);
    const drainMs = Date.now() - draining;
    const { entries } = await api<{ entries: TimelineEntry[] }>(`/api/v1/incidents/${incident.id}/timeline`, ADMIN);

    // Stored exactly once each, in one unbroken sequence.
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    const stored = new Map(entries.map((e) => [e.id, e]));
    expect(stored.size).toBe(entries.length);
    expect(entries.length).toBe(4 + sent.length); // the declaration, then every note
    for (const id of sent) expect(stored.has(id), id).toBe(true);
    for (const id of unackedAtKill) expect(stored.has(id), `unacknowledged ${id}`).toBe(true);

    // Acknowledged means stored, at the seq the ack gave.
    for (const c of consoles) {
      expect(c.refused.size, `${c.name} refusals`).toBe(0);
      for (const [id, seq] of c.acked) expect(stored.get(id)?.seq, id).toBe(seq);
    }

    // Every console holds the same entries in the same order as the hub.
    const order = entries.map((e) => `${e.seq}:${e.id}`);
    await whileProgressing('every console to hold every entry', () => consoles.reduce((sum, c) => sum + entries.length - c.entries.size, 0), 15_000);
    for (const c of consoles) {
      expect(c.conflicts, c.name).toEqual([]);
      expect(c.timeline().map((e) => `${e.seq}:${e.id}`), c.name).toEqual(order);
    }

    // The run really went through the outboxes: entries were waiting at each kill and were sent again.
    const resent = consoles.reduce((sum, c) => sum + c.resends, 0);
    console.log(
      `durability: ${sent.length} entries from ${CONSOLES} consoles; acked by each hub before its kill: ${ackedBeforeKill.join(', ')}; ` +
        `restarts took ${startMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s, the outboxes emptied in ${(drainMs / 1000).toFixed(1)} s; ` +
        `unacknowledged across the kills: ${unackedAtKill.size}; resent: ${resent} (${consoles.reduce((s, c) => s + c.duplicates, 0)} of them already stored); catch-up syncs: ${consoles.reduce((s, c) => s + c.syncs, 0)}`,
    );
    expect(Math.min(...ackedBeforeKill)).toBeGreaterThan(50);
    expect(unackedAtKill.size).toBeGreaterThan(0);
    expect(resent).toBeGreaterThan(0);
  }, 300_000);
});
