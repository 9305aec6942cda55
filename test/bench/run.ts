/**
 * `npm run bench [-- NAME...]`: run the benchmarks under test/bench (each *.bench.ts exports
 * run()), print their human-readable lines, then every figure as one JSON object per line.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Figure } from './report.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const figures: Figure[] = [];
for (const file of benches) {
  console.log(`== ${file}`);
  const mod = (await import(new URL(file, import.meta.url).href)) as { run: () => Promise<Figure[]> };
  figures.push(...(await mod.run()));
}
for (const f of figures) console.log(JSON.stringify(f));
process.exit(0);
