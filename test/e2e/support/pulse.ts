/** Complaints posted to a hub's pulse, for the wall's pulse panel to count by topic. */
import { expect } from '@playwright/test';
import { ADMIN_TOKEN } from './processes.ts';

/** Complaints on every topic, a different number each, so their order is known: access first, billing last. */
export const COMPLAINTS_ON_EVERY_TOPIC: readonly (readonly [string, number])[] = [
  ['403 again, locked out of my account', 9],
  ['buffering every minute, unwatchable', 7],
  ['the app shows an error and failed again', 5],
  ['so pixelated and blurry tonight', 3],
  ['charged twice for this, want a refund', 2],
];

/**
 * Post `n` posts of each `[text, n]`, 20 s apart going back from `now` (each text numbered, so
 * none is a duplicate), through `POST /api/v1/ingest/posts`.
 */
export async function postComplaints(hubUrl: string, complaints: readonly (readonly [string, number])[], now = Date.now()): Promise<void> {
  const posts = complaints.flatMap(([text, n], t) =>
    Array.from({ length: n }, (_, i) => ({ id: `p${t}-${i}`, source: 'x', author: `@fan${t}${i}`, text: `${text} (${i})`, url: null, created_at: new Date(now - (i + 1) * 20_000).toISOString() })),
  );
  const res = await fetch(`${hubUrl}/api/v1/ingest/posts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ posts }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}
