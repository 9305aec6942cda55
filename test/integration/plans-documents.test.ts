/**
 * The plan's documents as an ops manager reads them a week ahead, from a real hub on a room set
 * to London: a cup final on Monday week and the coming weekend. What has not happened yet is
 * said to be ahead, not reported as zeros or as missing; what the manager entered (partners' phones
 * and e-mail, escalation, readiness owners) reaches the Friday report and the calendar.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/model/plan.ts';
import type { PlanRecord } from '../../shared/protocol/plans.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';

/** A room set to London. */
const workspace = `${minimalWorkspaceYaml('War room')}timezone: Europe/London\n`;

/** Monday 7 December, just before midnight in London: the final is a week away, the weekend four days. */
const NOW = Date.parse('2026-12-07T23:59:00Z');
let t: TestHub;
afterEach(async () => t?.close());

const post = (path: string, token: string, body: unknown) => t.http(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const text = async (path: string) => (await t.http(path, { token: t.adminToken })).text();

async function plans() {
  t = await startTestHub(workspace, {}, {}, { now: () => NOW });
  const planner = ((await (await post('/api/v1/tokens', t.adminToken, { name: 'planner', role: 'planner' })).json()) as { secret: string }).secret;
  const create = async (body: unknown) => {
    const res = await post('/api/v1/plans', planner, body);
    expect(res.status).toBe(201);
    return ((await res.json()) as PlanRecord).id;
  };
  const final = await create({ template: 'sports-final', event: { name: 'Cup Final 2026', start: '2026-12-14T19:45', timezone: 'Europe/London' } });
  const weekend = await create({ template: 'weekend', event: { name: 'Weekend 11 Dec', start: '2026-12-11T18:00', timezone: 'Africa/Johannesburg' } });
  return { planner, final, weekend };
}

describe('documents of plans a week ahead', () => {
  it('say the event and the weekend have not started, and report nothing as missing or as zero', async () => {
    const { final, weekend } = await plans();
    const report = await text(`/api/v1/plans/${final}/report.md`);
    expect(report).toContain('**This event has not started:** it starts Mon 14 Dec 2026 19:45 Europe/London (19:45 UTC)');
    expect(report).not.toContain('still running');
    expect(report).not.toContain('No decision was recorded');
    expect(report).toContain('Not due yet: the decision is due Sun 13 Dec 2026 19:45 Europe/London (19:45 UTC), T-1d');
    expect(report).toContain('## Incidents\n\nNot started');

    const monday = await text(`/api/v1/plans/${weekend}/weekend-report.md`);
    expect(monday).toContain('**This weekend has not started:** it starts Fri 11 Dec 2026 18:00 Africa/Johannesburg (16:00 UTC)');
    expect(monday).toContain('- Incidents: not started.');
    expect(monday).not.toContain('- Incidents: 0.');
  });

  it('carry the partners\' phones, e-mail and escalation to the Friday report, and a person\'s readiness items to their calendar', async () => {
    const { planner, final, weekend } = await plans();
    const record = (await (await t.http(`/api/v1/plans/${weekend}`, { token: planner })).json()) as PlanRecord;
    const plan: Plan = structuredClone(record.plan);
    plan.partners[0] = { ...plan.partners[0]!, contact: { name: 'NOC', phone: '020 7946 0000', email: 'noc@cdn.example.com' }, escalation: ['Technical account manager', 'Head of support'] };
    expect((await post(`/api/v1/plans/${weekend}?revision=${record.revision}`, planner, plan)).status).toBe(200);
    const friday = await text(`/api/v1/plans/${weekend}/weekend-readiness.md`);
    expect(friday).toContain('| Primary CDN | cdn | NOC · 020 7946 0000 · noc@cdn.example.com | Technical account manager → Head of support |');

    const ics = (await text(`/api/v1/plans/${final}/calendar.ics?person=@cdn-lead`)).replace(/\r\n[ \t]/g, '');
    const drill = ics.split('BEGIN:VEVENT').find((e) => e.includes('SUMMARY:Readiness due: CDN failover drill'));
    expect(drill).toContain('DTSTART:20261204T194500Z'); // T-10d: Friday 4 December, 19:45 in London
    expect(ics).not.toContain('(@playback-sme)');
  });

  it('name the zone of their times: a weekend on Johannesburg\'s clock read in a London room', async () => {
    const { weekend } = await plans();
    const friday = await text(`/api/v1/plans/${weekend}/weekend-readiness.md`);
    expect(friday).toContain('**Times:** in Africa/Johannesburg (UTC+02:00), the event\'s clock, unless marked UTC');
    expect(friday).toContain('**Generated:** Tue 8 Dec 2026 01:59 Africa/Johannesburg (Mon 7 Dec 2026 23:59 UTC)');
  });
});
