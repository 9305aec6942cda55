/**
 * `npm run schema`: write the workspace JSON Schema (generated from the zod schemas) to
 * assets/workspace.schema.json, where editors find it (see the comment atop the demo workspace).
 * A test fails if the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workspaceJsonSchema } from '../electron/hub/server/openapi.ts';

export const schemaFile = fileURLToPath(new URL('../assets/workspace.schema.json', import.meta.url));

export function schemaText(): string {
  return `${JSON.stringify(workspaceJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(schemaFile, schemaText());
  console.log(`wrote ${schemaFile}`);
}
