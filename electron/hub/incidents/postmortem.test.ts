import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type EntryKind, type TimelineEntry } from '../../../shared/model/incident.ts';
import { projectTimeline } from '../../../shared/domain/incidents/timeline.ts';
import type { IncidentRecord } from '../store/incidents.ts';
import { buildPostmortem } from './postmortem.ts';
import { postmortemMarkdown } from './postmortem-markdown.ts';
import { localIso, utcIso } from './times.ts';

const MIN = 60_000;
const T = Date.UTC(2025, 2, 30, 0, 30); // 00:30 UTC on the night London's clocks go forward (01:00 UTC)
const INC = '01JZ0000000000000000000000';
const id = (n: number): string => `01JZ${String(n).padStart(22, '0')}`;
const e = (seq: number, kind: EntryKind, fields: Record<string, unknown> = {}): TimelineEntry =>
  timelineEntrySchema.parse({ id: id(seq), incidentId: INC, seq, recordedAt: T + seq * 1000, occurredAt: T, author: 'ann', console: 'c1', text: '', kind, ...fields });

const record: IncidentRecord = {
  id: INC,
  title: 'DRM licence errors',
  severity: 2,
  priority: 'P1',
  status: 'resolved',
  createdAt: T,
  createdBy: 'ann',
  startedAt: T,
  endedAt: T + 90 * MIN,
  impact: null,
  service: 'drm',
  region: null,
  platform: null,
  rootCauseCategory: null,
  responsibleProperty: null,
};

describe('postmortem times', () => {
  it('writes each instant in UTC and on the room’s clock, across a change of offset', () => {
    expect(utcIso(T + 999)).toBe('2025-03-30T00:30:00Z');
    expect(localIso(T, 'Europe/London')).toBe('2025-03-30T00:30:00+00:00');
    expect(localIso(T + 60 * MIN, 'Europe/London')).toBe('2025-03-30T02:30:00+01:00');
    expect(localIso(T, 'America/St_Johns')).toBe('2025-03-29T22:00:00-02:30'); // Newfoundland: half-hour offset, already on summer time
  });
});

describe('the postmortem projection', () => {
  const log = [
    e(1, 'decision', { text: 'fail over to licence server B', occurredAt: T + 40 * MIN, pinned: true }),
    e(2, 'marker', { data: { marker: 'impact_started' }, occurredAt: T, pinned: true }),
    e(3, 'note', { text: 'same minute, logged later', occurredAt: T + 40 * MIN, pinned: true }),
    e(4, 'note', { text: 'not pinned', occurredAt: T + 10 * MIN }),
    e(5, 'note', { text: 'the vendor pushed a cert rotation', data: { section: 'root_causes' } }),
    e(6, 'todo', { text: 'alert on licence errors', data: { ticketUrl: 'https://jira.example.com/browse/OPS-1|x' } }),
    e(7, 'todo', { text: 'runbook', data: { owner: 'bob', dueAt: T + 7 * 24 * 60 * MIN, ticketUrl: 'https://jira.example.com/browse/OPS-2' } }),
  ];
  const pm = buildPostmortem({ record, view: projectTimeline(log, { now: T + 2 * 60 * MIN }), timeZone: 'Europe/London', now: T + 2 * 60 * MIN });

  it('sorts the pinned moments by when they happened, then by the order they were logged', () => {
    expect(pm.keyMoments.map((t) => [t.text, t.at.local])).toEqual([
      ['impact started', '2025-03-30T00:30:00+00:00'],
      ['fail over to licence server B', '2025-03-30T02:10:00+01:00'],
      ['same minute, logged later', '2025-03-30T02:10:00+01:00'],
    ]);
    expect(pm.impact).toMatchObject({ duration: '1 h 30 min', service: 'drm' });
    expect(pm.sections.root_causes.map((s) => s.text)).toEqual(['the vendor pushed a cert rotation']);
    expect(pm.actionItems.map((a) => [a.text, a.missing])).toEqual([
      ['alert on licence errors', ['owner', 'dueAt', 'type']],
      ['runbook', ['type']],
    ]);
  });

  it('links a clean ticket URL and writes any other as text', () => {
    const md = postmortemMarkdown(pm);
    expect(md).toContain('| runbook | bob | 2025-04-06 00:30:00 UTC | ☐ open | — | — | <https://jira.example.com/browse/OPS-2> |');
    expect(md).toContain('| alert on licence errors | — | — | ☐ open | — | — | https://jira.example.com/browse/OPS-1\\|x |');
  });

  it('shows where each follow-up stands: closed on time, closed late, overdue against the default due date', () => {
    const WEEK = 7 * 24 * 60 * MIN;
    const later = [
      ...log,
      // The runbook closed by bob within its week; the alert, undated, overdue 30 days on; a third closed after its due date.
      e(8, 'todo', { id: id(8), supersedes: id(7), author: 'bob', text: 'runbook', data: { owner: 'bob', dueAt: T + WEEK, closedAt: T + 3 * 24 * 60 * MIN } }),
      e(9, 'todo', { text: 'load-test server B', data: { owner: 'cy', dueAt: T + WEEK } }),
      e(10, 'todo', { id: id(10), supersedes: id(9), author: 'cy', text: 'load-test server B', data: { owner: 'cy', dueAt: T + WEEK, closedAt: T + 2 * WEEK } }),
    ];
    const now = T + 31 * 24 * 60 * MIN;
    const pm = buildPostmortem({ record, view: projectTimeline(later, { now }), timeZone: 'Europe/London', now, followUpDays: 30 });
    expect(pm.actionItems.map((a) => [a.text, a.state, a.closedBy])).toEqual([
      ['alert on licence errors', 'overdue', null],
      ['runbook', 'closed_on_time', 'bob'],
      ['load-test server B', 'closed_late', 'cy'],
    ]);
    const md = postmortemMarkdown(pm);
    expect(md).toContain('| runbook | bob | 2025-04-06 00:30:00 UTC | ✓ closed on time 2025-04-02 00:30:00 UTC by bob |');
    expect(md).toContain('| alert on licence errors | — | — | ▲ overdue |');
    expect(md).toContain('| load-test server B | cy | 2025-04-06 00:30:00 UTC | ✓ closed late 2025-04-13 00:30:00 UTC by cy |');
  });

  it('keeps the whole log in the order it happened, with every edit as history and every deletion noted', () => {
    const revised = [
      ...log,
      e(8, 'note', { id: id(8), text: 'cert rotaton', occurredAt: T + 20 * MIN }),
      e(9, 'task', { text: 'check the vendor status page', data: { owner: 'bob', dueAt: T + 30 * MIN, acknowledgedAt: T + 21 * MIN } }),
      e(10, 'note', { id: id(10), supersedes: id(8), author: 'bob', text: 'cert rotation', occurredAt: T + 20 * MIN, pinned: true }),
      e(11, 'note', { id: id(11), supersedes: id(4), author: 'bob', text: 'not pinned', occurredAt: T + 10 * MIN, deleted: true }),
      e(12, 'change', { text: 'drm-proxy v2.3.1', occurredAt: T + 5 * MIN, data: { service: 'drm-proxy', source: 'deploy', url: 'https://ci.example.com/1' } }),
    ];
    const full = buildPostmortem({ record, view: projectTimeline(revised, { now: T + 2 * 60 * MIN }), timeZone: 'Europe/London', now: T + 2 * 60 * MIN });
    // In the order things happened, the hub's order breaking ties.
    expect(full.timeline.map((t) => t.seq)).toEqual([2, 5, 6, 7, 9, 12, 4, 8, 1, 3]);
    const edited = full.timeline.find((t) => t.seq === 8)!;
    expect(edited).toMatchObject({ text: 'cert rotation', author: 'ann', pinned: true, edited: true, deleted: null });
    expect(edited.history.map((v) => [v.seq, v.author, v.text])).toEqual([
      [8, 'ann', 'cert rotaton'],
      [10, 'bob', 'cert rotation'],
    ]);
    const deleted = full.timeline.find((t) => t.seq === 4)!;
    expect(deleted).toMatchObject({ text: 'not pinned', deleted: { by: 'bob' }, pinned: false });
    expect(full.tasks).toMatchObject([{ text: 'check the vendor status page', owner: 'bob', done: false, overdue: true, acknowledgedAt: { utc: '2025-03-30T00:51:00Z' } }]);
    expect(full.changes).toMatchObject([{ text: 'drm-proxy v2.3.1', service: 'drm-proxy', source: 'deploy' }]);

    const md = postmortemMarkdown(full);
    const timeline = md.slice(md.indexOf('## Timeline'), md.indexOf('## Tasks'));
    const seqs = timeline.split('\n').filter((l) => /^\| \d+ \|/.test(l)).map((l) => Number(l.split(' | ')[0]!.slice(2)));
    expect(seqs).toEqual([2, 5, 6, 7, 9, 12, 4, 8, 1, 3]);
    expect(timeline).toContain('★ **cert rotation** _(edited)_');
    expect(timeline).toMatch(/~~not pinned~~ _\(deleted by bob at 2025-03-30 00:30:11 UTC\)_/);
    expect(timeline).toContain('- **#8** note by ann:\n  - #8 recorded 2025-03-30 00:30:08 UTC by ann: cert rotaton\n  - #10 recorded 2025-03-30 00:30:10 UTC by bob: cert rotation ★');
    expect(timeline).toContain('  - #11 recorded 2025-03-30 00:30:11 UTC by bob: _deleted_');
    expect(md).toContain('| check the vendor status page | bob | 2025-03-30 00:30:00 UTC | 2025-03-30 01:00:00 UTC | 2025-03-30 00:51:00 UTC by ann | ▲ overdue |');
    expect(md).toContain('| 2025-03-30 00:35:00 UTC | during | drm-proxy | deploy | drm-proxy v2.3.1 | <https://ci.example.com/1> |');
  });
});
