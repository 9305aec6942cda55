/**
 * Plans in and out as text: YAML (which JSON is a subset of) in, with each issue placed at its
 * line and column; YAML out, with durations written back the way people write them ("30m", not
 * 1800000). A plan with any issue is refused as a whole: the caller gets every issue and no plan.
 */
import { LineCounter, isNode, parseDocument, stringify, type Document } from 'yaml';
import { parsePlan, type Plan, type PlanIssue } from '../../model/plan.ts';

export interface PlanTextIssue extends PlanIssue {
  /** 1-based; null when the problem is not at one place. */
  readonly line: number | null;
  readonly column: number | null;
}

export type PlanTextResult = { ok: true; plan: Plan } | { ok: false; issues: PlanTextIssue[] };

/** Parse and validate a plan written as YAML or JSON. */
export function parsePlanText(text: string): PlanTextResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return { field: '', message: `YAML: ${err.message.split('\n')[0]}`, line: pos.line, column: pos.col };
      }),
    };
  }
  const raw: unknown = doc.toJS();
  const result = parsePlan(raw);
  if (result.ok) return result;
  return { ok: false, issues: result.issues.map((issue) => ({ ...issue, ...locate(doc, lineCounter, pathOf(issue.field)) })) };
}

/** "readiness[3].evidence" → ["readiness", 3, "evidence"]. */
function pathOf(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(part[2] !== undefined ? Number(part[2]) : part[1]!);
  return out;
}

function locate(doc: Document, lc: LineCounter, path: readonly (string | number)[]): { line: number | null; column: number | null } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: null, column: null };
}

const DURATION_KEYS = new Set(['every', 'grace', 'freshFor', 'leadTime', 'for', 'after', 'cadence', 'longWindow', 'shortWindow']);

/** 1800000 → "30m"; the largest unit that divides it exactly. */
export function formatDurationText(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

function durationsAsText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(durationsAsText);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, DURATION_KEYS.has(k) && typeof v === 'number' ? formatDurationText(v) : durationsAsText(v)]),
    );
  }
  return value;
}

/** A validated plan as YAML that `parsePlanText` reads back to the same plan. */
export function planToYaml(plan: Plan): string {
  return stringify(durationsAsText(plan), { lineWidth: 0 });
}

/** A validated plan as JSON (durations as text too). */
export function planToJson(plan: Plan): string {
  return `${JSON.stringify(durationsAsText(plan), null, 2)}\n`;
}
