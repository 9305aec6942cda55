import { describe, expect, it } from 'vitest';
import { scrapeQuerySchema, type ScrapeQuery } from '../../../../shared/model/workspace.ts';
import { counterIncrease, evaluate, histogramQuantile, type Scrape } from './evaluate.ts';
import type { Sample } from './exposition.ts';

const q = (input: Record<string, unknown>): ScrapeQuery => scrapeQuerySchema.parse(input);

function scrape(at: number, samples: Sample[]): Scrape {
  const byName = new Map<string, Sample[]>();
  for (const s of samples) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  return { at, byName };
}
const req = (code: string, region: string, value: number): Sample => ({ name: 'req_total', labels: { code, region }, value });

describe('counterIncrease', () => {
  it('sums steps and treats a drop as a restart from zero', () => {
    expect(counterIncrease([[0, 10], [1000, 15], [2000, 3], [3000, 8]])).toEqual({ increase: 5 + 3 + 5, spanMs: 3000 });
    expect(counterIncrease([[0, 10]])).toBeNull();
  });
});

describe('evaluate', () => {
  const history = [
    scrape(0, [req('200', 'eu', 100), req('403', 'eu', 10), req('200', 'us', 50)]),
    scrape(10_000, [req('200', 'eu', 200), req('403', 'eu', 30), req('200', 'us', 70)]),
    scrape(20_000, [req('200', 'eu', 300), req('403', 'eu', 5), req('200', 'us', 90)]), // 403 counter reset
  ];

  it('rates per second over the window, summed by label', () => {
    const byCode = evaluate(q({ metric: 'req_total', fn: 'rate', window: '1m', by: ['code'] }), history);
    const rate = Object.fromEntries(byCode.map((s) => [s.labels.code, s.value]));
    expect(rate['200']).toBeCloseTo((200 + 40) / 20, 10); // eu +200, us +40 over 20 s
    expect(rate['403']).toBeCloseTo((20 + 5) / 20, 10); // +20, then a reset to 5 counts 5
  });

  it('only uses scrapes inside the window', () => {
    const [only] = evaluate(q({ metric: 'req_total', fn: 'rate', window: '10s', match: { code: '200', region: 'eu' } }), history);
    expect(only!.value).toBeCloseTo(100 / 10, 10);
  });

  it('matches labels exactly, by regex and negatively, as PromQL does', () => {
    const value = (match: Record<string, string>) => evaluate(q({ metric: 'req_total', match }), history).map((s) => s.value);
    expect(value({ code: '403' })).toEqual([5]);
    expect(value({ code: '=~2..' })).toEqual([390]);
    expect(value({ code: '!~2..' })).toEqual([5]);
    expect(value({ region: '!=eu' })).toEqual([90]);
    expect(value({ code: '=~0' })).toEqual([]); // anchored: "0" does not match "200"
  });

  it('aggregates with avg, max and min', () => {
    const latest = (aggregate: string) => evaluate(q({ metric: 'req_total', aggregate }), history)[0]!.value;
    expect(latest('max')).toBe(300);
    expect(latest('min')).toBe(5);
    expect(latest('avg')).toBeCloseTo(395 / 3, 10);
  });

  it('needs two scrapes for a rate', () => {
    expect(evaluate(q({ metric: 'req_total', fn: 'rate' }), history.slice(0, 1))).toEqual([]);
  });
});

describe('histogramQuantile', () => {
  const buckets = [
    { le: 0.1, count: 50 },
    { le: 0.5, count: 90 },
    { le: 1, count: 100 },
    { le: Infinity, count: 100 },
  ];
  it('interpolates inside the bucket holding the rank, as Prometheus does', () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1, 10);
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.1 + 0.4 * (20 / 40), 10);
    expect(histogramQuantile(0.99, buckets)).toBeCloseTo(0.5 + 0.5 * (9 / 10), 10);
  });
  it('returns the highest finite bound when the rank falls in +Inf', () => {
    expect(histogramQuantile(0.99, [{ le: 1, count: 90 }, { le: Infinity, count: 100 }])).toBe(1);
  });
  it('is NaN without observations or without a +Inf bucket', () => {
    expect(histogramQuantile(0.5, [{ le: 1, count: 0 }, { le: Infinity, count: 0 }])).toBeNaN();
    expect(histogramQuantile(0.5, [{ le: 1, count: 3 }])).toBeNaN();
  });

  it('computes a quantile from _bucket rates grouped by label', () => {
    const b = (at: number, service: string, counts: number[]): Sample[] =>
      ['0.1', '0.5', '1', '+Inf'].map((le, i) => ({ name: 'lat_bucket', labels: { le, service }, value: counts[i]! }));
    const history = [
      scrape(0, [...b(0, 'api', [0, 0, 0, 0]), ...b(0, 'cdn', [0, 0, 0, 0])]),
      scrape(10_000, [...b(10_000, 'api', [50, 90, 100, 100]), ...b(10_000, 'cdn', [100, 100, 100, 100])]),
    ];
    const result = evaluate(q({ metric: 'lat', fn: 'quantile', quantile: 0.7, by: ['service'] }), history);
    const byService = Object.fromEntries(result.map((s) => [s.labels.service, s.value]));
    expect(byService.api).toBeCloseTo(0.3, 10);
    expect(byService.cdn).toBeCloseTo(0.07, 10);
  });
});
