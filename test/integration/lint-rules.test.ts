/**
 * The import rules of ARCHITECTURE.md are enforced by eslint.config.js. These cases prove the
 * rules fire (a rule nobody checks is a wish), using ESLint's own API on the real config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  // One import may break a rule twice (a named package and a pattern); the set is what counts.
  return [...new Set(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message))];
}

describe('import rules', () => {
  it('forbids Node built-ins in renderer/', async () => {
    expect(await importErrors('renderer/wall/Bad.tsx', "import fs from 'node:fs';\nexport const x = fs;\n")).toEqual([expect.stringContaining('Node built-ins')]);
    expect(await importErrors('renderer/wall/Bad.tsx', "import { join } from 'path';\nexport const x = join;\n")).toHaveLength(1);
  });

  it('forbids electron in the hub and the demo', async () => {
    expect(await importErrors('electron/hub/bad.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([expect.stringContaining('Only electron/main and electron/preload')]);
    expect(await importErrors('electron/demo/bad.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
  });

  it('keeps shared/ runtime-neutral', async () => {
    expect(await importErrors('shared/domain/bad.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n")).toHaveLength(1);
    expect(await importErrors('shared/domain/bad.ts', "import { x } from '../../renderer/state/store.ts';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('keeps the preload to electron and shared/', async () => {
    expect(await importErrors('electron/preload/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await importErrors('electron/preload/ok.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n")).toEqual([]);
  });

  it('allows what each runtime really has', async () => {
    expect(await importErrors('electron/hub/ok.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n")).toEqual([]);
    expect(await importErrors('renderer/ok.ts', "import { frameKey } from '../shared/domain/frame-key.ts';\nexport const x = frameKey;\n")).toEqual([]);
    expect(await importErrors('electron/main/ok.ts', "import { app } from 'electron';\nimport { serve } from '../hub/cli.ts';\nexport const x = [app, serve];\n")).toEqual([]);
  });
});
