/**
 * The canary service's once-a-second sweep (staleness, snoozes, maintenance) goes over every
 * canary: one whose step throws — here its alert cannot be logged — is logged by name, once a
 * minute however often it throws, and the canaries after it still go stale and alert.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CanaryService } from '../../electron/hub/canaries/service.ts';
import { openStore, type Store } from '../../electron/hub/store/store.ts';
import { parseWorkspace } from '../../electron/hub/workspace/load.ts';
import { eventually } from '../support/hub.ts';

const T0 = Date.UTC(2026, 0, 5, 10, 0);

const workspaceYaml = `
version: 1
title: Sweep
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:9/metrics", interval: 5s, timeout: 1s }
walls:
  - { id: main, title: Main, panels: [{ id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }] }
canaries:
  suites:
    - { id: broken, name: Broken suite, expectEvery: 1m }
    - { id: nightly, name: Nightly suite, expectEvery: 1m }
    - { id: smoke, name: Smoke suite, expectEvery: 1m }
`;

let dir: string | undefined;
let store: Store | undefined;
let service: CanaryService | undefined;
afterEach(async () => {
  await service?.close();
  store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = store = service = undefined;
});

it('one canary that throws in the sweep does not leave the others unwatched', async () => {
  dir = await mkdtemp(join(tmpdir(), 'mc-canary-sweep-'));
  store = openStore(dir);
  const clock = { now: T0 };
  const logs: string[] = [];
  service = new CanaryService(store.canaries, {
    log: (m) => {
      if (m.startsWith('canary Broken suite')) throw new Error('EPIPE: the log is gone');
      logs.push(m);
    },
    events: { delta: () => undefined, andon: () => undefined },
    timeZone: () => 'UTC',
    baseDir: dir,
    now: () => clock.now,
    tickMs: 20,
    flushMs: 10,
  });
  const loaded = parseWorkspace(workspaceYaml, 'room.yaml', {});
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  service.apply(loaded.workspace);
  const pass = new TextEncoder().encode('<testsuite name="s" tests="1"><testcase name="login" time="0.1"/></testsuite>');
  for (const suite of ['broken', 'nightly', 'smoke']) service.ingestJUnit(pass, { suite, source: 'rest' });

  clock.now += 10 * 60_000; // no reports for ten minutes: all three go stale
  const health = (id: string) => service!.board().entries.find((c) => c.id === id)?.health;
  await eventually('the suites after the broken one stale', () => health('nightly') === 'stale' && health('smoke') === 'stale');
  expect(logs.filter((l) => /canary (Nightly|Smoke) suite \((nightly|smoke)\): stale/.test(l))).toHaveLength(2);
  await new Promise((r) => setTimeout(r, 200)); // ten more sweeps
  const failures = logs.filter((l) => l.startsWith('canaries: Broken suite (broken) failed'));
  expect(failures).toHaveLength(1);
  expect(failures[0]).toContain('EPIPE: the log is gone');
});
