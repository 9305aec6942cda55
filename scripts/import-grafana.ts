/**
 * `npm run import:grafana -- FILE.json [--source ID] [--prometheus-url URL] [--out FILE]`
 * Convert a Grafana dashboard export into a workspace YAML (printed, or written to --out).
 * Panels that cannot be imported are listed, with why, on stderr and in the file's header.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { convertGrafanaDashboard, GrafanaImportError } from '../electron/hub/grafana/convert.ts';
import { workspaceYamlFor } from '../electron/hub/grafana/workspace-yaml.ts';

function fail(message: string): never {
  console.error(`import:grafana: ${message}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { source: { type: 'string', default: 'prometheus' }, 'prometheus-url': { type: 'string' }, out: { type: 'string' } },
  });
} catch (error) {
  fail((error as Error).message);
}
const [file] = parsed.positionals;
if (!file) fail('usage: npm run import:grafana -- FILE.json [--source ID] [--prometheus-url URL] [--out FILE]');

let json: unknown;
try {
  json = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`cannot read ${file} as JSON: ${(error as Error).message}`);
}

try {
  const sourceId = parsed.values.source!;
  const conversion = convertGrafanaDashboard(json, { sourceId });
  const yaml = workspaceYamlFor(conversion, {
    sourceId,
    prometheusUrl: parsed.values['prometheus-url'] ?? '${PROMETHEUS_URL:-http://127.0.0.1:9090}',
    file: basename(file),
  });
  for (const s of conversion.skipped) console.error(`not imported: "${s.title}" (${s.type}): ${s.reason}`);
  for (const w of conversion.warnings) console.error(`check: ${w}`);
  console.error(`imported ${conversion.wall.panels.length} panel(s), skipped ${conversion.skipped.length}`);
  if (parsed.values.out) writeFileSync(parsed.values.out, yaml);
  else process.stdout.write(yaml);
} catch (error) {
  fail(error instanceof GrafanaImportError ? `${file}: ${error.message}` : (error as Error).message);
}
