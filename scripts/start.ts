/**
 * `npm start` (after the build): the desktop app when Electron is installed, otherwise the hub in
 * browser mode, which prints the URL and a login link. Extra arguments pass through:
 *   npm start -- --workspace my-room.yaml
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defaultDataDir } from '../electron/hub/paths.ts';
import { CONSOLE_TOKEN_FILE, ensureConsoleToken } from '../electron/main/console-token.ts';
import { BROWSER_MODE_NOTICE, browserLaunch, electronLaunch, exitCodeFor, findElectronBinary } from './start-mode.ts';
import type { Launch } from './start-mode.ts';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function chooseLaunch(): Launch {
  const binary = findElectronBinary(createRequire(import.meta.url), existsSync, (p) => readFileSync(p, 'utf8'));
  if (binary !== null) return electronLaunch(binary, args, process.env);
  console.log(BROWSER_MODE_NOTICE);
  // Same file as the desktop app's userData/console-token, so both modes share one admin login.
  const token = ensureConsoleToken(join(dirname(defaultDataDir()), CONSOLE_TOKEN_FILE));
  return browserLaunch({ execPath: process.execPath, root, args, env: process.env, token });
}

const launch = chooseLaunch();
const child = spawn(launch.command, launch.args, { cwd: root, env: launch.env, stdio: 'inherit' });

child.on('error', (error) => {
  console.error(`Could not start ${launch.command}: ${error.message}`);
  process.exit(1);
});

// Ctrl-C in a terminal already reaches the child (same process group): forwarding it as well would
// hand the child a second SIGINT in the middle of its clean stop. Other signals — and SIGINT when
// there is no terminal (a test runner, a service manager) — are forwarded.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    child.kill(signal);
  });
}

child.on('exit', (code, signal) => process.exit(exitCodeFor(code, signal)));
