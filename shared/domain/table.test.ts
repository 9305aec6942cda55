import { describe, expect, it } from 'vitest';
import type { Series } from '../model/frame.ts';
import type { Thresholds } from '../model/workspace.ts';
import { compareRows, labelColumns, tableModel } from './table.ts';
import type { TableInput } from './table.ts';

const s = (labels: Record<string, string>, value: number | null): Series => ({
  name: JSON.stringify(labels),
  labels,
  points: value === null ? [] : [[1, value]],
});
const thresholds: Thresholds = [
  { value: null, state: 'ok' },
  { value: 0.5, state: 'warning' },
  { value: 1, state: 'critical' },
];
const frame = [
  s({ service: 'api', region: 'eu-10' }, 0.12),
  s({ service: 'login', region: 'eu-2' }, 1.4),
  s({ service: 'playback', region: 'eu-1' }, null),
  s({ service: 'entitlement' }, 0.7),
];
const input: TableInput = { unit: 's', thresholds, sortBy: 'value', sortOrder: 'desc', maxRows: 10 };

describe('table rows', () => {
  it('labels as columns (every label A→Z by default), the latest value in its unit and state', () => {
    const model = tableModel(frame, input);
    expect(model.columns).toEqual(['region', 'service']);
    expect(model.rows.map((r) => r.cells)).toEqual([
      ['eu-2', 'login'],
      ['', 'entitlement'],
      ['eu-10', 'api'],
      ['eu-1', 'playback'],
    ]);
    expect(model.rows.map((r) => `${r.number}${r.unit}`)).toEqual(['1.4 s', '700 ms', '120 ms', '–']);
    expect(model.rows.map((r) => r.state)).toEqual(['critical', 'warning', 'ok', 'unknown']);
  });

  it('sorts by a label naturally, either way, rows without it last', () => {
    const asc = tableModel(frame, { ...input, columns: ['region'], sortBy: 'region', sortOrder: 'asc' });
    expect(asc.columns).toEqual(['region']);
    expect(asc.rows.map((r) => r.cells[0])).toEqual(['eu-1', 'eu-2', 'eu-10', '']);
    const desc = tableModel(frame, { ...input, sortBy: 'region', sortOrder: 'desc' });
    expect(desc.rows.map((r) => r.cells[0])).toEqual(['eu-10', 'eu-2', 'eu-1', '']);
  });

  it('rows without a value go last in both orders', () => {
    const asc = tableModel(frame, { ...input, sortOrder: 'asc' });
    expect(asc.rows.map((r) => r.value)).toEqual([0.12, 0.7, 1.4, null]);
    const cmp = compareRows('value', 'desc');
    expect(cmp({ key: 'a', labels: {}, value: null }, { key: 'b', labels: {}, value: 1 })).toBeGreaterThan(0);
  });

  it('is bounded: the rows beyond maxRows are counted, not shown', () => {
    const many = Array.from({ length: 40 }, (_, i) => s({ pop: `pop-${i}` }, i));
    const model = tableModel(many, { ...input, thresholds: undefined, unit: 'short', maxRows: 8 });
    expect(model.rows).toHaveLength(8);
    expect(model.hidden).toBe(32);
    expect(model.rows[0]!.cells).toEqual(['pop-39']);
    expect(tableModel([], input)).toMatchObject({ rows: [], hidden: 0, columns: [] });
    expect(labelColumns([{ labels: { b: '1' } }, { labels: { a: '1', b: '2' } }])).toEqual(['a', 'b']);
  });

  it('applies value mappings to cells', () => {
    const model = tableModel([s({ cdn: 'akamai' }, 1), s({ cdn: 'fastly' }, 0)], {
      ...input,
      unit: 'none',
      sortBy: 'cdn',
      sortOrder: 'asc',
      mappings: [
        { value: 1, text: 'UP', state: 'ok' },
        { value: 0, text: 'DOWN', state: 'critical' },
      ],
    });
    expect(model.rows.map((r) => [r.number, r.state])).toEqual([
      ['UP', 'ok'],
      ['DOWN', 'critical'],
    ]);
  });
});
