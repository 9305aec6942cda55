// scripts/build-electron.ts, tested by building into a temporary folder with a stand-in hub entry
// (so this test does not depend on the hub compiling).
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.ts';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

function requires(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] as string))].sort();
}

describe('build-electron', () => {
  let out: string;
  const read = (file: string) => readFileSync(join(out, file), 'utf8');

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-build-'));
    out = join(dir, 'out');
    const hubEntry = join(dir, 'cli.ts');
    writeFileSync(
      hubEntry,
      "import { join } from 'node:path';\nexport const where: string = join('a', 'b');\nconsole.log(where);\n",
    );
    await buildElectron({ outDir: out, hubEntry });
  }, 30_000);
  afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('writes the main bundle where package.json "main" points', () => {
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(read('main.cjs')).toContain('"use strict"');
  });

  it('main requires only electron, Node built-ins and production dependencies', () => {
    const allowed = new Set(['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)]);
    const unexpected = requires(read('main.cjs')).filter((name) => !allowed.has(name));
    expect(unexpected).toEqual([]);
  });

  it('the preload is CommonJS that requires nothing but electron, with the channel names inlined', () => {
    const preload = read('preload.cjs');
    expect(requires(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld("missionControl"');
    expect(preload).toContain('"mc:hub-connection"');
  });

  it('the hub is an ES module with a require() available for bundled CommonJS', () => {
    const hub = read('hub.mjs');
    expect(hub).toContain('createRequire as __mcCreateRequire');
    expect(hub).toMatch(/from "node:path"/);
  });
});
