/**
 * The demo ships an event plan: `serve --demo` makes one from the sports-final template through the
 * hub's plan service, timed from the demo's night so the event is live through the outage, its
 * readiness done and check-ins kept by the demo's people; once per data folder (a restart adds none), and never beside
 * a workspace of one's own.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { planCheckIns } from '../../shared/domain/planning/check-ins.ts';
import { readinessSummary } from '../../shared/domain/planning/readiness.ts';
import { keyMomentTimes, planWindow } from '../../shared/domain/planning/timeline.ts';
import type { LivePlan, PlanRecord, PlanSummary } from '../../shared/protocol/plans.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';

const TOKEN = 'mc_automation-seeded-token-000000000000';
const MIN = 60_000;

let dir: string;
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** `npm run serve` with these flags, until it listens: its URL, and a stop that waits for the exit. */
async function serve(args: string[]): Promise<{ url: string; lines: string[]; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['electron/hub/cli.ts', '--port', '0', ...args], {
    env: { ...process.env, MC_UI_DIR: '', MISSION_CONTROL_ADMIN_TOKEN: TOKEN, MC_DEMO_PROMETHEUS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" within 20 s:\n${lines.join('\n')}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (l) => {
      lines.push(l);
      const m = /listening on (http:\/\/\S+)/.exec(l);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return {
    url,
    lines,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const get = async <T>(url: string): Promise<T> => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
};

describe('the demo event plan', () => {
  it('serve --demo --start-at 80: a live sports-final plan whose window holds the outage, made once per data folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-demo-plan-'));
    const data = join(dir, 'data');
    const startedAt = Date.now();
    const first = await serve(['--demo', '--demo-port', '0', '--start-at', '80', '--data', data]);
    try {
      const { plans } = await get<{ plans: PlanSummary[] }>(`${first.url}/api/v1/plans`);
      expect(plans.map((p) => [p.id, p.state])).toEqual([['demo-match-night', 'live']]);
      const { plan } = await get<PlanRecord>(`${first.url}/api/v1/plans/demo-match-night`);
      expect(plan.basedOn?.template).toBe('sports-final');
      // T0 is the night's minute 0 (80 minutes ago): kick-off was 60 minutes ago, the outage
      // (minute 95) comes in 15 minutes, inside the event's window.
      const w = planWindow(plan);
      expect(Math.abs(w.startMs - (startedAt - 80 * MIN))).toBeLessThan(1.5 * MIN);
      const kickOff = keyMomentTimes(plan).find((m) => m.moment.id === 'kick-off')!;
      expect(Math.abs(kickOff.at - (startedAt - 60 * MIN))).toBeLessThan(1.5 * MIN);
      const outage = startedAt + 15 * MIN;
      expect(w.startMs).toBeLessThan(outage);
      expect(w.endMs).toBeGreaterThan(outage + 8 * MIN);
      // The walls run it: the event strip, its key moments and triggers.
      const live = await get<{ plans: LivePlan[] }>(`${first.url}/api/v1/live-plans`);
      expect(live.plans.map((p) => p.id)).toEqual(['demo-match-night']);
      expect(live.plans[0]!.triggers.map((t) => t.riskId)).toContain('entitlement-saturation');
      // The demo's people kept the check-ins of the 80 minutes before the hub started: none missed.
      const checkIns = planCheckIns(live.plans[0]!.plan, live.plans[0]!.checkIns, Date.now());
      expect(checkIns.counts).toMatchObject({ kept: 19, missed: 0, overdue: 0 });
      // …and its readiness before the night: every item done, its evidence fresh.
      expect(readinessSummary(live.plans[0]!.plan, Date.now()).overall).toBe('green');
    } finally {
      await first.stop();
    }

    // A restart on the same data folder: the plan is there, not made again.
    const second = await serve(['--demo', '--demo-port', '0', '--start-at', '30', '--data', data]);
    try {
      const { plans } = await get<{ plans: PlanSummary[] }>(`${second.url}/api/v1/plans`);
      expect(plans.map((p) => p.id)).toEqual(['demo-match-night']);
      expect(second.lines.join('\n')).toContain('demo-match-night exists already');
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('serve --demo --start-at 200: the plan is for the night the looping demo is in (its second), and live', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-demo-plan-'));
    const startedAt = Date.now();
    const hub = await serve(['--demo', '--demo-port', '0', '--start-at', '200', '--data', join(dir, 'data')]);
    try {
      const { plans } = await get<{ plans: PlanSummary[] }>(`${hub.url}/api/v1/plans`);
      expect(plans.map((p) => [p.id, p.state])).toEqual([['demo-match-night', 'live']]);
      const { plan } = await get<PlanRecord>(`${hub.url}/api/v1/plans/demo-match-night`);
      // The night loops every 150 minutes: minute 200 is minute 50 of the second night.
      expect(Math.abs(planWindow(plan).startMs - (startedAt - 50 * MIN))).toBeLessThan(1.5 * MIN);
    } finally {
      await hub.stop();
    }
  }, 30_000);

  it('is not made for a workspace of one own, demo or not', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-demo-plan-'));
    const file = join(dir, 'workspace.yaml');
    await writeFile(file, minimalWorkspaceYaml('Own'));
    for (const args of [['--workspace', file], ['--demo', '--demo-port', '0', '--workspace', file]]) {
      const hub = await serve([...args, '--data', join(dir, `data-${args.length}`)]);
      try {
        expect((await get<{ plans: PlanSummary[] }>(`${hub.url}/api/v1/plans`)).plans).toEqual([]);
      } finally {
        await hub.stop();
      }
    }
  }, 60_000);
});
