import { describe, expect, it } from 'vitest';
import { newTimelineEntrySchema } from '../../model/incident.ts';
import { parseScribeLine, previewScribeLine, type ParsedLine, type ScribeContext } from './scribe-line.ts';

const LONDON = 'Europe/London';
const MIN = 60_000;
// 10 June 2025, 14:03:12 in London (BST, UTC+1); Enter is pressed 8 s later.
const typedAt = Date.UTC(2025, 5, 10, 13, 3, 12);
const ctx: ScribeContext = { firstKeystrokeAt: typedAt, now: typedAt + 8000, timeZone: LONDON };

const parse = (line: string, c: Partial<ScribeContext> = {}): ParsedLine => parseScribeLine(line, { ...ctx, ...c });
const ok = (line: string, c: Partial<ScribeContext> = {}) => {
  const parsed = parse(line, c);
  if (!parsed.ok) throw new Error(`expected "${line}" to parse, got: ${parsed.error}`);
  return parsed;
};
const error = (line: string, c: Partial<ScribeContext> = {}): string => {
  const parsed = parse(line, c);
  if (parsed.ok) throw new Error(`expected "${line}" to be refused, got a ${parsed.kind}`);
  return parsed.error;
};
const preview = (line: string, c: Partial<ScribeContext> = {}): string => previewScribeLine(parse(line, c), LONDON, { ...ctx, ...c }.now);

describe('scribe line: kinds', () => {
  it('logs a plain line as a note, timed at the first keystroke rather than at Enter', () => {
    const note = ok('  403s climbing on the EU edge  ');
    expect(note).toMatchObject({ kind: 'note', text: '403s climbing on the EU edge', occurredAt: typedAt });
    expect(note.backdatedBy).toBeUndefined();
  });

  it('reads each prefix, in any case and with loose spacing', () => {
    expect(ok('d: roll back the CDN config')).toMatchObject({ kind: 'decision', text: 'roll back the CDN config' });
    expect(ok('a: restarted edge pods')).toMatchObject({ kind: 'action', text: 'restarted edge pods' });
    expect(ok('h: new CDN config drops the auth header')).toMatchObject({ kind: 'hypothesis', data: { state: 'open' } });
    expect(ok('f: only EU edge affected')).toMatchObject({ kind: 'finding', text: 'only EU edge affected' });
    expect(ok('todo: alert on 403 rate per edge')).toMatchObject({ kind: 'todo', text: 'alert on 403 rate per edge' });
    expect(ok('D:roll back')).toMatchObject({ kind: 'decision', text: 'roll back' });
    expect(ok('   TODO :   page the CDN vendor   ')).toMatchObject({ kind: 'todo', text: 'page the CDN vendor' });
    // Only a prefix at the start counts; a word that happens to end in ":" is a note.
    expect(ok('dns: resolving fine')).toMatchObject({ kind: 'note', text: 'dns: resolving fine' });
  });

  it('logs a change with deploy:, rollback:, flag: or change:, its service named by a #tag kept in the words', () => {
    expect(ok('deploy: rolled out #entitlement-api 4.2.1')).toMatchObject({
      kind: 'change',
      text: 'rolled out entitlement-api 4.2.1',
      occurredAt: typedAt,
      data: { source: 'deploy', service: 'entitlement-api' },
    });
    expect(ok('Rollback: #entitlement-api back to 4.2.0')).toMatchObject({ kind: 'change', text: 'entitlement-api back to 4.2.0', data: { source: 'rollback', service: 'entitlement-api' } });
    expect(ok('flag:shield on for all tenants')).toMatchObject({ kind: 'change', text: 'shield on for all tenants', data: { source: 'feature_flag' } });
    expect(ok('flag:shield on for all tenants').data).not.toHaveProperty('service');
    // "change:" is any other change; a "#" before a digit is a number, not a service.
    expect(ok('change: CDN TTL down to 5s, PR #4711')).toMatchObject({ text: 'CDN TTL down to 5s, PR #4711', data: { source: 'config' } });
    expect(ok('change: CDN TTL down to 5s, PR #4711').data).not.toHaveProperty('service');
    // Backdated like any entry, before or after the prefix.
    expect(ok('deploy: -20m #cdn-edge config v42')).toMatchObject({ occurredAt: typedAt - 20 * MIN, text: 'cdn-edge config v42', data: { service: 'cdn-edge' } });
    expect(ok('-20m rollback: cdn config v41')).toMatchObject({ kind: 'change', occurredAt: typedAt - 20 * MIN });
    // Only those four: "config:" or "deployed:" stay notes.
    expect(ok('config: TTL is 5s')).toMatchObject({ kind: 'note', text: 'config: TTL is 5s' });
    expect(ok('deployed: nothing yet')).toMatchObject({ kind: 'note' });
    expect(error('deploy:')).toBe('a change needs some words, e.g. "rollback: #entitlement-api back to 4.2.0"');
    expect(preview('rollback: #entitlement-api back to 4.2.0')).toBe('Change (rollback of entitlement-api) at 14:03:12 — entitlement-api back to 4.2.0 · also a marker on the charts');
    expect(preview('flag: shield on')).toBe('Change (feature flag) at 14:03:12 — shield on · also a marker on the charts');
  });

  it('changes severity with !sev, accepting "1", "sev1" and "!sev1"', () => {
    expect(ok('!sev 1')).toMatchObject({ kind: 'severity', data: { severity: 1 }, text: '' });
    expect(ok('!sev1 customers cannot play')).toMatchObject({ data: { severity: 1 }, text: 'customers cannot play' });
    expect(ok('!SEV sev2')).toMatchObject({ data: { severity: 2 } });
    expect(ok('!severity 4')).toMatchObject({ data: { severity: 4 } });
    expect(error('!sev 5')).toBe('unknown severity "5": use 1 (most severe), 2, 3 or 4');
    expect(error('!sev')).toMatch(/which severity/);
  });

  it('changes status with !status, checked against the lifecycle', () => {
    expect(ok('!status mitigated')).toMatchObject({ kind: 'status', data: { status: 'mitigated' } });
    expect(ok('!status mit rollback done')).toMatchObject({ data: { status: 'mitigated' }, text: 'rollback done' });
    expect(ok('!Status RESOLVED')).toMatchObject({ data: { status: 'resolved' } });
    expect(error('!status fixed')).toBe('unknown status "fixed": use one of investigating, identified, mitigated, monitoring, resolved');
    expect(error('!status closed')).toMatch(/close the incident from the console/);
    expect(error('!status declared')).toMatch(/declared once/);
  });

  it('knows where the incident is when told, and allows going back when impact returns', () => {
    expect(ok('!status investigating', { currentStatus: 'mitigated' })).toMatchObject({ data: { status: 'investigating', from: 'mitigated' } });
    expect(error('!status mitigated', { currentStatus: 'mitigated' })).toBe('the incident is already mitigated');
    expect(error('!status mitigated', { currentStatus: 'resolved' })).toBe('the incident is resolved: from there it can go to investigating');
    expect(error('!status investigating', { currentStatus: 'closed' })).toBe('the incident is closed: its status can no longer change');
  });

  it('sets markers with !mark, with the short names people type', () => {
    expect(ok('!mark mitigated')).toMatchObject({ kind: 'marker', data: { marker: 'mitigated' } });
    expect(ok('!mark impact')).toMatchObject({ data: { marker: 'impact_started' } });
    expect(ok('!mark impact_started')).toMatchObject({ data: { marker: 'impact_started' } });
    expect(ok('!mark impact-started')).toMatchObject({ data: { marker: 'impact_started' } });
    expect(ok('!mark detected')).toMatchObject({ data: { marker: 'detected' } });
    expect(ok('!mark ack')).toMatchObject({ data: { marker: 'acknowledged' } });
    expect(ok('!marker Resolved all green')).toMatchObject({ data: { marker: 'resolved' }, text: 'all green' });
    expect(error('!mark fixed')).toBe('unknown marker "fixed": use one of impact, detected, declared, acknowledged, mitigated, resolved');
  });

  it('refuses unknown commands and names the real ones', () => {
    expect(error('!sevv 1')).toBe('unknown command "!sevv": use !sev, !status or !mark');
  });
});

describe('scribe line: tasks', () => {
  it('gives a task an owner and a time box that runs from Enter', () => {
    expect(ok('@maria 10m check CDN logs')).toMatchObject({
      kind: 'task',
      text: 'check CDN logs',
      occurredAt: typedAt,
      data: { owner: 'maria', timeboxMs: 10 * MIN, dueAt: ctx.now + 10 * MIN, done: false },
    });
  });

  it('accepts 30s, 1h and 1h30m time boxes, or none', () => {
    expect(ok('@bob 30s ping the origin').data).toMatchObject({ timeboxMs: 30_000 });
    expect(ok('@bob 1h write the vendor ticket').data).toMatchObject({ timeboxMs: 3_600_000 });
    expect(ok('@bob 1h30m capacity plan').data).toMatchObject({ timeboxMs: 90 * MIN });
    const open = ok('@bob: watch the canaries');
    expect(open.data).toEqual({ owner: 'bob', done: false });
    expect(open.text).toBe('watch the canaries');
  });

  it('tells a time (@14:05) from an owner (@name)', () => {
    const timed = ok('@13:55 @maria 10m check CDN logs');
    expect(timed).toMatchObject({ kind: 'task', occurredAt: Date.UTC(2025, 5, 10, 12, 55), data: { owner: 'maria' } });
    // Backdated, the time box ran from the moment it was given.
    expect(timed.kind === 'task' && timed.data.dueAt).toBe(Date.UTC(2025, 5, 10, 13, 5));
    expect(ok('@13:55 roll back complete')).toMatchObject({ kind: 'note', occurredAt: Date.UTC(2025, 5, 10, 12, 55) });
    expect(error('@1405 roll back')).toBe('"@1405" is not a time: write @14:05 (or @14:05:30), or @name for a task');
    expect(error('@25:00 roll back')).toBe('"@25:00" is not a time of day');
  });

  it('wants words, one owner and a sensible time box', () => {
    expect(error('@maria 10m')).toBe('what should @maria do? e.g. "@maria 10m check the CDN logs"');
    expect(error('@maria @bob 10m check')).toMatch(/a task has one owner/);
    expect(error('@maria 0m check')).toMatch(/longer than zero/);
    expect(error('@maria 30h fix it properly')).toMatch(/follow-up: use todo:/);
  });
});

describe('scribe line: follow-ups', () => {
  const DAY = 86_400_000;
  const enter = ctx.now;

  it('reads an owner and a due date after todo:, in either order, so the follow-up can block nothing later', () => {
    expect(ok('todo: @bob 7d alert on the 403 rate')).toMatchObject({ kind: 'todo', text: 'alert on the 403 rate', data: { owner: 'bob', dueAt: enter + 7 * DAY } });
    expect(ok('todo: 2w @bob: alert on the 403 rate')).toMatchObject({ text: 'alert on the 403 rate', data: { owner: 'bob', dueAt: enter + 14 * DAY } });
    expect(ok('TODO:@bob alert')).toMatchObject({ text: 'alert', data: { owner: 'bob' } });
    expect(ok('todo: @bob alert').data).not.toHaveProperty('dueAt');
    expect(ok('todo: 7d alert').data).not.toHaveProperty('owner');
    // The room's day: the end of 20 December in London (GMT, UTC+0).
    expect(ok('todo: @bob due:2025-12-20 alert')).toMatchObject({ data: { owner: 'bob', dueAt: Date.UTC(2025, 11, 20, 23, 59, 59, 999) } });
    // In June London is UTC+1: the day ends an hour earlier in UTC.
    expect(ok('todo: due:2025-06-20 alert')).toMatchObject({ data: { dueAt: Date.UTC(2025, 5, 20, 22, 59, 59, 999) } });
    expect(ok('todo: DUE:3d alert')).toMatchObject({ data: { dueAt: enter + 3 * DAY } });
  });

  it('keeps a bare follow-up bare, and owner-like words later in the text as text', () => {
    expect(ok('todo: alert on the 403 rate')).toMatchObject({ text: 'alert on the 403 rate', data: {} });
    expect(ok('todo: ask @bob about 7d retention')).toMatchObject({ text: 'ask @bob about 7d retention', data: {} });
    expect(ok('todo: 2025-12-20 postmortem review')).toMatchObject({ text: '2025-12-20 postmortem review', data: {} });
  });

  it('backdates with a time mark among them, before or after the prefix', () => {
    expect(ok('-3m todo: @bob 7d alert')).toMatchObject({ occurredAt: typedAt - 3 * MIN, data: { owner: 'bob', dueAt: enter + 7 * DAY } });
    expect(ok('todo: @bob -3m 7d alert')).toMatchObject({ occurredAt: typedAt - 3 * MIN, text: 'alert', data: { owner: 'bob' } });
  });

  it('refuses two owners, two due dates, a past, impossible or far date, and no words', () => {
    expect(error('todo: @bob @ann alert')).toBe('a follow-up has one owner (@bob, @ann): log one per person');
    expect(error('todo: 7d 2w alert')).toBe('two due dates given ("2w"): keep one');
    expect(error('todo: due:soon alert')).toBe('"due:soon" is not a due date: write 7d, 2w or due:2026-12-20');
    expect(error('todo: due:2025-06-09 alert')).toBe('"2025-06-09" has already passed: a follow-up is due today or later');
    expect(error('todo: due:2025-02-30 alert')).toBe('"2025-02-30" is not a date in the calendar');
    expect(error('todo: 0d alert')).toMatch(/is now/);
    expect(error('todo: 400d alert')).toMatch(/more than a year away/);
    expect(error('todo: @bob 7d')).toMatch(/^a follow-up needs some words/);
  });

  it('previews the owner and the day it is due, or what it still needs', () => {
    expect(preview('todo: @bob 7d alert on the 403 rate')).toBe('Follow-up at 14:03:12, owner @bob, due Tue 17 Jun — alert on the 403 rate');
    expect(preview('todo: @bob alert')).toBe('Follow-up at 14:03:12, owner @bob — alert · still needs due date (7d, 2w, due:2026-12-20) before the incident can close');
    expect(preview('todo: alert')).toBe(
      'Follow-up at 14:03:12 — alert · still needs @owner and due date (7d, 2w, due:2026-12-20) before the incident can close',
    );
  });
});

describe('scribe line: backdating', () => {
  it('takes -3m / -90s / -1h back from the first keystroke, before or after the prefix', () => {
    expect(ok('-3m d: roll back')).toMatchObject({ kind: 'decision', text: 'roll back', occurredAt: typedAt - 3 * MIN, backdatedBy: 3 * MIN });
    expect(ok('d: -3m roll back')).toMatchObject({ kind: 'decision', text: 'roll back', occurredAt: typedAt - 3 * MIN });
    expect(ok('-90s origin 5xx spike')).toMatchObject({ kind: 'note', occurredAt: typedAt - 90_000, backdatedBy: 90_000 });
    expect(ok('a: -1h scaled the packagers')).toMatchObject({ kind: 'action', occurredAt: typedAt - 3_600_000 });
    expect(ok('!mark mitigated -3m')).toMatchObject({ data: { marker: 'mitigated' }, occurredAt: typedAt - 3 * MIN, text: '' });
    expect(ok('!mark -3m mitigated')).toMatchObject({ data: { marker: 'mitigated' }, occurredAt: typedAt - 3 * MIN });
    expect(ok('-1h30m !mark impact')).toMatchObject({ data: { marker: 'impact_started' }, occurredAt: typedAt - 90 * MIN });
  });

  it('leaves a minus that is not a time in the text', () => {
    expect(ok('-1 from me on failing over')).toMatchObject({ kind: 'note', text: '-1 from me on failing over', occurredAt: typedAt });
  });

  it('refuses two times, too far back, or a time with nothing to log', () => {
    expect(error('-3m @14:00 d: roll back')).toBe('two times given ("-3m" and "@14:00"): keep one');
    expect(error('-25h d: roll back')).toMatch(/more than a day back/);
    expect(error('-3m')).toBe('nothing to log after "-3m": type what happened');
  });

  it('reads @14:05 and @14:05:30 as today in the room, whatever the machine zone', () => {
    expect(ok('@13:55:30 d: fail over to CDN B').occurredAt).toBe(Date.UTC(2025, 5, 10, 12, 55, 30));
    expect(ok('@8:55 first 403s', { timeZone: 'America/New_York' }).occurredAt).toBe(Date.UTC(2025, 5, 10, 12, 55));
    // 14:05 is still two minutes away at 14:03: it was yesterday's.
    expect(ok('@14:05 d: go').occurredAt).toBe(Date.UTC(2025, 5, 9, 13, 5));
  });

  it('reads a time still ahead as yesterday, across midnight', () => {
    // 00:10 BST on 11 June; "@23:50" is twenty minutes ago, on the 10th.
    const justAfterMidnight = Date.UTC(2025, 5, 10, 23, 10);
    const c = { firstKeystrokeAt: justAfterMidnight, now: justAfterMidnight + 5000 };
    expect(ok('@23:50 !mark detected', c)).toMatchObject({ occurredAt: Date.UTC(2025, 5, 10, 22, 50), backdatedBy: 20 * MIN });
    expect(preview('@23:50 !mark detected', c)).toBe('Marker: detected at 23:50 yesterday (backdated 20 min)');
    // Within a minute ahead is today: the scribe's clock and the room's differ by seconds.
    const c2 = { firstKeystrokeAt: Date.UTC(2025, 5, 10, 13, 4, 30), now: Date.UTC(2025, 5, 10, 13, 4, 35) };
    expect(ok('@14:05 d: go', c2).occurredAt).toBe(Date.UTC(2025, 5, 10, 13, 5));
  });

  it('counts real time across the spring-forward night in London', () => {
    // 30 March 2025: 01:00 GMT becomes 02:00 BST. At 02:10 BST, "@00:50" was 20 minutes ago.
    const at = Date.UTC(2025, 2, 30, 1, 10);
    const c = { firstKeystrokeAt: at, now: at + 3000 };
    expect(ok('@00:50 !mark impact', c)).toMatchObject({ occurredAt: Date.UTC(2025, 2, 30, 0, 50), backdatedBy: 20 * MIN });
    // -30m at 02:10 BST is 00:40 GMT on the wall clock, not 01:40.
    expect(preview('-30m f: origin saturated', c)).toBe('Finding at 00:40 (backdated 30 min) — origin saturated');
    // 01:30 did not exist that night: it is read as 02:30 BST, as Temporal does.
    expect(ok('@01:30 d: go', { firstKeystrokeAt: Date.UTC(2025, 2, 30, 2), now: Date.UTC(2025, 2, 30, 2) }).occurredAt).toBe(Date.UTC(2025, 2, 30, 1, 30));
  });

  it('picks the hour that has passed on the night the clocks go back', () => {
    // 26 October 2025: 02:00 BST becomes 01:00 GMT, so 01:00-02:00 happens twice.
    const secondPass = Date.UTC(2025, 9, 26, 1, 20); // 01:20 GMT, the second time round
    const c = { firstKeystrokeAt: secondPass, now: secondPass };
    expect(ok('@01:10 !mark detected', c)).toMatchObject({ occurredAt: Date.UTC(2025, 9, 26, 1, 10), backdatedBy: 10 * MIN });
    // 01:30 GMT is still ahead, so the 01:30 that has passed is the BST one.
    expect(ok('@01:30 !mark impact', c)).toMatchObject({ occurredAt: Date.UTC(2025, 9, 26, 0, 30), backdatedBy: 50 * MIN });
  });
});

describe('scribe line: errors and previews', () => {
  it('explains an empty line or a prefix with no words', () => {
    expect(error('')).toMatch(/^nothing to log/);
    expect(error('    ')).toMatch(/^nothing to log/);
    expect(error('d:')).toBe('a decision needs some words, e.g. "d: roll back the CDN config"');
    expect(error('h:   ')).toMatch(/^a hypothesis needs some words/);
    expect(error('todo:')).toMatch(/^a follow-up needs some words/);
  });

  it('previews what will be logged, in the room time zone', () => {
    expect(preview('d: roll back the CDN config')).toBe('Decision at 14:03:12 — roll back the CDN config');
    expect(preview('@maria 10m check CDN logs')).toBe('Task for @maria, due in 10 min — check CDN logs');
    expect(preview('!mark mitigated -3m', { firstKeystrokeAt: Date.UTC(2025, 5, 10, 13, 8) })).toBe('Marker: mitigated at 14:05 (backdated 3 min) (and the status mitigated, unless further along)');
    expect(preview('!sev 1 playback failing for all')).toBe('Severity: SEV1 at 14:03:12 — playback failing for all');
    expect(preview('!status mitigated', { currentStatus: 'identified' })).toBe('Status: identified → mitigated at 14:03:12 (and the "mitigated" marker, if none yet)');
    expect(preview('!status monitoring', { currentStatus: 'mitigated' })).toBe('Status: mitigated → monitoring at 14:03:12');
    expect(preview('@bob watch canaries')).toBe('Task for @bob, no time box — watch canaries');
    expect(preview('-5m @bob 10m check')).toBe('Task for @bob at 13:58:12 (backdated 5 min), due 14:08:12 — check');
    expect(preview('!status fixed')).toBe('unknown status "fixed": use one of investigating, identified, mitigated, monitoring, resolved');
  });

  it('produces data the hub accepts as a timeline entry', () => {
    const lines = ['note', 'd: x', 'a: x', 'h: x', 'f: x', 'todo: x', 'todo: @bob 7d x', 'todo: due:2025-12-20 x', '!sev 2', '!status identified', '!mark detected', '@ann 5m x', '@ann x', 'deploy: #svc x', 'change: x'];
    for (const line of lines) {
      const p = ok(line, { currentStatus: 'investigating' });
      const entry = { id: '01JZ0000000000000000000001', incidentId: '01JZ0000000000000000000002', author: 'ann', console: 'c1', kind: p.kind, text: p.text, occurredAt: p.occurredAt, data: p.data };
      expect(newTimelineEntrySchema.safeParse(entry).success, line).toBe(true);
    }
  });
});

describe('a line longer than an entry may be', () => {
  it('is refused before Enter, saying how much would be cut, never cut', () => {
    const ctx: ScribeContext = { firstKeystrokeAt: Date.UTC(2026, 0, 1), now: Date.UTC(2026, 0, 1), timeZone: 'UTC' };
    const parsed = parseScribeLine(`f: ${'x'.repeat(11_317)}`, ctx);
    expect(parsed).toEqual({ ok: false, error: expect.stringMatching(/^10,000 characters at most: 1,317 of these 11,317 would be cut/) as unknown });
    const fits = parseScribeLine(`f: ${'x'.repeat(10_000)}`, ctx);
    expect(fits.ok && fits.text.length).toBe(10_000);
  });
});
