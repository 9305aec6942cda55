import { describe, expect, it } from 'vitest';
import { parseWorkspace } from './load.ts';

const valid = `version: 1
title: Room
sources:
  - id: demo
    type: scrape
    url: \${BASE}/metrics
    interval: 5s
    timeout: 1s
walls:
  - id: main
    title: Main
    panels:
      - id: streams
        title: Streams
        type: stat
        gridPos: { x: 0, y: 0, w: 6, h: 4 }
        source: demo
        query: { metric: mc_concurrent_streams }
`;

describe('parseWorkspace', () => {
  it('parses a valid file, applying defaults and ${VAR} substitution', () => {
    const result = parseWorkspace(valid, 'ws.yaml', { BASE: 'http://127.0.0.1:9' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.workspace.sources[0]).toMatchObject({ url: 'http://127.0.0.1:9/metrics', interval: 5000, timeout: 1000 });
    expect(result.workspace.walls[0]!.panels[0]).toMatchObject({ unit: 'short', query: { fn: 'value', aggregate: 'sum', window: 60000 } });
    expect(result.workspace.timezone).toBe('UTC');
  });

  it('names the file, line, column, field, and what was expected', () => {
    const result = parseWorkspace(valid.replace('type: stat', 'type: pie'), 'ws.yaml', { BASE: 'http://x' });
    expect(result).toEqual({ ok: false, issues: [{ file: 'ws.yaml', line: 15, column: 15, field: 'walls[0].panels[0].type', message: 'expected "stat" or "timeseries" or "gauge" or "status-grid" or "table" or "text" or "embed" or "slo", got "pie"' }] });
  });

  it('refuses a timeout that is not shorter than the interval', () => {
    const result = parseWorkspace(valid.replace('timeout: 1s', 'timeout: 5s'), 'ws.yaml', { BASE: 'http://x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([expect.objectContaining({ line: 8, field: 'sources[0].timeout', message: 'expected timeout to be shorter than interval, got "5s"' })]);
  });

  it('reports a missing environment variable at the field that uses it', () => {
    const result = parseWorkspace(valid, 'ws.yaml', {});
    expect(result).toEqual({ ok: false, issues: [{ file: 'ws.yaml', line: 6, column: 10, field: 'sources[0].url', message: 'expected the environment variable BASE to be set (used as ${BASE})' }] });
  });

  it('reports YAML syntax errors with their position', () => {
    const result = parseWorkspace('version: 1\ntitle: [unclosed\n', 'ws.yaml', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ file: 'ws.yaml', line: expect.any(Number), message: expect.stringMatching(/^YAML: /) });
  });

  it('reports unknown fields, missing fields, bad references and duplicates', () => {
    const broken = valid
      .replace('title: Room', 'title: Room\ncolour: blue')
      .replace('source: demo', 'source: nowhere')
      .replace('    title: Main\n', '');
    const result = parseWorkspace(broken, 'ws.yaml', { BASE: 'http://x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.issues.map((i) => [i.field, i.message]));
    expect(byField.colour).toBe('unknown field "colour"');
    expect(byField['walls[0].title']).toBe('expected string, but it is missing');
    expect(result.issues.every((i) => i.line !== null)).toBe(true);
  });

  it('refuses duplicate panel ids and references to missing panels or sources', () => {
    const dup = valid.replace(/( {6}- id: streams[\s\S]*)$/, '$1$1') + 'status:\n  levels:\n    - { level: ICU, tone: critical, when: [{ panel: ghost, above: 1 }] }\n';
    const result = parseWorkspace(dup.replace('source: demo', 'source: elsewhere'), 'ws.yaml', { BASE: 'http://x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.issues.map((i) => `${i.field}: ${i.message}`);
    expect(messages).toContain('walls[0].panels[1].id: duplicate panel id "streams"');
    expect(messages).toContain('walls[0].panels[0].source: expected one of the source ids (demo), got "elsewhere"');
    expect(messages).toContain('status.levels[0].when[0].panel: no panel has the id "ghost"');
  });

  it('points into the query shape that came closest, and checks it fits the source type', () => {
    const badFn = parseWorkspace(valid.replace('query: { metric: mc_concurrent_streams }', 'query: { metric: mc_concurrent_streams, fn: median }'), 'ws.yaml', { BASE: 'http://x' });
    expect(badFn.ok ? [] : badFn.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'walls[0].panels[0].query.fn: expected "value" or "rate" or "increase" or "quantile", got "median"',
    ]);
    const wrongShape = parseWorkspace(valid.replace('query: { metric: mc_concurrent_streams }', 'query: { expr: "sum(up)" }'), 'ws.yaml', { BASE: 'http://x' });
    expect(wrongShape.ok ? [] : wrongShape.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'walls[0].panels[0].query: expected a query with "metric" for the scrape source "demo", got {"expr":"sum(up)"}',
    ]);
  });
});
