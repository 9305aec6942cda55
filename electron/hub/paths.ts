import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Mission Control';

/**
 * Where the hub keeps its data when not told otherwise: the same folder Electron's
 * app.getPath('userData') gives on each OS, plus "hub" ("hub-demo" for the bundled demo, so its
 * incidents, posts and plan never show up in the room's own workspace), so the desktop app and
 * `npm start`'s browser mode share one store.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, demo = false): string {
  const home = homedir();
  let base: string;
  if (platform === 'win32') base = env.APPDATA ?? join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') base = join(home, 'Library', 'Application Support');
  else base = env.XDG_CONFIG_HOME ?? join(home, '.config');
  return join(base, APP_NAME, demo ? 'hub-demo' : 'hub');
}
