/**
 * The outbox on a real IndexedDB implementation (fake-indexeddb, in Node): stored before it is
 * sent, removed only on an ack, sent again with the same id until then, one at a time in order,
 * kept across a "reload" (a new outbox on the same database), refusals kept with the reason; a
 * command that keeps failing is tried again after pauses that double up to a cap, and its last
 * failure (why, when, how often) is kept with it until it goes.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentCommand } from '../../shared/protocol/incidents.ts';
import { openIndexedDbJournal } from './incident-db.ts';
import type { IncidentJournal } from './incident-db.ts';
import { newId, Outbox, OutboxFullError } from './outbox.ts';
import type { Deliver, Delivery, OutboxItem } from './outbox.ts';

const opened: IncidentJournal[] = [];
afterEach(() => {
  for (const j of opened.splice(0)) j.close();
});

let dbCount = 0;
async function journal(name = `outbox-test-${++dbCount}`): Promise<IncidentJournal> {
  const j = await openIndexedDbJournal(name);
  opened.push(j);
  return j;
}

const incidentId = newId();
function note(text: string): OutboxItem {
  const payload: IncidentCommand = { id: newId(), incidentId, kind: 'note', text, occurredAt: 1_000, author: 'ann', console: 'c1', data: {} };
  return { id: payload.id, type: 'command', incidentId, payload, queuedAt: 1_000, attempts: 0 };
}

/** A queued impact snapshot: its entry, and `bytes` of PNG held beside it. */
function snapshot(caption: string, bytes = 64): Extract<OutboxItem, { type: 'snapshot' }> {
  const payload = { id: newId(), incidentId, kind: 'snapshot' as const, text: caption, occurredAt: 1_000, author: 'ann', console: 'c1', data: { assetId: newId(), capturedAt: 1_000 } };
  const png = new Blob([new Uint8Array(bytes).fill(7)], { type: 'image/png' });
  return { id: payload.id, type: 'snapshot', incidentId, payload, png, uploaded: false, queuedAt: 1_000, attempts: 0 };
}

function outboxOn(j: IncidentJournal, maxSnapshotBytes?: number, pauses: { retryMs: number; maxRetryMs: number } = { retryMs: 10, maxRetryMs: 10 }) {
  const changes: (readonly OutboxItem[])[] = [];
  const outbox = new Outbox({ storage: j, onChange: (items) => changes.push(items), ...pauses, ...(maxSnapshotBytes !== undefined ? { maxSnapshotBytes } : {}) });
  return { outbox, changes };
}

const until = async (check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> => {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** A link that records what it was sent and answers as told. */
function link(answer: (item: OutboxItem, n: number) => Delivery | Promise<Delivery>) {
  const sent: OutboxItem[] = [];
  const deliver: Deliver = async (item) => {
    sent.push(item);
    return answer(item, sent.length);
  };
  return { sent, deliver };
}

const acked = (seq = 1, duplicate = false): Delivery => ({ kind: 'acked', seq, duplicate });

describe('outbox', () => {
  it('stores a command in IndexedDB before it sends it', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j);
    const storedWhenSent: string[][] = [];
    outbox.setDeliver(async () => {
      storedWhenSent.push((await j.outboxAll()).map((i) => (i.type === 'command' ? (i.payload.text ?? '') : '')));
      return acked();
    });
    await outbox.enqueue(note('first'));
    await until(() => storedWhenSent.length === 1);
    expect(storedWhenSent[0]).toEqual(['first']);
    await until(async () => (await j.outboxAll()).length === 0);
    expect(outbox.pending).toBe(0);
  });

  it('keeps commands while there is no link and counts them', async () => {
    const j = await journal();
    const { outbox, changes } = outboxOn(j);
    for (const t of ['a', 'b', 'c']) await outbox.enqueue(note(t));
    expect(outbox.pending).toBe(3);
    expect(changes.at(-1)).toHaveLength(3);
    expect(await j.outboxAll()).toHaveLength(3);
  });

  it('removes a command only on an ack (ok or duplicate), and resends it with the same id until then', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j);
    const item = note('x');
    const { sent, deliver } = link((_, n) => (n === 1 ? { kind: 'retry', reason: 'no answer' } : n === 2 ? { kind: 'retry', reason: 'rate limited' } : acked(7, true)));
    await outbox.enqueue(item);
    outbox.setDeliver(deliver);
    await until(() => outbox.pending === 0);
    expect(sent.map((i) => i.id)).toEqual([item.id, item.id, item.id]);
    expect(sent.map((i) => i.attempts)).toEqual([1, 2, 3]);
    expect(await j.outboxAll()).toEqual([]);
  });

  it('sends one at a time, oldest first: the next waits for the previous ack', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j);
    const items = ['1', '2', '3'].map(note);
    for (const item of items) await outbox.enqueue(item);
    let inFlight = 0;
    let most = 0;
    const { sent, deliver } = link(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return acked();
    });
    outbox.setDeliver(deliver);
    await until(() => outbox.pending === 0);
    expect(sent.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(most).toBe(1);
  });

  it('survives a reload: a new outbox on the same database sends what the old one held, in order', async () => {
    const name = `outbox-reload-${++dbCount}`;
    const before = await journal(name);
    const first = outboxOn(before);
    const items = ['one', 'two', 'three'].map(note);
    for (const item of items) await first.outbox.enqueue(item);
    before.close();

    const after = await journal(name);
    const snapshot = await after.load();
    expect(snapshot.outbox.map((i) => i.id)).toEqual(items.map((i) => i.id));
    const second = outboxOn(after);
    second.outbox.restore(snapshot.outbox);
    expect(second.outbox.pending).toBe(3);
    const { sent, deliver } = link(() => acked());
    second.outbox.setDeliver(deliver);
    await until(() => second.outbox.pending === 0);
    expect(sent.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(await after.outboxAll()).toEqual([]);
  });

  it('stops when the link goes and starts again, from the same command, on the next one', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j);
    const items = ['a', 'b'].map(note);
    for (const item of items) await outbox.enqueue(item);
    const dead = link(() => ({ kind: 'retry', reason: 'disconnected' }));
    outbox.setDeliver(dead.deliver);
    await until(() => dead.sent.length >= 2);
    outbox.setDeliver(null);
    const tried = dead.sent.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(dead.sent.length).toBeLessThanOrEqual(tried + 1);
    expect(new Set(dead.sent.map((i) => i.id))).toEqual(new Set([items[0]!.id]));

    const alive = link(() => acked());
    outbox.setDeliver(alive.deliver);
    await until(() => outbox.pending === 0);
    expect(alive.sent.map((i) => i.id)).toEqual(items.map((i) => i.id));
  });

  it('keeps a refused command with the hub’s reason, never resends it, and forgets it when dismissed', async () => {
    const j = await journal();
    const { outbox, changes } = outboxOn(j);
    const bad = note('bad');
    const good = note('good');
    await outbox.enqueue(bad);
    await outbox.enqueue(good);
    const { sent, deliver } = link((item) => (item.id === bad.id ? { kind: 'refused', error: { code: 'forbidden', message: 'bob may not change ann’s entry' } } : acked()));
    outbox.setDeliver(deliver);
    await until(() => outbox.items.length === 1 && outbox.pending === 0);
    expect(outbox.items[0]!.refused?.message).toContain('may not change');
    expect((await j.outboxAll())[0]!.refused?.code).toBe('forbidden');
    outbox.setDeliver(deliver);
    await new Promise((r) => setTimeout(r, 30));
    expect(sent.filter((i) => i.id === bad.id)).toHaveLength(1);
    await outbox.dismiss(bad.id);
    expect(outbox.items).toEqual([]);
    expect(changes.at(-1)).toEqual([]);
    expect(await j.outboxAll()).toEqual([]);
  });

  it('keeps a command in memory, and still sends it, when the journal cannot store it', async () => {
    const errors: string[] = [];
    const outbox = new Outbox({
      storage: { outboxPut: () => Promise.reject(new Error('QuotaExceededError')), outboxDelete: async () => undefined },
      onChange: () => undefined,
      onStorageError: (m) => errors.push(m),
      retryMs: 10,
    });
    await outbox.enqueue(note('x'));
    expect(outbox.pending).toBe(1);
    expect(errors[0]).toContain('QuotaExceededError');
    const { sent, deliver } = link(() => acked());
    outbox.setDeliver(deliver);
    await until(() => outbox.pending === 0);
    expect(sent).toHaveLength(1);
  });
});

describe('outbox: impact snapshots', () => {
  it('keeps a snapshot taken offline with its PNG, and delivers it once, in order with the entries around it', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j);
    const items = [note('before'), snapshot('5xx at the peak'), note('after')];
    for (const item of items) await outbox.enqueue(item);
    expect(outbox.pending).toBe(3);
    const held = (await j.outboxAll()).find((i) => i.type === 'snapshot');
    expect(held?.type === 'snapshot' && held.png.size).toBe(64);
    expect(outbox.snapshotBytes).toBe(64);

    const { sent, deliver } = link(() => acked());
    outbox.setDeliver(deliver);
    await until(() => outbox.pending === 0);
    expect(sent.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(await j.outboxAll()).toEqual([]);
    expect(outbox.snapshotBytes).toBe(0);
  });

  it('survives a reload: the picture comes back from IndexedDB, byte for byte, and is sent then', async () => {
    const name = `outbox-snapshot-reload-${++dbCount}`;
    const before = await journal(name);
    const item = snapshot('kept across a reload', 300);
    await outboxOn(before).outbox.enqueue(item);
    await outboxOn(before).outbox.enqueue(note('typed after it'));
    before.close();

    const after = await journal(name);
    const restored = (await after.load()).outbox;
    const back = restored[0]!;
    expect(back.type).toBe('snapshot');
    if (back.type !== 'snapshot') return;
    expect(back.png).toBeInstanceOf(Blob);
    expect(new Uint8Array(await back.png.arrayBuffer())).toEqual(new Uint8Array(300).fill(7));
    const second = outboxOn(after);
    second.outbox.restore(restored);
    const { sent, deliver } = link(() => acked());
    second.outbox.setDeliver(deliver);
    await until(() => second.outbox.pending === 0);
    expect(sent.map((i) => i.id)).toEqual([item.id, restored[1]!.id]);
  });

  it('remembers that the picture reached the hub when only its entry is left to send', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j);
    const item = snapshot('uploaded, entry lost');
    await outbox.enqueue(item);
    const { sent, deliver } = link((_, n) => (n === 1 ? { kind: 'retry', reason: 'no answer', uploaded: true } : acked()));
    outbox.setDeliver(deliver);
    await until(() => outbox.pending === 0);
    expect(sent.map((i) => i.type === 'snapshot' && i.uploaded)).toEqual([false, true]);
  });

  it('a refused upload is kept with the hub’s words, never resent, and does not hold back what follows', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j);
    const bad = snapshot('not a PNG');
    const later = [note('after the bad picture'), snapshot('a good picture')];
    await outbox.enqueue(bad);
    for (const item of later) await outbox.enqueue(item);
    const { sent, deliver } = link((item) => (item.id === bad.id ? { kind: 'refused', error: { code: 'invalid', message: 'not a PNG: the PNG signature is missing' } } : acked()));
    outbox.setDeliver(deliver);
    await until(() => outbox.pending === 0);
    expect(sent.map((i) => i.id)).toEqual([bad.id, ...later.map((i) => i.id)]);
    expect(outbox.items).toHaveLength(1);
    expect(outbox.items[0]!.refused?.message).toContain('PNG signature');
    // Kept (picture and all) until dismissed, also across a reload.
    const stored = await j.outboxAll();
    expect(stored.map((i) => i.id)).toEqual([bad.id]);
    const kept = stored[0]!;
    expect(kept.type === 'snapshot' && kept.png.size).toBe(64);
    outbox.setDeliver(deliver);
    await new Promise((r) => setTimeout(r, 30));
    expect(sent.filter((i) => i.id === bad.id)).toHaveLength(1);
    await outbox.dismiss(bad.id);
    expect(await j.outboxAll()).toEqual([]);
    expect(outbox.snapshotBytes).toBe(0);
  });

  it('holds at most its cap of picture bytes: over it a snapshot is refused in words and nothing is kept', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j, 1000);
    await outbox.enqueue(snapshot('one', 600));
    await outbox.enqueue(note('entries are not counted'));
    const over = snapshot('two', 600);
    const error = await outbox.enqueue(over).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboxFullError);
    expect((error as Error).message).toMatch(/already holds 1 KiB of snapshots not yet sent \(at most 1 KiB\): this one was not kept/);
    expect(outbox.items.map((i) => i.id)).not.toContain(over.id);
    expect((await j.outboxAll()).map((i) => i.id)).not.toContain(over.id);
    // Two at once cannot both slip under the cap.
    const results = await Promise.allSettled([outbox.enqueue(snapshot('a', 300)), outbox.enqueue(snapshot('b', 300))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    // Room again once one is delivered.
    outbox.setDeliver(link(() => acked()).deliver);
    await until(() => outbox.pending === 0);
    await outbox.enqueue(snapshot('three', 600));
    expect(outbox.snapshotBytes).toBe(600);
  });
});

describe('outbox: commands that keep failing', () => {
  const refusedToken: Delivery = { kind: 'retry', reason: 'the hub did not accept this console\'s token (401: send a valid hub token)', signIn: true };

  it('keeps the last failure with the item, in words, with when and how many attempts, also across a reload', async () => {
    const name = `outbox-failure-reload-${++dbCount}`;
    const before = await journal(name);
    const { outbox } = outboxOn(before, undefined, { retryMs: 20, maxRetryMs: 20 });
    const item = snapshot('5xx at the peak');
    await outbox.enqueue(item);
    const startedAt = Date.now();
    const { sent, deliver } = link(() => refusedToken);
    outbox.setDeliver(deliver);
    await until(() => sent.length >= 3);
    outbox.setDeliver(null);
    await until(() => outbox.items[0]!.attempts === sent.length);

    const held = outbox.items[0]!;
    expect(outbox.pending).toBe(1);
    expect(held.refused).toBeUndefined();
    expect(held.lastFailure).toMatchObject({ reason: refusedToken.kind === 'retry' ? refusedToken.reason : '', signIn: true, failures: sent.length });
    expect(held.lastFailure!.at).toBeGreaterThanOrEqual(startedAt);
    expect(held.lastFailure!.nextAt - held.lastFailure!.at).toBe(20);
    await until(async () => (await before.outboxAll())[0]?.attempts === sent.length);
    before.close();

    // A reload: the item comes back with its picture and why it has not gone.
    const after = await journal(name);
    const restored = (await after.load()).outbox;
    expect(restored).toHaveLength(1);
    expect(restored[0]!.lastFailure).toEqual(held.lastFailure);
    expect(restored[0]!.attempts).toBe(sent.length);
    expect(restored[0]!.type === 'snapshot' && restored[0]!.png.size).toBe(64);
  });

  it('backs off: the pause doubles up to the cap, typing does not cut it short, a new link tries at once', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j, undefined, { retryMs: 25, maxRetryMs: 100 });
    await outbox.enqueue(note('stuck'));
    const times: number[] = [];
    const failing = link(() => {
      times.push(Date.now());
      return { kind: 'retry', reason: 'the hub failed to store it (the hub failed to handle this event; it has been logged)' };
    });
    outbox.setDeliver(failing.deliver);
    await until(() => times.length >= 5);
    // Typed while it waits: queued behind it, and no extra attempt of the stuck one.
    const tried = failing.sent.length;
    for (const t of ['a', 'b', 'c']) await outbox.enqueue(note(t));
    await new Promise((r) => setTimeout(r, 40));
    expect(failing.sent.length).toBeLessThanOrEqual(tried + 1);
    await until(() => times.length >= 7);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 25, 50, 100, then 100 at most: never a hot loop (timers may fire a hair early, never much).
    [25, 50, 100, 100, 100, 100].forEach((least, i) => expect(gaps[i]).toBeGreaterThanOrEqual(least - 3));
    expect(gaps.slice(2).every((g) => g < 400)).toBe(true);
    expect(new Set(failing.sent.map((i) => i.id)).size).toBe(1);
    expect(outbox.items[0]!.lastFailure!.failures).toBe(failing.sent.length);

    // A new link (a reconnect, a new token) does not wait out the pause.
    await new Promise((r) => setTimeout(r, 10));
    const alive = link(() => acked());
    const switchedAt = Date.now();
    outbox.setDeliver(alive.deliver);
    await until(() => alive.sent.length >= 1);
    expect(Date.now() - switchedAt).toBeLessThan(50);
    await until(() => outbox.pending === 0);
    expect(alive.sent.map((i) => i.type === 'command' && i.payload.text)).toEqual(['stuck', 'a', 'b', 'c']);
  });

  it('a later success clears it: the item leaves with its failure; a picture that went starts the count over for its entry', async () => {
    const j = await journal();
    const { outbox } = outboxOn(j, undefined, { retryMs: 10, maxRetryMs: 40 });
    const item = snapshot('uploaded at the third try');
    await outbox.enqueue(item);
    const entryLost: Delivery = { kind: 'retry', reason: 'the hub did not answer within 5 s', uploaded: true };
    const seen: (OutboxItem['lastFailure'] | undefined)[] = [];
    const { sent, deliver } = link((attempt, n) => {
      seen.push(attempt.lastFailure);
      return n <= 2 ? refusedToken : n === 3 ? entryLost : acked();
    });
    outbox.setDeliver(deliver);
    await until(() => outbox.pending === 0);
    expect(sent).toHaveLength(4);
    expect(seen.map((f) => f?.failures)).toEqual([undefined, 1, 2, 1]);
    expect(seen[3]).toMatchObject({ reason: 'the hub did not answer within 5 s' });
    expect(seen[3]!.signIn).toBeUndefined();
    expect(sent[3]!.type === 'snapshot' && sent[3]!.uploaded).toBe(true);
    expect(outbox.items).toEqual([]);
    expect(await j.outboxAll()).toEqual([]);
  });
});

describe('journal', () => {
  it('keeps entries with the cursor that covers them, and forgets the log (not the outbox) on reset', async () => {
    const j = await journal();
    const entry = { id: newId(), incidentId, kind: 'note' as const, text: 't', occurredAt: 1, author: 'ann', console: 'c', data: {}, seq: 5, recordedAt: 2 };
    await j.entriesPut([entry], { seq: 5, id: entry.id });
    await j.outboxPut(note('held'));
    let snap = await j.load();
    expect(snap.entries.map((e) => e.seq)).toEqual([5]);
    expect(snap.cursor).toEqual({ seq: 5, id: entry.id });
    await j.resetLog();
    snap = await j.load();
    expect(snap.entries).toEqual([]);
    expect(snap.cursor).toEqual({ seq: 0, id: null });
    expect(snap.outbox).toHaveLength(1);
  });
});
