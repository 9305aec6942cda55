/**
 * Labelled sets and the figures the sentiment evaluation reports (runtime-neutral; the file
 * reading lives in scripts/eval-sentiment.ts).
 *
 * Format: UTF-8 text, one post per line, fields separated by a TAB, no quoting. The first line is
 * a header naming the columns; it must name `text` and one of `rating` (a number; positive means
 * positive) or `label` (negative, neutral or positive). Other columns are ignored. Blank lines are
 * skipped; CRLF line endings are accepted.
 */
import type { SentimentLabel } from './scorer.ts';

export const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/**
 * Ratings within this distance of 0 are neutral: with VADER's -4..+4 scale, a mean rating that
 * rounds to the scale's neutral point 0 (|rating| < 0.5) is neutral, and one that rounds to any
 * other point is negative or positive.
 */
export const DEFAULT_NEUTRAL_BAND = 0.5;

export interface LabelledPost {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  rating?: number;
  label: SentimentLabel;
}

export interface LabelledSet {
  kind: 'rating' | 'label';
  posts: LabelledPost[];
}

export class LabelledSetError extends Error {
  override name = 'LabelledSetError';
}

export function goldLabel(rating: number, neutralBand = DEFAULT_NEUTRAL_BAND): SentimentLabel {
  if (rating <= -neutralBand) return 'negative';
  if (rating >= neutralBand) return 'positive';
  return 'neutral';
}

/** Parse a labelled TSV set; throws LabelledSetError naming the line for anything malformed. */
export function parseLabelledSet(content: string, source = 'input', neutralBand = DEFAULT_NEUTRAL_BAND): LabelledSet {
  const lines = content.split('\n');
  let headerAt = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.replace(/\r$/, '').trim() !== '') {
      headerAt = i;
      break;
    }
  }
  if (headerAt < 0) throw new LabelledSetError(`${source}: the file is empty (expected a header line naming the columns "text" and "rating" or "label")`);
  const header = lines[headerAt]!.replace(/^\uFEFF/, '').replace(/\r$/, '').split('\t').map((h) => h.trim().toLowerCase());
  const textCol = header.indexOf('text');
  const ratingCol = header.indexOf('rating');
  const labelCol = header.indexOf('label');
  const where = `${source}:${headerAt + 1}`;
  if (textCol < 0 || (ratingCol < 0 && labelCol < 0)) {
    const missing = [textCol < 0 ? '"text"' : '', ratingCol < 0 && labelCol < 0 ? '"rating" or "label"' : ''].filter(Boolean).join(' and ');
    throw new LabelledSetError(
      `${where}: the header line must name the columns "text" and "rating" or "label" (tab-separated); missing ${missing} in: ${JSON.stringify(lines[headerAt]!.replace(/\r$/, '').slice(0, 80))}`,
    );
  }
  // With both columns the rating is correlated with and the label, the annotators' own class, is
  // the gold class (no neutral band needed).
  const kind = ratingCol >= 0 ? 'rating' : 'label';
  const posts: LabelledPost[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const fields = raw.split('\t');
    const line = i + 1;
    if (fields.length < header.length) {
      throw new LabelledSetError(`${source}:${line}: expected ${header.length} tab-separated fields (${header.join(', ')}), found ${fields.length}`);
    }
    const text = fields[textCol]!;
    let label: SentimentLabel | undefined;
    if (labelCol >= 0) {
      const gold = fields[labelCol]!.trim().toLowerCase();
      if (gold !== 'negative' && gold !== 'neutral' && gold !== 'positive') {
        throw new LabelledSetError(`${source}:${line}: label ${JSON.stringify(fields[labelCol]!.trim())} is not one of negative, neutral, positive`);
      }
      label = gold;
    }
    if (ratingCol >= 0) {
      const gold = fields[ratingCol]!.trim();
      const rating = gold === '' ? NaN : Number(gold);
      if (!Number.isFinite(rating)) throw new LabelledSetError(`${source}:${line}: rating ${JSON.stringify(gold)} is not a number`);
      posts.push({ line, text, rating, label: label ?? goldLabel(rating, neutralBand) });
    } else {
      posts.push({ line, text, label: label! });
    }
  }
  if (posts.length === 0) throw new LabelledSetError(`${source}: no posts after the header line`);
  return { kind, posts };
}

export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationFigures {
  macro_f1: number;
  per_class: Record<SentimentLabel, ClassFigures>;
}

/** Per-class precision/recall/F1 and their macro-averaged F1 (a class never predicted has precision 0). */
export function classification(gold: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): ClassificationFigures {
  const per = {} as Record<SentimentLabel, ClassFigures>;
  let sum = 0;
  for (const c of LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i] === c;
      const p = predicted[i] === c;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    per[c] = { precision, recall, f1 };
    sum += f1;
  }
  return { macro_f1: sum / LABELS.length, per_class: per };
}
