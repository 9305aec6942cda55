/**
 * The workspace file: sources, walls and their panels, and the status radiator's rules, as code.
 * These schemas are the single definition: the hub validates with them, the UI's types come
 * from them, and `npm run schema` turns them into a JSON Schema for editors.
 */
import { z } from 'zod';
import { safeExternalUrl } from '../domain/external-url.ts';
import { durationMs } from './duration.ts';
import { idSchema, timeZoneSchema } from './common.ts';
import { canariesSchema } from './canary-checks.ts';
import { incidentSettingsSchema } from './incident-settings.ts';
import { pulseSchema } from './pulse-config.ts';
import { roomSignalKinds } from '../domain/room-signals.ts';
import { checkReviewReferences, sloPanelFields, sloSchema, teamSchema } from './review.ts';

const id = idSchema;
const timeZone = timeZoneSchema;

// ---- sources --------------------------------------------------------------------------------

const auth = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('bearer'), token: z.string().min(1) }).strict(),
    z.object({ type: z.literal('basic'), username: z.string(), password: z.string() }).strict(),
  ])
  .describe('Credentials sent upstream. Use ${ENV_VAR} to keep secrets out of the file.');

const sourceCommon = {
  id,
  name: z.string().optional(),
  interval: durationMs.default(5000).describe('How often the source is polled.'),
  timeout: durationMs.default(3000).describe('Must be shorter than the interval.'),
  auth: auth.optional(),
  headers: z.record(z.string(), z.string()).optional(),
};

export const scrapeSourceSchema = z
  .object({
    ...sourceCommon,
    type: z.literal('scrape').describe('Direct scrape of a Prometheus/OpenMetrics text endpoint.'),
    url: z.url({ protocol: /^https?$/ }),
  })
  .strict();

export const prometheusSourceSchema = z
  .object({
    ...sourceCommon,
    type: z.literal('prometheus').describe('A Prometheus server, queried with PromQL over its HTTP API.'),
    url: z.url({ protocol: /^https?$/ }).describe('The server\'s base URL, e.g. http://prometheus:9090'),
    tls: z
      .object({
        ca: z.string().optional().describe('PEM of a CA to trust (use ${ENV_VAR} or a file path via the environment).'),
        insecureSkipVerify: z.boolean().default(false),
      })
      .strict()
      .optional(),
  })
  .strict();

export const jsonSourceSchema = z
  .object({
    ...sourceCommon,
    type: z.literal('json').describe('Any JSON document over HTTP, polled; values picked with JSONPath.'),
    url: z.url({ protocol: /^https?$/ }),
  })
  .strict();

/** Data pushed to the hub (POST /api/v1/ingest/push) by teams whose numbers are not behind an API. */
export const pushSourceSchema = z
  .object({
    id,
    name: z.string().optional(),
    type: z.literal('push').describe('Values pushed to POST /api/v1/ingest/push (Smashing-style), nothing polled.'),
    interval: durationMs
      .default(60_000)
      .describe('How often the pusher is expected to send: panels turn delayed after 2 and stale after 5 of these.'),
  })
  .strict();

export const sourceSchema = z
  .discriminatedUnion('type', [scrapeSourceSchema, prometheusSourceSchema, jsonSourceSchema, pushSourceSchema])
  .refine((source) => !('timeout' in source) || source.timeout < source.interval, {
    message: 'expected timeout to be shorter than interval',
    path: ['timeout'],
  });
export type SourceConfig = z.output<typeof sourceSchema>;

// ---- queries --------------------------------------------------------------------------------

/**
 * A query over a scraped endpoint. Label matchers are exact ("403"), or prefixed with
 * "=~", "!~" or "!=" for regex / negative matches, as in PromQL.
 */
export const scrapeQuerySchema = z
  .object({
    metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { message: 'expected a Prometheus metric name' }),
    match: z.record(z.string(), z.string()).optional(),
    fn: z
      .enum(['value', 'rate', 'increase', 'quantile'])
      .default('value')
      .describe('value: as scraped; rate/increase: for counters (resets handled); quantile: for _bucket histograms.'),
    window: durationMs.default(60_000).describe('The range for rate, increase and quantile.'),
    quantile: z.number().min(0).max(1).optional(),
    by: z.array(z.string()).optional().describe('Keep these labels; the others are aggregated away.'),
    aggregate: z.enum(['sum', 'avg', 'max', 'min']).default('sum'),
  })
  .strict()
  .refine((q) => q.fn !== 'quantile' || q.quantile !== undefined, {
    message: 'expected a quantile between 0 and 1 when fn is quantile',
    path: ['quantile'],
  });
export type ScrapeQuery = z.output<typeof scrapeQuerySchema>;

/** A PromQL expression for a Prometheus source, evaluated as an instant query each interval. */
export const promQuerySchema = z
  .object({
    expr: z.string().trim().min(1).max(10_000).describe('PromQL, e.g. sum by (code) (rate(http_requests_total[1m]))'),
    aggregate: z.enum(['sum', 'avg', 'max', 'min']).default('sum').describe('How the series combine into the panel\'s one value.'),
  })
  .strict();
export type PromQuery = z.output<typeof promQuerySchema>;

/**
 * Values from a JSON document: `select` picks one value or a list of items (JSONPath), `value`
 * picks the number inside each item, `labels` name each series from fields of the item.
 */
export const jsonQuerySchema = z
  .object({
    select: z.string().trim().min(1).max(1000).describe('JSONPath, e.g. $.regions[*] or $.viewers.total'),
    value: z.string().trim().min(1).max(1000).default('$').describe('JSONPath inside each selected item, e.g. $.latency_ms'),
    labels: z.record(z.string(), z.string()).optional().describe('label name → JSONPath inside each item, e.g. { region: $.name }'),
    aggregate: z.enum(['sum', 'avg', 'max', 'min']).default('sum'),
  })
  .strict();
export type JsonQuery = z.output<typeof jsonQuerySchema>;

/** Pushed values of one named series (optionally only those with these exact labels). */
export const pushQuerySchema = z
  .object({
    series: z.string().trim().min(1).max(200).describe('The series name the pusher sends, e.g. tickets_sold'),
    match: z.record(z.string(), z.string()).optional().describe('Only points with these exact labels.'),
    aggregate: z.enum(['sum', 'avg', 'max', 'min']).default('sum'),
  })
  .strict();
export type PushQuery = z.output<typeof pushQuerySchema>;

/** Which query shape each source type takes. */
export const queryShapeBySourceType = { scrape: 'metric', prometheus: 'expr', json: 'select', push: 'series' } as const;

// ---- panels ---------------------------------------------------------------------------------

export const panelStates = ['ok', 'warning', 'critical'] as const;
export type PanelState = (typeof panelStates)[number];

/** Grafana-style threshold steps: the first has no value (the base), each next starts at `value`. */
export const thresholdsSchema = z
  .array(z.object({ value: z.number().nullable(), state: z.enum(panelStates) }).strict())
  .min(1)
  .refine((steps) => steps[0]?.value === null, { message: 'expected the first step to have value: null (the base)' })
  .refine((steps) => steps.slice(1).every((s, i) => s.value !== null && (i === 0 || s.value > steps[i]!.value!)), {
    message: 'expected steps after the first to have increasing values',
  });
export type Thresholds = z.output<typeof thresholdsSchema>;

export const units = ['none', 'short', 'percent', 'percentunit', 'reqps', 'bytes', 'bps', 's', 'ms'] as const;
export type Unit = (typeof units)[number];

const gridPos = z
  .object({
    x: z.number().int().min(0).max(23),
    y: z.number().int().min(0),
    w: z.number().int().min(1).max(24),
    h: z.number().int().min(1).max(48),
  })
  .strict()
  .refine((g) => g.x + g.w <= 24, { message: 'expected x + w to fit the 24-column grid' })
  .describe('Position on the 24-column grid, as Grafana gridPos.');

/** The fields every panel has: what it is called and where it sits. */
const panelBase = {
  id,
  title: z.string().min(1).max(120),
  description: z.string().max(500).optional(),
  runbook: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('The runbook for what this panel shows: a link on its header, opened outside the app.'),
  gridPos,
};

/** Thresholds on the data's age: the panel turns amber/red when its data is older than these. */
export const dataPanelAgeSchema = z
  .object({
    warning: durationMs.optional().describe('Data older than this turns the panel amber (e.g. 2m).'),
    critical: durationMs.optional().describe('Data older than this turns the panel red (e.g. 10m).'),
  })
  .strict()
  .refine((a) => a.warning !== undefined || a.critical !== undefined, { message: 'expected warning and/or critical' })
  .refine((a) => a.warning === undefined || a.critical === undefined || a.critical > a.warning, {
    message: 'expected critical to be longer than warning',
    path: ['critical'],
  });

/** The fields of a panel that shows data from a source (every type but text and embed). */
const dataPanelFields = {
  source: id.describe('The id of a source in this workspace.'),
  query: z
    .union([scrapeQuerySchema, promQuerySchema, jsonQuerySchema, pushQuerySchema])
    .describe('For a scrape source { metric, ... }; for a Prometheus source { expr }; for a JSON source { select, ... }; for a push source { series }.'),
  unit: z.enum(units).default('short'),
  decimals: z.number().int().min(0).max(6).optional(),
  thresholds: thresholdsSchema.optional(),
  staleAfter: dataPanelAgeSchema
    .optional()
    .describe('Thresholds on data age, e.g. { warning: 2m, critical: 10m }: old data turns the panel amber/red whatever its value.'),
};

/**
 * Grafana-style value mappings: an exact value, or a range (inclusive; either end may be open),
 * shown as text and/or a state instead of the number. The first mapping that matches wins.
 * e.g. `{ value: 1, text: UP, state: ok }`, `{ from: 0, to: 0.5, text: DEGRADED, state: warning }`.
 */
const mappingResult = {
  text: z.string().trim().min(1).max(40).optional().describe('Shown instead of the number.'),
  state: z.enum(panelStates).optional().describe('Overrides the thresholds for this value.'),
};
const hasResult = (m: { text?: string; state?: PanelState }) => m.text !== undefined || m.state !== undefined;
export const valueMappingSchema = z.union([
  z
    .object({ value: z.number().describe('Matches this exact value.'), ...mappingResult })
    .strict()
    .refine(hasResult, { message: 'expected text or state (or both)' }),
  z
    .object({
      from: z.number().optional().describe('Matches values >= from (no lower bound when absent).'),
      to: z.number().optional().describe('Matches values <= to (no upper bound when absent).'),
      ...mappingResult,
    })
    .strict()
    .refine((m) => m.from !== undefined || m.to !== undefined, { message: 'expected value, or from and/or to' })
    .refine((m) => m.from === undefined || m.to === undefined || m.from <= m.to, { message: 'expected from <= to' })
    .refine(hasResult, { message: 'expected text or state (or both)' }),
]);
export type ValueMapping = z.output<typeof valueMappingSchema>;
const mappings = z.array(valueMappingSchema).max(50).optional().describe('Value → text and state, first match wins.');

export const statPanelSchema = z
  .object({ ...panelBase, ...dataPanelFields, type: z.literal('stat'), sparkline: z.boolean().default(true), mappings })
  .strict();

export const timeseriesPanelSchema = z
  .object({
    ...panelBase,
    ...dataPanelFields,
    type: z.literal('timeseries'),
    span: durationMs.default(900_000).describe('How much history the chart shows.'),
    maxPoints: z
      .number()
      .int()
      .min(10)
      .max(1000)
      .optional()
      .describe('Points per series for a Prometheus range query; default: one per 2 px of the panel\'s share of a 1920 px wall.'),
  })
  .strict();

export const gaugePanelSchema = z
  .object({
    ...panelBase,
    ...dataPanelFields,
    type: z.literal('gauge'),
    min: z.number().default(0),
    max: z.number().default(100),
  })
  .strict()
  .refine((g) => g.min < g.max, { message: 'expected min to be less than max', path: ['max'] })
  .describe('A radial gauge: the value big in the middle, the arc coloured by the thresholds.');

export const statusGridSortOrders = ['label', 'worst', 'value'] as const;
export const statusGridPanelSchema = z
  .object({
    ...panelBase,
    ...dataPanelFields,
    type: z.literal('status-grid'),
    label: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('The label whose value names each tile (e.g. region); all label values when absent.'),
    sort: z.enum(statusGridSortOrders).default('label').describe('label: A→Z; worst: critical first; value: highest first.'),
    mappings,
  })
  .strict()
  .describe('One small tile per series (per region, per CDN): label, value and state by colour and shape.');

export const tablePanelSchema = z
  .object({
    ...panelBase,
    ...dataPanelFields,
    type: z.literal('table'),
    columns: z
      .array(z.string().min(1).max(100))
      .max(8)
      .optional()
      .describe('The labels shown as columns, in order; every label of the frame when absent.'),
    valueTitle: z.string().min(1).max(40).default('Value').describe('The heading of the value column.'),
    sortBy: z.string().min(1).max(100).default('value').describe('"value" or a label name.'),
    sortOrder: z.enum(['asc', 'desc']).default('desc'),
    maxRows: z.number().int().min(1).max(100).default(10).describe('Rows beyond this are counted, not shown.'),
    mappings,
  })
  .strict()
  .describe('One row per series: its labels, then its latest value.');

/** An http(s) origin, e.g. https://status.example.com (no path). */
const origin = z
  .string()
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, { message: 'expected an origin such as https://status.example.com (no path)' });

export const textPanelSchema = z
  .object({
    ...panelBase,
    type: z.literal('text'),
    content: z.string().max(20_000).describe('Markdown (CommonMark + GFM tables). Raw HTML is shown as text, never run.'),
    allowImagesFrom: z
      .array(origin)
      .max(20)
      .default([])
      .describe('Origins whose images may be shown; images from anywhere else are replaced by their alt text.'),
  })
  .strict()
  .describe('Words from the workspace: a runbook, who is on call, the plan for the night.');

/** http(s) only, no credentials in the URL, nothing a browser could misread. */
const embedUrl = z
  .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
  .refine((url) => safeExternalUrl(url) !== null, { message: 'expected an http(s) URL without credentials or whitespace' });

export const embedPanelSchema = z
  .object({
    ...panelBase,
    type: z.literal('embed'),
    url: embedUrl.describe('The page to show: a Grafana dashboard (?kiosk), a vendor status page.'),
    reload: durationMs
      .refine((ms) => ms >= 10_000, { message: 'expected a reload interval of at least 10s' })
      .optional()
      .describe('Reload the page this often (e.g. 5m). The old page stays until the new one has loaded.'),
    loadTimeout: durationMs.default(20_000).describe('A page that has not loaded within this long is reported on the tile.'),
    zoom: z
      .number()
      .min(0.5)
      .max(4)
      .optional()
      .describe('Scale the page (1 = as in a desktop browser). By default it follows the wall\'s type size, so a page on a 4K wall is as readable as on a 1080p one.'),
    allowScripts: z.boolean().default(true).describe('Let the page run its scripts (dashboards need them).'),
    allowSameOrigin: z
      .boolean()
      .default(false)
      .describe(
        'DANGEROUS: lets the page keep its own origin (its cookies and storage) while running scripts. ' +
          'Scripts plus same-origin is how a framed page escapes its sandbox; only for pages you trust, never on the hub\'s own origin.',
      ),
  })
  .strict()
  .describe('An external dashboard in a sandboxed frame: no popups, no top navigation, no prompts.');

export const pulsePanelSchema = z
  .object({
    ...panelBase,
    type: z.literal('pulse'),
    span: durationMs
      .refine((ms) => ms >= 300_000 && ms <= 86_400_000, { message: 'expected a span from 5m to 24h' })
      .default(3_600_000)
      .describe('How much history the chart shows.'),
  })
  .strict()
  .describe("Customer pulse (the workspace's pulse section): posts per minute and the share that is negative, complaints by topic, the spike state.");

export const postsPanelSchema = z
  .object({
    ...panelBase,
    type: z.literal('posts'),
    maxPosts: z.number().int().min(1).max(50).default(12).describe('Latest posts shown.'),
    only: z.enum(['all', 'negative']).default('all').describe('negative: complaints only.'),
  })
  .strict()
  .describe('The latest customer posts: source, author, age, sentiment, matched topics, the text (as text).');
export const canariesPanelSchema = z
  .object({
    ...panelBase,
    type: z.literal('canaries'),
    services: z.array(z.string().min(1).max(80)).max(50).optional().describe('Only the canaries of these services (default: all).'),
    journeys: z.array(z.string().min(1).max(80)).max(50).optional().describe('Only the canaries of these customer journeys (default: all).'),
    show: z.enum(['problems', 'all']).default('problems').describe('problems: list only what needs someone (the counts still cover all); all: every canary, worst first.'),
  })
  .strict()
  .describe('The canary board, compact for the wall: counts per state and the worst canaries first.');
export const sloPanelSchema = z
  .object({ ...panelBase, ...sloPanelFields })
  .strict()
  .describe('An SLO: budget remaining, burn rate now, alert state and the budget over time.');

export const panelSchema = z.discriminatedUnion('type', [
  statPanelSchema,
  timeseriesPanelSchema,
  gaugePanelSchema,
  statusGridPanelSchema,
  tablePanelSchema,
  textPanelSchema,
  embedPanelSchema,
  pulsePanelSchema,
  postsPanelSchema,
  canariesPanelSchema,
  sloPanelSchema,
]);
export type PanelConfig = z.output<typeof panelSchema>;
export type PanelType = PanelConfig['type'];
/** The panels that show data from a source (and so have `source` and `query`). */
export type DataPanelConfig = Exclude<PanelConfig, { type: 'text' | 'embed' | 'pulse' | 'posts' | 'canaries' | 'slo' }>;
export type PanelOf<T extends PanelType> = Extract<PanelConfig, { type: T }>;

export function isDataPanel(panel: PanelConfig): panel is DataPanelConfig {
  return 'query' in panel;
}

// ---- walls ----------------------------------------------------------------------------------

export const viewingDistances = ['desk', 'near', 'far'] as const;
export type ViewingDistance = (typeof viewingDistances)[number];

/**
 * How a wall looks. Every theme is dark and high contrast, and every state keeps its icon and word:
 * dark (default); high-contrast: pure black, white text, brighter states, thicker edges (a bright
 * room, a far screen, weaker eyes); dim: lower brightness for a night war room.
 */
export const wallThemes = ['dark', 'high-contrast', 'dim'] as const;
export type WallTheme = (typeof wallThemes)[number];

export const wallPageSchema = z
  .object({
    id,
    title: z.string().min(1).max(120),
    panels: z.array(id).min(1).max(100).describe('The ids of this wall\'s panels on the page (their gridPos places them).'),
  })
  .strict();

export const wallRotationSchema = z
  .object({
    interval: durationMs
      .refine((ms) => ms >= 5000, { message: 'expected a rotation interval of at least 5s' })
      .default(30_000)
      .describe('How long each page stays up.'),
    holdOn: z
      .array(id)
      .max(50)
      .default([])
      .describe(
        'Panels (of this wall) that hold the rotation on their page until it clears or an operator releases it: a data panel while critical, ' +
          'a canaries panel while one of its canaries is confirmed failing (unacknowledged; critical ones hold anyway), an slo panel while its SLO is at PAGE.',
      ),
  })
  .strict()
  .describe('Pages rotate; a failed page is skipped; space pauses, arrows/n/p move, r releases a hold.');

export const wallSchema = z
  .object({
    id,
    title: z.string().min(1).max(120),
    viewingDistance: z
      .enum(viewingDistances)
      .default('near')
      .describe('desk: a laptop; near: 3-5 m from the screen; far: 5 m and more.'),
    theme: z
      .enum(wallThemes)
      .default('dark')
      .describe('dark (default); high-contrast: black, white text, brighter states, thicker edges; dim: a night war room. States keep their icon and word in every theme.'),
    panels: z.array(panelSchema).min(1),
    pages: z
      .array(wallPageSchema)
      .min(1)
      .max(50)
      .optional()
      .describe('Pages shown in turn, each a list of this wall\'s panel ids; without pages, one page with every panel.'),
    rotation: wallRotationSchema.optional(),
  })
  .strict();
export type WallConfig = z.output<typeof wallSchema>;
export type WallPage = z.output<typeof wallPageSchema>;

// ---- status radiator ------------------------------------------------------------------------

export const conditionSchema = z
  .object({
    panel: id,
    above: z.number().optional(),
    below: z.number().optional(),
    state: z.enum(['warning', 'critical']).optional().describe('True when the panel is at least this state.'),
  })
  .strict()
  .refine((c) => [c.above, c.below, c.state].filter((x) => x !== undefined).length === 1, {
    message: 'expected exactly one of above, below or state',
  });
export type Condition = z.output<typeof conditionSchema>;

export const tones = ['ok', 'warning', 'critical'] as const;
export const statusSchema = z
  .object({
    levels: z
      .array(
        z
          .object({
            level: z.string().min(1).max(40).describe('The words on the wall, e.g. "ICU" or "High Care".'),
            tone: z.enum(tones),
            description: z.string().max(200).optional(),
            when: z.array(conditionSchema).min(1).describe('The level holds when any condition is true.'),
          })
          .strict(),
      )
      .default([])
      .describe('Most severe first: the first level whose condition holds is shown.'),
    include: z
      .array(z.enum(roomSignalKinds))
      .max(roomSignalKinds.length)
      .default([...roomSignalKinds])
      .describe(
        'The room states the radiator counts beside the levels (default: all): incidents (SEV1/2 open: critical, SEV3/4: warning), ' +
          'canaries (a critical one confirmed failing: critical, another: warning), slos (PAGE: critical, TICKET: warning), ' +
          'pulse (a complaint spike: warning), event (a risk trigger fired, or a change recorded during the change freeze, of the event the wall runs: warning). [] counts the levels\' panels only. Canaries and incidents left out here do not hold a rotating wall either.',
      ),
    otherwise: z
      .object({ level: z.string().min(1).max(40), tone: z.enum(tones), description: z.string().max(200).optional() })
      .strict()
      .default({ level: 'Stable', tone: 'ok' }),
  })
  .strict();
export type StatusConfig = z.output<typeof statusSchema>;

// ---- the workspace --------------------------------------------------------------------------

export const workspaceSchema = z
  .object({
    version: z.literal(1),
    title: z.string().min(1).max(120),
    timezone: timeZone.default('UTC').describe("The room's time zone."),
    venueTimezone: timeZone.optional().describe("The event venue's time zone, shown as a third clock."),
    sources: z.array(sourceSchema).min(1),
    walls: z.array(wallSchema).min(1),
    status: statusSchema.optional(),
    canaries: canariesSchema.optional(),
    incidents: incidentSettingsSchema.optional().describe('Status-update cadence and webhooks for incidents.'),
    pulse: pulseSchema.optional(),
    teams: z.array(teamSchema).max(200).optional().describe('Teams: their time zone, working hours and services (pager load, the weekly review).'),
    slos: z.array(sloSchema).max(200).optional().describe('SLOs evaluated against a prometheus source (error budgets, burn-rate alerts).'),
  })
  .strict()
  .superRefine((ws, ctx) => {
    checkReviewReferences(ws, ctx);
    const sourceIds = new Set<string>();
    ws.sources.forEach((s, i) => {
      if (sourceIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      sourceIds.add(s.id);
    });
    const panelIds = new Set<string>();
    const dataPanelIds = new Set<string>();
    const wallIds = new Set<string>();
    ws.walls.forEach((wall, w) => {
      const own = new Map(wall.panels.map((p) => [p.id, p]));
      wall.pages?.forEach((page, g) =>
        page.panels.forEach((pid, i) => {
          if (!own.has(pid)) ctx.addIssue({ code: 'custom', path: ['walls', w, 'pages', g, 'panels', i], message: `no panel "${pid}" on the wall "${wall.id}"` });
        }),
      );
      wall.rotation?.holdOn.forEach((pid, i) => {
        const panel = own.get(pid);
        const path = ['walls', w, 'rotation', 'holdOn', i];
        if (panel?.type === 'pulse' || panel?.type === 'posts') {
          ctx.addIssue({ code: 'custom', path, message: `"${pid}" needs no holdOn: a complaint spike always holds the page that shows the pulse` });
        } else if (!panel || !(isDataPanel(panel) || panel.type === 'canaries' || panel.type === 'slo')) {
          ctx.addIssue({ code: 'custom', path, message: `expected a data, canaries or slo panel of the wall "${wall.id}", got "${pid}"` });
        }
      });
      if (wallIds.has(wall.id)) ctx.addIssue({ code: 'custom', path: ['walls', w, 'id'], message: `duplicate wall id "${wall.id}"` });
      wallIds.add(wall.id);
      wall.panels.forEach((panel, p) => {
        if (panelIds.has(panel.id)) {
          ctx.addIssue({ code: 'custom', path: ['walls', w, 'panels', p, 'id'], message: `duplicate panel id "${panel.id}"` });
        }
        panelIds.add(panel.id);
        if (!isDataPanel(panel)) return;
        dataPanelIds.add(panel.id);
        const source = ws.sources.find((s) => s.id === panel.source);
        const shape = source ? queryShapeBySourceType[source.type] : null;
        if (shape && !(shape in panel.query)) {
          ctx.addIssue({
            code: 'custom',
            path: ['walls', w, 'panels', p, 'query'],
            message: `expected a query with "${shape}" for the ${source!.type} source "${source!.id}"`,
          });
        }
        if (!sourceIds.has(panel.source)) {
          ctx.addIssue({
            code: 'custom',
            path: ['walls', w, 'panels', p, 'source'],
            message: `expected one of the source ids (${[...sourceIds].join(', ')}), got "${panel.source}"`,
          });
        }
      });
    });
    ws.status?.levels.forEach((level, l) =>
      level.when.forEach((c, i) => {
        if (!panelIds.has(c.panel)) {
          ctx.addIssue({ code: 'custom', path: ['status', 'levels', l, 'when', i, 'panel'], message: `no panel has the id "${c.panel}"` });
        } else if (!dataPanelIds.has(c.panel)) {
          ctx.addIssue({
            code: 'custom',
            path: ['status', 'levels', l, 'when', i, 'panel'],
            message: `the panel "${c.panel}" shows no data (text and embed panels have no value to test)`,
          });
        }
      }),
    );
    // Blackbox probes are read through a Prometheus source.
    const promIds = ws.sources.filter((src) => src.type === 'prometheus').map((src) => src.id);
    ws.canaries?.probes.forEach((probe, i) => {
      if (!promIds.includes(probe.source)) {
        ctx.addIssue({ code: 'custom', path: ['canaries', 'probes', i, 'source'], message: `expected the id of a prometheus source (${promIds.join(', ') || 'none in this workspace'}), got "${probe.source}"` });
      }
    });
  });

export type Workspace = z.output<typeof workspaceSchema>;
