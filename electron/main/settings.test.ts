import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, loadSettings, parseSettings, workspaceArg } from './settings.ts';

describe('loadSettings', () => {
  let dir: string;
  let file: string;
  let logged: string[];
  const log = (message: string) => logged.push(message);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-settings-'));
    file = join(dir, 'settings.json');
    logged = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the embedded hub and no walls when there is no file, silently', () => {
    expect(loadSettings(file, log)).toEqual({ hub: { mode: 'embedded' }, walls: [] });
    expect(logged).toEqual([]);
  });

  it('reads a remote hub and wall assignments', () => {
    writeFileSync(
      file,
      JSON.stringify({
        hub: { mode: 'remote', url: 'https://hub.example.com', token: 'abc' },
        walls: [
          { wallId: 'main', displayId: 2 },
          { wallId: 'cdn-health', displayId: 3 },
        ],
      }),
    );
    expect(loadSettings(file, log)).toEqual({
      hub: { mode: 'remote', url: 'https://hub.example.com', token: 'abc' },
      walls: [
        { wallId: 'main', displayId: 2 },
        { wallId: 'cdn-health', displayId: 3 },
      ],
    });
    expect(logged).toEqual([]);
  });

  it('falls back to the defaults on broken JSON, saying so', () => {
    writeFileSync(file, '{ "hub": { "mode": "remote", ');
    expect(loadSettings(file, log)).toEqual(defaultSettings());
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`${file} is not valid JSON`);
  });

  it('falls back to the defaults on a schema error, naming the field', () => {
    writeFileSync(file, JSON.stringify({ hub: { mode: 'remote', url: 'file:///etc/passwd', token: 'x' } }));
    expect(loadSettings(file, log)).toEqual(defaultSettings());
    expect(logged[0]).toContain(`${file} is invalid; using defaults.`);
    expect(logged[0]).toContain('must be an http(s) URL without credentials');
    expect(logged[0]).toContain('hub.url');
  });

  it('falls back when the file cannot be read (a folder where the file should be)', () => {
    expect(loadSettings(dir, log)).toEqual(defaultSettings());
    expect(logged[0]).toContain('cannot read');
  });

  it('returns a fresh defaults object every time', () => {
    const a = loadSettings(file, log);
    a.walls.push({ wallId: 'x', displayId: 1 });
    expect(loadSettings(file, log).walls).toEqual([]);
  });
});

describe('parseSettings', () => {
  it.each([
    [{ hub: { mode: 'cloud' } }, 'hub'],
    [{ hub: { mode: 'remote', url: 'https://h.example' } }, 'token'],
    [{ hub: { mode: 'remote', url: 'https://user:pw@h.example', token: 't' } }, 'hub.url'],
    [{ walls: [{ wallId: '../../etc', displayId: 1 }] }, 'walls[0].wallId'],
    [{ walls: [{ wallId: 'main', displayId: 'HDMI-1' }] }, 'walls[0].displayId'],
    [{ walls: [{ wallId: 'main', displayId: 1.5 }] }, 'walls[0].displayId'],
    [{ hub: { mode: 'embedded' }, theme: 'dark' }, 'theme'],
    [[], ''],
  ])('rejects %j (mentions %s)', (json, where) => {
    const result = parseSettings(json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(where);
  });

  it('accepts an embedded hub with a workspace and an explicit demo flag', () => {
    expect(parseSettings({ hub: { mode: 'embedded', workspace: '/w/room.yaml', demo: true } })).toEqual({
      ok: true,
      settings: { hub: { mode: 'embedded', workspace: '/w/room.yaml', demo: true }, walls: [] },
    });
  });
});

describe('workspaceArg', () => {
  it.each([
    [['/opt/electron', '.', '--workspace', 'room.yaml'], 'room.yaml'],
    [['/opt/electron', '.', '--workspace=room.yaml'], 'room.yaml'],
    [['/opt/Mission Control'], undefined],
    [['app', '--workspace'], undefined],
    [['app', '--workspace='], undefined],
  ])('%j → %s', (argv, expected) => expect(workspaceArg(argv)).toBe(expected));
});
