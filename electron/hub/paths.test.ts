import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { defaultDataDir } from './paths.ts';

const dataDirOf = (argv: string[], env: NodeJS.ProcessEnv = {}): string => {
  const config = readConfig(argv, { XDG_CONFIG_HOME: '/cfg', ...env });
  if (config === 'help') throw new Error('help');
  return config.dataDir;
};

describe('default data folder', () => {
  it("keeps the bundled demo's data apart from a room's workspace", () => {
    if (process.platform !== 'linux') return; // the XDG folder below is Linux's
    expect(dataDirOf(['--demo'])).toBe(join('/cfg', 'Mission Control', 'hub-demo'));
    expect(dataDirOf(['--workspace', 'room.yaml'])).toBe(join('/cfg', 'Mission Control', 'hub'));
    // The demo platform beside a room's own workspace is that room's data.
    expect(dataDirOf(['--demo', '--workspace', 'room.yaml'])).toBe(join('/cfg', 'Mission Control', 'hub'));
    expect(dataDirOf(['--demo', '--data', '/elsewhere'])).toBe('/elsewhere');
    expect(dataDirOf(['--demo'], { MC_DATA_DIR: '/env-data' })).toBe('/env-data');
  });

  it("is the desktop app's userData folder on each OS", () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\a\\AppData\\Roaming', 'Mission Control', 'hub'));
    expect(defaultDataDir({}, 'darwin', true).endsWith(join('Library', 'Application Support', 'Mission Control', 'hub-demo'))).toBe(true);
  });
});
