// The launcher against the real hub (electron/hub/cli.ts), in plain Node: a child process stands in
// for Electron's utility process, with a parentPort shim over Node's IPC channel. Proves the env
// contract and the ready/stop handshake end to end, as far as this machine (no Electron) allows.
import { fork as forkChild } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchEmbeddedHub } from './hub-launcher.ts';
import type { Fork } from './hub-launcher.ts';

const cli = join(import.meta.dirname, '..', 'hub', 'cli.ts');

/** child_process.fork dressed as a UtilityProcess (the part the launcher uses). */
function nodeFork(shim: string): Fork {
  // Like Electron's utility process, the child's argv holds only its own args (none here).
  return ((_modulePath: string, args: string[], options: { env?: Record<string, string> }) => {
    const child = forkChild(shim, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const proc = Object.assign(new EventEmitter(), {
      stdout: child.stdout,
      stderr: child.stderr,
      pid: child.pid,
      postMessage: (message: unknown) => child.send(message as object),
      kill: () => child.kill('SIGTERM'),
    });
    child.on('message', (message) => proc.emit('message', message));
    child.on('exit', (code, signal) => proc.emit('exit', code ?? (signal ? 128 : 1)));
    return proc;
  }) as unknown as Fork;
}

describe.skipIf(!existsSync(cli))('launchEmbeddedHub with the real hub', () => {
  let dir: string;
  let shim: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-real-hub-'));
    shim = join(dir, 'utility-shim.mjs');
    // Electron gives a utility process `process.parentPort` (messages arrive as { data }).
    writeFileSync(
      shim,
      `process.parentPort = {
  postMessage: (message) => process.send(message),
  on: (_event, listener) => process.on('message', (data) => listener({ data })),
};
await import(${JSON.stringify(pathToFileURL(cli).href)});
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the demo hub on a random loopback port, serves it with our token, and stops on request', async () => {
    const lines: string[] = [];
    const token = `mc_${'T'.repeat(43)}`; // the hub's format: see console-token.ts
    const hub = await launchEmbeddedHub({
      fork: nodeFork(shim),
      hubEntry: cli,
      dataDir: join(dir, 'hub'),
      uiDir: join(dir, 'no-ui'),
      token,
      demo: true,
      timeoutMs: 20_000,
      log: (line) => lines.push(line),
    });
    try {
      expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(hub.url).not.toBe('http://127.0.0.1:4820');
      expect(lines.some((line) => line.startsWith('[hub] Mission Control hub'))).toBe(true);
      // The hub printed its login link; the launcher passed it on without the secret.
      expect(lines.some((line) => line.includes('#/login?token=<console token>'))).toBe(true);
      expect(lines.join('\n')).not.toContain(token);
    } finally {
      await hub.stop(10_000);
    }
    expect(await hub.exited).toBe(0);
    expect(lines.some((line) => line.includes('asked to stop by the desktop app'))).toBe(true);
  }, 30_000);

  it('reports the hub’s own start-up error', async () => {
    await expect(
      launchEmbeddedHub({
        fork: nodeFork(shim),
        hubEntry: cli,
        dataDir: join(dir, 'hub2'),
        uiDir: join(dir, 'no-ui'),
        token: `mc_${'T'.repeat(43)}`,
        demo: false,
        workspace: join(dir, 'missing.yaml'),
        timeoutMs: 20_000,
        log: () => undefined,
      }),
    ).rejects.toThrow(/^The embedded hub (failed to start|exited)/);
  }, 30_000);
});
