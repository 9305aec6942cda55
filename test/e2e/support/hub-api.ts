/** The hub's REST API as a test calls it: with the admin's token, JSON both ways, a status under 300 expected. */
import { expect } from '@playwright/test';
import { ADMIN_TOKEN } from './processes.ts';

export type HubCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** Calls to the hub at `hubUrl`: each expects a status under 300 (the answer's text says why not) and returns the JSON answer. */
export function hubApi(hubUrl: string): HubCall {
  return async (method, path, body) => {
    const res = await fetch(`${hubUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
}

/** A value of a series (with labels: one row of a table or one cell of a status grid). */
export interface PushPoint {
  readonly series: string;
  readonly value: number;
  readonly labels?: Record<string, string>;
}

/** Push `points` into the workspace's push source `ops`, through `POST /api/v1/ingest/push`. */
export async function pushPoints(hubUrl: string, points: readonly PushPoint[]): Promise<void> {
  await hubApi(hubUrl)('POST', '/api/v1/ingest/push', { source: 'ops', points });
}
