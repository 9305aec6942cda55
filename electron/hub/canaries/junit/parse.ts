/**
 * JUnit XML → a summary the canary board can show: counts recomputed from the test cases, the
 * failing cases' names and messages, per-suite figures, and warnings for what was tolerated.
 *
 * XML: saxes (a strict, streaming, non-validating parser). Every well-formedness error carries the
 * line and column; it never fetches anything and never expands an entity it was not given, and a
 * DOCTYPE is refused outright, so external entities (XXE) and entity expansion (billion laughs)
 * cannot happen. Streaming means no document tree is built: memory is the summary plus bounded
 * text. See test/fixtures/junit/README.md for the dialects and the rules decided for each quirk.
 */
import { Buffer } from 'node:buffer';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { JUnitCase, JUnitFailure, JUnitOutcome, JUnitProblem, JUnitSuiteSummary, JUnitSummary } from '../../../../shared/model/canary.ts';
import { neutraliseInvisibles } from '../../../../shared/domain/safe-text.ts';
import { parseJUnitTime, parseJUnitTimestamp } from './numbers.ts';

export interface JUnitParseOptions {
  /** Bytes (UTF-8 for a string). Default 20 MiB. */
  maxBytes?: number;
  /** Test cases. Default 100,000. */
  maxCases?: number;
  /** Characters kept of a message. Default 1,000. */
  maxMessageChars?: number;
  /** Characters kept of a failure text, a system-out or system-err. Default 4,000. */
  maxTextChars?: number;
  /** Properties kept per suite or case. Default 100. */
  maxProperties?: number;
  /** Element nesting. Default 64. */
  maxDepth?: number;
  /** Overrides the report's own name (e.g. `?suite=NAME` on the ingest endpoint). */
  suiteName?: string;
}

export const JUNIT_DEFAULTS = {
  maxBytes: 20 * 1024 * 1024,
  maxCases: 100_000,
  maxMessageChars: 1000,
  maxTextChars: 4000,
  maxProperties: 100,
  maxDepth: 64,
} as const;

const MAX_WARNINGS = 50;

export type JUnitErrorCode = 'empty' | 'too-large' | 'encoding' | 'not-xml' | 'malformed' | 'doctype' | 'not-junit' | 'too-many-cases' | 'too-deep';

/** A report that was refused: why, and where (1-based line and column). */
export class JUnitParseError extends Error {
  readonly code: JUnitErrorCode;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  constructor(code: JUnitErrorCode, line: number, column: number, reason: string) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'JUnitParseError';
    this.code = code;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

// ---- bounded text ---------------------------------------------------------------------------

class TextBuffer {
  private parts: string[] = [];
  private kept = 0;
  private total = 0;
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  append(text: string): void {
    this.total += text.length;
    if (this.kept >= this.max) return;
    const piece = text.length + this.kept > this.max ? text.slice(0, this.max - this.kept) : text;
    this.parts.push(piece);
    this.kept += piece.length;
  }
  get empty(): boolean {
    return this.total === 0;
  }
  value(): string {
    const text = this.parts.join('');
    return this.total > this.kept ? `${text}… [${this.total - this.kept} more characters]` : text;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Names and messages from a report are shown on walls and consoles and logged: no control, bidi
 *  or invisible characters (shared/domain/safe-text.ts: ANSI colour codes, a right-to-left override), bounded. */
const MAX_NAME_CHARS = 500;
// eslint-disable-next-line no-control-regex -- terminal escape sequences are what it removes
const TERMINAL_ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const shown = (text: string, max = MAX_NAME_CHARS): string => truncate(neutraliseInvisibles(text.replace(TERMINAL_ESCAPES, '')).text, max);

// ---- build state ----------------------------------------------------------------------------

interface Property {
  name: string;
  value: string;
}

interface SuiteBuild {
  index: number;
  parent: number | null;
  name: string;
  path: string[];
  /** The path as one string, for telling repeated test cases apart. */
  pathKey: string;
  attrs: Record<string, string>;
  line: number;
  properties: Property[];
  systemOut: TextBuffer | null;
  systemErr: TextBuffer | null;
  counts: { tests: number; failed: number; errored: number; skipped: number; flaky: number; timeMs: number; timed: boolean };
}

type ProblemTag = 'failure' | 'error' | 'skipped' | 'flakyFailure' | 'flakyError' | 'rerunFailure' | 'rerunError';
const PROBLEM_TAGS = new Set<string>(['failure', 'error', 'skipped', 'flakyFailure', 'flakyError', 'rerunFailure', 'rerunError']);

interface ProblemBuild {
  tag: ProblemTag;
  message: string | undefined;
  type: string;
  text: TextBuffer;
}

interface CaseBuild {
  suite: number | null;
  attrs: Record<string, string>;
  line: number;
  column: number;
  problems: ProblemBuild[];
  properties: Property[];
  systemOut: TextBuffer | null;
  systemErr: TextBuffer | null;
}

const NO_PROBLEMS: readonly ProblemBuild[] = [];

// ---- input ----------------------------------------------------------------------------------

/** Line and column (1-based) of a character index. */
function positionOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** Line and column of a byte offset (the column counts bytes). */
function bytePositionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function decode(input: string | Uint8Array, maxBytes: number): string {
  if (typeof input === 'string') {
    if (input.length > maxBytes || (input.length * 3 > maxBytes && Buffer.byteLength(input, 'utf8') > maxBytes)) {
      const bytes = Buffer.from(input, 'utf8');
      const at = bytePositionOf(bytes, maxBytes);
      throw new JUnitParseError('too-large', at.line, at.column, `the report is ${mib(bytes.length)}, over the ${mib(maxBytes)} limit (which falls here)`);
    }
    return input;
  }
  if (input.length > maxBytes) {
    const at = bytePositionOf(input, maxBytes);
    throw new JUnitParseError('too-large', at.line, at.column, `the report is ${mib(input.length)}, over the ${mib(maxBytes)} limit (which falls here)`);
  }
  let label = 'utf-8';
  let start = 0;
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) start = 3;
  else if (input[0] === 0xff && input[1] === 0xfe) label = 'utf-16le';
  else if (input[0] === 0xfe && input[1] === 0xff) label = 'utf-16be';
  else if (input[0] === 0x3c && input[1] === 0x00) label = 'utf-16le';
  else if (input[0] === 0x00 && input[1] === 0x3c) label = 'utf-16be';
  else {
    const head = Buffer.from(input.subarray(0, 200)).toString('latin1');
    const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head);
    if (declared && !/^utf-?8$/i.test(declared[1]!)) {
      label = declared[1]!;
      try {
        new TextDecoder(label);
      } catch {
        const at = positionOf(head, head.indexOf(declared[1]!));
        throw new JUnitParseError('encoding', at.line, at.column, `unsupported encoding "${truncate(label, 40)}"`);
      }
    }
  }
  return new TextDecoder(label).decode(start === 0 ? input : input.subarray(start));
}

// ---- the parser -----------------------------------------------------------------------------

export function parseJUnit(input: string | Uint8Array, options: JUnitParseOptions = {}): JUnitSummary {
  const o = { ...JUNIT_DEFAULTS, ...options };
  let text = decode(input, o.maxBytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // Leading whitespace before the XML declaration is an error in XML, but harmless: drop it and
  // shift the positions reported back onto the original text.
  let lineShift = 0;
  let columnShift = 0;
  const firstNonSpace = text.search(/\S/);
  if (firstNonSpace === -1) throw new JUnitParseError('empty', 1, 1, 'the report is empty');
  if (firstNonSpace > 0) {
    const at = positionOf(text, firstNonSpace);
    lineShift = at.line - 1;
    columnShift = at.column - 1;
    text = text.slice(firstNonSpace);
  }
  const where = (line: number, column: number) => ({ line: line + lineShift, column: line === 1 ? column + columnShift : column });
  const fail = (code: JUnitErrorCode, line: number, column: number, reason: string): never => {
    const at = where(line, column);
    throw new JUnitParseError(code, at.line, at.column, reason);
  };

  if (text[0] !== '<') {
    fail('not-xml', 1, 1, `not XML: the report starts with ${JSON.stringify(truncate(text.slice(0, 30).split('\n')[0]!, 30))}`);
  }

  const warnings: string[] = [];
  let warningsDropped = 0;
  const warn = (message: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(message);
    else warningsDropped++;
  };
  let badCharacters = 0;
  let badCharacterAt: { line: number; column: number } | null = null;

  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const suites: SuiteBuild[] = [];
  const suiteStack: SuiteBuild[] = [];
  const cases: JUnitCase[] = [];
  /** Per case: its innermost suite (-1: none); `removed`: cases a later passing attempt absorbed. */
  const caseSuite: number[] = [];
  const removed = new Set<number>();
  let rootName: string | undefined;
  let rootAttrs: Record<string, string> | null = null; // <testsuites>
  let sawRoot = false;
  let depth = 0;
  let lastClosed: string | null = null;
  let caseCount = 0;
  let currentCase: CaseBuild | null = null;
  let currentProblem: ProblemBuild | null = null;
  /** Where character data goes; null = ignored. One entry per open element. */
  const sinks: (TextBuffer | null)[] = [];
  /** Properties being collected and the <property> whose text is its value. */
  let propertyTarget: Property[] | null = null;
  let propertyText: { prop: Property; text: TextBuffer } | null = null;
  let droppedProperties = 0;
  /** Failing entries per identity, so a later passing attempt turns them into one flaky case. */
  const failingByKey = new Map<string, number[]>();
  const failingNames = new Set<string>();

  const addProperty = (target: Property[], prop: Property) => {
    if (target.length < o.maxProperties) target.push(prop);
    else droppedProperties++;
  };

  parser.on('doctype', (doctype) => {
    const index = text.search(/<!DOCTYPE/i);
    const at = positionOf(text, Math.max(0, index));
    if (/^\s*html\b/i.test(doctype)) fail('not-junit', at.line, at.column, 'an HTML page (<!DOCTYPE html>), not a JUnit report');
    fail('doctype', at.line, at.column, 'a DOCTYPE is not allowed in a JUnit report (entities are never expanded)');
  });

  parser.on('error', (err) => {
    const reason = err.message.replace(/^\d+:\d+: /, '');
    // Raw control characters (ANSI colour codes in captured output) break XML 1.0 but not the
    // report: keep them and say so once.
    if (reason === 'disallowed character.' || reason === 'malformed character entity.') {
      badCharacters++;
      badCharacterAt ??= where(parser.line, parser.column);
      return;
    }
    const truncated = /^(unclosed tag|unexpected end)/.test(reason) ? ' (the report ends early: truncated?)' : '';
    let bare = reason.replace(/\.$/, '');
    // saxes has already closed the inner element it reports: it is the last one closed.
    if (bare === 'unexpected close tag' && lastClosed !== null) bare += ` (expected </${truncate(lastClosed, 40)}> first)`;
    if (bare === 'undefined entity') bare = 'undefined entity (XML itself defines only &amp; &lt; &gt; &quot; &apos;, and no DOCTYPE may add more)';
    if (!sawRoot && /text data outside of root node/.test(reason)) fail('not-xml', parser.line, parser.column, `not XML: ${bare}`);
    fail('malformed', parser.line, parser.column, `malformed XML: ${bare}${truncated}`);
  });

  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    if (depth > o.maxDepth) fail('too-deep', parser.line, parser.column, `elements nested deeper than ${o.maxDepth}`);
    const name = tag.name;
    const attrs = tag.attributes as Record<string, string>;
    if (!sawRoot) {
      sawRoot = true;
      if (name !== 'testsuites' && name !== 'testsuite') {
        const start = positionOf(text, Math.max(0, text.lastIndexOf(`<${name}`, parser.position)));
        const what = /^html$/i.test(name) ? 'an HTML page, not a JUnit report' : `expected <testsuites> or <testsuite> as the root element, got <${truncate(name, 40)}>`;
        fail('not-junit', start.line, start.column, what);
      }
      if (name === 'testsuites') {
        rootAttrs = attrs;
        rootName = attrs.name === undefined ? undefined : shown(attrs.name);
        sinks.push(null);
        return;
      }
    }
    let sink: TextBuffer | null = null;
    if (currentProblem) {
      // Inside a Surefire rerun/flaky element: <stackTrace>, <system-out>, <system-err>.
      if (name === 'stackTrace') sink = currentProblem.text;
    } else if (currentCase) {
      if (PROBLEM_TAGS.has(name)) {
        currentProblem = { tag: name as ProblemTag, message: attrs.message, type: attrs.type ?? '', text: new TextBuffer(o.maxTextChars) };
        currentCase.problems.push(currentProblem);
        sink = currentProblem.text;
      } else if (name === 'system-out') sink = currentCase.systemOut ??= new TextBuffer(o.maxTextChars);
      else if (name === 'system-err') sink = currentCase.systemErr ??= new TextBuffer(o.maxTextChars);
      else if (name === 'properties') propertyTarget = currentCase.properties;
      else if (name === 'property' && propertyTarget) ({ sink } = openProperty(attrs, propertyTarget));
    } else if (name === 'testsuite') {
      const parent = suiteStack.at(-1) ?? null;
      const suiteName = shown(attrs.name ?? '');
      const suite: SuiteBuild = {
        index: suites.length,
        parent: parent?.index ?? null,
        name: suiteName,
        path: [...(parent?.path ?? []), suiteName],
        pathKey: parent === undefined || parent === null ? suiteName : `${parent.pathKey}\u0000${suiteName}`,
        attrs,
        line: parser.line,
        properties: [],
        systemOut: null,
        systemErr: null,
        counts: { tests: 0, failed: 0, errored: 0, skipped: 0, flaky: 0, timeMs: 0, timed: false },
      };
      suites.push(suite);
      suiteStack.push(suite);
    } else if (name === 'testcase') {
      caseCount++;
      if (caseCount > o.maxCases) fail('too-many-cases', parser.line, parser.column, `more than ${o.maxCases.toLocaleString('en-US')} test cases`);
      currentCase = {
        suite: suiteStack.at(-1)?.index ?? null,
        attrs,
        line: parser.line,
        column: parser.column,
        problems: [],
        properties: [],
        systemOut: null,
        systemErr: null,
      };
    } else {
      const suite = suiteStack.at(-1);
      if (suite) {
        if (name === 'system-out') sink = suite.systemOut ??= new TextBuffer(o.maxTextChars);
        else if (name === 'system-err') sink = suite.systemErr ??= new TextBuffer(o.maxTextChars);
        else if (name === 'properties') propertyTarget = suite.properties;
        else if (name === 'property' && propertyTarget) ({ sink } = openProperty(attrs, propertyTarget));
      }
    }
    sinks.push(sink);
  });

  function openProperty(attrs: Record<string, string>, target: Property[]): { sink: TextBuffer | null } {
    const prop: Property = { name: shown(attrs.name ?? '', o.maxMessageChars), value: shown(attrs.value ?? '', o.maxMessageChars) };
    addProperty(target, prop);
    if (attrs.value !== undefined) return { sink: null };
    // <property name="x">value as text</property> (some tools)
    propertyText = { prop, text: new TextBuffer(o.maxMessageChars) };
    return { sink: propertyText.text };
  }

  const onText = (chunk: string) => {
    const sink = sinks.at(-1);
    if (sink) sink.append(chunk);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', (tag: SaxesTagPlain) => {
    depth--;
    lastClosed = tag.name;
    sinks.pop();
    const name = tag.name;
    if (currentProblem) {
      if (name === currentProblem.tag) currentProblem = null;
      return;
    }
    if (currentCase) {
      if (name === 'testcase') {
        finishCase(currentCase);
        currentCase = null;
      } else if (name === 'properties') propertyTarget = null;
      else if (name === 'property' && propertyText) {
        propertyText.prop.value = propertyText.text.value().trim();
        propertyText = null;
      }
      return;
    }
    if (name === 'testsuite') suiteStack.pop();
    else if (name === 'properties') propertyTarget = null;
    else if (name === 'property' && propertyText) {
      propertyText.prop.value = propertyText.text.value().trim();
      propertyText = null;
    }
  });

  function problemOf(p: ProblemBuild): JUnitProblem {
    const kind = p.tag === 'error' || p.tag === 'flakyError' || p.tag === 'rerunError' ? 'error' : 'failure';
    // jest-junit writes no message attribute: the first line of the text stands in for it.
    const message = p.message ?? p.text.value().trim().split('\n')[0] ?? '';
    return { kind, message: shown(message.trim(), o.maxMessageChars), type: shown(p.type, o.maxMessageChars) };
  }

  function finishCase(c: CaseBuild): void {
    const some = c.problems.length > 0;
    const finals = some ? c.problems.filter((p) => p.tag === 'error' || p.tag === 'failure') : NO_PROBLEMS;
    const errors = some ? finals.filter((p) => p.tag === 'error') : NO_PROBLEMS;
    const reruns = some ? c.problems.filter((p) => p.tag === 'rerunFailure' || p.tag === 'rerunError') : NO_PROBLEMS;
    const flakes = some ? c.problems.filter((p) => p.tag === 'flakyFailure' || p.tag === 'flakyError') : NO_PROBLEMS;
    const skipped = some ? c.problems.find((p) => p.tag === 'skipped') : undefined;
    let outcome: JUnitOutcome;
    let final: ProblemBuild | undefined;
    // Precedence when a case carries several results (it happens): error, failure, a rerun that
    // never passed, skipped, passed on retry, passed.
    if (errors.length > 0) [outcome, final] = ['errored', errors[0]];
    else if (finals.length > 0) [outcome, final] = ['failed', finals[0]];
    else if (reruns.length > 0) [outcome, final] = [reruns.at(-1)!.tag === 'rerunError' ? 'errored' : 'failed', reruns.at(-1)];
    else if (skipped) outcome = 'skipped';
    else if (flakes.length > 0) outcome = 'flaky';
    else outcome = statusOutcome(c.attrs.status) ?? 'passed';
    const time = parseJUnitTime(c.attrs.time);
    if (time.warning) warn(`test case "${truncate(c.attrs.name ?? '', 80)}" (line ${where(c.line, 1).line}): ${time.warning}`);
    const suite = c.suite === null ? null : suites[c.suite]!;
    const tc: JUnitCase = {
      suite: suite?.path ?? [],
      classname: shown(c.attrs.classname ?? c.attrs.class ?? ''),
      name: shown(c.attrs.name ?? ''),
      outcome,
      durationMs: time.ms,
      attempts: 1 + reruns.length + flakes.length,
      retries: some ? [...(final && reruns.includes(final) ? reruns.slice(0, -1) : reruns), ...flakes].map(problemOf) : [],
    };
    if (c.attrs.file !== undefined) tc.file = shown(c.attrs.file);
    if (c.attrs.line !== undefined && /^\d+$/.test(c.attrs.line)) tc.line = Number(c.attrs.line);
    if (final) {
      tc.problem = problemOf(final);
      // jest-junit writes one <failure> per failure message: keep them all in the detail.
      const texts = finals.length > 1 ? finals.map((p) => p.text.value()).join('\n\n') : final.text.value();
      if (texts.trim() !== '') tc.detail = truncate(texts, o.maxTextChars + 40);
    } else if (outcome === 'failed' || outcome === 'errored') {
      // A status attribute said so, with no element to say why.
      tc.problem = { kind: outcome === 'errored' ? 'error' : 'failure', message: `status="${truncate(c.attrs.status ?? '', 40)}"`, type: '' };
    }
    if (outcome === 'skipped' && skipped) {
      const why = skipped.message ?? skipped.text.value().trim();
      if (why !== '') tc.skippedMessage = truncate(why, o.maxMessageChars);
    }
    if (c.systemOut && !c.systemOut.empty) tc.systemOut = c.systemOut.value();
    if (c.systemErr && !c.systemErr.empty) tc.systemErr = c.systemErr.value();
    if (c.properties.length > 0) tc.properties = c.properties;

    // Retries written as repeated test cases (same suite, classname and name): failed attempts
    // followed by a pass are one flaky test. Repeats that never pass stay separate, as their tool
    // counted them (pytest writes a call failure and a teardown error as two entries).
    const failing = outcome === 'failed' || outcome === 'errored';
    const maybeRepeat = !failing && (outcome === 'passed' || outcome === 'flaky') && failingNames.has(tc.name);
    const key = failing || maybeRepeat ? `${suite?.pathKey ?? ''}\u0001${tc.classname}\u0001${tc.name}` : '';
    if (failing) {
      failingNames.add(tc.name);
      const list = failingByKey.get(key);
      if (list) list.push(cases.length);
      else failingByKey.set(key, [cases.length]);
    } else if (maybeRepeat) {
      const earlier = failingByKey.get(key);
      if (earlier) {
        failingByKey.delete(key);
        const first = cases[earlier[0]!]!;
        const failedAttempts = earlier.map((i) => cases[i]!);
        for (const i of earlier.slice(1)) removed.add(i);
        first.outcome = 'flaky';
        first.attempts = failedAttempts.reduce((n, a) => n + a.attempts, 0) + tc.attempts;
        first.retries = [...failedAttempts.flatMap((a) => [...a.retries, ...(a.problem ? [a.problem] : [])]), ...tc.retries];
        first.durationMs = tc.durationMs;
        delete first.problem;
        return;
      }
    }
    cases.push(tc);
    caseSuite.push(c.suite ?? -1);
  }

  parser.write(text).close();
  if (!sawRoot) fail('not-junit', parser.line, parser.column, 'no root element');

  if (badCharacters > 0) {
    const at = badCharacterAt!;
    warn(`${badCharacters} character(s) not allowed in XML 1.0 were read anyway; names and messages are shown without control characters (first at line ${at.line}, column ${at.column})`);
  }
  if (droppedProperties > 0) warn(`${droppedProperties} properties beyond ${o.maxProperties} per element were dropped`);

  // ---- counts, recomputed from the cases ----
  const finalCases: JUnitCase[] = [];
  const totals = { passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0 };
  const failures: JUnitFailure[] = [];
  let caseTimeMs = 0;
  for (let i = 0; i < cases.length; i++) {
    if (removed.size > 0 && removed.has(i)) continue;
    const tc = cases[i]!;
    totals[tc.outcome]++;
    if (tc.durationMs !== null) caseTimeMs += tc.durationMs;
    if (tc.problem && (tc.outcome === 'failed' || tc.outcome === 'errored')) {
      failures.push({ name: tc.name, classname: tc.classname, message: tc.problem.message, type: tc.problem.type, kind: tc.problem.kind });
    }
    for (let s: number | null = caseSuite[i]! < 0 ? null : caseSuite[i]!; s !== null; s = suites[s]!.parent) {
      const counts = suites[s]!.counts;
      counts.tests++;
      if (tc.outcome !== 'passed') counts[tc.outcome]++;
      if (tc.durationMs !== null) {
        counts.timeMs += tc.durationMs;
        counts.timed = true;
      }
    }
    finalCases.push(tc);
  }
  const tests = finalCases.length;

  const suiteSummaries: JUnitSuiteSummary[] = [];
  let earliest: { ms: number; zoned: boolean } | undefined;
  let topLevelMs = 0;
  let topLevelTimed = false;
  for (const s of suites) {
    const time = parseJUnitTime(s.attrs.time);
    if (time.warning) warn(`suite "${truncate(s.name, 80)}" (line ${where(s.line, 1).line}): ${time.warning}`);
    const stamp = parseJUnitTimestamp(s.attrs.timestamp);
    if (stamp.warning) warn(`suite "${truncate(s.name, 80)}": ${stamp.warning}`);
    if (stamp.ms !== null && (earliest === undefined || stamp.ms < earliest.ms)) earliest = { ms: stamp.ms, zoned: stamp.zoned };
    const durationMs = time.ms ?? (s.counts.timed ? s.counts.timeMs : null);
    if (s.parent === null && durationMs !== null) {
      topLevelMs += durationMs;
      topLevelTimed = true;
    }
    const summary: JUnitSuiteSummary = {
      name: s.name,
      path: s.path,
      tests: s.counts.tests,
      failed: s.counts.failed,
      errored: s.counts.errored,
      skipped: s.counts.skipped,
      flaky: s.counts.flaky,
      durationMs,
    };
    if (stamp.ms !== null) summary.timestamp = stamp.ms;
    if (s.attrs.hostname) summary.hostname = s.attrs.hostname;
    if (s.properties.length > 0) summary.properties = s.properties;
    if (s.systemOut && !s.systemOut.empty) summary.systemOut = s.systemOut.value();
    if (s.systemErr && !s.systemErr.empty) summary.systemErr = s.systemErr.value();
    suiteSummaries.push(summary);
    headerCheck(`suite "${truncate(s.name, 80)}"`, s.attrs, s.counts);
  }
  if (rootAttrs) {
    headerCheck('the <testsuites> header', rootAttrs, { tests, failed: totals.failed, errored: totals.errored, skipped: totals.skipped, flaky: totals.flaky });
  }

  function headerCheck(what: string, attrs: Record<string, string>, counts: { tests: number; failed: number; errored: number; skipped: number; flaky: number }): void {
    // Header `failures` and `errors` count final results; a flaky test passed, so it is in neither.
    const pairs: [string, number][] = [
      ['tests', counts.tests],
      ['failures', counts.failed],
      ['errors', counts.errored],
      ['skipped', counts.skipped],
    ];
    const off = pairs.filter(([attr, n]) => attrs[attr] !== undefined && /^\d+$/.test(attrs[attr]!.trim()) && Number(attrs[attr]) !== n);
    if (off.length > 0) {
      warn(`${what} says ${off.map(([a]) => `${a}=${attrs[a]}`).join(', ')}; its test cases give ${off.map(([a, n]) => `${a}=${n}`).join(', ')}`);
    }
  }

  const rootTime = rootAttrs ? parseJUnitTime((rootAttrs as Record<string, string>).time) : { ms: null };
  if (rootTime.warning) warn(`the <testsuites> header: ${rootTime.warning}`);
  const rootStamp = rootAttrs ? parseJUnitTimestamp((rootAttrs as Record<string, string>).timestamp) : { ms: null, zoned: false };
  if (rootStamp.warning) warn(`the <testsuites> header: ${rootStamp.warning}`);
  // The root's time is the wall-clock run (jest runs suites in parallel, so it can be far less
  // than their sum); without it, the top-level suites' times; without those, the cases' times.
  const durationMs = rootTime.ms ?? (topLevelTimed ? topLevelMs : caseTimeMs);
  if (warningsDropped > 0) warnings.push(`… and ${warningsDropped} more warnings`);

  const summary: JUnitSummary = {
    // Several top-level suites and no name for the whole: the caller names it (`?suite=`).
    suite: o.suiteName ?? rootName ?? (suites.filter((s) => s.parent === null).length === 1 ? suites[0]!.name : ''),
    tests,
    passed: totals.passed,
    failed: totals.failed,
    errored: totals.errored,
    skipped: totals.skipped,
    flaky: totals.flaky,
    durationMs: Math.round(durationMs * 1000) / 1000,
    failures,
    cases: finalCases,
    suites: suiteSummaries,
    warnings,
  };
  // When the run started: the root's timestamp (the whole run's), else the earliest suite's.
  const started = rootStamp.ms !== null ? { ms: rootStamp.ms, zoned: rootStamp.zoned } : earliest;
  if (started !== undefined) {
    summary.timestamp = started.ms;
    summary.timestampZoned = started.zoned;
  }
  return summary;
}

/** A `status` attribute on a testcase without result elements (Bazel, tst, some converters). */
function statusOutcome(status: string | undefined): JUnitOutcome | null {
  switch (status?.toLowerCase()) {
    case 'failed':
    case 'failure':
      return 'failed';
    case 'error':
    case 'errored':
      return 'errored';
    case 'skipped':
    case 'disabled':
    case 'notrun':
    case 'ignored':
      return 'skipped';
    default:
      return null; // "run", "passed", or nothing
  }
}
