/**
 * One run of a check: its steps in order (each may extract variables for the next), redirects
 * followed when asked, every assertion evaluated, and a retry only when the failure's class says
 * the target never really answered (network-class by default). The result is what the state
 * model consumes plus the detail the board's detail view shows.
 */
import { Buffer } from 'node:buffer';
import { failedAssertionText } from '../../../shared/domain/canaries/assertion-text.ts';
import type { CanaryResult, FailureClass } from '../../../shared/model/canary.ts';
import { VAR_REFERENCE, type ResolvedCheck, type ResolvedRequest, type ResolvedStep } from '../../../shared/model/canary-checks.ts';
import type { AssertionOutcome, CanaryRunDetail, CanaryTimings, CertInfo, StepDetail } from '../../../shared/protocol/canaries.ts';
import { Body, defaultStatusAssertion, evaluate, selectJson } from './assertions.ts';
import { probe, type ProbeRequest, type ProbeResult } from './probe.ts';

export interface CheckRun {
  /** For the state model (at = when the run started). */
  result: CanaryResult;
  detail: CanaryRunDetail;
  /** The timings of the final attempt, summed over its requests. */
  timings: CanaryTimings | null;
  /** The assertions of the final attempt that failed. */
  failed: AssertionOutcome[];
  certs: CertInfo[];
}

export interface RunOptions {
  now?: () => number;
  signal?: AbortSignal;
  /** How late the run started against its plan. */
  lagMs?: number;
  /** Waits between attempts (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
}

interface AttemptOutcome {
  ok: boolean;
  outcome: 'pass' | 'fail' | 'error';
  classification: FailureClass | null;
  message: string | null;
  steps: StepDetail[];
  assertions: AssertionOutcome[];
  timings: CanaryTimings;
  certs: CertInfo[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const sum = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.round((a + b) * 100) / 100);
function addTimings(a: CanaryTimings | null, b: CanaryTimings): CanaryTimings {
  if (a === null) return { ...b };
  return {
    dnsMs: sum(a.dnsMs, b.dnsMs),
    connectMs: sum(a.connectMs, b.connectMs),
    tlsMs: sum(a.tlsMs, b.tlsMs),
    firstByteMs: sum(a.firstByteMs, b.firstByteMs),
    transferMs: sum(a.transferMs, b.transferMs),
    totalMs: Math.round((a.totalMs + b.totalMs) * 100) / 100,
  };
}

/** Replace ${vars.NAME}; a name no step set is an error (the loader refuses such files, so this is a safety net). */
function interpolate(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(VAR_REFERENCE, (whole, name: string) => {
    const value = vars.get(name);
    if (value === undefined) throw new Error(`${whole} is not set: no earlier step extracted it`);
    return value;
  });
}

function interpolateJson(value: unknown, vars: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((v) => interpolateJson(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateJson(v, vars)]));
  return value;
}

function buildRequest(r: ResolvedRequest, vars: ReadonlyMap<string, string>): { url: URL; headers: Record<string, string>; body?: Buffer } {
  const url = new URL(interpolate(r.url, vars));
  const headers: Record<string, string> = { 'user-agent': 'MissionControl-canary', accept: '*/*' };
  for (const [name, value] of Object.entries(r.headers)) headers[name.toLowerCase()] = interpolate(value, vars);
  if (r.auth?.type === 'bearer') headers.authorization = `Bearer ${interpolate(r.auth.token, vars)}`;
  if (r.auth?.type === 'basic') headers.authorization = `Basic ${Buffer.from(`${r.auth.username}:${r.auth.password}`).toString('base64')}`;
  let body: Buffer | undefined;
  if (r.json !== undefined) {
    body = Buffer.from(JSON.stringify(interpolateJson(r.json, vars)));
    headers['content-type'] ??= 'application/json';
  } else if (r.body !== undefined) body = Buffer.from(interpolate(r.body, vars));
  if (body) headers['content-length'] = String(body.length);
  return body ? { url, headers, body } : { url, headers };
}

/** Scheme, host and path: never the query string (it may carry a token). */
export const safeUrl = (url: URL) => `${url.protocol}//${url.host}${url.pathname}`;

/** Fetch with redirects followed (as the check says); the timings add up over the hops. */
async function fetchFollowing(
  check: ResolvedCheck,
  method: string,
  start: { url: URL; headers: Record<string, string>; body?: Buffer },
  deadline: number,
  options: RunOptions,
): Promise<{ result: ProbeResult; timings: CanaryTimings; url: URL; redirects: number; certs: CertInfo[] }> {
  let url = start.url;
  let headers = start.headers;
  let body = start.body;
  let timings: CanaryTimings | null = null;
  const certs: CertInfo[] = [];
  for (let hop = 0; ; hop++) {
    const request: ProbeRequest = {
      method,
      url,
      headers,
      tls: check.tls,
      timeoutMs: Math.max(1, deadline - performance.now()),
      statedTimeoutMs: check.timeoutMs,
      maxBodyBytes: check.maxBodyBytes,
    };
    if (body) request.body = body;
    if (options.signal) request.signal = options.signal;
    if (options.now) request.now = options.now;
    const result = await probe(request);
    timings = addTimings(timings, result.timings);
    if (result.cert) certs.push(result.cert);
    if (!result.ok || !check.followRedirects || !REDIRECTS.has(result.status) || !result.headers.location) {
      return { result, timings, url, redirects: hop, certs };
    }
    if (hop >= check.maxRedirects) {
      return {
        result: { ok: false, classification: 'http-status', message: `more than ${check.maxRedirects} redirects (last to ${result.headers.location})`, code: null, timings: result.timings, cert: result.cert },
        timings,
        url,
        redirects: hop,
        certs,
      };
    }
    const next = new URL(result.headers.location, url);
    if (next.origin !== url.origin) {
      // Credentials stay with the origin they were meant for.
      const { authorization: _a, cookie: _c, ...rest } = headers;
      headers = rest;
    }
    if (result.status === 303 || ((result.status === 301 || result.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      const { 'content-length': _l, 'content-type': _t, ...rest } = headers;
      headers = rest;
    }
    url = next;
  }
}

async function runStep(
  check: ResolvedCheck,
  step: ResolvedStep,
  vars: Map<string, string>,
  deadline: number,
  multi: boolean,
  options: RunOptions,
): Promise<{ detail: StepDetail; assertions: AssertionOutcome[]; failure: { classification: FailureClass; message: string; outcome: 'fail' | 'error' } | null; timings: CanaryTimings; certs: CertInfo[] }> {
  const label = multi ? step.name : null;
  const prefix = label ? `${label}: ` : '';
  let built: ReturnType<typeof buildRequest>;
  try {
    built = buildRequest(step.request, vars);
  } catch (error) {
    const message = `${prefix}${(error as Error).message}`;
    const timings: CanaryTimings = { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, transferMs: null, totalMs: 0 };
    return {
      detail: { name: step.name, method: step.request.method, url: step.request.url.replace(/\?.*$/, ''), status: null, ok: false, timings, classification: 'error', message },
      assertions: [],
      failure: { classification: 'error', message, outcome: 'error' },
      timings,
      certs: [],
    };
  }
  const fetched = await fetchFollowing(check, step.request.method, built, deadline, options);
  const { result, timings } = fetched;
  const detail: StepDetail = { name: step.name, method: step.request.method, url: safeUrl(built.url), status: result.ok ? result.status : null, ok: false, timings };
  if (fetched.redirects > 0) detail.redirects = fetched.redirects;
  if (!result.ok) {
    const message = `${prefix}${result.message}`;
    detail.classification = result.classification;
    detail.message = message;
    return { detail, assertions: [], failure: { classification: result.classification, message, outcome: result.classification === 'error' && result.message === 'the run was cancelled' ? 'error' : 'fail' }, timings, certs: fetched.certs };
  }

  const body = new Body(result.body, result.headers['content-type'] ?? '');
  const view = { status: result.status, headers: result.headers, body: result.body, truncated: result.truncated, totalMs: timings.totalMs };
  const list = step.assert.some((a) => 'status' in a) ? step.assert : [defaultStatusAssertion(), ...step.assert];
  const assertions = list.map((a) => evaluate(a, view, body, label));
  const firstFailed = assertions.find((a) => !a.ok);
  if (firstFailed) {
    const statusFailed = assertions.some((a, i) => !a.ok && 'status' in list[i]!);
    const classification: FailureClass = statusFailed ? 'http-status' : 'assertion';
    const shown = statusFailed ? assertions.find((a, i) => !a.ok && 'status' in list[i]!)! : firstFailed;
    const others = assertions.filter((a) => !a.ok).length - 1;
    const message = `${failedAssertionText(shown)}${others > 0 ? ` (and ${others} more failed assertion${others === 1 ? '' : 's'})` : ''}`;
    detail.classification = classification;
    detail.message = message;
    return { detail, assertions, failure: { classification, message, outcome: 'fail' }, timings, certs: fetched.certs };
  }

  // Variables for the next steps.
  for (const [name, from] of Object.entries(step.extract)) {
    let value: unknown;
    let where: string;
    if ('json' in from) {
      where = from.json;
      const parsed = body.json;
      value = parsed.ok ? selectJson(from.json, parsed.value)[0] : undefined;
    } else {
      where = `header ${from.header.toLowerCase()}`;
      value = result.headers[from.header.toLowerCase()];
    }
    if (value === undefined || value === null || (typeof value === 'object')) {
      const message = `${prefix}expected ${where} to give a value for \${vars.${name}}, got ${value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 60)}`;
      detail.classification = 'assertion';
      detail.message = message;
      return { detail, assertions, failure: { classification: 'assertion', message, outcome: 'fail' }, timings, certs: fetched.certs };
    }
    vars.set(name, String(value));
  }
  detail.ok = true;
  return { detail, assertions, failure: null, timings, certs: fetched.certs };
}

async function attempt(check: ResolvedCheck, options: RunOptions): Promise<AttemptOutcome> {
  const deadline = performance.now() + check.timeoutMs;
  const vars = new Map<string, string>();
  const steps: StepDetail[] = [];
  const assertions: AssertionOutcome[] = [];
  const certs: CertInfo[] = [];
  let timings: CanaryTimings | null = null;
  const multi = check.steps.length > 1;
  for (const step of check.steps) {
    if (performance.now() >= deadline) {
      const message = `${multi ? `${step.name}: ` : ''}no time left for this step (the check's timeout is ${check.timeoutMs} ms)`;
      return { ok: false, outcome: 'fail', classification: 'timeout', message, steps, assertions, timings: timings ?? emptyTimings(), certs };
    }
    const r = await runStep(check, step, vars, deadline, multi, options);
    steps.push(r.detail);
    assertions.push(...r.assertions);
    certs.push(...r.certs);
    timings = addTimings(timings, r.timings);
    if (r.failure) {
      return { ok: false, outcome: r.failure.outcome, classification: r.failure.classification, message: r.failure.message, steps, assertions, timings, certs };
    }
  }
  return { ok: true, outcome: 'pass', classification: null, message: null, steps, assertions, timings: timings ?? emptyTimings(), certs };
}

const emptyTimings = (): CanaryTimings => ({ dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, transferMs: null, totalMs: 0 });

/** Run a check once (with its retries). Never throws. */
export async function runCheck(check: ResolvedCheck, options: RunOptions = {}): Promise<CheckRun> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const startedAt = now();
  const attemptErrors: string[] = [];
  let last: AttemptOutcome;
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      last = await attempt(check, options);
    } catch (error) {
      last = { ok: false, outcome: 'error', classification: 'error', message: `the run failed: ${(error as Error).message}`, steps: [], assertions: [], timings: emptyTimings(), certs: [] };
    }
    const retryable = !last.ok && last.classification !== null && check.retries.on.includes(last.classification) && !options.signal?.aborted;
    if (!retryable || attempts > check.retries.count) break;
    attemptErrors.push(last.message ?? 'failed');
    if (check.retries.delayMs > 0) await sleep(check.retries.delayMs);
  }

  const result: CanaryResult = { type: 'result', outcome: last.outcome, at: startedAt, latencyMs: last.timings.totalMs, attempts };
  if (!last.ok) {
    if (last.classification) result.classification = last.classification;
    if (last.message) result.message = last.message.slice(0, 1000);
  } else if (attempts > 1) {
    result.retried = true;
    result.message = `passed on attempt ${attempts} of ${check.retries.count + 1} (${attemptErrors.at(-1) ?? 'failed'})`.slice(0, 1000);
  }
  const detail: CanaryRunDetail = { steps: last.steps, assertions: last.assertions.slice(0, 50) };
  if (options.lagMs !== undefined) detail.lagMs = Math.round(options.lagMs);
  if (attemptErrors.length > 0) detail.attemptErrors = attemptErrors;
  const certs = uniqueCerts(last.certs);
  if (certs.length > 0) detail.certs = certs;
  return { result, detail, timings: last.timings, failed: last.assertions.filter((a) => !a.ok).slice(0, 5), certs };
}

function uniqueCerts(certs: CertInfo[]): CertInfo[] {
  const seen = new Map<string, CertInfo>();
  for (const c of certs) seen.set(c.fingerprint, c);
  return [...seen.values()];
}
