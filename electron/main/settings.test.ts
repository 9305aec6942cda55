import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, loadSettings, parseSettings, saveHubChoice, saveWallAssignments, workspaceArg } from './settings.ts';

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

describe('saveWallAssignments', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-settings-'));
    file = join(dir, 'settings.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const walls = [
    { wallId: 'main', displayId: 2779098405 },
    { wallId: 'cdn', displayId: -3 },
  ];

  it('creates the file (and the app-data folder) on a first run, owner-only, and loadSettings reads it back', () => {
    const nested = join(dir, 'Mission Control', 'settings.json');
    expect(saveWallAssignments(nested, walls)).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(nested, 'utf8'))).toEqual({ walls });
    if (process.platform !== 'win32') expect(statSync(nested).mode & 0o077).toBe(0);
    expect(loadSettings(nested, () => expect.unreachable())).toEqual({ hub: { mode: 'embedded' }, walls });
  });

  it('replaces only the walls, keeping every other key as written', () => {
    const hub = { mode: 'embedded', workspace: '/w/room.yaml', demo: false };
    writeFileSync(file, JSON.stringify({ hub, walls: [{ wallId: 'old', displayId: 1 }] }));
    expect(saveWallAssignments(file, walls)).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ hub, walls });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('writes a new file and renames it over the old one (never half a file)', () => {
    writeFileSync(file, JSON.stringify({ walls: [] }));
    const before = statSync(file).ino;
    expect(saveWallAssignments(file, walls)).toEqual({ ok: true });
    expect(statSync(file).ino).not.toBe(before);
  });

  it.each([
    ['broken JSON', '{ "walls": [', 'is not valid JSON'],
    ['a schema error', JSON.stringify({ hub: { mode: 'cloud' } }), 'is invalid: fix or remove it'],
  ])('leaves a file with %s alone, saying why', (_name, text, why) => {
    writeFileSync(file, text);
    const result = saveWallAssignments(file, walls);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining(why) });
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    // …and the app still starts on the defaults from it, as before.
    expect(loadSettings(file, () => undefined)).toEqual(defaultSettings());
  });

  it('says so when the file cannot be read (a folder where it should be), writing nothing', () => {
    const blocked = join(dir, 'settings.json');
    mkdirSync(blocked); // a folder where the file should be
    expect(saveWallAssignments(blocked, walls)).toMatchObject({ ok: false, error: expect.stringContaining('cannot read') });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});

describe('saveHubChoice (the console’s Hub card)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-settings-'));
    file = join(dir, 'settings.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces only the hub, keeping the walls and every other key, owner-only, and the next start reads it', () => {
    const walls = [{ wallId: 'main', displayId: 2 }];
    writeFileSync(file, JSON.stringify({ hub: { mode: 'embedded', workspace: '/w/room.yaml' }, walls }));
    const hub = { mode: 'remote', url: 'https://hub.example.com', token: 'mc_room' } as const;
    expect(saveHubChoice(file, hub)).toEqual({ ok: true });
    const joined = { ...hub, embedded: { workspace: '/w/room.yaml' } };
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ hub: joined, walls });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(loadSettings(file, () => expect.unreachable())).toEqual({ hub: joined, walls });

    // Another shared hub after this one: the embedded hub's settings still ride along.
    expect(saveHubChoice(file, { mode: 'remote', url: 'https://hub2.example.com', token: 'mc_other' })).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ hub: { url: 'https://hub2.example.com', embedded: { workspace: '/w/room.yaml' } } });

    expect(saveHubChoice(file, { mode: 'embedded' })).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ hub: { mode: 'embedded', workspace: '/w/room.yaml' }, walls });
  });

  it('leaves a broken file alone, saying why', () => {
    writeFileSync(file, '{ "hub": ');
    expect(saveHubChoice(file, { mode: 'embedded' })).toMatchObject({ ok: false, error: expect.stringContaining('is not valid JSON') });
    expect(readFileSync(file, 'utf8')).toBe('{ "hub": ');
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
