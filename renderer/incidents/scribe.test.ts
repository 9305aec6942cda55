import { describe, expect, it } from 'vitest';
import { parseScribeLine } from '../../shared/domain/incidents/scribe-line.ts';
import type { ParsedLine } from '../../shared/domain/incidents/scribe-line.ts';
import { projectTimeline } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import { newId } from '../transport/outbox.ts';
import { commandFromLine, lineEditable, lineOf, markerLine, markerShortcuts, revisionFromLine } from './scribe.ts';

const T = Date.UTC(2026, 6, 1, 12, 0, 0);
const ctx = { firstKeystrokeAt: T, now: T + 5000, timeZone: 'Europe/London' };
const ok = (line: string, c = ctx) => {
  const parsed = parseScribeLine(line, c);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed as Extract<ParsedLine, { ok: true }>;
};
const incidentId = newId();
let seq = 0;
const stored = (fields: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind'>): TimelineEntry =>
  ({ id: newId(), incidentId, text: '', occurredAt: T, author: 'ann', console: 'c1', data: {}, seq: ++seq, recordedAt: T + 1000, ...fields }) as TimelineEntry;
const visible = (entries: TimelineEntry[]) => projectTimeline(entries, { now: T + 10_000 }).entries;
const meta = { id: newId(), author: 'ann', console: 'c1' };

describe('the scribe line in the console', () => {
  it('logs what the parser read, at the first keystroke, pinned on request', () => {
    expect(commandFromLine(ok('d: roll back the CDN config'), incidentId)).toEqual({ incidentId, kind: 'decision', text: 'roll back the CDN config', occurredAt: T, data: {} });
    expect(commandFromLine(ok('-3m f: 403s on the EU edge'), incidentId, true)).toMatchObject({ kind: 'finding', occurredAt: T - 180_000, pinned: true });
  });

  it('logs a marker as a key moment without Ctrl+Enter (Alt+5 is one)', () => {
    expect(commandFromLine(ok(markerLine('mitigated', 'drained traffic to eu-central')), incidentId)).toMatchObject({ kind: 'marker', text: 'drained traffic to eu-central', pinned: true });
    expect(commandFromLine(ok('!mark impact -3m'), incidentId)).toMatchObject({ kind: 'marker', pinned: true });
  });

  it('turns an entry back into the line that wrote it', () => {
    const [note, decision, task, status] = visible([
      stored({ kind: 'note', text: 'all quiet' }),
      stored({ kind: 'decision', text: 'roll back' }),
      stored({ kind: 'task', text: 'check logs', data: { owner: 'maria', timeboxMs: 600_000, dueAt: T + 600_000, done: false } }),
      stored({ kind: 'status', data: { status: 'mitigated' } }),
    ]);
    expect(lineOf(note!)).toBe('all quiet');
    expect(lineOf(decision!)).toBe('d: roll back');
    expect(lineOf(task!)).toBe('@maria 10m check logs');
    expect(lineOf(status!)).toBeNull();
    expect(lineEditable(status!)).toBe(false);
  });

  it('an edit supersedes the entry, keeps its time unless backdated, and may change the prefix', () => {
    const [note] = visible([stored({ kind: 'note', text: 'roll bakc', pinned: true })]);
    const editCtx = { ...ctx, firstKeystrokeAt: note!.occurredAt };
    const revision = revisionFromLine(note!, ok('d: roll back', editCtx), meta);
    expect(revision).toMatchObject({ supersedes: note!.id, kind: 'decision', text: 'roll back', occurredAt: T, pinned: true, id: meta.id });
    expect(revision).not.toHaveProperty('seq');
    expect(revision).not.toHaveProperty('rootId');
    expect(revisionFromLine(note!, ok('-2m roll back', editCtx), meta)).toMatchObject({ occurredAt: T - 120_000 });
    expect(revisionFromLine(note!, ok('!status mitigated', editCtx), meta)).toHaveProperty('error');
  });

  it('an edit of a task keeps the owner’s acknowledgement', () => {
    const [task] = visible([stored({ kind: 'task', text: 'check logs', data: { owner: 'maria', timeboxMs: 600_000, dueAt: T + 600_000, acknowledgedAt: T + 2000, done: false } })]);
    const revision = revisionFromLine(task!, ok('@maria 10m check the CDN logs', { ...ctx, firstKeystrokeAt: T }), meta);
    expect(revision).toMatchObject({ kind: 'task', text: 'check the CDN logs', data: { owner: 'maria', acknowledgedAt: T + 2000 } });
  });

  it('an edit of a follow-up keeps its owner, due date, ticket and closing, unless the line gives another', () => {
    const data = { owner: 'bob', dueAt: T + 7 * 86_400_000, type: 'detect' as const, ticketUrl: 'https://tickets.example/OPS-1', closedAt: T + 3000 };
    const [todo] = visible([stored({ kind: 'todo', text: 'alert on 403', data })]);
    const editCtx = { ...ctx, firstKeystrokeAt: T };
    expect(lineOf(todo!)).toBe('todo: alert on 403');
    expect(revisionFromLine(todo!, ok('todo: alert on the 403 rate', editCtx), meta)).toMatchObject({ kind: 'todo', text: 'alert on the 403 rate', data });
    expect(revisionFromLine(todo!, ok('todo: @ann 2w alert on the 403 rate', editCtx), meta)).toMatchObject({ data: { ...data, owner: 'ann', dueAt: T + 5000 + 14 * 86_400_000 } });
    expect(commandFromLine(ok('todo: @bob 7d alert'), incidentId)).toMatchObject({ kind: 'todo', data: { owner: 'bob', dueAt: T + 5000 + 7 * 86_400_000 } });
  });

  it('Alt+1…6 are the six markers; what was typed backdates and describes them', () => {
    expect(markerShortcuts.map((s) => `${s.digit}:${s.marker}`)).toEqual(['1:impact_started', '2:detected', '3:declared', '4:acknowledged', '5:mitigated', '6:resolved']);
    expect(ok(markerLine('impact_started', ''))).toMatchObject({ kind: 'marker', data: { marker: 'impact_started' }, occurredAt: T });
    expect(ok(markerLine('mitigated', '-3m rollback done'))).toMatchObject({ kind: 'marker', data: { marker: 'mitigated' }, occurredAt: T - 180_000, text: 'rollback done' });
  });
});
