/**
 * The hub's configuration, from flags with environment-variable equivalents (flags win), so the
 * same entry serves `npm run serve`, `npm start`'s browser mode and the Electron utility process.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DESKTOP_APP_ORIGIN } from '../../shared/protocol/origins.ts';
import { defaultDataDir } from './paths.ts';

export interface HubConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly dataDir: string;
  /** The workspace file; null with --demo means the demo workspace from assets/. */
  readonly workspaceFile: string | null;
  readonly demo: boolean;
  readonly demoPort: number;
  readonly demoSpeed: number;
  /** The demo scenario's minute to start at (the outage is at minute 95). Default 0. */
  readonly demoStartAtMinutes?: number;
  readonly uiDir: string | null;
  readonly allowedOrigins: readonly string[];
  readonly adminTokenSeed: string | undefined;
  /** Requests (HTTP and socket events) allowed per token per second, sustained. */
  readonly rateLimitPerSecond: number;
  readonly watchWorkspace: boolean;
}

export class ConfigError extends Error {}

const here = dirname(fileURLToPath(import.meta.url));

/** The built UI: beside the bundled hub (dist/electron → dist/renderer) or from the source tree. */
function defaultUiDir(): string | null {
  const candidates = [resolve(here, '../renderer'), resolve(here, '../../dist/renderer')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
}

/** The plan templates the app ships (assets/templates), from source or the built app. */
export function defaultTemplatesDir(): string | null {
  const candidates = [resolve(here, '../../assets/templates'), resolve(here, '../assets/templates')];
  return candidates.find((dir) => existsSync(dir)) ?? null;
}

export function defaultDemoWorkspace(): string {
  const candidates = [resolve(here, '../../assets/demo/workspace.yaml'), resolve(here, '../assets/demo/workspace.yaml')];
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}

function int(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

const truthy = (v: string | undefined) => v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

export const usage = `Usage: npm run serve -- [options]
  --host HOST          address to bind (MC_HOST, default 127.0.0.1)
  --port PORT          port, 0 for any free one (MC_PORT, default 4820)
  --data DIR           data folder (MC_DATA_DIR, default: the app-data folder)
  --workspace FILE     workspace YAML (MC_WORKSPACE)
  --demo               also run the simulated streaming platform (MC_DEMO=1);
                       without --workspace, use the demo workspace
  --demo-port PORT     the demo platform's port (MC_DEMO_PORT, default 4821, 0 = any)
  --speed N            run the demo scenario N times faster (MC_DEMO_SPEED, default 1)
  --start-at MINUTES   start the demo's match night at this minute (MC_DEMO_START_AT, default 0;
                       the outage is at minute 95: 80 reaches it 15 minutes after the start)
  --help               this text
Environment only: MC_UI_DIR (built UI folder), MC_ALLOWED_ORIGINS (extra socket origins,
comma-separated), MISSION_CONTROL_ADMIN_TOKEN (seed the admin token), MC_RATE_LIMIT (per token per s),
MC_DEMO_PROMETHEUS=off (no Prometheus beside the demo), MC_PROMETHEUS_BIN (its binary; default: on the PATH).`;

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): HubConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        workspace: { type: 'string' },
        demo: { type: 'boolean' },
        'demo-port': { type: 'string' },
        speed: { type: 'string' },
        'start-at': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help) return 'help';
  const port = int('--port', values.port ?? env.MC_PORT, 4820, 0, 65535);
  const demoPort = int('--demo-port', values['demo-port'] ?? env.MC_DEMO_PORT, 4821, 0, 65535);
  const rateLimitPerSecond = int('MC_RATE_LIMIT', env.MC_RATE_LIMIT, 50, 1, 100_000);
  const demo = values.demo ?? truthy(env.MC_DEMO);
  const workspace = values.workspace ?? env.MC_WORKSPACE;
  if (!workspace && !demo) throw new ConfigError('no workspace: pass --workspace FILE (or MC_WORKSPACE), or --demo to run on the demo platform');
  const speed = Number(values.speed ?? env.MC_DEMO_SPEED ?? 1);
  if (!(speed > 0 && speed <= 10_000)) throw new ConfigError(`--speed must be a number above 0, got "${values.speed ?? env.MC_DEMO_SPEED}"`);
  const startAtText = values['start-at'] ?? env.MC_DEMO_START_AT;
  const startAt = Number(startAtText ?? 0);
  if (!(startAt >= 0 && startAt <= 240)) throw new ConfigError(`--start-at must be a scenario minute from 0 to 240, got "${startAtText}"`);
  return {
    host: values.host ?? env.MC_HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(values.data ?? env.MC_DATA_DIR ?? defaultDataDir(env, process.platform, demo && !workspace)),
    workspaceFile: workspace ? resolve(workspace) : null,
    demo,
    demoPort,
    demoSpeed: speed,
    demoStartAtMinutes: startAt,
    uiDir: env.MC_UI_DIR ? resolve(env.MC_UI_DIR) : defaultUiDir(),
    allowedOrigins: [...new Set([DESKTOP_APP_ORIGIN, ...(env.MC_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)])],
    adminTokenSeed: env.MISSION_CONTROL_ADMIN_TOKEN || undefined,
    rateLimitPerSecond,
    watchWorkspace: true,
  };
}
