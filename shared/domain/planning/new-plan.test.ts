import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, type Plan } from '../../model/plan.ts';
import { localDateTimeOf, planFromCopy, planFromTemplate, templateWithLessons } from './new-plan.ts';
import { parsePlanText } from './plan-io.ts';
import { keyMomentTimes, onDuty, planWindow } from './timeline.ts';

const load = (file: string): Plan => {
  const r = parsePlanText(readFileSync(new URL(`../../../assets/templates/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('template refused');
  return r.plan;
};
const template = (): Plan => load('sports-final.yaml');
const iso = (ms: number): string => new Date(ms).toISOString();
const valid = (input: unknown): Plan => {
  const r = parsePlan(input);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  return r.plan;
};

describe('starting a plan', () => {
  it('writes an instant as the zone\'s wall-clock time, on both sides of a DST change', () => {
    expect(localDateTimeOf(Date.UTC(2026, 2, 29, 0, 30), 'Europe/London')).toBe('2026-03-29T00:30');
    expect(localDateTimeOf(Date.UTC(2026, 2, 29, 1, 30), 'Europe/London')).toBe('2026-03-29T02:30');
  });

  it('from a template: a new start keeps the event\'s length across a DST change, and the plan is a draft', () => {
    // 16:40–19:10 local, moved to the day the clocks go forward: still 2 h 30 min, still local.
    const plan = valid(planFromTemplate(template(), 'sports-final', 3, { name: 'Spring Final', start: '2026-03-29T16:40' }));
    expect(plan.event).toMatchObject({ name: 'Spring Final', start: '2026-03-29T16:40', end: '2026-03-29T19:10', state: 'draft' });
    expect(plan.basedOn).toEqual({ template: 'sports-final', version: 3 });
    expect(plan.template).toBeUndefined();
  });

  it('writes an instant in the hour the clocks repeat with its offset, so it names that instant', () => {
    expect(localDateTimeOf(Date.parse('2026-10-25T00:30:00Z'), 'Europe/London')).toBe('2026-10-25T01:30+01:00');
    expect(localDateTimeOf(Date.parse('2026-10-25T01:30:00Z'), 'Europe/London')).toBe('2026-10-25T01:30+00:00');
    expect(localDateTimeOf(Date.parse('2026-10-25T02:30:00Z'), 'Europe/London')).toBe('2026-10-25T02:30');
  });

  describe('from a template on the nights the clocks change (Europe/London)', () => {
    it('a start in the hour the clocks go back takes its first occurrence (BST)', () => {
      const plan = valid(planFromTemplate(template(), 'sports-final', 1, { start: '2026-10-25T01:30' }));
      const w = planWindow(plan);
      expect(iso(w.startMs)).toBe('2026-10-25T00:30:00.000Z');
      expect(plan.event.start).toBe('2026-10-25T01:30+01:00');
      // The event still lasts 2 h 30 min: it ends at 03:00 GMT.
      expect(iso(w.endMs)).toBe('2026-10-25T03:00:00.000Z');
    });

    it('an end that falls in the repeated hour is written with its offset, not refused', () => {
      // 23:30 BST + 2 h 30 min is 01:00 GMT, the second 01:00 that night.
      const plan = valid(planFromTemplate(template(), 'sports-final', 1, { start: '2026-10-24T23:30' }));
      const w = planWindow(plan);
      expect(iso(w.startMs)).toBe('2026-10-24T22:30:00.000Z');
      expect(plan.event.end).toBe('2026-10-25T01:00+00:00');
      expect(iso(w.endMs)).toBe('2026-10-25T01:00:00.000Z');
      // The key moments and the check-ins resolve around it.
      expect(keyMomentTimes(plan).length).toBeGreaterThan(0);
    });

    it('a start in the hour the clocks skip moves forward by the gap', () => {
      const plan = valid(planFromTemplate(template(), 'sports-final', 1, { start: '2026-03-29T01:30' }));
      expect(plan.event.start).toBe('2026-03-29T02:30');
      expect(iso(planWindow(plan).startMs)).toBe('2026-03-29T01:30:00.000Z');
    });

    it('a kept start that falls in the repeated hour of a new zone takes its first occurrence', () => {
      const past = template();
      past.event = { ...past.event, start: '2026-10-25T02:30', end: '2026-10-25T05:00' }; // GMT in London
      // In Paris the clocks go back from 03:00 CEST: 02:30 happens twice.
      const copy = valid(planFromCopy(past, { timezone: 'Europe/Paris' }));
      expect(copy.event.start).toBe('2026-10-25T02:30+02:00');
      expect(iso(planWindow(copy).startMs)).toBe('2026-10-25T00:30:00.000Z');
    });

    it('an end given in the repeated hour takes its first occurrence too', () => {
      const plan = valid(planFromTemplate(template(), 'sports-final', 1, { start: '2026-10-24T23:00', end: '2026-10-25T01:45' }));
      expect(iso(planWindow(plan).endMs)).toBe('2026-10-25T00:45:00.000Z');
    });
  });

  describe('the weekend template keeps its local times across a clock change', () => {
    const weekend = (start: string) => valid(planFromTemplate(load('weekend.yaml'), 'weekend', 1, { timezone: 'Europe/London', start }));
    const local = (ms: number) => localDateTimeOf(ms, 'Europe/London');

    it('the weekend the clocks go back: still Friday 18:00 to Monday 08:00, 63 hours', () => {
      const plan = weekend('2026-10-23T18:00');
      const w = planWindow(plan);
      expect(plan.event.end).toBe('2026-10-26T08:00');
      expect(iso(w.startMs)).toBe('2026-10-23T17:00:00.000Z');
      expect(iso(w.endMs)).toBe('2026-10-26T08:00:00.000Z');
      const at = new Map(keyMomentTimes(plan).map(({ moment, at }) => [moment.id, local(at)]));
      expect(at.get('sat-afternoon')).toBe('2026-10-24T15:00');
      expect(at.get('sat-evening')).toBe('2026-10-24T20:00');
      // Sunday's fixtures after the clocks went back in the night: still 15:00, not 14:00.
      expect(at.get('sun-afternoon')).toBe('2026-10-25T15:00');
      expect(at.get('monday')).toBe('2026-10-26T08:00');
      // The weekend roster is on until the Monday handover, not an hour short of it.
      expect(onDuty(plan, Date.parse('2026-10-26T07:30:00Z')).length).toBeGreaterThan(0);
    });

    it('the weekend the clocks go forward: still Friday 18:00 to Monday 08:00, 61 hours', () => {
      const plan = weekend('2026-03-27T18:00');
      const w = planWindow(plan);
      expect(plan.event.end).toBe('2026-03-30T08:00');
      expect(iso(w.startMs)).toBe('2026-03-27T18:00:00.000Z');
      expect(iso(w.endMs)).toBe('2026-03-30T07:00:00.000Z');
      const at = new Map(keyMomentTimes(plan).map(({ moment, at }) => [moment.id, local(at)]));
      expect(at.get('sat-afternoon')).toBe('2026-03-28T15:00');
      // Sunday's fixtures after the clocks went forward in the night: still 15:00, not 16:00.
      expect(at.get('sun-afternoon')).toBe('2026-03-29T15:00');
      expect(at.get('monday')).toBe('2026-03-30T08:00');
      expect(onDuty(plan, Date.parse('2026-03-30T07:30:00Z'))).toEqual([]);
    });
  });

  describe('the weekend template in New York keeps Sunday\'s fixtures at 15:00 on both clock-change weekends', () => {
    const sunday = (start: string) => {
      const plan = valid(planFromTemplate(load('weekend.yaml'), 'weekend', 1, { timezone: 'America/New_York', start }));
      const at = new Map(keyMomentTimes(plan).map(({ moment, at }) => [moment.id, localDateTimeOf(at, 'America/New_York')]));
      return { sunday: at.get('sun-afternoon'), monday: at.get('monday'), end: plan.event.end };
    };
    it('clocks forward (8 March 2026)', () => {
      expect(sunday('2026-03-06T18:00')).toEqual({ sunday: '2026-03-08T15:00', monday: '2026-03-09T08:00', end: '2026-03-09T08:00' });
    });
    it('clocks back (1 November 2026)', () => {
      expect(sunday('2026-10-30T18:00')).toEqual({ sunday: '2026-11-01T15:00', monday: '2026-11-02T08:00', end: '2026-11-02T08:00' });
    });
  });

  it('from a copy: nothing verified, decided, tested or owed carries over', () => {
    const past = template();
    past.readiness[0]!.status = 'done';
    past.readiness[0]!.verifiedAt = '2026-05-29T10:00:00Z';
    past.readiness[0]!.evidence = 'https://grafana.example.com/d/x';
    past.goNoGo!.criteria[0]!.met = true;
    past.goNoGo!.decision = { outcome: 'go', by: '@ops-manager', at: '2026-05-29T16:00:00Z' };
    past.actionItems = [{ id: 'a', text: 'x', status: 'open', toTemplate: true }];
    const copy = valid(planFromCopy(past, { start: '2027-05-29T16:40' }));
    expect(copy.readiness[0]).toMatchObject({ status: 'todo', evidence: 'https://grafana.example.com/d/x' });
    expect(copy.readiness[0]!.verifiedAt).toBeUndefined();
    expect(copy.goNoGo!.decision).toBeUndefined();
    expect(copy.goNoGo!.criteria[0]!.met).toBeUndefined();
    expect(copy.actionItems).toEqual([]);
  });

  it('lessons become readiness items in the next template version, once', () => {
    const plan = template();
    plan.actionItems = [
      { id: 'drm', text: 'Pre-warm DRM licence caches', owner: '@playback-sme', status: 'open', toTemplate: true },
      { id: 'note', text: 'Buy more coffee', status: 'open', toTemplate: false },
    ];
    const first = templateWithLessons(template(), 'sports-final', 2, plan, 'final-2026');
    expect(first.added).toEqual(['lesson-drm']);
    const next = valid(first.template);
    expect(next.template?.version).toBe(2);
    expect(next.readiness.at(-1)).toMatchObject({ id: 'lesson-drm', owner: '@playback-sme', provenance: expect.stringContaining('final-2026') });
    expect(templateWithLessons(next, 'sports-final', 3, plan, 'final-2026').added).toEqual([]);
    // the next final's lesson has the same action id (plans number their actions alike): it is added too
    const later = template();
    later.actionItems = [{ id: 'drm', text: 'Load-test the DRM proxy at 3× the peak', status: 'open', toTemplate: true }];
    const third = templateWithLessons(next, 'sports-final', 3, later, 'final-2027');
    expect(third.added).toEqual(['lesson-drm-2']);
    expect(valid(third.template).readiness.filter((r) => r.id.startsWith('lesson-drm')).map((r) => r.item)).toEqual(['Pre-warm DRM licence caches', 'Load-test the DRM proxy at 3× the peak']);
  });
});
