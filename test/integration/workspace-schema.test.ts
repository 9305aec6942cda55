import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFile, schemaText } from '../../scripts/write-schema.ts';
import { loadWorkspaceFile } from '../../electron/hub/workspace/load.ts';
import { defaultDemoWorkspace } from '../../electron/hub/config.ts';

describe('workspace schema and demo workspace', () => {
  it('the committed JSON Schema matches the zod schemas (run `npm run schema` after changing them)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(schemaText());
  });

  it('the demo workspace shipped in assets/ is valid', async () => {
    const result = await loadWorkspaceFile(defaultDemoWorkspace(), { MC_DEMO_URL: 'http://127.0.0.1:4821' });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
