/**
 * The workspace file: sources, walls and their panels, and the status radiator's rules, as code.
 * These schemas are the single definition: the hub validates with them, the UI's types come
 * from them, and `npm run schema` turns them into a JSON Schema for editors.
 */
import { z } from 'zod';
import { durationMs } from './duration.ts';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'expected an id: lowercase letters, digits, "-" or "_"' });

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

export const sourceSchema = z
  .discriminatedUnion('type', [scrapeSourceSchema, prometheusSourceSchema, jsonSourceSchema])
  .refine((source) => source.timeout < source.interval, {
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

/** Which query shape each source type takes. */
export const queryShapeBySourceType = { scrape: 'metric', prometheus: 'expr', json: 'select' } as const;

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

const panelCommon = {
  id,
  title: z.string().min(1).max(120),
  description: z.string().max(500).optional(),
  gridPos,
  source: id.describe('The id of a source in this workspace.'),
  query: z
    .union([scrapeQuerySchema, promQuerySchema, jsonQuerySchema])
    .describe('For a scrape source { metric, ... }; for a Prometheus source { expr }; for a JSON source { select, ... }.'),
  unit: z.enum(units).default('short'),
  decimals: z.number().int().min(0).max(6).optional(),
  thresholds: thresholdsSchema.optional(),
};

export const statPanelSchema = z
  .object({ ...panelCommon, type: z.literal('stat'), sparkline: z.boolean().default(true) })
  .strict();
export const timeseriesPanelSchema = z
  .object({
    ...panelCommon,
    type: z.literal('timeseries'),
    span: durationMs.default(900_000).describe('How much history the chart shows.'),
  })
  .strict();
export const panelSchema = z.discriminatedUnion('type', [statPanelSchema, timeseriesPanelSchema]);
export type PanelConfig = z.output<typeof panelSchema>;

// ---- walls ----------------------------------------------------------------------------------

export const viewingDistances = ['desk', 'near', 'far'] as const;
export type ViewingDistance = (typeof viewingDistances)[number];

export const wallSchema = z
  .object({
    id,
    title: z.string().min(1).max(120),
    viewingDistance: z
      .enum(viewingDistances)
      .default('near')
      .describe('desk: a laptop; near: 3-5 m from the screen; far: 5 m and more.'),
    panels: z.array(panelSchema).min(1),
  })
  .strict();
export type WallConfig = z.output<typeof wallSchema>;

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
      .describe('Most severe first: the first level whose condition holds is shown.'),
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
  })
  .strict()
  .superRefine((ws, ctx) => {
    const sourceIds = new Set<string>();
    ws.sources.forEach((s, i) => {
      if (sourceIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      sourceIds.add(s.id);
    });
    const panelIds = new Set<string>();
    const wallIds = new Set<string>();
    ws.walls.forEach((wall, w) => {
      if (wallIds.has(wall.id)) ctx.addIssue({ code: 'custom', path: ['walls', w, 'id'], message: `duplicate wall id "${wall.id}"` });
      wallIds.add(wall.id);
      wall.panels.forEach((panel, p) => {
        if (panelIds.has(panel.id)) {
          ctx.addIssue({ code: 'custom', path: ['walls', w, 'panels', p, 'id'], message: `duplicate panel id "${panel.id}"` });
        }
        panelIds.add(panel.id);
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
        }
      }),
    );
  });

export type Workspace = z.output<typeof workspaceSchema>;
