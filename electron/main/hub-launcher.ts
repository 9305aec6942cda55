/**
 * Starts the hub inside Electron as a utility process (as Actual Budget runs its sync server):
 * configured only by environment, it posts { type: 'ready', url } once listening. The launcher
 * races that against a timeout, so a hub that hangs, fails or dies surfaces as one clear error.
 */
import type { ForkOptions, UtilityProcess } from 'electron';
import { createInterface } from 'node:readline';
import { APP_ORIGIN } from './app-origin.ts';

export type Fork = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcess;

export interface EmbeddedHubOptions {
  readonly fork: Fork;
  /** dist/electron/hub.mjs (the bundled electron/hub/cli.ts). */
  readonly hubEntry: string;
  readonly dataDir: string;
  /** Becomes MISSION_CONTROL_ADMIN_TOKEN: the hub makes sure an admin token with this secret exists. */
  readonly token: string;
  readonly demo: boolean;
  readonly uiDir: string;
  readonly workspace?: string | undefined;
  readonly timeoutMs?: number;
  readonly baseEnv?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
}

export interface EmbeddedHub {
  readonly url: string;
  /** Resolves with the exit code whenever the hub exits (after stop, or on its own). */
  readonly exited: Promise<number>;
  /** Ask the hub to stop; kill it if it has not exited within graceMs. */
  stop(graceMs?: number): Promise<void>;
}

export const DEFAULT_HUB_TIMEOUT_MS = 20_000;

/** The hub's whole configuration. Loopback and a random port: the embedded hub is for this machine. */
export function hubEnv(options: EmbeddedHubOptions, baseEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(baseEnv)) {
    // Only the parent's own variables pass; our settings are set explicitly below.
    if (value !== undefined && !key.startsWith('MC_') && key !== 'MISSION_CONTROL_ADMIN_TOKEN') env[key] = value;
  }
  env.MC_HOST = '127.0.0.1';
  env.MC_PORT = '0';
  env.MC_DATA_DIR = options.dataDir;
  env.MC_UI_DIR = options.uiDir;
  env.MC_ALLOWED_ORIGINS = APP_ORIGIN;
  env.MISSION_CONTROL_ADMIN_TOKEN = options.token;
  if (options.demo) {
    env.MC_DEMO = '1';
    env.MC_DEMO_PORT = '0'; // the simulated platform too: never collide with a hub started by hand
  }
  if (options.workspace !== undefined) env.MC_WORKSPACE = options.workspace;
  return env;
}

/** A hub URL we are willing to talk to: http(s), no credentials. Returns it without a trailing slash. */
export function normalizeHubUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return null;
    url.hash = '';
    url.search = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

type HubMessage = { type: 'ready'; url: string } | { type: 'error'; message: string };

function asHubMessage(message: unknown): HubMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready' && typeof m.url === 'string') return { type: 'ready', url: m.url };
  if (m.type === 'error') return { type: 'error', message: typeof m.message === 'string' ? m.message : 'unknown error' };
  return null;
}

export async function launchEmbeddedHub(options: EmbeddedHubOptions): Promise<EmbeddedHub> {
  const log = options.log ?? ((line: string) => console.log(line));
  const timeoutMs = options.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS;
  const child = options.fork(options.hubEntry, [], {
    env: hubEnv(options, options.baseEnv),
    serviceName: 'Mission Control hub',
    stdio: 'pipe',
  });
  // Prefix the hub's output so it is told apart from the shell's in one terminal/log, and keep its
  // last error line: a hub that exits early (a bad flag or workspace) says why on stderr.
  let lastErrorLine = '';
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (raw) => {
      const line = redact(raw, options.token);
      if (stream === child.stderr && line.trim() !== '') lastErrorLine = line.trim();
      log(`[hub] ${line}`);
    });
  }

  let exitCode: number | null = null;
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code: number) => {
      exitCode = code;
      resolve(code);
    });
  });

  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (raw: unknown) => {
      const message = asHubMessage(raw);
      if (message?.type === 'error') reject(new Error(`The embedded hub failed to start: ${message.message}`));
      if (message?.type === 'ready') {
        const url = normalizeHubUrl(message.url);
        if (url === null) reject(new Error(`The embedded hub reported an unusable URL: ${JSON.stringify(message.url)}`));
        else resolve(url);
      }
    });
    void exited.then((code) => {
      // Let the last lines of output arrive before reading them.
      setImmediate(() => {
        const why = lastErrorLine === '' ? '' : ` ${lastErrorLine}`;
        reject(new Error(`The embedded hub exited (code ${code}) before it was ready.${why}`));
      });
    });
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The embedded hub did not report ready within ${formatMs(timeoutMs)}.`)),
      timeoutMs,
    );
  });

  let url: string;
  try {
    url = await Promise.race([ready, timeout]);
  } catch (error) {
    if (exitCode === null) child.kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }

  const stop = async (graceMs = 5_000): Promise<void> => {
    if (exitCode !== null) return;
    child.postMessage({ type: 'stop' });
    if (await exitsWithin(exited, graceMs)) return;
    log(`[hub] did not stop within ${graceMs} ms; killing it.`);
    child.kill();
    // kill() is SIGTERM on POSIX; if even that hangs, Electron ends the process when the app exits.
    await exitsWithin(exited, graceMs);
  };

  return { url, exited, stop };
}

async function exitsWithin(exited: Promise<number>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const outcome = await Promise.race([exited.then(() => true as const), gaveUp]);
  clearTimeout(timer);
  return outcome;
}

/**
 * The hub prints a login link with the admin secret for people at a terminal; a desktop app's
 * output can end up in system logs, so the secret never leaves through it.
 */
export function redact(line: string, token: string): string {
  const withoutOurs = token === '' ? line : line.split(token).join('<console token>');
  return withoutOurs.replace(/\bmc_[A-Za-z0-9_-]{20,}/g, 'mc_<redacted>');
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
