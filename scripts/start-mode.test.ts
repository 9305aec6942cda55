import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserLaunch, electronLaunch, exitCodeFor, findElectronBinary, hasWorkspace } from './start-mode.ts';
import type { RequireLike } from './start-mode.ts';

const pkgDir = '/repo/node_modules/electron';

function fakeRequire(options: { installed?: boolean; entry?: () => unknown } = {}): RequireLike & { loaded: number } {
  const fn = Object.assign(
    (id: string) => {
      if (id !== 'electron') throw new Error(`unexpected require(${id})`);
      fn.loaded++;
      return (options.entry ?? (() => join(pkgDir, 'dist', 'electron')))();
    },
    {
      loaded: 0,
      resolve: (id: string) => {
        if (options.installed === false) throw new Error(`Cannot find module '${id}'`);
        return join(pkgDir, 'package.json');
      },
    },
  );
  return fn;
}

describe('findElectronBinary', () => {
  const read = () => 'electron';

  it('finds the binary when it is installed', () => {
    const files = new Set([join(pkgDir, 'path.txt'), join(pkgDir, 'dist', 'electron')]);
    expect(findElectronBinary(fakeRequire(), (p) => files.has(p), read, {})).toBe(join(pkgDir, 'dist', 'electron'));
  });

  it('returns null, without loading the package (which would try to download), when the binary never installed', () => {
    const req = fakeRequire({ entry: () => { throw new Error('Electron failed to install correctly'); } });
    expect(findElectronBinary(req, () => false, read, {})).toBeNull();
    expect(req.loaded).toBe(0);
  });

  it('returns null when path.txt exists but the binary was removed', () => {
    const req = fakeRequire();
    expect(findElectronBinary(req, (p) => p === join(pkgDir, 'path.txt'), read, {})).toBeNull();
    expect(req.loaded).toBe(0);
  });

  it('returns null when the package is not installed at all', () => {
    expect(findElectronBinary(fakeRequire({ installed: false }), () => true, read, {})).toBeNull();
  });

  it('returns null when the package throws anyway', () => {
    const req = fakeRequire({ entry: () => { throw new Error('Electron failed to install correctly'); } });
    expect(findElectronBinary(req, () => true, read, {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the package does', () => {
    const files = new Set([join(pkgDir, 'path.txt'), '/opt/electron/electron']);
    const req = fakeRequire({ entry: () => '/opt/electron/electron' });
    expect(findElectronBinary(req, (p) => files.has(p), read, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toBe(
      '/opt/electron/electron',
    );
  });
});

describe('launches', () => {
  it('runs Electron on the app folder, passing arguments through', () => {
    const launch = electronLaunch('/bin/electron', ['--workspace', 'room.yaml'], { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' });
    expect(launch).toEqual({ command: '/bin/electron', args: ['.', '--workspace', 'room.yaml'], env: { PATH: '/bin' } });
  });

  it('runs the hub with the demo and the persisted token in browser mode', () => {
    const launch = browserLaunch({ execPath: '/usr/bin/node', root: '/repo', args: [], env: { PATH: '/bin' }, token: 'tok' });
    expect(launch.command).toBe('/usr/bin/node');
    expect(launch.args).toEqual([join('/repo', 'electron', 'hub', 'cli.ts')]);
    expect(launch.env).toEqual({
      PATH: '/bin',
      MC_DEMO: '1',
      MC_UI_DIR: join('/repo', 'dist', 'renderer'),
      MISSION_CONTROL_ADMIN_TOKEN: 'tok',
    });
  });

  it('leaves the demo off when a workspace is given, and passes the arguments on', () => {
    const launch = browserLaunch({ execPath: 'node', root: '/repo', args: ['--workspace', 'room.yaml'], env: {}, token: 'tok' });
    expect(launch.env.MC_DEMO).toBeUndefined();
    expect(launch.args.slice(1)).toEqual(['--workspace', 'room.yaml']);
  });

  it('keeps what the user set explicitly', () => {
    const env = { MISSION_CONTROL_ADMIN_TOKEN: 'mine', MC_DEMO: '0', MC_UI_DIR: '/ui' };
    expect(browserLaunch({ execPath: 'node', root: '/repo', args: [], env, token: 'tok' }).env).toMatchObject(env);
  });

  it.each([
    [['--workspace', 'x.yaml'], {}, true],
    [['--workspace=x.yaml'], {}, true],
    [[], { MC_WORKSPACE: 'x.yaml' }, true],
    [['--port', '8080'], {}, false],
    [[], { MC_WORKSPACE: '' }, false],
  ])('hasWorkspace(%j, %j) → %s', (args, env, expected) => expect(hasWorkspace(args, env)).toBe(expected));
});

describe('exitCodeFor', () => {
  it('passes the exit code on, or 128 + the signal', () => {
    expect(exitCodeFor(0, null)).toBe(0);
    expect(exitCodeFor(3, null)).toBe(3);
    expect(exitCodeFor(null, 'SIGINT')).toBe(130);
    expect(exitCodeFor(null, 'SIGTERM')).toBe(143);
    expect(exitCodeFor(null, null)).toBe(1);
  });
});
