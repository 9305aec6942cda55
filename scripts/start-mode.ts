/**
 * The decisions behind `npm start` (scripts/start.ts), as pure functions so they can be tested:
 * run the desktop app when an Electron binary is installed, otherwise run the hub in browser mode.
 */
import { constants } from 'node:os';
import { dirname, join } from 'node:path';

/** The bits of a CommonJS `require` we use (tests pass a fake). */
export interface RequireLike {
  (id: string): unknown;
  resolve(id: string): string;
}

/**
 * The Electron binary's path, or null when there is none. The `electron` package's own entry
 * returns that path, but when the binary is missing it first tries to download it (noisy, and
 * impossible on machines without access), so it is only asked once path.txt says where the binary
 * is and that file exists.
 */
export function findElectronBinary(
  requireFn: RequireLike,
  existsFn: (path: string) => boolean,
  readFn: (path: string) => string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(requireFn.resolve('electron/package.json'));
  } catch {
    return null; // not installed at all
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsFn(pathFile)) return null; // written only by a successful binary install
  const executable = readFn(pathFile).trim();
  const expected = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : join(packageDir, 'dist', executable);
  if (executable === '' || !existsFn(expected)) return null;
  try {
    const binary = requireFn('electron');
    return typeof binary === 'string' && existsFn(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const BROWSER_MODE_NOTICE =
  'Electron is not available on this machine (its binary could not be downloaded); starting Mission Control in browser mode.';

/** Whether the user named a workspace (`--workspace file`, `--workspace=file` or MC_WORKSPACE). */
export function hasWorkspace(args: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.MC_WORKSPACE) || args.some((a) => a === '--workspace' || a.startsWith('--workspace='));
}

export interface Launch {
  readonly command: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
}

export function electronLaunch(binary: string, args: readonly string[], env: NodeJS.ProcessEnv): Launch {
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
  const { ELECTRON_RUN_AS_NODE: _drop, ...rest } = env;
  return { command: binary, args: ['.', ...args], env: rest };
}

export interface BrowserLaunchOptions {
  readonly execPath: string;
  readonly root: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** The persisted console token (the same file the desktop app uses). */
  readonly token: string;
}

/** The hub, headless, serving the built UI; the demo platform too unless a workspace was given. */
export function browserLaunch(options: BrowserLaunchOptions): Launch {
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    MC_UI_DIR: options.env.MC_UI_DIR ?? join(options.root, 'dist', 'renderer'),
    // An explicitly set token wins; otherwise the persisted one, so the login link is stable.
    MISSION_CONTROL_ADMIN_TOKEN: options.env.MISSION_CONTROL_ADMIN_TOKEN ?? options.token,
  };
  if (!hasWorkspace(options.args, options.env) && env.MC_DEMO === undefined) env.MC_DEMO = '1';
  return { command: options.execPath, args: [join(options.root, 'electron', 'hub', 'cli.ts'), ...options.args], env };
}

/** The exit code to pass on: the child's, or 128 + signal number as shells do. */
export function exitCodeFor(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal !== null) return 128 + (constants.signals[signal] ?? 0);
  return 1;
}
