/**
 * Real processes for end-to-end tests, started exactly as a user would: the hub through its CLI
 * (`npm run serve`'s entry) and the demo platform through `npm run demo`'s entry.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { minimalWorkspaceYaml } from '../../support/minimal-workspace.ts';

export const ADMIN_TOKEN = 'mc_e2e-admin-token-0123456789abcdefghij';
const root = join(import.meta.dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Proc {
  readonly child: ChildProcess;
  readonly output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Start a Node script and wait for a line matching `ready` on its stdout. */
async function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Proc & { match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${ready}" within 20 s from ${args.join(' ')}:\n${output.join('\n')}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const m = line.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output.join('\n')}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output,
    match,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function startDemo(port: number, speed = 1, startAt = 30): Promise<Proc> {
  return start(['electron/demo/cli.ts', '--port', String(port), '--speed', String(speed), '--start-at', String(startAt)], {}, /Demo platform .* on http/);
}

export interface Hub extends Proc {
  readonly url: string;
  readonly dir: string;
}

export interface HubPlace {
  /** A folder of a hub started before (its `dir`): the same data, so the hub restarts on its log. Kept on stop. */
  readonly dir?: string;
  /** A fixed port (e.g. the one a stopped hub had), so the pages find it again at the same URL. */
  readonly port?: number;
  /** Keep the data folder this call creates when the hub stops (to start another hub on it). */
  readonly keepData?: boolean;
}

/**
 * The hub's CLI with its own data folder; `args` as for `npm run serve --`. With `place`, it runs
 * on a given port and data folder (a restart of an earlier hub); a folder it was given, or asked
 * to keep, stays when it stops, and whoever keeps it removes it (see `removeHubDir`).
 */
export async function startHub(args: string[], env: Record<string, string> = {}, place: HubPlace = {}): Promise<Hub> {
  const dir = place.dir ?? (await mkdtemp(join(tmpdir(), 'mc-e2e-')));
  const proc = await start(
    ['electron/hub/cli.ts', '--port', String(place.port ?? 0), '--data', join(dir, 'data'), ...args],
    { MISSION_CONTROL_ADMIN_TOKEN: ADMIN_TOKEN, MC_UI_DIR: join(root, 'dist', 'renderer'), ...env },
    /listening on (http:\/\/\S+)/,
  );
  return {
    ...proc,
    url: proc.match[1]!,
    dir,
    stop: async (signal) => {
      const code = await proc.stop(signal);
      if (place.dir === undefined && !place.keepData) await rm(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Remove a hub's data folder kept by a `startHub` with a place. */
export async function removeHubDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The smallest workspace a hub runs with (one wall `main`), written to `file`. */
export async function minimalWorkspace(file: string, title = 'Test'): Promise<string> {
  await writeFile(file, minimalWorkspaceYaml(title));
  return file;
}

/**
 * A hub on a workspace given as its YAML text (`env` for the hub's environment), the workspace
 * file and the data in one folder, removed when it stops (or when the hub does not start).
 */
export async function startWorkspaceHub(yaml: string, env: Record<string, string> = {}): Promise<Hub> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, yaml);
  const hub = await startHub(['--workspace', file], env, { dir }).catch(async (error: unknown) => {
    await removeHubDir(dir);
    throw error;
  });
  return {
    ...hub,
    stop: async (signal) => {
      const code = await hub.stop(signal);
      await removeHubDir(dir);
      return code;
    },
  };
}

/** A hub on the smallest workspace (one wall `main`), removed when it stops. */
export async function startMinimalHub(title: string): Promise<Hub> {
  return startWorkspaceHub(minimalWorkspaceYaml(title));
}

/** A workspace like the demo's, pointing at a demo platform on `demoPort`, polled every second, without its Prometheus. */
export async function demoWorkspace(dir: string, demoPort: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const text = (await readFile(join(root, 'assets', 'demo', 'workspace.yaml'), 'utf8'))
    .replaceAll('${MC_DEMO_URL:-http://127.0.0.1:4821}', `http://127.0.0.1:${demoPort}`)
    // No Prometheus beside the demo here: a closed port, whatever runs on this machine's 9090.
    .replace('${MC_DEMO_PROMETHEUS_URL:-http://127.0.0.1:9090}', 'http://127.0.0.1:59')
    // Its own JUnit inbox, not the folder shared by every demo on this machine.
    .replace('${MC_DEMO_JUNIT_DIR:-/tmp/mission-control-demo-junit}', join(dir, 'junit-inbox'))
    .replace('interval: 2s', 'interval: 1s')
    .replace('timeout: 1500ms', 'timeout: 800ms');
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, text);
  return file;
}
