/**
 * zod's issues in words a person editing a file can act on: the field in dotted form
 * ("walls[0].panels[2].gridPos.w") and "expected X, got Y". Used for every file and body the
 * hub validates (workspace, plans, REST bodies), so all of them read alike.
 */
import type { z } from 'zod';

export interface FieldIssue {
  /** The path into the input, for finding the place in the source file. */
  readonly path: readonly PropertyKey[];
  /** The field in dotted form, e.g. "walls[0].panels[2].gridPos.w". */
  readonly field: string;
  readonly message: string;
}

/** Every problem in a zod error, each naming its field and what was expected, in order found. */
export function fieldIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return flattenIssues(error.issues).map((issue) => {
    const path = issuePath(issue);
    return { path, field: fieldName(path), message: describeIssue(issue, valueAt(input, path)) };
  });
}

/**
 * A value that fits no member of a union gets the issues of the member it came closest to
 * (fewest issues), with their full paths: "query.fn: expected ..." rather than "invalid input".
 */
export function flattenIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || ('discriminator' in issue && issue.discriminator) || issue.errors.length === 0) return [issue];
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    return flattenIssues(closest.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue));
  });
}

function issuePath(issue: z.core.$ZodIssue): PropertyKey[] {
  const path = [...issue.path];
  // Older zod versions point a failed discriminator at the union, newer ones at the key itself.
  if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string' && path.at(-1) !== issue.discriminator) {
    path.push(issue.discriminator);
  }
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
  return path;
}

/** Longer echoes of a refused value are cut: a 200 000-character name is not sent back whole. */
const MAX_ECHO = 80;

function echoed(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= MAX_ECHO) return text;
  const length = typeof value === 'string' ? `${value.length} characters` : `${text.length} characters as JSON`;
  return `${text.slice(0, MAX_ECHO)}… (${length})`;
}

function describeIssue(issue: z.core.$ZodIssue, actual: unknown): string {
  const got = actual === undefined ? 'nothing' : echoed(actual);
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

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** walls[0].panels[2].gridPos.w */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}
