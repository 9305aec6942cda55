/**
 * Typed assertions on one response. Each gives "expected X, got Y" in words a person on the wall
 * can act on; JSON paths are evaluated with jsonpath-plus in its safe mode (no script evaluation).
 */
import { isDeepStrictEqual } from 'node:util';
import { JSONPath } from 'jsonpath-plus';
import type { CanaryAssertion } from '../../../shared/model/canary-checks.ts';
import type { AssertionOutcome } from '../../../shared/protocol/canaries.ts';

export interface ResponseView {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  totalMs: number;
}

/** A value as the message shows it: JSON, cut to a readable length. */
export function show(value: unknown, max = 120): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const ms = (n: number) => `${Math.round(n)} ms`;

/** The body as text, and as JSON when it parses (parsed once per response). */
export class Body {
  readonly #raw: Buffer;
  readonly contentType: string;
  #text: string | null = null;
  #json: { ok: true; value: unknown } | { ok: false; error: string } | null = null;
  constructor(raw: Buffer, contentType: string) {
    this.#raw = raw;
    this.contentType = contentType;
  }
  get text(): string {
    return (this.#text ??= this.#raw.toString('utf8'));
  }
  get json(): { ok: true; value: unknown } | { ok: false; error: string } {
    if (this.#json) return this.#json;
    try {
      this.#json = { ok: true, value: JSON.parse(this.text) as unknown };
    } catch (error) {
      this.#json = { ok: false, error: (error as Error).message };
    }
    return this.#json;
  }
  /** What the body looks like, for "got …" when it is not what was expected. */
  get preview(): string {
    const type = this.contentType ? `${this.contentType.split(';')[0]} ` : '';
    return `${type}${show(this.text.replace(/\s+/g, ' ').trim(), 80)}`;
  }
}

export function selectJson(path: string, document: unknown): unknown[] {
  return JSONPath({ path, json: document as object, wrap: true, eval: 'safe' }) as unknown[];
}

function statusWords(expected: Extract<CanaryAssertion, { status: unknown }>['status']): string {
  if (typeof expected === 'number') return String(expected);
  if (Array.isArray(expected)) return expected.length === 1 ? String(expected[0]) : `${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}`;
  return `${expected.from}–${expected.to}`;
}

export function statusMatches(expected: Extract<CanaryAssertion, { status: unknown }>['status'], status: number): boolean {
  if (typeof expected === 'number') return status === expected;
  if (Array.isArray(expected)) return expected.includes(status);
  return status >= expected.from && status <= expected.to;
}

export const DEFAULT_STATUS = { from: 200, to: 299 } as const;

/** The status a step expects when it lists no status assertion: any 2xx. */
export function defaultStatusAssertion(): CanaryAssertion {
  return { status: { ...DEFAULT_STATUS } };
}

/** Whether a value passes a JSON comparison, and the expectation in words ("to equal true", "to be above 3"). */
function compareJson(a: Extract<CanaryAssertion, { json: string }>, value: unknown): { ok: boolean; expectation: string } {
  if (Object.hasOwn(a, 'equals')) return { ok: isDeepStrictEqual(value, a.equals), expectation: `to equal ${show(a.equals)}` };
  if (Object.hasOwn(a, 'notEquals')) return { ok: !isDeepStrictEqual(value, a.notEquals), expectation: `not to equal ${show(a.notEquals)}` };
  if (a.matches !== undefined) return { ok: typeof value === 'string' && new RegExp(a.matches).test(value), expectation: `to match /${a.matches}/` };
  const numeric: [number | undefined, (x: number, y: number) => boolean, string][] = [
    [a.above, (x, y) => x > y, 'to be above'],
    [a.below, (x, y) => x < y, 'to be below'],
    [a.atLeast, (x, y) => x >= y, 'to be at least'],
    [a.atMost, (x, y) => x <= y, 'to be at most'],
  ];
  for (const [bound, test, words] of numeric) {
    if (bound !== undefined) return { ok: typeof value === 'number' && test(value, bound), expectation: `${words} ${bound}` };
  }
  return { ok: false, expectation: '?' };
}

/** Evaluate one assertion. `step` names the step in multi-step checks. */
export function evaluate(a: CanaryAssertion, response: ResponseView, body: Body, step: string | null): AssertionOutcome {
  const outcome = (assertion: string, ok: boolean, expected: string, actual: string): AssertionOutcome => ({ step, assertion, ok, expected, actual });

  if ('status' in a) {
    const words = statusWords(a.status);
    return outcome(`status is ${words}`, statusMatches(a.status, response.status), `status ${words}`, String(response.status));
  }
  if ('latency' in a) {
    return outcome(`latency below ${ms(a.latency.below)}`, response.totalMs < a.latency.below, `latency below ${ms(a.latency.below)}`, ms(response.totalMs));
  }
  if ('header' in a) {
    const name = a.header.toLowerCase();
    const value = response.headers[name];
    if (a.exists !== undefined) {
      const ok = a.exists === (value !== undefined);
      return outcome(`header ${name} ${a.exists ? 'exists' : 'is absent'}`, ok, `header ${name} ${a.exists ? 'to be present' : 'to be absent'}`, value === undefined ? 'no such header' : show(value));
    }
    if (a.equals !== undefined) {
      return outcome(`header ${name} equals ${show(a.equals)}`, value === a.equals, `header ${name} to equal ${show(a.equals)}`, value === undefined ? 'no such header' : show(value));
    }
    const ok = value !== undefined && new RegExp(a.matches!).test(value);
    return outcome(`header ${name} matches /${a.matches}/`, ok, `header ${name} to match /${a.matches}/`, value === undefined ? 'no such header' : show(value));
  }
  if ('body' in a) {
    const cut = response.truncated ? ' (the body was cut at the size limit)' : '';
    if (a.body.contains !== undefined) {
      const ok = body.text.includes(a.body.contains);
      return outcome(`body contains ${show(a.body.contains)}`, ok, `the body to contain ${show(a.body.contains)}`, `${body.preview}${cut}`);
    }
    if (a.body.notContains !== undefined) {
      const at = body.text.indexOf(a.body.notContains);
      const around = at < 0 ? body.preview : show(body.text.slice(Math.max(0, at - 30), at + a.body.notContains.length + 30));
      return outcome(`body does not contain ${show(a.body.notContains)}`, at < 0, `the body not to contain ${show(a.body.notContains)}`, around);
    }
    const ok = new RegExp(a.body.matches!).test(body.text);
    return outcome(`body matches /${a.body.matches}/`, ok, `the body to match /${a.body.matches}/`, `${body.preview}${cut}`);
  }
  // JSON path
  const path = a.json;
  const expectation = a.exists !== undefined ? (a.exists ? 'to exist' : 'to be absent') : compareJson(a, undefined).expectation;
  const described = `${path} ${expectation.replace(/^to (be )?/, '')}`;
  const parsed = body.json;
  if (!parsed.ok) return outcome(described, false, `a JSON body for ${path}`, `${body.preview} (not JSON: ${parsed.error})`);
  let matches: unknown[];
  try {
    matches = selectJson(path, parsed.value);
  } catch (error) {
    return outcome(described, false, `${path} to evaluate`, `a JSONPath error: ${(error as Error).message}`);
  }
  const shown = () => (matches.length === 0 ? 'nothing' : show(matches.length === 1 ? matches[0] : matches));
  if (a.exists !== undefined) return outcome(described, a.exists === matches.length > 0, `${path} ${expectation}`, shown());
  if (matches.length === 0) return outcome(described, false, `${path} ${expectation}`, 'nothing (no match)');
  // Every match must pass; the message names the first that does not.
  for (const [i, value] of matches.entries()) {
    if (!compareJson(a, value).ok) {
      const where = matches.length > 1 ? `${path} (match ${i + 1} of ${matches.length})` : path;
      return outcome(described, false, `${where} ${expectation}`, show(value));
    }
  }
  return outcome(described, true, `${path} ${expectation}`, shown());
}
