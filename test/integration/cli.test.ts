/**
 * The `serve` entry as a user runs it: it prints where it listens and the admin token once, stops
 * cleanly on SIGINT/SIGTERM (sockets closed, WAL checkpointed), and refuses bad flags in one line;
 * with --demo, a Prometheus scraping the demo feeds the demo's SLOs (or the SLOs say there is none).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { prometheusAvailable } from '../support/prometheus.ts';

let dir: string;
afterEach(async () => rm(dir, { recursive: true, force: true }));

function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['electron/hub/cli.ts', ...args], { env: { ...process.env, MC_UI_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp) => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const found = lines.find((l) => re.test(l));
      if (found) return found.match(re)!;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no line matching ${re}:\n${lines.join('\n')}`);
  };
  return { child, lines, exited, waitFor };
}

describe('npm run serve', () => {
  it('prints the URL and the first admin token once, then stops cleanly on SIGINT', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cli-'));
    const data = join(dir, 'data');
    const first = serve(['--demo', '--demo-port', '0', '--port', '0', '--data', data]);
    const [, url] = await first.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, token] = await first.waitFor(/admin token \(shown once; keep it safe\): (mc_\S+)/);
    await first.waitFor(/open: +http:\/\/127\.0\.0\.1:\d+\/#\/login\?token=mc_/);
    const health = await (await fetch(`${url}/api/v1/health`)).json();
    expect(health.status).toBe('ok');
    const socket = io(url!, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    await disconnected; // the hub closed its sockets
    const wal = join(data, 'mission-control.sqlite-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true); // checkpointed

    // Second start: the token exists, so it is not printed again.
    const second = serve(['--demo', '--demo-port', '0', '--port', '0', '--data', data]);
    await second.waitFor(/listening on/);
    await second.waitFor(/sign in with your admin token/);
    expect(second.lines.join('\n')).not.toContain(token);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses bad flags and a missing workspace in one clear line, with usage', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cli-'));
    const bad = serve(['--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.lines[0]).toBe('mission-control: --port must be a whole number from 0 to 65535, got "eighty"');
    expect(bad.lines.join('\n')).toContain('Usage: npm run serve');
    expect(bad.lines.join('\n')).not.toMatch(/\n\s+at /); // no stack trace

    const none = serve(['--data', join(dir, 'd')]);
    expect(await none.exited).toBe(2);
    expect(none.lines[0]).toMatch(/no workspace: pass --workspace FILE/);

    const missing = serve(['--workspace', join(dir, 'nope.yaml'), '--data', join(dir, 'd'), '--port', '0']);
    expect(await missing.exited).toBe(1);
    expect(missing.lines.join('\n')).toMatch(/cannot start: the workspace cannot be loaded:\n\s+nope\.yaml: cannot read the file/);
    // There is no last valid workspace to keep on a first load: the one line says it cannot start.
    expect(missing.lines.join('\n')).not.toContain('keeping the last valid one');
  });

  it('with --start-at runs the demo from that minute of the match night, and refuses a minute out of range', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cli-'));
    const bad = serve(['--demo', '--start-at', '999', '--data', join(dir, 'd')]);
    expect(await bad.exited).toBe(2);
    expect(bad.lines[0]).toBe('mission-control: --start-at must be a scenario minute from 0 to 240, got "999"');
    const hub = serve(['--demo', '--demo-port', '0', '--port', '0', '--start-at', '80', '--data', join(dir, 'data')], { MC_DEMO_PROMETHEUS: 'off' });
    const [, demoUrl] = await hub.waitFor(/demo: +simulated streaming platform on (http:\/\/\S+) \(speed 1×, from minute 80; the outage is at minute 95\)/);
    const state = (await (await fetch(`${demoUrl}/demo/state`)).json()) as { scenarioTimeMs: number };
    expect(state.scenarioTimeMs / 60_000).toBeGreaterThanOrEqual(80);
    expect(state.scenarioTimeMs / 60_000).toBeLessThan(81);
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });

  it('uses MISSION_CONTROL_ADMIN_TOKEN as the admin token', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cli-'));
    const token = 'mc_automation-seeded-token-000000000000';
    const hub = serve(['--demo', '--demo-port', '0', '--port', '0', '--data', join(dir, 'data')], { MISSION_CONTROL_ADMIN_TOKEN: token });
    const [, url] = await hub.waitFor(/listening on (http:\/\/\S+)/);
    expect(hub.lines.join('\n')).not.toContain('shown once');
    const res = await fetch(`${url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });

  interface SloReading { id: string; error: string | null; absent?: true; budget: { total: number; remaining: number | null } }
  const slos = async (url: string, token: string): Promise<SloReading[]> =>
    ((await (await fetch(`${url}/api/v1/slos`, { headers: { authorization: `Bearer ${token}` } })).json()) as { slos: SloReading[] }).slos;

  it.skipIf(!prometheusAvailable)('with --demo starts a Prometheus scraping the demo, so the demo SLOs have budgets, and stops it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cli-'));
    const token = 'mc_automation-seeded-token-000000000000';
    const hub = serve(['--demo', '--demo-port', '0', '--port', '0', '--data', join(dir, 'data')], { MISSION_CONTROL_ADMIN_TOKEN: token, MC_PROMETHEUS_BIN: '/usr/bin/prometheus' });
    const [, url] = await hub.waitFor(/listening on (http:\/\/\S+)/);
    const [, promUrl] = await hub.waitFor(/prometheus: (http:\/\/127\.0\.0\.1:\d+), scraping the demo every 2 s/);
    expect((await fetch(`${promUrl}/-/ready`)).ok).toBe(true);
    // The hub evaluates SLOs every 30 s, and a budget needs two samples a fine step (1 min) apart:
    // the first budgets come 60–90 s after the start. An SLO is listed once first evaluated, which
    // on a loaded machine can be after the first request.
    const deadline = Date.now() + 150_000;
    let readings = await slos(url!, token);
    while ((readings.length < 3 || readings.some((s) => s.budget.total === 0)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      readings = await slos(url!, token);
    }
    expect(readings.map((s) => s.id).sort()).toEqual(['api-latency', 'entitlement-availability', 'playback-availability']);
    for (const s of readings) {
      expect(s.error).toBeNull();
      expect(s.budget.total).toBeGreaterThan(0);
      expect(s.budget.remaining).not.toBeNull();
    }
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    expect(await fetch(`${promUrl}/-/ready`).then(() => 'up', () => 'stopped')).toBe('stopped');
  }, 180_000);

  it.skipIf(!prometheusAvailable)('a hub killed with SIGKILL leaves no Prometheus running and no Prometheus storage behind', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cli-'));
    const tmp = join(dir, 'tmp');
    await mkdir(tmp);
    const hub = serve(['--demo', '--demo-port', '0', '--port', '0', '--data', join(dir, 'data')], { MC_PROMETHEUS_BIN: '/usr/bin/prometheus', TMPDIR: tmp });
    const [, promUrl] = await hub.waitFor(/prometheus: (http:\/\/127\.0\.0\.1:\d+), scraping the demo every 2 s/);
    expect((await readdir(tmp)).filter((f) => f.startsWith('mc-prom-'))).toHaveLength(1);

    hub.child.kill('SIGKILL');
    await hub.exited;
    const deadline = Date.now() + 15_000;
    let state = 'up';
    while (state === 'up' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      state = await fetch(`${promUrl}/-/ready`).then(() => 'up', () => 'stopped');
    }
    expect(state).toBe('stopped');
    await expect.poll(async () => (await readdir(tmp)).filter((f) => f.startsWith('mc-prom-')), { timeout: 5_000 }).toEqual([]);
  }, 60_000);

  it('with MC_DEMO_PROMETHEUS=off says so, and the demo SLOs say their Prometheus is unreachable', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cli-'));
    const token = 'mc_automation-seeded-token-000000000000';
    const hub = serve(['--demo', '--demo-port', '0', '--port', '0', '--data', join(dir, 'data')], {
      MISSION_CONTROL_ADMIN_TOKEN: token,
      MC_DEMO_PROMETHEUS: 'off',
      MC_DEMO_PROMETHEUS_URL: 'http://127.0.0.1:59',
    });
    const [, url] = await hub.waitFor(/listening on (http:\/\/\S+)/);
    await hub.waitFor(/prometheus: off \(MC_DEMO_PROMETHEUS=off\)/);
    const readings = await slos(url!, token);
    expect(readings).toHaveLength(3);
    // A Prometheus named but down is a signal that is not live: not "absent".
    for (const s of readings) {
      expect(s.error).toMatch(/ECONNREFUSED 127\.0\.0\.1:59/);
      expect(s.absent).toBeUndefined();
    }
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });

  it('with no Prometheus beside the demo and none named, the demo SLOs say there is none, so walls do not wait for them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-cli-'));
    const token = 'mc_automation-seeded-token-000000000000';
    const hub = serve(['--demo', '--demo-port', '0', '--port', '0', '--data', join(dir, 'data')], { MISSION_CONTROL_ADMIN_TOKEN: token, MC_DEMO_PROMETHEUS: 'off' });
    const [, url] = await hub.waitFor(/listening on (http:\/\/\S+)/);
    const readings = await slos(url!, token);
    expect(readings).toHaveLength(3);
    for (const s of readings) {
      expect(s.absent).toBe(true);
      expect(s.error).toBe('no Prometheus beside the demo: off (MC_DEMO_PROMETHEUS=off)');
    }
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });
});
