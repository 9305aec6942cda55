/**
 * The desktop app's own settings (settings.json in the app-data folder): which hub to use and which
 * wall goes on which display. Read once at start-up; a bad file never stops the app — it falls
 * back to the defaults and says exactly what was wrong.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const SETTINGS_FILE = 'settings.json';

const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const { protocol, username, password } = new URL(value);
      return (protocol === 'http:' || protocol === 'https:') && username === '' && password === '';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials');

const embeddedOptions = {
  /** A workspace file for the embedded hub; without one it runs the demo. */
  workspace: z.string().min(1).optional(),
  /** Start the simulated platform beside the hub (default: only when no workspace is given). */
  demo: z.boolean().optional(),
};

const embeddedHub = z.strictObject({ mode: z.literal('embedded'), ...embeddedOptions });

const remoteHub = z.strictObject({
  mode: z.literal('remote'),
  url: httpUrl,
  token: z.string().min(1).max(1024),
  /** The embedded hub's settings from before the join, put back by "Use the embedded hub again". */
  embedded: z.strictObject(embeddedOptions).optional(),
});

export const wallAssignmentSchema = z.strictObject({
  /** Goes into the UI route #/wall/<wallId>. */
  wallId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "-" and "." only (1–64)'),
  /** An id from screen.getAllDisplays() (the console's settings page lists them). */
  displayId: z.number().int(),
});

export const MAX_WALL_ASSIGNMENTS = 32;

export const settingsSchema = z.strictObject({
  hub: z.discriminatedUnion('mode', [embeddedHub, remoteHub]).default({ mode: 'embedded' }),
  walls: z.array(wallAssignmentSchema).max(MAX_WALL_ASSIGNMENTS).default([]),
});

export type Settings = z.infer<typeof settingsSchema>;
export type HubSettings = Settings['hub'];
export type WallAssignment = z.infer<typeof wallAssignmentSchema>;

export function defaultSettings(): Settings {
  return { hub: { mode: 'embedded' }, walls: [] };
}

export function parseSettings(json: unknown): { ok: true; settings: Settings } | { ok: false; error: string } {
  const result = settingsSchema.safeParse(json);
  return result.success ? { ok: true, settings: result.data } : { ok: false, error: z.prettifyError(result.error) };
}

export function loadSettings(file: string, log: (message: string) => void = console.error): Settings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // No file yet is the normal first run; anything else is worth a line.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`[settings] cannot read ${file}: ${String(error)}; using defaults.`);
    return defaultSettings();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    log(`[settings] ${file} is not valid JSON (${(error as Error).message}); using defaults.`);
    return defaultSettings();
  }
  const parsed = parseSettings(json);
  if (parsed.ok) return parsed.settings;
  log(`[settings] ${file} is invalid; using defaults.\n${parsed.error}`);
  return defaultSettings();
}

export type SaveResult = { ok: true } | { ok: false; error: string };

/**
 * Write one top-level key of the settings file, keeping every other key as it is. The file is
 * written whole to a temporary file beside it and renamed over it, so a crash mid-save leaves the
 * old file or the new one, never half of one. A file that is there but does not parse or validate
 * is not overwritten (the app runs on the defaults meanwhile): the answer says what is wrong with
 * it, and nothing is saved until someone fixes or removes it.
 */
function saveSettingsKey<K extends keyof Settings>(file: string, key: K, value: Settings[K] | ((current: Settings) => Settings[K])): SaveResult {
  let current = defaultSettings();
  let json: Record<string, unknown> = {};
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, error: `cannot read ${file}: ${(error as Error).message}` };
  }
  if (text !== null) {
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      return { ok: false, error: `${file} is not valid JSON (${(error as Error).message}): fix or remove it, then save again` };
    }
    const parsed = parseSettings(json);
    if (!parsed.ok) return { ok: false, error: `${file} is invalid: fix or remove it, then save again.\n${parsed.error}` };
    current = parsed.settings;
  }
  const next = { ...json, [key]: typeof value === 'function' ? value(current) : value };
  const checked = parseSettings(next);
  if (!checked.ok) return { ok: false, error: checked.error };
  // Owner-only: the file may hold a remote hub's token.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Flushed before the rename: a power cut must leave the old file or the new one, never an empty one.
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeFileSync(fd, `${JSON.stringify(next, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    return { ok: false, error: `cannot write ${file}: ${(error as Error).message}` };
  }
  return { ok: true };
}

/** Save the wall assignments (the console's Displays card) into the settings file. */
export function saveWallAssignments(file: string, walls: readonly WallAssignment[]): SaveResult {
  return saveSettingsKey(file, 'walls', walls.map(({ wallId, displayId }) => ({ wallId, displayId })));
}

/**
 * Save which hub the app uses (the console's Hub card) into the settings file; used from the next
 * start. Joining a remote hub keeps the embedded hub's settings (workspace, demo) beside it, and
 * going back to the embedded hub puts them back: a round trip through a shared hub loses nothing.
 */
export function saveHubChoice(file: string, choice: { mode: 'remote'; url: string; token: string } | { mode: 'embedded' }): SaveResult {
  return saveSettingsKey(file, 'hub', ({ hub }): HubSettings => {
    const embedded = hub.mode === 'embedded' ? embeddedOf(hub) : hub.embedded;
    if (choice.mode === 'embedded') return { mode: 'embedded', ...embedded };
    return { mode: 'remote', url: choice.url, token: choice.token, ...(embedded && Object.keys(embedded).length > 0 ? { embedded } : {}) };
  });
}

function embeddedOf(hub: Extract<HubSettings, { mode: 'embedded' }>): NonNullable<Extract<HubSettings, { mode: 'remote' }>['embedded']> {
  return { ...(hub.workspace !== undefined ? { workspace: hub.workspace } : {}), ...(hub.demo !== undefined ? { demo: hub.demo } : {}) };
}

/** `--workspace <file>` or `--workspace=<file>` on the command line (`npm start -- --workspace x.yaml`). */
export function workspaceArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || undefined;
    if (arg === '--workspace') return argv[i + 1];
  }
  return undefined;
}
