/**
 * electron-builder.yml, checked without packaging anything: against electron-builder's own
 * configuration schema (the one it validates with at build time), and against the repository
 * (the icons it names exist, the files it packs include the entry package.json points at).
 */
import { Ajv } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const schemaFile = join(root, 'node_modules', 'app-builder-lib', 'scheme.json');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  linux: { icon: string; target: string[] };
  win: { icon: string };
  mac: { icon: string };
  electronFuses: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };

function validator() {
  expect(existsSync(schemaFile), `${schemaFile} (comes with electron-builder)`).toBe(true);
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
  // The schema is draft-07, uses union types (["null", "string"]) and a few custom keywords
  // (e.g. "typeof") that only electron-builder's own validator knows: strict mode off.
  const ajv = new Ajv({ allowUnionTypes: true, strict: false, allErrors: true });
  return ajv.compile(schema);
}

/** electron-builder's `files` semantics: patterns in order, the last one that matches decides. */
function packed(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    const negated = pattern.startsWith('!');
    if (matchesGlob(file, negated ? pattern.slice(1) : pattern)) included = !negated;
  }
  return included;
}

describe('electron-builder.yml', () => {
  const validate = validator();

  it('is valid against electron-builder’s configuration schema', () => {
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each([
    ['a wrong type', { linux: { target: 42 } }],
    ['an unknown top-level key', { notAnOption: true }],
    ['an unknown fuse', { electronFuses: { runAsNode: false, makeItSafe: true } }],
    ['a wrong asar type', { asar: 'yes please' }],
  ])('rejects a copy with %s (the validation has teeth)', (_what, change) => {
    expect(validate({ ...config, ...change })).toBe(false);
  });

  it('names the app and its outputs as agreed', () => {
    expect(config.appId).toBe('io.missioncontrol.app');
    expect(config.productName).toBe('Mission Control');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'assets' });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('points at icons that exist', () => {
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      expect(existsSync(join(root, icon)), icon).toBe(true);
    }
    expect(existsSync(join(root, 'assets', 'icons', 'icon.svg'))).toBe(true);
  });

  it('packs the main entry, the preload, the hub and the UI', () => {
    expect(pkg.main).toBe('dist/electron/main.cjs');
    for (const file of [pkg.main, 'dist/electron/preload.cjs', 'dist/electron/hub.mjs', 'dist/renderer/index.html', 'package.json']) {
      expect(packed(file), file).toBe(true);
    }
  });

  it('packs the demo workspace, unpacked so the hub can watch it, but not the icons or source maps', () => {
    expect(packed('assets/demo/workspace.yaml')).toBe(true);
    expect(config.asarUnpack.some((pattern) => matchesGlob('assets/demo/workspace.yaml', pattern))).toBe(true);
    expect(packed('assets/icons/icon.png')).toBe(false);
    expect(packed('dist/electron/main.cjs.map')).toBe(false);
    expect(packed('electron/main/index.ts')).toBe(false);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
