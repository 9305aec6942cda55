/**
 * Read and validate the workspace file. Every problem is reported with the file, line, column
 * and field, and what was expected, so the person editing YAML can fix it without guessing.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { workspaceSchema, type Workspace } from '../../../shared/model/workspace.ts';
import type { WorkspaceIssue } from '../../../shared/model/workspace-error.ts';
import { fieldIssues, fieldName } from '../../../shared/model/issues.ts';

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
      issues: fieldIssues(parsed.error, substituted.value).map(({ path, field, message }) => ({ file, ...where(path), field, message })),
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
