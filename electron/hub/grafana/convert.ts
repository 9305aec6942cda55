/**
 * Grafana dashboard JSON → a Mission Control wall, so teams bring their existing boards.
 * Handles stat/singlestat, timeseries/graph, gauge, table and text panels with Prometheus
 * targets, gridPos, thresholds, units and decimals; every panel it cannot bring over is listed
 * by title and type, never silently dropped.
 */
import type { Unit } from '../../../shared/model/workspace.ts';

export interface ConvertOptions {
  /** The id of the Prometheus source the panels will query. */
  readonly sourceId: string;
  readonly wallId?: string;
}

export interface Skipped {
  readonly title: string;
  readonly type: string;
  readonly reason: string;
}

export interface Conversion {
  readonly wall: { id: string; title: string; viewingDistance: 'near'; panels: Record<string, unknown>[] };
  readonly skipped: Skipped[];
  /** Things converted with a compromise the user should check (extra queries, variables, units). */
  readonly warnings: string[];
}

export class GrafanaImportError extends Error {}

interface GrafanaPanel {
  id?: number;
  type?: string;
  title?: string;
  gridPos?: { x?: number; y?: number; w?: number; h?: number };
  targets?: { expr?: string; refId?: string; hide?: boolean; datasource?: unknown }[];
  datasource?: unknown;
  panels?: GrafanaPanel[];
  collapsed?: boolean;
  fieldConfig?: {
    defaults?: {
      unit?: string;
      decimals?: number;
      min?: number;
      max?: number;
      thresholds?: { mode?: string; steps?: { color?: string; value?: number | null }[] };
      color?: { mode?: string };
      custom?: { thresholdsStyle?: { mode?: string } };
    };
  };
  options?: { content?: string; mode?: string };
  content?: string;
  mode?: string;
  format?: string;
  decimals?: number;
  yaxes?: { format?: string; decimals?: number }[];
  thresholds?: string;
  colors?: string[];
  /** Before Grafana 5: a panel's own height in px, overriding its row's. */
  height?: number | string;
  description?: string;
}

const TYPE_MAP: Record<string, string> = {
  stat: 'stat',
  singlestat: 'stat',
  timeseries: 'timeseries',
  graph: 'timeseries',
  gauge: 'gauge',
  table: 'table',
  'table-old': 'table',
  text: 'text',
};

const UNIT_MAP: Record<string, Unit> = {
  none: 'none',
  short: 'short',
  percent: 'percent',
  percentunit: 'percentunit',
  reqps: 'reqps',
  rps: 'reqps',
  ops: 'reqps',
  bytes: 'bytes',
  decbytes: 'bytes',
  bits: 'bps',
  bps: 'bps',
  Bps: 'bytes',
  s: 's',
  ms: 'ms',
  dtdurations: 's',
};

/**
 * A dashboard variable in a query: `$name`, `${name}`, `${name:format}`, or the deprecated
 * `[[name]]` / `[[name:format]]` that dashboards from Grafana 4 and 5 still use.
 */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\[\[([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\]\]/g;

/**
 * Grafana's own migration of a pre-5 row height (px, default 250) to grid rows: a grid cell is
 * 30 px plus an 8 px margin, rounded up.
 */
function legacyGridHeight(height: number | string | undefined): number {
  const px = typeof height === 'number' ? height : Number.parseInt(String(height ?? '250px'), 10);
  return Math.max(1, Math.ceil((Number.isFinite(px) ? px : 250) / 38));
}

/** Grafana's built-in interval variables, replaced with a fixed range a wall can poll. */
const BUILTIN_VARIABLES: Record<string, string> = { __rate_interval: '1m', __interval: '1m', __range: '1h' };

function stateOfColor(color: string | undefined, index: number, count: number): 'ok' | 'warning' | 'critical' {
  const c = (color ?? '').toLowerCase();
  if (/red|#e02f44|#f2495c|#c4162a|dark-red/.test(c)) return 'critical';
  if (/yellow|orange|amber|#fade2a|#ff9830|#e0b400/.test(c)) return 'warning';
  if (/green|#73bf69|#56a64b|#37872d|blue|#5794f2/.test(c)) return 'ok';
  // An unknown colour: judge by position (first is the base, last the worst).
  return index === 0 ? 'ok' : index === count - 1 ? 'critical' : 'warning';
}

function thresholdsOf(panel: GrafanaPanel): { value: number | null; state: 'ok' | 'warning' | 'critical' }[] | undefined {
  const steps = panel.fieldConfig?.defaults?.thresholds?.steps;
  if (steps && steps.length > 0) {
    const out = steps.map((s, i) => ({ value: i === 0 ? null : (s.value ?? null), state: stateOfColor(s.color, i, steps.length) }));
    return out.every((s, i) => i === 0 || s.value !== null) ? out : undefined;
  }
  // singlestat: "thresholds": "80,90" with three colours.
  if (typeof panel.thresholds === 'string' && panel.thresholds.trim() !== '') {
    const values = panel.thresholds.split(',').map((v) => Number(v.trim()));
    if (values.some((v) => Number.isNaN(v))) return undefined;
    return [
      { value: null, state: 'ok' },
      ...values.map((value, i) => ({ value, state: (i === values.length - 1 ? 'critical' : 'warning') as 'warning' | 'critical' })),
    ];
  }
  return undefined;
}

function slug(text: string, taken: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'panel';
  let id = /^[a-z0-9]/.test(base) ? base : `p-${base}`;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * The kind of a panel's data source: Grafana 7+ writes { type, uid }, older versions the source's
 * name ("Prometheus", "Loki", "-- Mixed --"), guessed from the name. Null when unknown.
 */
function datasourceType(datasource: unknown): string | null {
  if (datasource && typeof datasource === 'object' && 'type' in datasource && typeof datasource.type === 'string') return datasource.type.toLowerCase();
  if (typeof datasource !== 'string') return null;
  const known = /loki|elastic|influx|mysql|postgres|graphite|cloudwatch|tempo|jaeger|mssql|opentsdb/i.exec(datasource);
  return known ? known[0].toLowerCase() : null;
}

/** The panels in order, with the panels of (collapsed) rows brought out beneath their row. */
function flatten(panels: readonly GrafanaPanel[]): GrafanaPanel[] {
  return panels.flatMap((p) => (p.type === 'row' ? flatten(p.panels ?? []) : [p]));
}

export function convertGrafanaDashboard(input: unknown, options: ConvertOptions): Conversion {
  const root = (input && typeof input === 'object' && 'dashboard' in input ? (input as { dashboard: unknown }).dashboard : input) as
    | { title?: string; uid?: string; panels?: GrafanaPanel[]; rows?: { panels?: GrafanaPanel[]; height?: number | string }[]; templating?: { list?: { name?: string; current?: { value?: unknown } }[] } }
    | null;
  if (!root || typeof root !== 'object' || (!Array.isArray(root.panels) && !Array.isArray(root.rows))) {
    throw new GrafanaImportError('not a Grafana dashboard: expected an object with "panels" (or "rows", before Grafana 5)');
  }
  const variables = new Map<string, string>(Object.entries(BUILTIN_VARIABLES));
  for (const v of root.templating?.list ?? []) {
    const value = Array.isArray(v.current?.value) ? v.current?.value[0] : v.current?.value;
    if (v.name && typeof value === 'string' && value !== '$__all') variables.set(v.name, value);
  }
  const warnings: string[] = [];
  const skipped: Skipped[] = [];
  const taken = new Set<string>();
  const panels: Record<string, unknown>[] = [];
  // Before Grafana 5, panels sat in rows (each starting a new line, with a height in px) with
  // spans of 12 and no gridPos.
  const legacy = !Array.isArray(root.panels);
  const legacyRowOf = new Map<GrafanaPanel, { row: number; h: number }>();
  (root.rows ?? []).forEach((r, row) => {
    for (const p of r.panels ?? []) legacyRowOf.set(p, { row, h: legacyGridHeight(r.height) });
  });
  const all = legacy ? (root.rows ?? []).flatMap((r) => r.panels ?? []) : flatten(root.panels!);
  let legacyX = 0;
  let legacyY = 0;
  let legacyRow = -1;
  let legacyRowH = 0;

  for (const panel of all) {
    const title = (panel.title ?? '').trim() || `Untitled ${panel.type ?? 'panel'}`;
    const type = panel.type ?? 'unknown';
    const ours = TYPE_MAP[type];
    if (!ours) {
      skipped.push({ title, type, reason: `the ${type} panel type is not supported` });
      continue;
    }
    const id = slug(title, taken);
    let gridPos = { x: panel.gridPos?.x ?? 0, y: panel.gridPos?.y ?? 0, w: panel.gridPos?.w ?? 12, h: panel.gridPos?.h ?? 8 };
    if (legacy) {
      const w = Math.max(1, Math.min(24, Math.round((((panel as { span?: number }).span ?? 12) / 12) * 24)));
      const place = legacyRowOf.get(panel) ?? { row: legacyRow, h: 8 };
      const h = panel.height !== undefined ? legacyGridHeight(panel.height) : place.h;
      if (place.row !== legacyRow || legacyX + w > 24) {
        legacyY += legacyRowH;
        legacyX = 0;
        legacyRowH = 0;
        legacyRow = place.row;
      }
      gridPos = { x: legacyX, y: legacyY, w, h };
      legacyX += w;
      legacyRowH = Math.max(legacyRowH, h);
    }
    gridPos.w = Math.max(1, Math.min(24, gridPos.w));
    gridPos.x = Math.max(0, Math.min(24 - gridPos.w, gridPos.x));
    gridPos.h = Math.max(1, Math.min(48, gridPos.h));

    if (ours === 'text') {
      const content = panel.options?.content ?? panel.content ?? '';
      if ((panel.options?.mode ?? panel.mode) === 'html') warnings.push(`"${title}": HTML text is imported as markdown source (HTML is not rendered)`);
      panels.push({ id, title, type: 'text', gridPos, content });
      continue;
    }

    const datasource = datasourceType(panel.datasource);
    if (datasource && datasource !== 'prometheus' && !datasource.startsWith('$')) {
      skipped.push({ title, type, reason: `its data source (${datasource}) is not Prometheus` });
      continue;
    }
    const targets = (panel.targets ?? []).filter((t) => !t.hide && typeof t.expr === 'string' && t.expr.trim() !== '');
    if (targets.length === 0) {
      skipped.push({ title, type, reason: 'no Prometheus query (expr) in its targets' });
      continue;
    }
    if (targets.length > 1) warnings.push(`"${title}": ${targets.length} queries; only the first (${targets[0]!.refId ?? 'A'}) was imported`);
    const used = new Set<string>();
    const expr = targets[0]!.expr!.replace(VARIABLE, (whole, braced?: string, plain?: string, bracketed?: string) => {
      const name = (braced ?? plain ?? bracketed)!;
      const value = variables.get(name);
      if (value === undefined) return whole;
      used.add(name);
      return value;
    });
    const unresolved = [...expr.matchAll(VARIABLE)].map((m) => m[1] ?? m[2] ?? m[3]);
    if (unresolved.length) warnings.push(`"${title}": dashboard variables without a value: ${[...new Set(unresolved)].map((v) => `$${v}`).join(', ')}`);
    const userVars = [...used].filter((v) => !(v in BUILTIN_VARIABLES));
    if (userVars.length) warnings.push(`"${title}": dashboard variables fixed to their saved values: ${userVars.map((v) => `$${v}`).join(', ')}`);

    const defaults = panel.fieldConfig?.defaults;
    const grafanaUnit = defaults?.unit ?? panel.format ?? panel.yaxes?.[0]?.format;
    let unit: Unit = 'short';
    if (grafanaUnit) {
      const mapped = UNIT_MAP[grafanaUnit];
      if (mapped) unit = mapped;
      else warnings.push(`"${title}": unit "${grafanaUnit}" shown as a plain number`);
    }
    const converted: Record<string, unknown> = { id, title, type: ours, gridPos, source: options.sourceId, query: { expr }, unit };
    if (panel.description) converted.description = panel.description.slice(0, 500);
    const decimals = defaults?.decimals ?? panel.decimals ?? panel.yaxes?.[0]?.decimals;
    if (typeof decimals === 'number' && decimals >= 0 && decimals <= 6) converted.decimals = Math.round(decimals);
    let thresholds = thresholdsOf(panel);
    // A Grafana time series carries default thresholds (green, red at 80) even when they are
    // neither drawn nor colouring anything: then they mean nothing, and must not turn a wall red.
    if (ours === 'timeseries' && defaults?.custom?.thresholdsStyle?.mode === 'off' && defaults.color?.mode !== 'thresholds') thresholds = undefined;
    if (thresholds && defaults?.thresholds?.mode === 'percentage') {
      // Percentages of the panel's min..max range: absolute values only when both are set.
      const { min, max } = defaults;
      if (typeof min === 'number' && typeof max === 'number' && max > min) {
        thresholds = thresholds.map((s) => (s.value === null ? s : { ...s, value: min + ((max - min) * s.value) / 100 }));
      } else {
        thresholds = undefined;
        warnings.push(`"${title}": thresholds are percentages of a range without min and max; not imported`);
      }
    }
    if (thresholds) converted.thresholds = thresholds;
    if (ours === 'gauge') {
      converted.min = defaults?.min ?? 0;
      converted.max = defaults?.max ?? (unit === 'percent' ? 100 : unit === 'percentunit' ? 1 : 100);
    }
    panels.push(converted);
  }

  const title = (root.title ?? 'Imported dashboard').slice(0, 120) || 'Imported dashboard';
  return { wall: { id: options.wallId ?? slug(root.uid ?? title, new Set()), title, viewingDistance: 'near', panels }, skipped, warnings };
}
