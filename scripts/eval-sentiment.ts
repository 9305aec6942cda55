/**
 * `npm run eval:sentiment -- FILE [--json] [--half odd|even] [--neutral-band X]`
 *
 * Score a labelled TSV set (format: shared/domain/sentiment/evaluation.ts) with the Mission
 * Control scorer and, in the same run, with the `vader-sentiment` npm package as the baseline, and
 * print Pearson r against the ratings (rating sets only), 3-class macro-F1, per-class precision,
 * recall and F1, and posts per second on one core. With --json the last line is one JSON object:
 * {"n", "pearson_r"?, "macro_f1", "per_class", "posts_per_sec", "baseline": {...same fields}}.
 *
 * Gold labels of a rating set: |rating| < 0.5 is neutral (a mean that rounds to the neutral
 * point of VADER's -4..+4 scale); --neutral-band changes the 0.5 for sets on other scales. A set
 * with both a rating and a label column takes its classes from the label.
 * Predicted labels: the compound score with each scorer's cut-offs (ours: POSITIVE_THRESHOLD /
 * NEGATIVE_THRESHOLD; vader-sentiment: its conventional ±0.05).
 * --half odd|even keeps only the 1st, 3rd, 5th... (or 2nd, 4th...) post, for split-half checks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  classification,
  DEFAULT_NEUTRAL_BAND,
  LabelledSetError,
  labelOf,
  parseLabelledSet,
  pearson,
  scoreSentiment,
  type ClassificationFigures,
  type LabelledPost,
  type SentimentLabel,
} from '../shared/domain/sentiment/index.ts';

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
const vader = createRequire(import.meta.url)('vader-sentiment') as VaderModule;

export interface ScorerFigures extends ClassificationFigures {
  n: number;
  pearson_r?: number;
  posts_per_sec: number;
}
export interface EvalReport extends ScorerFigures {
  baseline: ScorerFigures & { name: string };
}

const VADER_CUTOFF = 0.05;
const vaderLabel = (c: number): SentimentLabel => (c >= VADER_CUTOFF ? 'positive' : c <= -VADER_CUTOFF ? 'negative' : 'neutral');

/** Score every post once for the figures, warm up once more, then time whole passes for at least `minMs`. */
function measure(posts: readonly LabelledPost[], score: (text: string) => number, label: (compound: number) => SentimentLabel, minMs: number): ScorerFigures {
  const compounds = new Float64Array(posts.length);
  for (let i = 0; i < posts.length; i++) compounds[i] = score(posts[i]!.text);
  let sink = 0;
  for (let i = 0; i < posts.length; i++) sink += score(posts[i]!.text); // warm-up, untimed
  let passes = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    for (let i = 0; i < posts.length; i++) sink += score(posts[i]!.text);
    passes++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs || passes < 2);
  if (Number.isNaN(sink)) throw new Error('a scorer returned NaN');
  const predicted = Array.from(compounds, label);
  const figures: ScorerFigures = {
    n: posts.length,
    ...classification(
      posts.map((p) => p.label),
      predicted,
    ),
    posts_per_sec: Math.round((posts.length * passes * 1000) / elapsed),
  };
  if (posts[0]!.rating !== undefined) {
    figures.pearson_r = pearson(
      posts.map((p) => p.rating!),
      compounds,
    );
    // keep the documented key order: n, pearson_r, macro_f1, per_class, posts_per_sec
    const { n, pearson_r, macro_f1, per_class, posts_per_sec } = figures;
    return { n, pearson_r, macro_f1, per_class, posts_per_sec };
  }
  return figures;
}

export function evaluate(posts: readonly LabelledPost[], minMs = 1000): EvalReport {
  const ours = measure(posts, (t) => scoreSentiment(t).compound, labelOf, minMs);
  const baseline = measure(posts, (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound, vaderLabel, minMs);
  return { ...ours, baseline: { name: 'vader-sentiment', ...baseline } };
}

const f3 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));

function printHuman(file: string, kind: string, neutralBand: number, r: EvalReport): void {
  const b = r.baseline;
  const gold = kind === 'rating' ? `ratings; gold label neutral when |rating| < ${neutralBand}` : 'labels';
  console.log(`${file}: ${r.n} posts (${gold})`);
  const rows: [string, string, string][] = [];
  if (r.pearson_r !== undefined) rows.push(['pearson r', f3(r.pearson_r), f3(b.pearson_r)]);
  rows.push(['macro-F1', f3(r.macro_f1), f3(b.macro_f1)]);
  for (const c of ['negative', 'neutral', 'positive'] as const) {
    const o = r.per_class[c];
    const v = b.per_class[c];
    rows.push([`${c} P/R/F1`, `${f3(o.precision)}/${f3(o.recall)}/${f3(o.f1)}`, `${f3(v.precision)}/${f3(v.recall)}/${f3(v.f1)}`]);
  }
  rows.push(['posts/s (1 core)', String(r.posts_per_sec), String(b.posts_per_sec)]);
  console.log(`${''.padEnd(20)}${'mission-control'.padEnd(22)}vader-sentiment`);
  for (const [name, ours, theirs] of rows) console.log(`${name.padEnd(20)}${ours.padEnd(22)}${theirs}`);
}

function usage(message: string): never {
  console.error(`eval-sentiment: ${message}`);
  console.error('usage: npm run eval:sentiment -- FILE [--json] [--half odd|even] [--neutral-band X]');
  process.exit(2);
}

function main(argv: string[]): void {
  let file: string | undefined;
  let json = false;
  let half: 'odd' | 'even' | undefined;
  let neutralBand = DEFAULT_NEUTRAL_BAND;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--half') {
      const v = argv[++i];
      if (v !== 'odd' && v !== 'even') usage('--half takes odd or even');
      half = v;
    } else if (a === '--neutral-band') {
      const v = Number(argv[++i]);
      if (!(v > 0)) usage('--neutral-band takes a positive number');
      neutralBand = v;
    } else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else usage(`unexpected argument ${a}`);
  }
  if (file === undefined) usage('no FILE given');
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`eval-sentiment: cannot read ${file}: ${(err as Error).message}`);
    process.exit(1);
  }
  let set;
  try {
    set = parseLabelledSet(content, file, neutralBand);
  } catch (err) {
    if (err instanceof LabelledSetError) {
      console.error(`eval-sentiment: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const posts = half === undefined ? set.posts : set.posts.filter((_p, i) => i % 2 === (half === 'odd' ? 0 : 1));
  const report = evaluate(posts);
  printHuman(half === undefined ? file : `${file} (${half} half)`, set.kind, neutralBand, report);
  if (json) console.log(JSON.stringify(report));
}

if (import.meta.main) main(process.argv.slice(2));
