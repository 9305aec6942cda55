/**
 * Read and validate the workspace file. Every problem is reported with the file, line, column
 * and field, and what was expected, so the person editing YAML can fix it without guessing.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { workspaceSchema, type Workspace } from '../../../shared/model/workspace.ts';
import type { WorkspaceIssue } from '../../../shared/model/workspace-error.ts';

export type LoadResult = { ok: true; workspace: Workspace } | { ok: false; issues: WorkspaceIssue[] };

export async function loadWorkspaceFile(file: string, vars: Readonly<Record<string, string | undefined>>): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, issues: [{ file: basename(file), line: null, column: null, field: '', message: `cannot read the file: ${(error as Error).message}` }] };
  }
  return parseWorkspace(text, basename(file), vars);
}

export function parseWorkspace(text: string, file: string, vars: Readonly<Record<string, string | undefined>>): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, field: '', message: `YAML: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const where = (path: readonly PropertyKey[]) => locate(doc, lineCounter, path);
  const raw: unknown = doc.toJS();
  const substituted = substituteVars(raw, vars, []);
  if (substituted.issues.length > 0) {
    return { ok: false, issues: substituted.issues.map(({ path, message }) => ({ file, ...where(path), field: fieldName(path), message })) };
  }
  const parsed = workspaceSchema.safeParse(substituted.value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: flatten(parsed.error.issues).map((issue) => {
        const path = pathOf(issue);
        return { file, ...where(path), field: fieldName(path), message: describeIssue(issue, valueAt(substituted.value, path)) };
      }),
    };
  }
  return { ok: true, workspace: parsed.data };
}

/** `${NAME}` and `${NAME:-fallback}` in string values come from the hub's environment. */
function substituteVars(
  value: unknown,
  vars: Readonly<Record<string, string | undefined>>,
  path: PropertyKey[],
): { value: unknown; issues: { path: PropertyKey[]; message: string }[] } {
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const walk = (v: unknown, p: PropertyKey[]): unknown => {
    if (typeof v === 'string') {
      return v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => {
        const found = vars[name] ?? fallback;
        if (found === undefined) {
          issues.push({ path: p, message: `expected the environment variable ${name} to be set (used as ${whole})` });
          return whole;
        }
        return found;
      });
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...p, i]));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, [...p, k])]));
    return v;
  };
  return { value: walk(value, path), issues };
}

/**
 * A value that fits no member of a union gets the issues of the member it came closest to
 * (fewest issues), with their full paths: "walls[0].panels[1].query.fn: expected ..." rather
 * than "invalid input".
 */
function flatten(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || ('discriminator' in issue && issue.discriminator) || issue.errors.length === 0) return [issue];
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    return flatten(closest.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue));
  });
}

function pathOf(issue: z.core.$ZodIssue): PropertyKey[] {
  const path = [...issue.path];
  // Older zod versions point a failed discriminator at the union, newer ones at the key itself.
  if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string' && path.at(-1) !== issue.discriminator) {
    path.push(issue.discriminator);
  }
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
  return path;
}

function describeIssue(issue: z.core.$ZodIssue, actual: unknown): string {
  const got = actual === undefined ? 'nothing' : JSON.stringify(actual);
  switch (issue.code) {
    case 'invalid_type':
      return actual === undefined ? `expected ${issue.expected}, but it is missing` : `expected ${issue.expected}, got ${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${got}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? (issue.inclusive === false ? 'more than' : 'at least') : issue.inclusive === false ? 'less than' : 'at most';
      const what = issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : '';
      return `expected ${bound} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}${what}, got ${Array.isArray(actual) ? `${actual.length} item(s)` : got}`;
    }
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map((o) => JSON.stringify(o)).join(' or ') : `a known ${String(issue.discriminator)}`;
        return `expected ${options}, got ${got}`;
      }
      return `${issue.message}, got ${got}`;
    default:
      return issue.message.startsWith('expected') && !issue.message.includes(', got ') ? `${issue.message}, got ${got}` : issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** walls[0].panels[2].gridPos.w */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/** The line and column of the deepest node on the path that exists in the file. */
function locate(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): { line: number | null; column: number | null } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: null, column: null };
}
