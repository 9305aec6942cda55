/**
 * The desktop app's own settings (settings.json in the app-data folder): which hub to use and which
 * wall goes on which display. Read once at start-up; a bad file never stops the app — it falls
 * back to the defaults and says exactly what was wrong.
 */
import { readFileSync } from 'node:fs';
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

const embeddedHub = z.strictObject({
  mode: z.literal('embedded'),
  /** A workspace file for the embedded hub; without one it runs the demo. */
  workspace: z.string().min(1).optional(),
  /** Start the simulated platform beside the hub (default: only when no workspace is given). */
  demo: z.boolean().optional(),
});

const remoteHub = z.strictObject({
  mode: z.literal('remote'),
  url: httpUrl,
  token: z.string().min(1).max(1024),
});

const wallAssignment = z.strictObject({
  /** Goes into the UI route #/wall/<wallId>. */
  wallId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "-" and "." only (1–64)'),
  /** An id from screen.getAllDisplays() (the console's settings page lists them). */
  displayId: z.number().int(),
});

export const settingsSchema = z.strictObject({
  hub: z.discriminatedUnion('mode', [embeddedHub, remoteHub]).default({ mode: 'embedded' }),
  walls: z.array(wallAssignment).max(32).default([]),
});

export type Settings = z.infer<typeof settingsSchema>;
export type HubSettings = Settings['hub'];
export type WallAssignment = z.infer<typeof wallAssignment>;

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

/** `--workspace <file>` or `--workspace=<file>` on the command line (`npm start -- --workspace x.yaml`). */
export function workspaceArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || undefined;
    if (arg === '--workspace') return argv[i + 1];
  }
  return undefined;
}
