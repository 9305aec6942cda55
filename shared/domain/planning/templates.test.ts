import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MOMENTS } from '../../../electron/demo/phases.ts';
import type { Plan } from '../../model/plan.ts';
import { planCheckIns } from './check-ins.ts';
import { planCalendar } from './ics.ts';
import { formatLocal } from './markdown.ts';
import { parsePlanText } from './plan-io.ts';
import { readinessSummary } from './readiness.ts';
import { postEventReport, weekendReadinessReport } from './reports.ts';
import { whenMs } from './t-minus.ts';
import { keyMomentTimes, planTimeline, planWindow } from './timeline.ts';

const dir = fileURLToPath(new URL('../../../assets/templates/', import.meta.url));
const load = (file: string): Plan => {
  const r = parsePlanText(readFileSync(`${dir}${file}`, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.issues.map((i) => `${i.line}:${i.column} ${i.field}: ${i.message}`).join('; ')}`);
  return r.plan;
};

describe('plan templates', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  it('ships a sports final, a premiere and a weekend', () => {
    expect(files.sort()).toEqual(['premiere.yaml', 'sports-final.yaml', 'weekend.yaml']);
  });

  for (const file of ['sports-final.yaml', 'premiere.yaml', 'weekend.yaml']) {
    it(`${file} is a valid plan with what a plan contains`, () => {
      const plan = load(file);
      expect(plan.template?.id).toBe(file.replace('.yaml', ''));
      expect(plan.template?.version).toBe(1);
      expect(plan.event.state).toBe('draft');
      // Every section the research lists is filled in.
      expect(plan.keyMoments.length).toBeGreaterThan(0);
      expect(plan.forecast).toBeDefined();
      expect(plan.capacity.length).toBeGreaterThan(0);
      expect(plan.readiness.length).toBeGreaterThanOrEqual(8);
      expect(plan.risks.length).toBeGreaterThanOrEqual(3);
      expect(plan.risks.some((r) => r.contingency)).toBe(true);
      expect(plan.people.roster.length).toBeGreaterThan(0);
      expect(plan.partners.length).toBeGreaterThan(0);
      expect(plan.checkIns.length).toBeGreaterThan(0);
      expect(plan.freeze).toBeDefined();
      expect(plan.goNoGo).toBeDefined();
      expect(plan.slos.length).toBeGreaterThan(0);
      // The plan is a T-minus timeline: readiness due before the start, in order.
      const w = planWindow(plan);
      for (const item of plan.readiness) expect(whenMs(item.due, w), item.id).toBeLessThan(w.startMs);
      expect(planTimeline(plan).map((i) => i.at)).toEqual(planTimeline(plan).map((i) => i.at).sort((a, b) => a - b));
      // Everything that takes a plan works on it.
      expect(readinessSummary(plan, w.startMs - 30 * 86_400_000).overall).toBe('open');
      expect(planCheckIns(plan, [], w.startMs).slots.length).toBeGreaterThan(0);
      expect(planCalendar(plan, { now: w.startMs, planId: 't' })).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(postEventReport({ plan, now: w.endMs, incidents: [], checkIns: [] })).toContain('# Post-event report');
      expect(weekendReadinessReport({ plan, now: w.startMs, fixesSinceLastWeekend: [] })).toContain('## Verdict');
    });
  }

  it('the sports final follows the demo match night, so event mode can run against it', () => {
    const plan = load('sports-final.yaml');
    const w = planWindow(plan);
    const byName = new Map(MOMENTS.map((m) => [m.name, m.atMs]));
    const moments = new Map(keyMomentTimes(plan).map(({ moment, at }) => [moment.id, at - w.startMs]));
    expect(moments.get('kick-off')).toBe(byName.get('kick-off'));
    expect(moments.get('half-time')).toBe(byName.get('half-time'));
    expect(moments.get('second-half')).toBe(byName.get('second-half'));
    expect(moments.get('final-whistle')).toBe(byName.get('final-whistle'));
    expect(w.endMs - w.startMs).toBe(byName.get('loop'));
  });

  it('the premiere sits on the night US clocks go forward: its T-1d go/no-go is 23 hours before', () => {
    const plan = load('premiere.yaml');
    const w = planWindow(plan);
    expect(w.startMs - whenMs(plan.goNoGo!.at, w)).toBe(23 * 3_600_000);
    expect(formatLocal(whenMs(plan.goNoGo!.at, w), w.timeZone)).toBe('Sat 7 Mar 2026 20:00');
  });

  it('the weekend runs Friday 18:00 to Monday 08:00 with the fixtures where they belong', () => {
    const plan = load('weekend.yaml');
    const w = planWindow(plan);
    expect(formatLocal(w.startMs, w.timeZone)).toBe('Fri 5 Jun 2026 18:00');
    expect(formatLocal(w.endMs, w.timeZone)).toBe('Mon 8 Jun 2026 08:00');
    const at = new Map(keyMomentTimes(plan).map(({ moment, at }) => [moment.id, formatLocal(at, w.timeZone)]));
    expect(at.get('sat-afternoon')).toBe('Sat 6 Jun 2026 15:00');
    expect(at.get('sat-evening')).toBe('Sat 6 Jun 2026 20:00');
    expect(at.get('sun-afternoon')).toBe('Sun 7 Jun 2026 15:00');
    expect(formatLocal(whenMs(plan.goNoGo!.at, w), w.timeZone)).toBe('Fri 5 Jun 2026 14:00');
  });
});
