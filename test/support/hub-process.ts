/**
 * The hub as its own process (`electron/hub/cli.ts`, as `npm run serve` runs it), so a test can
 * kill it with SIGKILL mid-write and start it again on the same port and data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

export interface HubProcessOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly workspaceFile: string;
  readonly adminToken: string;
  readonly env?: Record<string, string>;
}

export interface HubProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed (stdout and stderr), for a failing test's message. */
  readonly output: string[];
  /** SIGKILL: no shutdown, no checkpoint, sockets dropped mid-write. */
  kill(): Promise<void>;
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** A port free right now, to give a hub that must come back on the same one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  const child = spawn(process.execPath, ['electron/hub/cli.ts', '--port', String(options.port), '--data', options.dataDir, '--workspace', options.workspaceFile], {
    env: { ...process.env, MC_UI_DIR: '', MISSION_CONTROL_ADMIN_TOKEN: options.adminToken, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    // Starts of 10 s were seen on a loaded 2-core machine (load average 11); a hub that fails exits (below).
    const timer = setTimeout(() => reject(new Error(`the hub did not start in ${START_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`)), START_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited with ${code}:\n${output.join('\n')}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, output, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
