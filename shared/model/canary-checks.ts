/**
 * The workspace's `canaries:` section: synthetic HTTP(S) checks and JUnit suites as code, their
 * maintenance windows and retention. The YAML is validated here and resolved (defaults merged,
 * the state model's configuration built), so the hub's runner and service only ever see complete
 * checks. `npm run schema` turns this into the editors' JSON Schema with the rest of the workspace.
 *
 * Run-time variables: a step may `extract` values (JSONPath into the body, or a header) that later
 * steps use as `${vars.NAME}`. The `vars.` prefix keeps them apart from `${ENV_VAR}`, which the
 * workspace loader substitutes from the environment when the file is read.
 */
import { z } from 'zod';
import { canaryConfigSchema, failureClasses, type CanaryConfig, type FailureClass } from './canary.ts';
import { durationMs } from './duration.ts';
import { severitySchema, type Severity } from './incident.ts';

/**
 * A build number or run id at the end of a suite name: after a separator, `build`, `run`, `job`
 * or `pipeline` and a number, or a number of 4 digits or more (so `node-22` or `api-v2` stay).
 */
export const DEFAULT_SUITE_BUILD_SUFFIX = '[-_.# ]+(?:(?:build|run|job|pipeline)[-_.# ]*\\d+|\\d{4,})';

/** How old a report's run may be and still move a suite's tile, when nothing else says (canaries.maxReportAge). */
export const DEFAULT_MAX_REPORT_AGE_MS = 3_600_000;

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'expected an id: lowercase letters, digits, "-" or "_"' });

const label = z.string().trim().min(1).max(80);

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as "Europe/London" or "UTC"' },
);

const regex = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected a valid regular expression' },
  );

const jsonPath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((p) => p.startsWith('$'), { message: 'expected a JSONPath starting with "$", e.g. $.status' });

/** `${vars.NAME}`: a value a previous step extracted. */
export const VAR_REFERENCE = /\$\{vars\.([A-Za-z_][A-Za-z0-9_]*)\}/g;
const varName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'expected a variable name: letters, digits and "_"' });

const httpStatus = z.number().int().min(100).max(599);
const jsonValue = z.json();

/** Exactly one of these keys is present (null counts as present: `equals: null` is a real expectation). */
function exactlyOne(keys: readonly string[]) {
  return (value: object) => keys.filter((k) => Object.hasOwn(value, k)).length === 1;
}
const oneOf = (keys: readonly string[]) => ({ message: `expected exactly one of ${keys.join(', ')}` });

// ---- assertions -----------------------------------------------------------------------------

export const statusAssertionSchema = z
  .object({
    status: z
      .union([
        httpStatus,
        z.array(httpStatus).min(1).max(20),
        z
          .object({ from: httpStatus, to: httpStatus })
          .strict()
          .refine((r) => r.from <= r.to, { message: 'expected from <= to', path: ['to'] }),
      ])
      .describe('200, a list [200, 204], or a range { from: 200, to: 299 }.'),
  })
  .strict();

export const latencyAssertionSchema = z
  .object({ latency: z.object({ below: durationMs.describe('e.g. 800ms') }).strict() })
  .strict()
  .describe("The step's total time (DNS to last byte) must be below this.");

const headerOps = ['equals', 'matches', 'exists'] as const;
export const headerAssertionSchema = z
  .object({
    header: z.string().trim().min(1).max(200).describe('Header name (case-insensitive).'),
    equals: z.string().max(2000).optional(),
    matches: regex.optional().describe('A regular expression the value must match.'),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine(exactlyOne(headerOps), oneOf(headerOps));

const bodyOps = ['contains', 'notContains', 'matches'] as const;
export const bodyAssertionSchema = z
  .object({
    body: z
      .object({ contains: z.string().min(1).max(2000).optional(), notContains: z.string().min(1).max(2000).optional(), matches: regex.optional() })
      .strict()
      .refine(exactlyOne(bodyOps), oneOf(bodyOps)),
  })
  .strict();

const jsonOps = ['equals', 'notEquals', 'above', 'below', 'atLeast', 'atMost', 'exists', 'matches'] as const;
export const jsonAssertionSchema = z
  .object({
    json: jsonPath.describe('JSONPath into the body (jsonpath-plus, safe mode). With several matches, every match must pass.'),
    equals: jsonValue.optional(),
    notEquals: jsonValue.optional(),
    above: z.number().optional(),
    below: z.number().optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    exists: z.boolean().optional(),
    matches: regex.optional(),
  })
  .strict()
  .refine(exactlyOne(jsonOps), oneOf(jsonOps));

export const assertionSchema = z
  .union([statusAssertionSchema, latencyAssertionSchema, headerAssertionSchema, bodyAssertionSchema, jsonAssertionSchema])
  .describe('One of: { status }, { latency: { below } }, { header, equals|matches|exists }, { body: { contains|notContains|matches } }, { json, equals|notEquals|above|below|atLeast|atMost|exists|matches }.');
export type CanaryAssertion = z.output<typeof assertionSchema>;

// ---- requests and steps ---------------------------------------------------------------------

const auth = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('bearer'), token: z.string().min(1) }).strict(),
    z.object({ type: z.literal('basic'), username: z.string(), password: z.string() }).strict(),
  ])
  .describe('Credentials for the request. Use ${ENV_VAR} to keep secrets out of the file.');

const httpUrl = z.url({ protocol: /^https?$/ });
/** An absolute http(s) URL (a ${vars.X} counts as a plain word) with no user:password@. */
function isHttpUrl(text: string): boolean {
  const plain = text.replace(VAR_REFERENCE, 'x');
  return httpUrl.safeParse(plain).success && !/^https?:\/\/[^/?#]*@/i.test(plain);
}

export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const requestSchema = z
  .object({
    method: z.enum(httpMethods).default('GET'),
    url: z
      .string()
      .max(4000)
      .refine(isHttpUrl, { message: 'expected an http(s) URL without credentials (use auth:)' })
      .describe('May use ${vars.NAME} from an earlier step.'),
    headers: z.record(z.string().min(1).max(200), z.string().max(8000)).optional(),
    body: z.string().max(1_000_000).optional().describe('A raw request body.'),
    json: jsonValue.optional().describe('A JSON request body (sets content-type: application/json).'),
    auth: auth.optional(),
  })
  .strict()
  .refine((r) => r.body === undefined || r.json === undefined, { message: 'expected body or json, not both', path: ['json'] });
export type CanaryRequest = z.output<typeof requestSchema>;

export const extractSchema = z
  .record(
    varName,
    z.union([
      z.object({ json: jsonPath.describe('The first match becomes the variable.') }).strict(),
      z.object({ header: z.string().trim().min(1).max(200) }).strict(),
    ]),
  )
  .describe('Variables for later steps: name → { json: $.path } or { header: name }. Used as ${vars.NAME}.');

export const stepSchema = z
  .object({
    name: label.optional(),
    request: requestSchema,
    assert: z.array(assertionSchema).max(30).optional().describe('Without a status assertion, any 2xx passes.'),
    extract: extractSchema.optional(),
  })
  .strict();

// ---- checks and suites ----------------------------------------------------------------------

const confirmSchema = z
  .object({
    consecutive: z.number().int().min(1).max(100).optional().describe('Failed runs in a row that confirm a failure.'),
    window: z
      .object({ failures: z.number().int().min(1).max(1000), of: z.number().int().min(1).max(1000) })
      .strict()
      .refine((w) => w.failures <= w.of, { message: 'expected failures <= of', path: ['failures'] })
      .optional()
      .describe('k of the last n runs failed (catches the 1-in-3 failure behind a load balancer).'),
  })
  .strict()
  .describe('Default: 3 in a row. With only a window, the window alone confirms.');

/** The network-class failures a run is retried on by default: the target never answered. */
export const defaultRetryOn: readonly FailureClass[] = ['dns', 'connect-refused', 'connect-reset', 'timeout'];

const retriesSchema = z
  .object({
    count: z.number().int().min(0).max(5).optional().describe('Extra attempts within one run (default 1).'),
    delay: durationMs.optional().describe('Wait between attempts (default 250ms).'),
    on: z.array(z.enum(failureClasses)).min(1).optional().describe('Failure classes worth a retry (default: dns, connect-refused, connect-reset, timeout).'),
  })
  .strict()
  .describe('A run that passes only on a retry shows as flaky, never as a plain pass.');

const tlsSchema = z
  .object({
    ca: z.string().min(1).optional().describe('PEM of a CA to trust in addition to the system ones (use ${ENV_VAR}).'),
    insecureSkipVerify: z.boolean().optional().describe('Accept any certificate (expiry is still reported).'),
    servername: z.string().min(1).max(253).optional().describe('SNI / the name the certificate must carry, when it differs from the URL host.'),
  })
  .strict();

/** What a check inherits from `canaries.defaults` when it does not say. */
const checkSettings = {
  interval: durationMs.optional().describe('How often the check runs (default 30s).'),
  timeout: durationMs.optional().describe('One attempt of the whole check, all steps (default 10s, at most half the interval). Must be shorter than the interval.'),
  jitter: z.union([z.literal(0), durationMs]).optional().describe('Each run starts up to this much earlier or later (default 5% of the interval, at most 2s).'),
  headers: z.record(z.string().min(1).max(200), z.string().max(8000)).optional().describe('Sent with every request (a step\'s own headers win).'),
  followRedirects: z.boolean().optional().describe('Follow 301/302/303/307/308 (default true, at most maxRedirects).'),
  maxRedirects: z.number().int().min(0).max(20).optional(),
  tls: tlsSchema.optional(),
  certExpiryWarnDays: z.number().int().min(0).max(365).optional().describe('Warn once per certificate that expires within this many days (default 14; 0 = never).'),
  warnLatency: durationMs.optional().describe('A passing run slower than this is degraded.'),
  degradeAfter: z.number().int().min(1).max(100).optional().describe('Slow runs in a row before the check shows degraded (default 1).'),
  confirm: confirmSchema.optional(),
  recoverAfter: z.number().int().min(1).max(100).optional().describe('Passing runs in a row that close a confirmed failure (default 1).'),
  retries: retriesSchema.optional(),
  historySize: z.number().int().min(1).max(200).optional().describe('Runs in the tile\'s history strip (default 30).'),
  uptimeWindow: durationMs.optional().describe('Period of the uptime and pass-ratio figures (default 24h).'),
  alertOnStale: z.boolean().optional(),
  maxBodyBytes: z.number().int().min(1024).max(16 * 1024 * 1024).optional().describe('Response bytes read for assertions (default 1 MiB).'),
};

const tileFields = {
  id,
  name: label.optional(),
  description: z.string().max(500).optional(),
  runbook: httpUrl.max(2000).optional().describe('The runbook for this check failing: a link on its tile and in the andon prompt.'),
  service: label.optional().describe('Tiles are grouped by service...'),
  journey: label.optional().describe('...or by customer journey (e.g. "watch live").'),
  critical: z.boolean().optional().describe('A confirmed failure prompts every console to pull the andon cord.'),
  autoDeclare: z
    .object({
      severity: severitySchema.default(2).describe('1 critical … 4 low.'),
      title: z.string().trim().min(1).max(200).optional().describe('Default: "<name> failing: <what failed>".'),
    })
    .strict()
    .optional()
    .describe('Declare an incident by itself when a failure is confirmed (once per failure, until it recovers).'),
};

export const checkSchema = z
  .object({
    ...tileFields,
    ...checkSettings,
    request: requestSchema.optional().describe('A single-request check. Use steps for several.'),
    assert: z.array(assertionSchema).max(30).optional().describe('The single request\'s assertions.'),
    steps: z.array(stepSchema).min(1).max(10).optional().describe('Requests in order; a failed step ends the run.'),
  })
  .strict()
  .superRefine((check, ctx) => {
    if ((check.request === undefined) === (check.steps === undefined)) {
      ctx.addIssue({ code: 'custom', path: check.steps ? ['steps'] : ['request'], message: 'expected either request (one request) or steps (several), not both or neither' });
    }
    if (check.assert !== undefined && check.request === undefined) {
      ctx.addIssue({ code: 'custom', path: ['assert'], message: 'expected assert beside request; with steps, put assert in each step' });
    }
    // Every ${vars.NAME} must have been extracted by an earlier step.
    const known = new Set<string>();
    const steps = check.steps ?? (check.request ? [{ request: check.request }] : []);
    steps.forEach((step, i) => {
      const base = check.steps ? ['steps', i, 'request'] : ['request'];
      for (const [field, value] of referencedStrings(step.request)) {
        for (const match of value.matchAll(VAR_REFERENCE)) {
          if (!known.has(match[1]!)) {
            ctx.addIssue({
              code: 'custom',
              path: [...base, ...field],
              message: `expected \${vars.${match[1]}} to be extracted by an earlier step, got no step that sets it`,
            });
          }
        }
      }
      for (const name of Object.keys(('extract' in step ? step.extract : undefined) ?? {})) known.add(name);
    });
  });

/** Every string in a request that may carry ${vars.X}, with its path. */
function referencedStrings(request: z.output<typeof requestSchema>): [(string | number)[], string][] {
  const out: [(string | number)[], string][] = [[['url'], request.url]];
  for (const [k, v] of Object.entries(request.headers ?? {})) out.push([['headers', k], v]);
  if (request.body !== undefined) out.push([['body'], request.body]);
  if (request.auth?.type === 'bearer') out.push([['auth', 'token'], request.auth.token]);
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') out.push([path, v]);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  if (request.json !== undefined) walk(request.json, ['json']);
  return out;
}

export const suiteSchema = z
  .object({
    ...tileFields,
    aliases: z.array(z.string().trim().min(1).max(100)).max(20).optional().describe('Other names reports arrive under (the ?suite= value, a file name, the report\'s root name).'),
    expectEvery: durationMs.optional().describe('How often a report should arrive; a suite silent for longer is stale.'),
    staleAfter: durationMs.optional().describe('Silence before the suite is stale (default 1.5 × expectEvery).'),
    alertOnStale: z.boolean().optional().describe('Raise an alert when it goes stale (default true when expectEvery is set).'),
    maxReportAge: durationMs
      .optional()
      .describe("A report whose run ended longer ago than this joins the suite's history without moving its tile (default: its staleAfter when expectEvery is set, else canaries.maxReportAge)."),
    confirm: confirmSchema.optional().describe('Default for suites: 2 failed reports in a row.'),
    recoverAfter: z.number().int().min(1).max(100).optional(),
    historySize: z.number().int().min(1).max(200).optional(),
    uptimeWindow: durationMs.optional(),
  })
  .strict()
  .refine((s) => s.staleAfter === undefined || s.expectEvery !== undefined, { message: 'expected expectEvery beside staleAfter', path: ['staleAfter'] })
  .refine((s) => s.staleAfter === undefined || s.expectEvery === undefined || s.staleAfter >= s.expectEvery, {
    message: 'expected staleAfter to be at least expectEvery',
    path: ['staleAfter'],
  });

/**
 * A Prometheus blackbox_exporter probe, read through a Prometheus source: one canary per probed
 * target (`instance`), its result from probe_success, its latency from probe_duration_seconds and
 * its phases from probe_http_duration_seconds{phase}. A new result is taken only when Prometheus
 * has a newer sample, so a probe nobody scrapes any more goes stale.
 */
export const probeSchema = z
  .object({
    ...tileFields,
    source: id.describe('The id of a prometheus source in this workspace.'),
    instance: z.string().trim().min(1).max(2000).describe('The probed target: the instance label, e.g. https://example.com/health.'),
    job: z.string().trim().min(1).max(200).optional().describe('The job label of the blackbox scrape (when several jobs probe the same target).'),
    interval: durationMs.optional().describe('How often Prometheus is asked (default 30s): at least the scrape interval.'),
    warnLatency: durationMs.optional().describe('A passing probe slower than this is degraded.'),
    confirm: confirmSchema.optional(),
    recoverAfter: z.number().int().min(1).max(100).optional(),
    historySize: z.number().int().min(1).max(200).optional(),
    uptimeWindow: durationMs.optional(),
    alertOnStale: z.boolean().optional(),
  })
  .strict();

// ---- maintenance ----------------------------------------------------------------------------

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const scope = {
  checks: z.array(id).max(5000).optional().describe('Check and suite ids the window covers.'),
  services: z.array(label).max(200).optional().describe('Services the window covers.'),
};

export const maintenanceSchema = z.union([
  z
    .object({
      id,
      reason: z.string().max(500).optional(),
      from: z.iso.datetime({ offset: true }).describe('ISO 8601 with a zone, e.g. 2026-06-01T02:00:00+01:00'),
      to: z.iso.datetime({ offset: true }),
      ...scope,
    })
    .strict()
    .refine((w) => Date.parse(w.from) < Date.parse(w.to), { message: 'expected to to be after from', path: ['to'] })
    .describe('A one-off window.'),
  z
    .object({
      id,
      reason: z.string().max(500).optional(),
      days: z.array(z.enum(weekdays)).min(1).max(7).optional().describe('Days it starts on (default every day).'),
      at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time of day such as "02:30"' }),
      duration: durationMs.refine((ms) => ms <= 7 * 86_400_000, { message: 'expected a duration of at most 7d' }),
      timezone: timeZone.optional().describe("Default: the workspace's timezone."),
      ...scope,
    })
    .strict()
    .describe('A recurring window, e.g. every Tuesday at 02:00 for 30m.'),
]);
export type MaintenanceConfig = z.output<typeof maintenanceSchema>;

// ---- the section ----------------------------------------------------------------------------

const rawCanariesSchema = z
  .object({
    defaults: z.object(checkSettings).strict().optional().describe('What every check inherits unless it says otherwise.'),
    concurrency: z.number().int().min(1).max(1000).default(50).describe('Checks running at once; the rest queue (and their lag shows).'),
    checks: z.array(checkSchema).max(5000).default([]),
    suites: z.array(suiteSchema).max(1000).default([]),
    probes: z.array(probeSchema).max(5000).default([]).describe('Prometheus blackbox_exporter probes, read through a prometheus source.'),
    maintenance: z.array(maintenanceSchema).max(200).default([]),
    retention: z
      .object({
        rawDays: z.number().int().min(1).max(400).default(14).describe('Days each run is kept in full.'),
        rollupDays: z.number().int().min(1).max(3660).default(365).describe('Days the hourly rollups are kept.'),
      })
      .strict()
      .prefault({}),
    junitFolder: z.string().min(1).max(1000).optional().describe('A folder watched for *.xml JUnit reports (relative to this file); each is ingested, then moved to processed/ or failed/.'),
    acceptUnknownSuites: z.boolean().default(true).describe('Reports for a suite not listed here get a tile of their own.'),
    maxReportAge: durationMs
      .default(DEFAULT_MAX_REPORT_AGE_MS)
      .describe(
        "A JUnit report whose run ended longer ago than this (default 1h) joins its suite's history without moving the tile, so it never confirms a failure or declares an incident; for suites without expectEvery (a suite with one uses its staleness window) and those undeclared.",
      ),
    suiteBuildSuffix: z
      .union([
        z
          .string()
          .min(1)
          .max(200)
          .refine((p) => compiles(p), { message: 'expected a regular expression' }),
        z.literal(false),
      ])
      .default(DEFAULT_SUITE_BUILD_SUFFIX)
      .describe(
        'What is cut off the end of a reported suite name before it names a tile, so one tile updates per suite, not per build (a regular expression, case-insensitive, matched at the end; false: none).',
      ),
  })
  .strict();

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

// ---- resolution -----------------------------------------------------------------------------

export interface ResolvedRequest {
  method: (typeof httpMethods)[number];
  url: string;
  headers: Record<string, string>;
  body?: string;
  json?: unknown;
  auth?: z.output<typeof auth>;
}

export interface ResolvedStep {
  name: string;
  request: ResolvedRequest;
  assert: CanaryAssertion[];
  extract: Record<string, { json: string } | { header: string }>;
}

interface TileBase {
  id: string;
  name: string;
  description: string | null;
  runbook: string | null;
  service: string | null;
  journey: string | null;
  critical: boolean;
  /** Declare an incident when a failure is confirmed (once per failure). */
  autoDeclare: { severity: Severity; title: string | null } | null;
  /** The state model's configuration (shared/domain/canaries/state.ts). */
  state: CanaryConfig;
}

export interface ResolvedCheck extends TileBase {
  kind: 'check';
  intervalMs: number;
  timeoutMs: number;
  jitterMs: number;
  steps: ResolvedStep[];
  followRedirects: boolean;
  maxRedirects: number;
  tls: { ca: string | null; insecureSkipVerify: boolean; servername: string | null };
  certExpiryWarnDays: number;
  retries: { count: number; delayMs: number; on: FailureClass[] };
  maxBodyBytes: number;
}

export interface ResolvedSuite extends TileBase {
  kind: 'suite';
  aliases: string[];
  expectEveryMs: number | null;
  /** Its own maxReportAge; null: its staleness window, else the workspace's (maxReportAgeFor). */
  maxReportAgeMs: number | null;
}

export interface ResolvedProbe extends TileBase {
  kind: 'probe';
  source: string;
  instance: string;
  job: string | null;
  intervalMs: number;
}

/** Any canary the hub holds. */
export type ResolvedCanary = ResolvedCheck | ResolvedSuite | ResolvedProbe;

export interface CanariesConfig {
  concurrency: number;
  checks: ResolvedCheck[];
  suites: ResolvedSuite[];
  probes: ResolvedProbe[];
  maintenance: MaintenanceConfig[];
  retention: { rawDays: number; rollupDays: number };
  junitFolder: string | null;
  acceptUnknownSuites: boolean;
  /** Cut off the end of a reported suite name (suiteTileName); null: nothing is. */
  suiteBuildSuffix: RegExp | null;
  /** How old a report's run may be and still move a suite without a staleness window of its own. */
  maxReportAgeMs: number;
}

const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 10_000;

type RawCanaries = z.output<typeof rawCanariesSchema>;

/**
 * The tile a reported suite name stands for: the name without a trailing build number or run id
 * (`checkout-build-1234`, `checkout #1235`, `checkout_run_7`, `checkout-20261207`), matched by
 * `suffix` (the workspace's `suiteBuildSuffix`; null: none). A name that would be left empty is kept.
 */
export function suiteTileName(name: string, suffix: RegExp | null): string {
  if (suffix === null) return name;
  const cut = name.replace(suffix, '').trim();
  return cut === '' ? name : cut;
}
type RawCheck = RawCanaries['checks'][number];
type Settings = NonNullable<RawCanaries['defaults']>;

const fmt = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

function timingsOf(check: RawCheck, d: Settings): { intervalMs: number; timeoutMs: number; timeoutFrom: 'check' | 'defaults' | 'default' } {
  const intervalMs = check.interval ?? d.interval ?? DEFAULT_INTERVAL_MS;
  if (check.timeout !== undefined) return { intervalMs, timeoutMs: check.timeout, timeoutFrom: 'check' };
  if (d.timeout !== undefined) return { intervalMs, timeoutMs: d.timeout, timeoutFrom: 'defaults' };
  return { intervalMs, timeoutMs: Math.min(DEFAULT_TIMEOUT_MS, Math.floor(intervalMs / 2)), timeoutFrom: 'default' };
}

function stateConfig(
  s: {
    expectedIntervalMs: number | null;
    staleGrace: number;
    warnLatencyMs?: number | undefined;
    degradeAfter?: number | undefined;
    confirm?: { consecutive?: number | undefined; window?: { failures: number; of: number } | undefined } | undefined;
    recoverAfter?: number | undefined;
    historySize?: number | undefined;
    uptimeWindowMs?: number | undefined;
    alertOnStale: boolean;
  },
  defaultConsecutive: number,
): CanaryConfig {
  const window = s.confirm?.window ?? null;
  const consecutive = s.confirm?.consecutive ?? (window ? null : defaultConsecutive);
  return canaryConfigSchema.parse({
    expectedIntervalMs: s.expectedIntervalMs,
    staleGrace: Math.min(100, Math.max(1, s.staleGrace)),
    warnLatencyMs: s.warnLatencyMs ?? null,
    degradeAfter: s.degradeAfter,
    confirm: { consecutive, window },
    recoverAfter: s.recoverAfter,
    historySize: s.historySize,
    uptimeWindowMs: s.uptimeWindowMs === undefined ? undefined : Math.min(400 * 86_400_000, Math.max(60_000, s.uptimeWindowMs)),
    alertOnStale: s.alertOnStale,
  });
}

function resolveCheck(c: RawCheck, d: Settings): ResolvedCheck {
  const { intervalMs, timeoutMs } = timingsOf(c, d);
  const retries = { count: c.retries?.count ?? d.retries?.count ?? 1, delayMs: c.retries?.delay ?? d.retries?.delay ?? 250, on: [...(c.retries?.on ?? d.retries?.on ?? defaultRetryOn)] };
  const headers = { ...d.headers, ...c.headers };
  const steps: ResolvedStep[] = (c.steps ?? [{ name: undefined, request: c.request!, assert: c.assert, extract: undefined }]).map((step, i) => ({
    name: step.name ?? (c.steps ? `step ${i + 1}` : 'request'),
    request: { ...step.request, headers: { ...headers, ...step.request.headers } },
    assert: step.assert ?? [],
    extract: step.extract ?? {},
  }));
  // The worst a run can take: every attempt timing out, plus the waits between them.
  const worstRunMs = (retries.count + 1) * timeoutMs + retries.count * retries.delayMs;
  const tls = { ...d.tls, ...c.tls };
  return {
    kind: 'check',
    id: c.id,
    name: c.name ?? c.id,
    description: c.description ?? null,
    runbook: c.runbook ?? null,
    service: c.service ?? null,
    journey: c.journey ?? null,
    critical: c.critical ?? false,
    autoDeclare: c.autoDeclare ? { severity: c.autoDeclare.severity, title: c.autoDeclare.title ?? null } : null,
    intervalMs,
    timeoutMs,
    jitterMs: c.jitter ?? d.jitter ?? Math.min(2000, Math.round(intervalMs * 0.05)),
    steps,
    followRedirects: c.followRedirects ?? d.followRedirects ?? true,
    maxRedirects: c.maxRedirects ?? d.maxRedirects ?? 5,
    tls: { ca: tls.ca ?? null, insecureSkipVerify: tls.insecureSkipVerify ?? false, servername: tls.servername ?? null },
    certExpiryWarnDays: c.certExpiryWarnDays ?? d.certExpiryWarnDays ?? 14,
    retries,
    maxBodyBytes: c.maxBodyBytes ?? d.maxBodyBytes ?? 1024 * 1024,
    state: stateConfig(
      {
        expectedIntervalMs: intervalMs,
        // Stale only when a whole extra run is overdue: the interval, the slowest possible run, one more interval.
        staleGrace: (2 * intervalMs + worstRunMs) / intervalMs,
        warnLatencyMs: c.warnLatency ?? d.warnLatency,
        degradeAfter: c.degradeAfter ?? d.degradeAfter,
        confirm: c.confirm ?? d.confirm,
        recoverAfter: c.recoverAfter ?? d.recoverAfter,
        historySize: c.historySize ?? d.historySize,
        uptimeWindowMs: c.uptimeWindow ?? d.uptimeWindow,
        alertOnStale: c.alertOnStale ?? d.alertOnStale ?? false,
      },
      3,
    ),
  };
}

function resolveSuite(s: RawCanaries['suites'][number]): ResolvedSuite {
  const expected = s.expectEvery ?? null;
  return {
    kind: 'suite',
    id: s.id,
    name: s.name ?? s.id,
    description: s.description ?? null,
    runbook: s.runbook ?? null,
    service: s.service ?? null,
    journey: s.journey ?? null,
    critical: s.critical ?? false,
    autoDeclare: s.autoDeclare ? { severity: s.autoDeclare.severity, title: s.autoDeclare.title ?? null } : null,
    aliases: s.aliases ?? [],
    expectEveryMs: expected,
    maxReportAgeMs: s.maxReportAge ?? null,
    state: stateConfig(
      {
        expectedIntervalMs: expected,
        staleGrace: expected === null ? 1 : (s.staleAfter ?? expected * 1.5) / expected,
        confirm: s.confirm,
        recoverAfter: s.recoverAfter,
        historySize: s.historySize,
        uptimeWindowMs: s.uptimeWindow,
        alertOnStale: s.alertOnStale ?? expected !== null,
      },
      2,
    ),
  };
}

/** The state configuration of a suite nobody declared (a report arrived under a new name). */
function resolveProbe(p: RawCanaries['probes'][number]): ResolvedProbe {
  const intervalMs = p.interval ?? DEFAULT_INTERVAL_MS;
  return {
    kind: 'probe',
    id: p.id,
    name: p.name ?? p.id,
    description: p.description ?? null,
    runbook: p.runbook ?? null,
    service: p.service ?? null,
    journey: p.journey ?? null,
    critical: p.critical ?? false,
    autoDeclare: p.autoDeclare ? { severity: p.autoDeclare.severity, title: p.autoDeclare.title ?? null } : null,
    source: p.source,
    instance: p.instance,
    job: p.job ?? null,
    intervalMs,
    state: stateConfig(
      {
        expectedIntervalMs: intervalMs,
        // Prometheus's own scrape adds up to one interval of delay: stale after three.
        staleGrace: 3,
        warnLatencyMs: p.warnLatency,
        confirm: p.confirm,
        recoverAfter: p.recoverAfter,
        historySize: p.historySize,
        uptimeWindowMs: p.uptimeWindow,
        alertOnStale: p.alertOnStale ?? false,
      },
      3,
    ),
  };
}

/**
 * How long after its run ended a report may still move a suite's tile (older ones join its
 * history only): the suite's own maxReportAge, else its staleness window, else the workspace's.
 */
export function maxReportAgeFor(c: ResolvedCanary, workspaceMs: number): { ms: number; from: 'suite' | 'stale' | 'workspace' } {
  if (c.kind === 'suite' && c.maxReportAgeMs !== null) return { ms: c.maxReportAgeMs, from: 'suite' };
  const { expectedIntervalMs, staleGrace } = c.state;
  if (expectedIntervalMs !== null) return { ms: expectedIntervalMs * staleGrace, from: 'stale' };
  return { ms: workspaceMs, from: 'workspace' };
}

export function adHocSuite(name: string): ResolvedSuite {
  return resolveSuite({ id: name, name });
}

export const canariesSchema = rawCanariesSchema
  .superRefine((c, ctx) => {
    const d = c.defaults ?? {};
    const ids = new Map<string, string>();
    const seen = (kind: string, i: number, tileId: string) => {
      const other = ids.get(tileId);
      if (other) ctx.addIssue({ code: 'custom', path: [kind, i, 'id'], message: `duplicate canary id "${tileId}" (also ${other})` });
      else ids.set(tileId, `${kind}[${i}]`);
    };
    c.checks.forEach((check, i) => {
      seen('checks', i, check.id);
      const { intervalMs, timeoutMs, timeoutFrom } = timingsOf(check, d);
      if (timeoutMs >= intervalMs) {
        ctx.addIssue(
          timeoutFrom === 'check'
            ? { code: 'custom', path: ['checks', i, 'timeout'], message: `expected a timeout shorter than the interval (${fmt(intervalMs)}), got ${fmt(timeoutMs)}` }
            : {
                code: 'custom',
                path: ['checks', i, 'interval'],
                message: `expected an interval longer than the timeout from canaries.defaults (${fmt(timeoutMs)}), got ${fmt(intervalMs)}; set a shorter timeout on this check`,
              },
        );
      }
    });
    c.suites.forEach((suite, i) => seen('suites', i, suite.id));
    c.probes.forEach((probe, i) => seen('probes', i, probe.id));
    const names = new Map<string, string>();
    c.suites.forEach((suite, i) => {
      for (const name of [suite.name ?? suite.id, ...(suite.aliases ?? [])]) {
        const other = names.get(name);
        if (other !== undefined && other !== suite.id) {
          ctx.addIssue({ code: 'custom', path: ['suites', i], message: `expected report names unique to one suite, got "${name}" also on suite "${other}"` });
        }
        names.set(name, suite.id);
      }
    });
    c.maintenance.forEach((w, i) => {
      (w.checks ?? []).forEach((ref, j) => {
        if (!ids.has(ref)) ctx.addIssue({ code: 'custom', path: ['maintenance', i, 'checks', j], message: `expected a check or suite id, got "${ref}"` });
      });
    });
  })
  .transform(
    (c): CanariesConfig => ({
      concurrency: c.concurrency,
      checks: c.checks.map((check) => resolveCheck(check, c.defaults ?? {})),
      suites: c.suites.map(resolveSuite),
      probes: c.probes.map(resolveProbe),
      maintenance: c.maintenance,
      retention: c.retention,
      junitFolder: c.junitFolder ?? null,
      acceptUnknownSuites: c.acceptUnknownSuites,
      suiteBuildSuffix: c.suiteBuildSuffix === false ? null : new RegExp(`(?:${c.suiteBuildSuffix})$`, 'i'),
      maxReportAgeMs: c.maxReportAge,
    }),
  )
  .describe('Synthetic checks and test suites (the canary board).');
