import { describe, expect, it } from 'vitest';
import { classification, goldLabel, LabelledSetError, parseLabelledSet, pearson } from './evaluation.ts';

describe('parseLabelledSet', () => {
  it('reads a rating set with CRLF endings, extra columns and blank lines', () => {
    const set = parseLabelledSet('id\trating\ttext\r\n1\t2.5\tlove it\r\n\r\n2\t-0.2\tmeh\r\n3\t-1\tbad\r\n', 'x.tsv');
    expect(set.kind).toBe('rating');
    expect(set.posts.map((p) => [p.line, p.text, p.rating, p.label])).toEqual([
      [2, 'love it', 2.5, 'positive'],
      [4, 'meh', -0.2, 'neutral'],
      [5, 'bad', -1, 'negative'],
    ]);
  });

  it('reads a label set in any column order and letter case', () => {
    const set = parseLabelledSet('text\tlabel\nbuffering again\tNegative\nok\tneutral\n');
    expect(set.kind).toBe('label');
    expect(set.posts.map((p) => p.label)).toEqual(['negative', 'neutral']);
  });

  it('with both a rating and a label column, correlates with the rating and takes the label as the class', () => {
    const set = parseLabelledSet('text\trating\tlabel\nlove it\t2.5\tpositive\nmeh\t0.9\tneutral\nhmm\t-0.2\tnegative\n', 'both.tsv');
    expect(set.kind).toBe('rating');
    expect(set.posts.map((p) => [p.rating, p.label])).toEqual([
      [2.5, 'positive'],
      [0.9, 'neutral'],
      [-0.2, 'negative'],
    ]);
    expect(() => parseLabelledSet('text\trating\tlabel\nx\t1\tgood\n', 'both.tsv')).toThrow(/both\.tsv:2: label "good" is not one of/);
  });

  it('names the line of anything malformed', () => {
    const err = (content: string) => {
      try {
        parseLabelledSet(content, 'f.tsv');
      } catch (e) {
        expect(e).toBeInstanceOf(LabelledSetError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err('')).toMatch(/f\.tsv: the file is empty/);
    expect(err('1\t2.7\tlove it\n')).toMatch(/^f\.tsv:1: the header line must name the columns "text" and "rating" or "label"/);
    expect(err('rating\tbody\n1\thi\n')).toMatch(/^f\.tsv:1: .*missing "text"/);
    expect(err('text\tscore\nhi\t1\n')).toMatch(/^f\.tsv:1: .*missing "rating" or "label"/);
    expect(err('text\tlabel\nfine\tpositive\nhi\tmeh\n')).toMatch(/^f\.tsv:3: label "meh" is not one of negative, neutral, positive/);
    expect(err('rating\ttext\n1\tok\nabc\thi\n')).toMatch(/^f\.tsv:3: rating "abc" is not a number/);
    expect(err('label\ttext\npositive\n')).toMatch(/^f\.tsv:2: expected 2 tab-separated fields/);
    expect(err('text\tlabel\n')).toMatch(/no posts after the header/);
  });
});

describe('figures', () => {
  it('gold labels from ratings: |rating| < 0.5 is neutral', () => {
    expect([-4, -0.5, -0.49, 0, 0.49, 0.5, 4].map((r) => goldLabel(r))).toEqual(['negative', 'negative', 'neutral', 'neutral', 'neutral', 'positive', 'positive']);
    expect(goldLabel(0.9, 1)).toBe('neutral');
  });

  it('pearson r', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBe(0);
  });

  it('per-class precision, recall and F1, and their macro average', () => {
    const f = classification(['negative', 'negative', 'neutral', 'positive'], ['negative', 'neutral', 'neutral', 'negative']);
    expect(f.per_class.negative).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(f.per_class.neutral.precision).toBe(0.5);
    expect(f.per_class.neutral.recall).toBe(1);
    expect(f.per_class.positive).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(f.macro_f1).toBeCloseTo((0.5 + 2 / 3 + 0) / 3, 12);
  });
});
