/**
 * A table panel's rows: one per series, its labels as columns and its latest value, sorted by a
 * configured column and bounded (a wall has no scrollbar: the rows left out are counted).
 */
import type { Series } from '../model/frame.ts';
import { displayValue } from './value-mapping.ts';
import type { ValueLook, ValueState } from './value-mapping.ts';

export const VALUE_COLUMN = 'value';

export interface TableRow {
  readonly key: string;
  /** Label values in the order of `columns` ("" where a series lacks the label). */
  readonly cells: readonly string[];
  readonly value: number | null;
  readonly number: string;
  readonly unit: string;
  readonly state: ValueState;
  readonly judged: boolean;
}

export interface TableModel {
  /** The label columns, in order (the value column comes after them). */
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
  /** How many rows were left out by maxRows. */
  readonly hidden: number;
  /** The column sorted by: "value" or a label shown or not. */
  readonly sortBy: string;
  readonly sortOrder: 'asc' | 'desc';
}

export interface TableInput extends ValueLook {
  readonly columns?: readonly string[];
  readonly sortBy: string;
  readonly sortOrder: 'asc' | 'desc';
  readonly maxRows: number;
}

/** Every label name of the frame, A→Z. */
export function labelColumns(series: readonly Pick<Series, 'labels'>[]): string[] {
  const names = new Set<string>();
  for (const s of series) for (const name of Object.keys(s.labels)) names.add(name);
  return [...names].sort();
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

interface Sortable {
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number | null;
}

/**
 * Compare rows by a column: numbers numerically, label text naturally ("eu-2" before "eu-10").
 * Rows without a value (or without the label) always go last, whatever the order.
 */
export function compareRows(sortBy: string, order: 'asc' | 'desc'): (a: Sortable, b: Sortable) => number {
  const dir = order === 'asc' ? 1 : -1;
  const tie = (a: Sortable, b: Sortable) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  if (sortBy === VALUE_COLUMN) {
    return (a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? tie(a, b) : a.value === null ? 1 : -1;
      return (a.value - b.value) * dir || tie(a, b);
    };
  }
  return (a, b) => {
    const x = a.labels[sortBy];
    const y = b.labels[sortBy];
    if (x === undefined || y === undefined) return x === y ? tie(a, b) : x === undefined ? 1 : -1;
    return collator.compare(x, y) * dir || tie(a, b);
  };
}

export function tableModel(series: readonly Series[], input: TableInput): TableModel {
  const columns = input.columns ? [...input.columns] : labelColumns(series);
  const sortable = series.map((s) => {
    const last = s.points[s.points.length - 1];
    return { key: s.name, labels: s.labels, value: last && Number.isFinite(last[1]) ? last[1] : null };
  });
  sortable.sort(compareRows(input.sortBy, input.sortOrder));
  const shown = sortable.slice(0, Math.max(1, input.maxRows));
  return {
    columns,
    rows: shown.map((r) => {
      const display = displayValue(r.value, input);
      return {
        key: r.key,
        cells: columns.map((c) => r.labels[c] ?? ''),
        value: r.value,
        number: display.number,
        unit: display.unit,
        state: display.state,
        judged: display.judged,
      };
    }),
    hidden: Math.max(0, sortable.length - shown.length),
    sortBy: input.sortBy,
    sortOrder: input.sortOrder,
  };
}
