/**
 * Bundles the desktop shell and the hub with esbuild (run by `npm run build:electron`):
 *   electron/main/index.ts    → dist/electron/main.cjs     (CommonJS: Electron's main entry)
 *   electron/preload/index.ts → dist/electron/preload.cjs  (CommonJS: sandboxed preloads cannot load ESM)
 *   electron/hub/cli.ts       → dist/electron/hub.mjs      (ESM, forked as a utility process)
 * Our own TypeScript (and shared/) is bundled in; npm packages stay external and are loaded from
 * node_modules at run time (electron-builder packs the production dependencies).
 *
 * Options (for tests and experiments): --out-dir <dir>, --hub-entry <file>.
 */
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');

export interface ElectronBuildOptions {
  readonly outDir?: string;
  readonly hubEntry?: string;
}

/** Electron 45 runs Node 22 in its main, preload and utility processes. */
const TARGET = 'node22';

export function bundleOptions(options: ElectronBuildOptions = {}): BuildOptions[] {
  const outDir = resolve(options.outDir ?? join(ROOT, 'dist', 'electron'));
  const common = {
    bundle: true,
    platform: 'node',
    target: TARGET,
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: ROOT,
  } satisfies BuildOptions;
  return [
    {
      ...common,
      entryPoints: [join(ROOT, 'electron', 'main', 'index.ts')],
      outfile: join(outDir, 'main.cjs'),
      format: 'cjs',
      packages: 'external',
      external: ['electron'],
    },
    {
      ...common,
      entryPoints: [join(ROOT, 'electron', 'preload', 'index.ts')],
      outfile: join(outDir, 'preload.cjs'),
      format: 'cjs',
      // Only `electron` may stay a require(): shared/ constants are inlined.
      external: ['electron'],
    },
    {
      ...common,
      entryPoints: [resolve(options.hubEntry ?? join(ROOT, 'electron', 'hub', 'cli.ts'))],
      outfile: join(outDir, 'hub.mjs'),
      format: 'esm',
      packages: 'external',
      // Bundled CommonJS helpers call require(); ESM has none, so give them one.
      banner: { js: "import { createRequire as __mcCreateRequire } from 'node:module'; const require = __mcCreateRequire(import.meta.url);" },
    },
  ];
}

export async function buildElectron(options: ElectronBuildOptions = {}): Promise<void> {
  await Promise.all(bundleOptions(options).map((o) => build(o)));
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, 'hub-entry': { type: 'string' } } });
  try {
    await buildElectron({ outDir: values['out-dir'], hubEntry: values['hub-entry'] });
  } catch (error) {
    // esbuild has already printed the diagnostics; one line is enough here.
    console.error(`build:electron failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exitCode = 1;
  }
}
