import { describe, expect, it } from 'vitest';
import { parseLabelledSet } from '../shared/domain/sentiment/index.ts';
import { evaluate } from './eval-sentiment.ts';

describe('evaluate', () => {
  it('reports our figures beside the vader-sentiment baseline on the same posts', () => {
    const set = parseLabelledSet(
      ['rating\ttext', '3\tI love this stream, amazing picture', '-3\tbuffering again, awful', '0\tthe match starts at 8', '2\tgreat final :)', '-2.5\tcan\'t log in, 403 forbidden'].join('\n'),
    );
    const r = evaluate(set.posts, 20);
    expect(r.n).toBe(5);
    expect(r.pearson_r).toBeGreaterThan(0.8);
    expect(r.macro_f1).toBeGreaterThan(0.9);
    expect(Object.keys(r.per_class)).toEqual(['negative', 'neutral', 'positive']);
    expect(r.posts_per_sec).toBeGreaterThan(0);
    expect(r.baseline.name).toBe('vader-sentiment');
    expect(r.baseline.n).toBe(5);
    expect(typeof r.baseline.pearson_r).toBe('number');
    expect(typeof r.baseline.macro_f1).toBe('number');
  });

  it('leaves out Pearson r for a set of labels', () => {
    const set = parseLabelledSet('label\ttext\npositive\tlove it\nnegative\thate it\n');
    const r = evaluate(set.posts, 10);
    expect('pearson_r' in r).toBe(false);
    expect('pearson_r' in r.baseline).toBe(false);
  });
});
