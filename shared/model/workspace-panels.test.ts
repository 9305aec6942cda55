import { describe, expect, it } from 'vitest';
import { isDataPanel, workspaceSchema } from './workspace.ts';

const gridPos = { x: 0, y: 0, w: 6, h: 4 };
const workspace = (panels: unknown[], status?: unknown) => ({
  version: 1,
  title: 'Room',
  sources: [{ id: 'demo', type: 'scrape', url: 'http://127.0.0.1:9/metrics' }],
  walls: [{ id: 'main', title: 'Main', panels }],
  ...(status ? { status } : {}),
});
const query = { metric: 'mc_concurrent_streams' };

describe('the panel union', () => {
  it('takes a runbook link on any panel, http(s) only, and names a bad one with its field', () => {
    const parsed = workspaceSchema.parse(
      workspace([
        { id: 's', title: 'S', type: 'stat', gridPos, source: 'demo', query, runbook: 'https://wiki.example.com/runbooks/entitlement' },
        { id: 'txt', title: 'Txt', type: 'text', gridPos, content: 'x', runbook: 'http://intranet/runbooks/cdn' },
      ]),
    );
    expect(parsed.walls[0]!.panels.map((p) => p.runbook)).toEqual(['https://wiki.example.com/runbooks/entitlement', 'http://intranet/runbooks/cdn']);
    const refused = workspaceSchema.safeParse(workspace([{ id: 's', title: 'S', type: 'stat', gridPos, source: 'demo', query, runbook: 'javascript:alert(1)' }]));
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.path.join('.'))).toContain('walls.0.panels.0.runbook');
  });

  it('keeps existing stat and timeseries panels valid, with their defaults', () => {
    const parsed = workspaceSchema.parse(
      workspace([
        { id: 's', title: 'S', type: 'stat', gridPos, source: 'demo', query },
        { id: 't', title: 'T', type: 'timeseries', gridPos, source: 'demo', query },
      ]),
    );
    expect(parsed.walls[0]!.panels[0]).toMatchObject({ unit: 'short', sparkline: true, query: { fn: 'value', aggregate: 'sum' } });
    expect(parsed.walls[0]!.panels[1]).toMatchObject({ span: 900_000 });
  });

  it('takes every new type with its defaults; text and embed need no source or query', () => {
    const parsed = workspaceSchema.parse(
      workspace([
        { id: 'g', title: 'G', type: 'gauge', gridPos, source: 'demo', query },
        { id: 'grid', title: 'Grid', type: 'status-grid', gridPos, source: 'demo', query },
        { id: 'tab', title: 'Tab', type: 'table', gridPos, source: 'demo', query },
        { id: 'txt', title: 'Txt', type: 'text', gridPos, content: '# Hello' },
        { id: 'emb', title: 'Emb', type: 'embed', gridPos, url: 'https://grafana.example/d/x?kiosk' },
      ]),
    );
    const [g, grid, tab, txt, emb] = parsed.walls[0]!.panels;
    expect(g).toMatchObject({ min: 0, max: 100 });
    expect(grid).toMatchObject({ sort: 'label' });
    expect(tab).toMatchObject({ sortBy: 'value', sortOrder: 'desc', maxRows: 10, valueTitle: 'Value' });
    expect(txt).toMatchObject({ allowImagesFrom: [] });
    expect(emb).toMatchObject({ loadTimeout: 20_000, allowScripts: true, allowSameOrigin: false });
    expect(parsed.walls[0]!.panels.map(isDataPanel)).toEqual([true, true, true, false, false]);
  });

  it('still checks the source and query shape of data panels', () => {
    const wrongSource = workspaceSchema.safeParse(workspace([{ id: 'g', title: 'G', type: 'gauge', gridPos, source: 'nope', query }]));
    expect(wrongSource.success).toBe(false);
    const wrongShape = workspaceSchema.safeParse(workspace([{ id: 'tab', title: 'T', type: 'table', gridPos, source: 'demo', query: { expr: 'up' } }]));
    expect(wrongShape.error?.issues[0]?.message).toMatch(/expected a query with "metric"/);
    const missing = workspaceSchema.safeParse(workspace([{ id: 'g', title: 'G', type: 'gauge', gridPos }]));
    expect(missing.success).toBe(false);
  });

  it('refuses a status rule on a panel that shows no data', () => {
    const result = workspaceSchema.safeParse(
      workspace([{ id: 'txt', title: 'Txt', type: 'text', gridPos, content: 'x' }], {
        levels: [{ level: 'ICU', tone: 'critical', when: [{ panel: 'txt', state: 'critical' }] }],
      }),
    );
    expect(result.error?.issues.map((i) => i.message)).toEqual(['the panel "txt" shows no data (text and embed panels have no value to test)']);
  });

  it('refuses fields that do not belong to a type', () => {
    expect(workspaceSchema.safeParse(workspace([{ id: 'txt', title: 'T', type: 'text', gridPos, content: 'x', url: 'https://x.example/' }])).success).toBe(false);
    expect(workspaceSchema.safeParse(workspace([{ id: 's', title: 'S', type: 'stat', gridPos, source: 'demo', query, min: 0 }])).success).toBe(false);
  });
});
