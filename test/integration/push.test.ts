/**
 * Push ingest against a real hub: a machine token with only the push scope sends values, the
 * panels on that push source receive them over socket.io with freshness, and bad pushes are
 * refused with the field named while nothing else changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { frameKey } from '../../shared/domain/frame-key.ts';
import type { FrameDelta } from '../../shared/model/frame.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const workspace = `
version: 1
title: Push
sources:
  - { id: box-office, type: push, interval: 30s }
walls:
  - id: main
    title: Main
    panels:
      - { id: sold, title: Tickets sold, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: box-office, query: { series: tickets_sold } }
      - { id: eu, title: EU viewers, type: stat, gridPos: { x: 6, y: 0, w: 6, h: 4 }, source: box-office, query: { series: viewers, match: { region: eu } } }
`;

const json = { 'content-type': 'application/json' };

describe('push ingest', () => {
  it('feeds the push source\'s panels, with a token that holds only the push scope', async () => {
    t = await startTestHub(workspace);
    const admin = await t.connect(t.adminToken);
    const created = await admin.emitWithAck('tokens:create', { name: 'box office script', role: 'viewer', scopes: ['push'] });
    if (!created.ok) throw new Error(created.error.message);
    const soldKey = frameKey('box-office', { series: 'tickets_sold', aggregate: 'sum' });
    const euKey = frameKey('box-office', { series: 'viewers', match: { region: 'eu' }, aggregate: 'sum' });
    const subscribed = await admin.emitWithAck('frames:subscribe', { keys: [soldKey, euKey] });
    if (!subscribed.ok) throw new Error(subscribed.error.message);
    // Before any push: the frames exist, waiting, with the source's expected interval.
    expect(subscribed.frames.map((f) => [f.meta.lastSuccessAt, f.meta.expectedIntervalMs])).toEqual([
      [null, 30_000],
      [null, 30_000],
    ]);
    const deltas: FrameDelta[] = [];
    admin.on('frames:delta', (d) => deltas.push(...d));

    const at = Date.now() - 5000;
    const res = await t.http('/api/v1/ingest/push', {
      method: 'POST',
      token: created.secret,
      headers: json,
      body: JSON.stringify({
        source: 'box-office',
        values: { tickets_sold: 18234 },
        points: [
          { series: 'viewers', value: 5120, labels: { region: 'eu' }, at },
          { series: 'viewers', value: 999, labels: { region: 'us' } },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { accepted: number; frames: number };
    expect(reply).toMatchObject({ accepted: 3, frames: 2 });
    await eventually('both deltas', () => deltas.length >= 2);
    const sold = deltas.find((d) => d.key === soldKey)!;
    expect(sold.series[0]!.points[0]![1]).toBe(18234);
    expect(sold.meta.lastSuccessAt).not.toBeNull();
    const eu = deltas.find((d) => d.key === euKey)!;
    expect(eu.series).toEqual([{ name: '{region="eu"}', labels: { region: 'eu' }, points: [[at, 5120]] }]);

    // The query endpoint answers the latest pushed values as the panel would see them.
    const queried = await t.http(`/api/v1/sources/box-office/query?expr=viewers`, { token: created.secret });
    expect(queried.status).toBe(200);
    const frame = (await queried.json()) as { series: { labels: Record<string, string>; points: [number, number][] }[] };
    expect(frame.series.map((s) => [s.labels.region, s.points[0]![1]]).sort()).toEqual([
      ['eu', 5120],
      ['us', 999],
    ]);

    // The push scope opens nothing else to this viewer token.
    const change = await t.http('/api/v1/ingest/changes', { method: 'POST', token: created.secret, headers: json, body: '{}' });
    expect(change.status).toBe(403);
  });

  it('refuses bad pushes with the field named, and keeps what was there', async () => {
    t = await startTestHub(workspace);
    const push = (body: unknown) => t!.http('/api/v1/ingest/push', { method: 'POST', token: t!.adminToken, headers: json, body: JSON.stringify(body) });
    const ok = await push({ source: 'box-office', values: { tickets_sold: 1 } });
    expect(ok.status).toBe(200);

    const cases: [unknown, RegExp][] = [
      [{ source: 'nope', values: { a: 1 } }, /source: no push source "nope".*box-office/],
      [{ source: 'box-office', values: { tickets_sold: 'many' } }, /values\.tickets_sold/],
      [{ source: 'box-office' }, /values: expected at least one value/],
      [{ source: 'box-office', points: [{ series: 'viewers' }] }, /points\[0\]\.value/],
      [{ source: 'box-office', points: [{ series: 'viewers', value: 1, at: Date.now() - 86_400_000 }] }, /points\[0\]\.at: expected a time within the last hour/],
      [{ source: 'box-office', values: { a: 1 }, extra: true }, /extra/],
    ];
    for (const [body, message] of cases) {
      const res = await push(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    const frame = (await (await t.http(`/api/v1/frames?key=${encodeURIComponent(frameKey('box-office', { series: 'tickets_sold', aggregate: 'sum' }))}`, { token: t.adminToken })).json()) as {
      series: { points: [number, number][] }[];
    };
    expect(frame.series[0]!.points.map((p) => p[1])).toEqual([1]);
  });
});
