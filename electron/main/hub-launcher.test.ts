import { describe, expect, it } from 'vitest';
import { FakeUtilityProcess } from './testing/fake-electron.ts';
import { hubEnv, launchEmbeddedHub, normalizeHubUrl } from './hub-launcher.ts';
import type { EmbeddedHubOptions, Fork } from './hub-launcher.ts';

/** A fork that records its call and hands the child to `script` to act as the hub. */
function fakeFork(script: (child: FakeUtilityProcess) => void) {
  const calls: { modulePath: string; args: string[]; options: Record<string, unknown> }[] = [];
  let child: FakeUtilityProcess | undefined;
  const fork = ((modulePath: string, args: string[], options: Record<string, unknown>) => {
    calls.push({ modulePath, args, options });
    child = new FakeUtilityProcess();
    const c = child;
    setTimeout(() => script(c), 1);
    return c;
  }) as unknown as Fork;
  return { fork, calls, child: () => child as FakeUtilityProcess };
}

function options(fork: Fork, extra: Partial<EmbeddedHubOptions> = {}): EmbeddedHubOptions {
  return {
    fork,
    hubEntry: '/app/dist/electron/hub.mjs',
    dataDir: '/data/Mission Control/hub',
    uiDir: '/app/dist/renderer',
    token: 'secret-token',
    demo: true,
    timeoutMs: 200,
    baseEnv: { PATH: '/usr/bin', MC_PORT: '9999', MISSION_CONTROL_ADMIN_TOKEN: 'stale', HOME: '/home/me' },
    log: () => undefined,
    ...extra,
  };
}

describe('hubEnv', () => {
  it('configures the hub entirely through the environment', () => {
    const env = hubEnv(options((() => undefined) as unknown as Fork, { workspace: '/w/room.yaml', demo: false }), {
      PATH: '/usr/bin',
      MC_PORT: '9999',
      MC_DEMO: '1',
      MISSION_CONTROL_ADMIN_TOKEN: 'stale',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      MC_HOST: '127.0.0.1',
      MC_PORT: '0',
      MC_DATA_DIR: '/data/Mission Control/hub',
      MC_UI_DIR: '/app/dist/renderer',
      MC_ALLOWED_ORIGINS: 'app://mission-control',
      MC_WORKSPACE: '/w/room.yaml',
      MISSION_CONTROL_ADMIN_TOKEN: 'secret-token',
    });
  });

  it('sets MC_DEMO=1 only for the demo', () => {
    const fork = (() => undefined) as unknown as Fork;
    expect(hubEnv(options(fork, { demo: true }), {})).toMatchObject({ MC_DEMO: '1', MC_DEMO_PORT: '0' });
    expect(hubEnv(options(fork, { demo: false }), {}).MC_DEMO).toBeUndefined();
    expect(hubEnv(options(fork, { demo: false }), {}).MC_DEMO_PORT).toBeUndefined();
  });
});

describe('launchEmbeddedHub', () => {
  it('forks the hub entry as a utility process and resolves with its URL on ready', async () => {
    const hub = fakeFork((child) => {
      child.stdout.write('listening\n');
      child.stdout.write('  open: http://127.0.0.1:43117/#/login?token=secret-token\n');
      child.stdout.write('  admin token: mc_abcdefghijklmnopqrstuvwxyz\n');
      child.emit('message', { type: 'ready', url: 'http://127.0.0.1:43117' });
    });
    const lines: string[] = [];
    const launched = await launchEmbeddedHub(options(hub.fork, { log: (line) => lines.push(line) }));

    expect(launched.url).toBe('http://127.0.0.1:43117');
    expect(hub.calls).toHaveLength(1);
    const [call] = hub.calls;
    expect(call?.modulePath).toBe('/app/dist/electron/hub.mjs');
    expect(call?.args).toEqual([]);
    expect(call?.options).toMatchObject({ serviceName: 'Mission Control hub', stdio: 'pipe' });
    expect(call?.options.env).toMatchObject({ MC_PORT: '0', MC_DEMO: '1', MISSION_CONTROL_ADMIN_TOKEN: 'secret-token', PATH: '/usr/bin' });
    expect(lines).toContain('[hub] listening');
    // The admin secret never reaches the app's output (which may end up in system logs).
    expect(lines).toContain('[hub]   open: http://127.0.0.1:43117/#/login?token=<console token>');
    expect(lines).toContain('[hub]   admin token: mc_<redacted>');
    expect(lines.join('\n')).not.toContain('secret-token');
    expect(hub.child().killed).toBe(false);
  });

  it('rejects with the hub’s own error message and kills it', async () => {
    const hub = fakeFork((child) => child.emit('message', { type: 'error', message: 'workspace.yaml:3: unknown field "sorces"' }));
    await expect(launchEmbeddedHub(options(hub.fork))).rejects.toThrow(
      'The embedded hub failed to start: workspace.yaml:3: unknown field "sorces"',
    );
    expect(hub.child().killed).toBe(true);
  });

  it('rejects when the hub exits before it is ready', async () => {
    const hub = fakeFork((child) => child.exit(1));
    await expect(launchEmbeddedHub(options(hub.fork))).rejects.toThrow('The embedded hub exited (code 1) before it was ready.');
    expect(hub.child().killed).toBe(false); // nothing left to kill
  });

  it('says why, from the hub’s last error line, when it exits early', async () => {
    const hub = fakeFork((child) => {
      child.stderr.write('mission-control: no workspace: pass --workspace FILE\n\n');
      setTimeout(() => child.exit(2), 5);
    });
    await expect(launchEmbeddedHub(options(hub.fork))).rejects.toThrow(
      'The embedded hub exited (code 2) before it was ready. mission-control: no workspace: pass --workspace FILE',
    );
  });

  it('rejects and kills a hub that never reports ready', async () => {
    const hub = fakeFork(() => undefined);
    const started = Date.now();
    await expect(launchEmbeddedHub(options(hub.fork, { timeoutMs: 50 }))).rejects.toThrow(
      'The embedded hub did not report ready within 50 ms.',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(hub.child().killed).toBe(true);
  });

  it('rejects a ready message with an unusable URL', async () => {
    const hub = fakeFork((child) => child.emit('message', { type: 'ready', url: 'file:///tmp/hub.sock' }));
    await expect(launchEmbeddedHub(options(hub.fork))).rejects.toThrow('unusable URL');
    expect(hub.child().killed).toBe(true);
  });

  it('ignores unrelated messages while waiting', async () => {
    const hub = fakeFork((child) => {
      child.emit('message', 'hello');
      child.emit('message', { type: 'progress' });
      child.emit('message', { type: 'ready', url: 'http://127.0.0.1:1234/' });
    });
    expect((await launchEmbeddedHub(options(hub.fork))).url).toBe('http://127.0.0.1:1234');
  });

  it('stops by asking first', async () => {
    const hub = fakeFork((child) => child.emit('message', { type: 'ready', url: 'http://127.0.0.1:1' }));
    const launched = await launchEmbeddedHub(options(hub.fork));
    const child = hub.child();
    await launched.stop(1_000);
    expect(child.posted).toEqual([{ type: 'stop' }]);
    expect(child.killed).toBe(false);
    expect(await launched.exited).toBe(0);
  });

  it('kills a hub that does not stop within the grace period', async () => {
    const hub = fakeFork((child) => child.emit('message', { type: 'ready', url: 'http://127.0.0.1:1' }));
    const launched = await launchEmbeddedHub(options(hub.fork));
    hub.child().exitsOnStop = false;
    await launched.stop(30);
    expect(hub.child().posted).toEqual([{ type: 'stop' }]);
    expect(hub.child().killed).toBe(true);
    expect(await launched.exited).toBe(143);
  });

  it('gives up waiting for a hub that ignores even kill', async () => {
    const hub = fakeFork((child) => child.emit('message', { type: 'ready', url: 'http://127.0.0.1:1' }));
    const launched = await launchEmbeddedHub(options(hub.fork));
    hub.child().exitsOnStop = false;
    hub.child().exitsOnKill = false;
    await launched.stop(20); // returns instead of hanging the app's quit
    expect(hub.child().killed).toBe(true);
  });
});

describe('normalizeHubUrl', () => {
  it.each([
    ['https://hub.example.com', 'https://hub.example.com'],
    ['https://hub.example.com/', 'https://hub.example.com'],
    ['http://10.0.0.5:4820/mc/?x=1#y', 'http://10.0.0.5:4820/mc'],
  ])('%s → %s', (input, output) => expect(normalizeHubUrl(input)).toBe(output));

  it.each(['ftp://hub.example.com', 'file:///etc/passwd', 'https://u:p@hub.example.com', 'hub.example.com', '', 7])(
    'refuses %j',
    (input) => expect(normalizeHubUrl(input)).toBeNull(),
  );
});
