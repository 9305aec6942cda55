import { describe, expect, it } from 'vitest';
import { alignedRange, alignedStep, panelFrameKey, panelQuery, pointsBudget } from './panel-query.ts';

const base = { source: 'prom', gridPos: { x: 0, y: 0, w: 12, h: 4 } };

describe('range queries aligned to the panel width', () => {
  it('budgets one point per 2 px of the panel\'s share of a 1920 px wall, or the workspace\'s maxPoints', () => {
    expect(pointsBudget({ gridPos: { w: 24 } })).toBe(960);
    expect(pointsBudget({ gridPos: { w: 6 } })).toBe(240);
    expect(pointsBudget({ gridPos: { w: 6 }, maxPoints: 50 })).toBe(50);
  });

  it('picks the smallest nice step that fits the span into the budget', () => {
    expect(alignedStep(15 * 60_000, 480)).toBe(2000); // 1.875 s → 2 s
    expect(alignedStep(15 * 60_000, 960)).toBe(1000);
    expect(alignedStep(6 * 3_600_000, 240)).toBe(120_000); // 90 s → 2 min
    expect(alignedStep(30 * 86_400_000, 10)).toBe(3 * 86_400_000);
  });

  it('aligns start and end to the step so points keep their timestamps from one fetch to the next', () => {
    expect(alignedRange(1_000_123_456, { span: 60_000, step: 15_000 })).toEqual({ start: 1_000_050_000, end: 1_000_110_000 });
  });

  it('adds a range only to timeseries panels on Prometheus queries; other panels keep their query and frame', () => {
    const expr = { expr: 'up', aggregate: 'sum' as const };
    const chart = { ...base, type: 'timeseries' as const, query: expr, span: 900_000 };
    expect(panelQuery(chart)).toEqual({ ...expr, range: { span: 900_000, step: 2000 } });
    const stat = { ...base, type: 'stat' as const, query: expr };
    expect(panelQuery(stat)).toBe(expr);
    const scrapeChart = { ...base, type: 'timeseries' as const, query: { metric: 'up', fn: 'value' as const, window: 60_000, aggregate: 'sum' as const }, span: 900_000 };
    expect(panelQuery(scrapeChart)).toBe(scrapeChart.query);
    expect(panelFrameKey(chart)).not.toBe(panelFrameKey(stat));
  });
});
