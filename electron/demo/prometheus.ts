/**
 * A real Prometheus beside the demo platform, when the machine has one (Debian's `prometheus`
 * package, or `MC_PROMETHEUS_BIN`): it scrapes the demo's /metrics into its own temporary
 * storage, so the demo's SLOs, error budgets and burn-rate alerts have a Prometheus to query.
 * The integration tests start theirs the same way.
 *
 * Prometheus outlives a parent that is SIGKILLed (nothing signals it), so on POSIX it runs under a
 * small shell that holds our stdin pipe: when the pipe closes — `close()`, or the kernel closing
 * it because our process died — the shell stops Prometheus and removes its temporary storage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface PrometheusProcess {
  readonly url: string;
  close(): Promise<void>;
}

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** `MC_PROMETHEUS_BIN`, else `prometheus` on the PATH, else null. */
export function findPrometheus(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.MC_PROMETHEUS_BIN) return executable(env.MC_PROMETHEUS_BIN) ? env.MC_PROMETHEUS_BIN : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, 'prometheus'))) return join(dir, 'prometheus');
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Runs "$@" until stdin closes, then stops it and removes $MC_PROM_DIR. A background job's stdin
 * is /dev/null in a non-interactive shell, hence the pipe kept on fd 3 for the watcher.
 */
const STOP_WHEN_PARENT_GOES = [
  'exec 3<&0',
  '"$@" </dev/null & pid=$!',
  '{ read line <&3; kill "$pid" 2>/dev/null; } &',
  'wait "$pid"; code=$?',
  'rm -rf "$MC_PROM_DIR"',
  'exit "$code"',
].join('\n');

/**
 * Start `binary` on a free loopback port scraping `targets` (host:port) every `scrapeSeconds`;
 * resolves once it is ready. `prepare` may fill its storage directory first (tests backfill
 * history into it with promtool).
 */
export async function startPrometheus(binary: string, targets: readonly string[], scrapeSeconds = 1, prepare?: (storageDir: string) => Promise<void>): Promise<PrometheusProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-prom-'));
  try {
    await prepare?.(join(dir, 'data'));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const config = join(dir, 'prometheus.yml');
  await writeFile(
    config,
    `global:\n  scrape_interval: ${scrapeSeconds}s\n  evaluation_interval: ${scrapeSeconds}s\nscrape_configs:\n  - job_name: demo\n    static_configs:\n      - targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}]\n`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'];
  const watched = process.platform !== 'win32';
  const child: ChildProcess = watched
    ? spawn('/bin/sh', ['-c', STOP_WHEN_PARENT_GOES, 'mc-prometheus', binary, ...args], { stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env, MC_PROM_DIR: dir } })
    : spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stdin?.on('error', () => {}); // EPIPE when the shell has already gone: nothing to stop
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  let spawnError: Error | null = null;
  child.once('error', (error) => (spawnError = error));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && !spawnError) {
      const exited = new Promise((r) => child.once('exit', r));
      if (watched) child.stdin!.end(); // the shell stops Prometheus and waits for it (a SIGTERM would orphan it)
      else child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    const failed = spawnError ?? (child.exitCode !== null ? new Error(`prometheus exited with ${child.exitCode}: ${log.trim()}`) : null);
    if (failed) {
      await close();
      throw failed;
    }
    if (await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`prometheus not ready after 20 s: ${log.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, close };
}
