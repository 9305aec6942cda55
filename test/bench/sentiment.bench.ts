/**
 * Customer-pulse sentiment scorer throughput: posts scored per second on one core (one JS thread),
 * beside the `vader-sentiment` and `sentiment` npm packages on the same posts in the same run.
 * Posts: the texts of the VADER tweet development set (../shared/data/vader-tweets), or the
 * streaming-complaint fixture when that is absent, scored in whole passes; each scorer is warmed
 * up, then timed in ROUNDS interleaved rounds of at least ROUND_MS, and its best round is reported.
 * Target: at least 100,000 tweet-length posts per second.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { scoreSentiment } from '../../shared/domain/sentiment/index.ts';
import { figure, type Figure } from './report.ts';

const ROUNDS = 3;
const ROUND_MS = 1500;

const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } } };
const Sentiment = require('sentiment') as new () => { analyze(text: string): { comparative: number } };

function posts(): { source: string; texts: string[] } {
  const dev = fileURLToPath(new URL('../../../shared/data/vader-tweets/tweets_GroundTruth.txt', import.meta.url));
  if (existsSync(dev)) {
    const texts = readFileSync(dev, 'utf8')
      .split('\n')
      .map((l) => l.replace(/\r$/, '').split('\t')[2])
      .filter((t): t is string => t !== undefined && t !== '');
    return { source: 'VADER tweet dev set', texts };
  }
  const fixture = fileURLToPath(new URL('../fixtures/sentiment/streaming-complaints.tsv', import.meta.url));
  const texts = readFileSync(fixture, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[1])
    .filter((t): t is string => t !== undefined && t !== '');
  return { source: 'streaming-complaint fixture (dev set absent)', texts };
}

function round(texts: readonly string[], score: (text: string) => number): number {
  let sink = 0;
  let n = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    for (const t of texts) sink += score(t);
    n += texts.length;
    elapsed = performance.now() - t0;
  } while (elapsed < ROUND_MS);
  if (Number.isNaN(sink)) throw new Error('a scorer returned NaN');
  return (n * 1000) / elapsed;
}

export async function run(): Promise<Figure[]> {
  const { source, texts } = posts();
  const analyzer = new Sentiment();
  const scorers: [string, (text: string) => number][] = [
    ['mission-control', (t) => scoreSentiment(t).compound],
    ['vader-sentiment', (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound],
    ['sentiment', (t) => analyzer.analyze(t).comparative],
  ];
  const best = new Map<string, number>();
  for (const [name, score] of scorers) {
    for (const t of texts) score(t); // warm up
    best.set(name, 0);
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, score] of scorers) best.set(name, Math.max(best.get(name)!, round(texts, score)));
  }
  const avgLen = Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length);
  const ours = best.get('mission-control')!;
  const vaderRate = best.get('vader-sentiment')!;
  const sentimentRate = best.get('sentiment')!;
  console.log(`sentiment scorers on ${texts.length} posts of the ${source} (mean ${avgLen} chars), best of ${ROUNDS} rounds:`);
  for (const [name, rate] of best) console.log(`  ${name.padEnd(16)} ${Math.round(rate).toLocaleString('en-US').padStart(9)} posts/s`);
  return [
    figure('sentiment', 'posts_per_sec_vs_vader_sentiment', ours, 'posts/s', vaderRate),
    figure('sentiment', 'posts_per_sec_vs_sentiment_npm', ours, 'posts/s', sentimentRate),
  ];
}
