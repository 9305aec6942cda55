/** POST /api/v1/grafana/convert: the Settings action of the Grafana import (same converter as the CLI). */
import { fieldIssues } from '../../../shared/model/issues.ts';
import { HttpError, type RouteHandlers } from '../server/http.ts';
import { convertGrafanaDashboard, GrafanaImportError } from './convert.ts';
import { grafanaDashboardShape } from './dashboard-shape.ts';
import { workspaceYamlFor } from './workspace-yaml.ts';

const SOURCE_ID = /^[a-z0-9][a-z0-9-_]{0,63}$/i;

export function grafanaHandlers(): Pick<RouteHandlers, 'grafanaConvert'> {
  return {
    grafanaConvert: ({ request, body }) => {
      const query = request.query as { source?: string; file?: string };
      const sourceId = query.source ?? 'prometheus';
      if (!SOURCE_ID.test(sourceId)) throw new HttpError(400, 'invalid', `source: expected a source id (letters, digits, - and _), got "${sourceId.slice(0, 64)}"`);
      if (!body || typeof body !== 'object' || Buffer.isBuffer(body) || Array.isArray(body)) {
        throw new HttpError(400, 'invalid', 'body: expected the Grafana dashboard JSON (an object with "panels")');
      }
      // Grafana's API wraps the dashboard in { dashboard, meta }: accept both.
      const wrapped = 'dashboard' in body;
      const dashboard = wrapped ? (body as { dashboard: unknown }).dashboard : body;
      const shape = grafanaDashboardShape.safeParse(dashboard);
      if (!shape.success) {
        const issues = fieldIssues(shape.error, dashboard).map((i) => `${wrapped ? 'dashboard.' : ''}${i.field || 'dashboard'}: ${i.message}`);
        throw new HttpError(400, 'invalid', `not a Grafana dashboard: ${issues.join('; ')}`);
      }
      try {
        const conversion = convertGrafanaDashboard(dashboard, { sourceId });
        const yaml = workspaceYamlFor(conversion, {
          sourceId,
          prometheusUrl: '${PROMETHEUS_URL:-http://127.0.0.1:9090}',
          file: (query.file ?? 'dashboard.json').slice(0, 120).replace(/[\r\n]/g, ' '),
          via: 'Settings → Import a Grafana dashboard',
        });
        return { yaml, skipped: conversion.skipped, warnings: conversion.warnings };
      } catch (error) {
        if (error instanceof GrafanaImportError) throw new HttpError(400, 'invalid', error.message);
        throw error;
      }
    },
  };
}
