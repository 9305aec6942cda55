import { stringify } from 'yaml';
import { parseWorkspace } from '../workspace/load.ts';
import type { Conversion } from './convert.ts';

/**
 * A complete workspace file around a converted wall: a Prometheus source (its URL from the
 * environment by default) and the wall, checked with the same validation the hub uses, so what
 * the import writes always loads.
 */
export function workspaceYamlFor(conversion: Conversion, options: { sourceId: string; prometheusUrl: string; file: string; via?: string }): string {
  const skipped = conversion.skipped.map((s) => `#   - "${s.title}" (${s.type}): ${s.reason}`);
  const warnings = conversion.warnings.map((w) => `#   - ${w}`);
  const header = [
    `# Imported from a Grafana dashboard (${options.file}) by ${options.via ?? 'npm run import:grafana'}.`,
    ...(skipped.length ? ['# Panels not imported:', ...skipped] : []),
    ...(warnings.length ? ['# Check these:', ...warnings] : []),
  ].join('\n');
  const workspace = {
    version: 1,
    title: conversion.wall.title,
    sources: [{ id: options.sourceId, type: 'prometheus', url: options.prometheusUrl, interval: '15s', timeout: '10s' }],
    walls: [conversion.wall],
  };
  const text = `${header}\n${stringify(workspace, { lineWidth: 0 })}`;
  const check = parseWorkspace(text, options.file, { PROMETHEUS_URL: 'http://127.0.0.1:9090' });
  if (!check.ok) {
    throw new Error(`the converted workspace does not validate (a bug in the importer):\n  ${check.issues.map((i) => `${i.field}: ${i.message}`).join('\n  ')}`);
  }
  return text;
}
