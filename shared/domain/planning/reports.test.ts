import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { planSchema, type CheckIn, type Plan } from '../../model/plan.ts';
import type { Change } from '../../protocol/incidents.ts';
import type { IncidentRecord } from '../review/incident-trends.ts';
import { pagerLoad } from '../review/pager-load.ts';
import { parsePlanText } from './plan-io.ts';
import { postEventReport, weekendReadinessReport, weekendReport } from './reports.ts';
import { planWindow } from './timeline.ts';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const render = (md: string): string => renderToStaticMarkup(createElement(Markdown, { remarkPlugins: [remarkGfm] }, md));
const countOf = (html: string, tag: string): number => (html.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;

const template = (file: string): Plan => {
  const r = parsePlanText(readFileSync(fileURLToPath(new URL(`../../../assets/templates/${file}`, import.meta.url)), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.plan;
};

const final = template('sports-final.yaml');
const W = planWindow(final);
const S = W.startMs;
const checkIn = (scheduleId: string, at: number): CheckIn => ({ scheduleId, at, by: '@x', service: scheduleId, status: 'green', note: '' });
const change = (id: string, at: number, service: string, description: string, author: string | null = '@dev'): Change => ({
  id,
  service,
  description,
  author,
  at,
  kind: 'deploy',
  url: null,
  recordedAt: at,
  incidentIds: [],
});

describe('the post-event report', () => {
  const closed: Plan = planSchema.parse({
    ...final,
    event: { ...final.event, state: 'closed' },
    goNoGo: {
      ...final.goNoGo,
      decision: {
        outcome: 'go',
        by: '@ops-manager',
        at: new Date(S - 24 * H).toISOString(),
        override: 'the board accepts the CDN risk',
        open: ['not signed off: All partners answered a contact test in the last 7 days', 'readiness red: DRM licence load test'],
      },
    },
    basedOn: { template: 'sports-final', version: 1 },
    actionItems: [
      { id: 'a1', text: 'Cache entitlement grants for 30 minutes', owner: '@entitlement-sme', team: 'identity', due: '2026-06-13T17:00:00Z', toTemplate: true },
      { id: 'a2', text: 'Add a 403 alert to the event wall', status: 'done', closedAt: '2026-06-01T09:00:00Z' },
    ],
  });
  const incidents: IncidentRecord[] = [
    { id: '01JZINC', title: 'Entitlement 403s', severity: 2, service: 'entitlement', cause: 'capacity', startedAt: S + 95 * MIN, declaredAt: S + 97 * MIN, detectedAt: S + 96 * MIN, mitigatedAt: S + 103 * MIN, resolvedAt: S + 110 * MIN },
    // the hub's other incidents, long before and after the event: not the event's
    { id: '01JZOLD', title: 'Last winter outage', severity: 1, service: 'cdn', cause: 'change', startedAt: S - 200 * DAY },
    { id: '01JZNEXT', title: 'Next month glitch', severity: 3, service: 'api', cause: 'bug', startedAt: S + 30 * DAY },
  ];
  // The CDN lead reported on every slot; care kept one, was late once and missed the rest;
  // entitlement and playback never reported.
  const checkIns = [
    ...[-60, -30, 0, 30, 60, 90, 120, 150].map((m) => checkIn('cdn', S + m * MIN + MIN)),
    checkIn('care', S - 30 * MIN),
    checkIn('care', S + 12 * MIN), // late
  ];
  const actual: [number, number][] = [
    [S, 150_000],
    [S + 20 * MIN, 1_150_000],
    [S + 83 * MIN, 1_230_000],
    [S + 98 * MIN, 950_000],
    [S + 140 * MIN, 300_000],
  ];
  const md = postEventReport({
    plan: closed,
    now: W.endMs + DAY,
    actual,
    incidents,
    checkIns,
    firedTriggers: [{ riskId: 'entitlement-saturation', at: S + 96 * MIN, incidentId: '01JZINC' }],
    sloBuckets: { 'playback-start': [{ t: S, good: 995_000, total: 1_000_000 }] },
    // The freeze runs T-14d to T+1d: the first and last are outside it, the hostile one inside.
    changes: [
      change('c-before', S - 15 * DAY, 'cdn', 'Rotate origin certificates'),
      change('c-during', S + 90 * MIN, 'entitlement', 'Raise the pool to 48 pods', '@ann'),
      change('c-evil', S - 2 * DAY, 'home | api', '# Hotfix | *now* <script>alert(1)</script> [x](javascript:alert(1))', null),
      change('c-after', S + 2 * DAY, 'playback', 'Player 4.2'),
    ],
    appUrl: 'https://mc.example.com',
    planId: 'p42',
  });

  it('has the sections of the report', () => {
    const html = render(md);
    expect(countOf(html, 'h1')).toBe(1);
    expect([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([
      'Success criteria',
      'Go/no-go',
      'Timeline',
      'Forecast vs actual: concurrent streams',
      'Event SLOs',
      'Capacity and pre-scale',
      'Incidents',
      'Changes during the freeze',
      'Partners',
      'Check-ins',
      'Risks that fired',
      'Readiness at the close',
      'Action items',
      'Lessons for the template',
    ]);
  });

  it('compares forecast and actual', () => {
    expect(md).toContain('| Peak | 1,200,000 | 1,230,000 | 102% of forecast |');
    expect(md).toContain('The actual peak was within the forecast range, at Sat 30 May 2026 18:03 (T+1h23m).');
  });

  it('lists the pre-scale schedule in time order, and a step past its time still only planned as overdue', () => {
    const rows = md.split('\n').filter((l) => /^\| (CDN capacity|Entitlement API)/.test(l));
    expect(rows[0]).toMatch(/^\| CDN capacity \(all three CDNs\) \| .* \| T-7d \(Sat 23 May 2026 16:40\) \| @cdn-lead \| Written confirmation .* \| T\+1d \(Sun 31 May 2026 16:40\) \| planned — ▲ overdue \|$/);
    expect(rows[1]).toContain('| Entitlement API | 3× baseline pods (36), cache warmed | T-2h (');
  });

  it('lists incidents with their durations, linked to the app', () => {
    expect(md).toContain('| [Entitlement 403s](<https://mc.example.com/#/incidents/01JZINC>) | SEV2 | entitlement | capacity | Sat 30 May 2026 18:15 | 1 min | 8 min | 15 min |');
    expect(md).not.toContain('Last winter outage');
    expect(md).not.toContain('Next month glitch');
  });

  it('counts check-ins kept, late and missed, per person', () => {
    expect(md).toContain('Kept 9 of 31 on time (29%), 1 late, 21 missed.');
    expect(md).toContain('| @care-lead | 1 | 1 | 5 | 0 | 0 |');
  });

  it('shows event SLOs, risks that fired, and actions with owners', () => {
    expect(md).toContain('| Playback starts succeed | 99.50% | 99.500% | 100.0% | met |');
    expect(md).toContain('| Entitlement API saturates on the second-half surge | 15 (high) | Entitlement 403s above 50/s for 1 minute | Sat 30 May 2026 18:16 |');
    expect(md).toContain('| Cache entitlement grants for 30 minutes | @entitlement-sme | identity | Sat 13 Jun 2026 18:00 | open | yes |');
    expect(md).toContain('| Add a 403 alert to the event wall | (no owner) | — | — | done | — |');
    expect(md).toContain('To push back into sports-final (version 1):');
  });

  it('says what was decided at go/no-go, by whom and when, and the gates the override went past', () => {
    expect(md).toContain('Decision: **go** by @ops-manager at Fri 29 May 2026 16:40 Europe/London (15:40 UTC). **Override** (recorded although not everything was signed off): the board accepts the CDN risk.');
    expect(md).toContain('Gates overridden:\n\n- not signed off: All partners answered a contact test in the last 7 days\n- readiness red: DRM licence load test');
  });

  it('puts the key moments beside the incidents declared and the triggers fired, in time order', () => {
    const section = md.split('## Timeline')[1]!.split('\n## ')[0]!;
    const rows = section.split('\n').filter((l) => l.startsWith('| Sat'));
    expect(rows.map((r) => r.split(' | ').slice(1).join(' | '))).toEqual([
      'T0 | Key moment (planned) | Stream opens (pre-match show) |',
      'T+20m | Key moment (planned) | Kick-off |',
      'T+1h5m | Key moment (planned) | Half-time |',
      'T+1h20m | Key moment (planned) | Second half kick-off |',
      'T+1h36m | Trigger fired | Entitlement API saturates on the second-half surge |',
      'T+1h37m | Incident declared (SEV2) | [Entitlement 403s](<https://mc.example.com/#/incidents/01JZINC>) |',
      'T+2h5m | Key moment (planned) | Final whistle |',
      'T+2h7m | Key moment (planned) | Exit surge (everyone hits "back") |',
    ]);
    expect(rows[0]).toMatch(/^\| Sat 30 May 2026 16:40 \| T0 \|/);
  });

  it('lists the changes recorded during the freeze, oldest first, and none from before or after it', () => {
    const section = md.split('## Changes during the freeze')[1]!.split('\n## ')[0]!;
    expect(section).toContain('Freeze: Sat 16 May 2026 16:40 – Sun 31 May 2026 16:40; scope: Production changes to playback, entitlement, login, the home page API and CDN configuration; exceptions by @ops-manager.');
    expect(section).toContain('**2 changes recorded during the freeze.**');
    const rows = section.split('\n').filter((l) => /^\| (Thu|Sat|Fri|Sun)/.test(l));
    expect(rows).toEqual([
      '| Thu 28 May 2026 16:40 | home \\| api | deploy | \\# Hotfix \\| \\*now\\* \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) | (not recorded) |',
      '| Sat 30 May 2026 18:10 | entitlement | deploy | Raise the pool to 48 pods | @ann |',
    ]);
    expect(md).not.toContain('Rotate origin certificates');
    expect(md).not.toContain('Player 4.2');
  });

  it('counts every change of the freeze when the hub gave only the first of them', () => {
    const many = postEventReport({ plan: closed, now: W.endMs + DAY, incidents: [], checkIns: [], changes: [change('c-during', S + 90 * MIN, 'entitlement', 'Raise the pool')], freezeChangeCount: 7_500 });
    const section = many.split('## Changes during the freeze')[1]!.split('\n## ')[0]!;
    expect(section).toContain('**7500 changes recorded during the freeze.**');
    expect(section).toContain('and 7499 more.');
  });

  it('keeps a hostile change summary as text in the rendered report', () => {
    const html = render(md);
    expect(countOf(html, 'script') + countOf(html, 'h1')).toBe(1);
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<td># Hotfix | *now* &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</td>');
  });

  it('says an event SLO whose budget ran out was missed', () => {
    const missed = postEventReport({ plan: closed, now: W.endMs + DAY, incidents: [], checkIns: [], sloBuckets: { 'playback-start': [{ t: S, good: 990_000, total: 1_000_000 }] } });
    expect(missed).toContain('| Playback starts succeed | 99.50% | 99.000% | 200.0% | missed |');
  });

  it('does not call an event SLO met before the event is over: its budget may yet be spent', () => {
    // Half-way, at 0.25% failing (half the budget's rate): a quarter of the whole event's budget burned.
    const half = W.startMs + (W.endMs - W.startMs) / 2;
    const midway = postEventReport({ plan: closed, now: half, incidents: [], checkIns: [], sloBuckets: { 'playback-start': [{ t: W.startMs, good: 997_500, total: 1_000_000 }] } });
    expect(midway).toContain('| Playback starts succeed | 99.50% | 99.750% | 25.0% | within budget so far (projected from 1 h 15 min) |');
    expect(midway).toContain('The event is still running: each budget is the whole event\'s, projected from the request rate so far');
  });

  it('does not project the budget from a minute of the event, as the strip does not', () => {
    const early = W.startMs + 60_000;
    const report = postEventReport({ plan: closed, now: early, incidents: [], checkIns: [], sloBuckets: { 'playback-start': [{ t: W.startMs, good: 99_900, total: 100_000 }] } });
    expect(report).toContain('| Playback starts succeed | 99.50% | 99.900% | too early | too little counted to judge (1 min of the event, needs 15 min) |');
  });

  it('gives no verdict on an event its Prometheus saw only the last minutes of, however badly they went', () => {
    // Counted from 5 minutes before the end: half the requests failing then.
    const late = postEventReport({ plan: closed, now: W.endMs + DAY, incidents: [], checkIns: [], sloBuckets: { 'playback-start': [{ t: W.endMs - 5 * MIN, good: 50_000, total: 100_000 }] } });
    expect(late).toContain('| Playback starts succeed | 99.50% | 50.000% | too early | too little counted to judge (5 min of the event, needs 15 min) |');
    expect(late).not.toContain('| missed |');
  });

  it('says nothing of a projection once the event is over', () => {
    const after = postEventReport({ plan: closed, now: W.endMs + DAY, incidents: [], checkIns: [], sloBuckets: { 'playback-start': [{ t: W.startMs, good: 999_000, total: 1_000_000 }] } });
    expect(after).toContain('| met |');
    expect(after).not.toContain('projected');
  });
});

describe('the post-event report of a bare plan', () => {
  const {
    freeze: _freeze,
    goNoGo: _goNoGo,
    ...rest
  } = final;
  const bare: Plan = planSchema.parse({ ...rest, keyMoments: [], slos: [], risks: [] });
  const md = postEventReport({ plan: bare, now: W.endMs + DAY, incidents: [], checkIns: [], changes: [change('c', S, 'cdn', 'Purge')] });

  it('says there was no freeze, no go/no-go, no SLO, and nothing on the timeline', () => {
    expect(md).toContain('## Changes during the freeze\n\nThe plan had no change freeze.');
    expect(md).not.toContain('Purge');
    expect(md).toContain('## Go/no-go\n\nThe plan had no go/no-go.');
    expect(md).toContain('## Event SLOs\n\nThe plan had no event SLOs.');
    expect(md).toContain('## Timeline\n\nNo key moments were planned, no incident was declared and no trigger fired.');
  });

  it('says no change was recorded during a quiet freeze, and that no decision was taken', () => {
    const quiet = postEventReport({ plan: final, now: W.endMs + DAY, incidents: [], checkIns: [], changes: [change('c', S - 20 * DAY, 'cdn', 'Purge')] });
    expect(quiet).toContain('exceptions by @ops-manager.\n\nNo change was recorded during the freeze.');
    expect(quiet).toContain('No decision was recorded; it was due Fri 29 May 2026 16:40 Europe/London (15:40 UTC), T-1d, by @ops-manager.');
  });
});

describe('reports run before the event', () => {
  // The ops manager prints the documents a week ahead: nothing in them may read as if it happened.
  const weekAhead = S - 7 * DAY;
  const md = postEventReport({ plan: final, now: weekAhead, incidents: [], checkIns: [], sloBuckets: {} });

  it('say first that the event has not started, and when it starts', () => {
    expect(md.split('\n\n')[2]).toBe('**This event has not started:** it starts Sat 30 May 2026 16:40 Europe/London (15:40 UTC), in 7 d.');
  });

  it('say "not started" where they can only report what happened, not zeros or "still running"', () => {
    expect(md).not.toContain('still running');
    expect(md).toContain('| Playback starts succeed | 99.50% | not started | — | not started |');
    expect(md).toContain('The event has not started: each budget is counted from its start.');
    expect(md).toContain('## Incidents\n\nNot started: the event has not started.');
    expect(md).toContain('## Risks that fired\n\nNot started: no contingency trigger has fired, and the event has not started.');
    expect(md).toContain('Not started: no actual figures before the event.');
    expect(md).toContain('No check-in was due yet: the first is due Sat 30 May 2026 15:40 (T-1h), @cdn-lead.');
    expect(md).not.toContain('Kept 0 of 0');
    expect(md).toContain('## Readiness now');
  });

  it('do not report a go/no-go that is not yet due as missing', () => {
    expect(md).not.toContain('No decision was recorded');
    expect(md).toContain('Not due yet: the decision is due Fri 29 May 2026 16:40 Europe/London (15:40 UTC), T-1d, by @ops-manager.');
  });

  it('say the event is still running while it runs', () => {
    const running = postEventReport({ plan: final, now: S + H, incidents: [], checkIns: [] });
    expect(running.split('\n\n')[2]).toBe('**This event is still running:** it ends Sat 30 May 2026 19:10 Europe/London (18:10 UTC), in 1 h 30 min; what follows is so far.');
  });

  it('give a Monday report run before the weekend as not started, not as a quiet weekend', () => {
    const weekend = template('weekend.yaml');
    const monday = weekendReport({ plan: weekend, now: planWindow(weekend).startMs - 3 * DAY, incidents: [], checkIns: [], pagerLoad: [] });
    expect(monday.split('\n\n')[2]).toBe('**This weekend has not started:** it starts Fri 5 Jun 2026 18:00 Africa/Johannesburg (16:00 UTC), in 3 d.');
    expect(monday).toContain('- Incidents: not started.\n- Check-ins: not started.');
    expect(monday).toContain('- Contingency triggers fired: not started.');
    expect(monday).not.toMatch(/Incidents: 0|No incidents\./);
  });
});

describe('the Friday weekend-readiness report', () => {
  const weekend = template('weekend.yaml');
  const ws = planWindow(weekend).startMs;
  const ready: Plan = planSchema.parse({
    ...weekend,
    readiness: weekend.readiness.map((r, i) =>
      i === 0
        ? { ...r, status: 'done', evidence: 'https://oncall.example.com/roster', verifiedAt: new Date(ws - 5 * H).toISOString() }
        : i === 1
          ? { ...r, status: 'done', evidence: 'https://wiki.example.com/handover', verifiedAt: new Date(ws - 9 * DAY).toISOString() }
          : r,
    ),
    partners: weekend.partners.map((p, i) =>
      i === 0
        ? {
            ...p,
            contact: { ...p.contact, phone: '+44 20 7946 0000', email: 'noc@cdn.example.com' },
            escalation: ['Technical account manager', 'Regional support lead'],
            dialIn: '+44 20 7946 0999 pin 4242',
            lastContactTest: { at: new Date(ws - 2 * DAY).toISOString(), by: '@duty-manager', ok: true },
          }
        : p,
    ),
    people: {
      ...weekend.people,
      roster: weekend.people.roster.map((r) => (r.person === '@primary-on-call' ? { ...r, contact: '+27 82 555 0101' } : r)),
      escalation: [{ service: '*', steps: [{ who: '@primary-on-call', contact: '+27 82 555 0101' }, { who: '@secondary-on-call', after: 10 * MIN, contact: '+27 82 555 0202' }, { who: '@duty-manager', after: 20 * MIN }] }],
    },
  });
  const md = weekendReadinessReport({
    plan: ready,
    now: ws - 3 * H, // Friday 15:00, after the 14:00 check
    fixesSinceLastWeekend: [{ title: 'Raise entitlement pool | *for good*', closedAt: ws - 2 * DAY, owner: '@ann', service: 'entitlement', url: 'https://tickets.example.com/OPS-1' }],
    previous: { readiness: { green: 3, red: 0 }, openRisks: 5 },
  });

  it('gives a verdict and what changed since last week', () => {
    expect(md).toContain('## Verdict: NOT READY');
    expect(md).toContain('- Readiness: 1 green (was 3), 1 amber, 6 red (was 0), 0 not yet due.');
    expect(md).toContain('- Open risks: 3 (was 5), 0 high or critical.');
  });

  it('lists what needs attention with the reason and evidence', () => {
    expect(md).toContain('| Open incidents and follow-ups handed over to the on-call | amber | evidence is 8 d 21 h old; fresh for 7 d | @duty-manager | T-4h (Fri 5 Jun 2026 14:00) | [evidence](<https://wiki.example.com/handover>) |');
    expect(md).toContain('| No risky change deployed after Friday 16:00; open changes reviewed | red | overdue by 1 h |');
  });

  it('shows fixes, people, partners and the check-in schedule', () => {
    expect(md).toContain('| [Raise entitlement pool \\| \\*for good\\*](<https://tickets.example.com/OPS-1>) | entitlement | @ann | Wed 3 Jun 2026 18:00 |');
    expect(md).toContain('| Cloud provider | cloud | Enterprise support | — | — | — | never | — |');
  });

  it('gives the people on call what they need to reach each other and the partners: phones, e-mail, escalation, bridge', () => {
    // A leading "+" is escaped as everywhere in user text (it renders as "+").
    expect(md).toContain('| @primary-on-call | primary on-call | sre | \\+27 82 555 0101 | Fri 5 Jun 2026 18:00 | Mon 8 Jun 2026 08:00 |');
    expect(md).toContain('| \\* | @primary-on-call (+27 82 555 0101) → after 10 min: @secondary-on-call (+27 82 555 0202) → after 20 min: @duty-manager |');
    expect(md).toContain(
      '| Primary CDN | cdn | 24/7 support · +44 20 7946 0000 · noc@cdn.example.com | Technical account manager → Regional support lead | \\+44 20 7946 0999 pin 4242 | — | 1 d 21 h ago | — |',
    );
  });

  it('gives each check-in schedule its local times at both ends', () => {
    expect(md).toContain('| @duty-manager | Weekend status across services | 6 h | T+16h (Sat 6 Jun 2026 10:00) | T+2d4h (Sun 7 Jun 2026 22:00) |');
  });
});

describe('the Monday weekend report', () => {
  const weekend = template('weekend.yaml');
  const ws = planWindow(weekend).startMs;
  const pages = [
    { id: 'p1', at: ws + 30 * H, team: 'sre', service: 'playback' }, // Sunday 00:00: woke someone
    { id: 'p2', at: ws + 30 * H + 5 * MIN, team: 'sre', service: 'playback' }, // duplicate
    { id: 'p3', at: ws + 40 * H, team: 'identity', service: 'login' },
  ];
  const md = weekendReport({
    plan: weekend,
    now: planWindow(weekend).endMs + 2 * H,
    incidents: [{ id: 'i1', title: 'Playback errors on Saturday night', severity: 3, service: 'playback', cause: 'capacity', startedAt: ws + 26 * H, detectedAt: ws + 26 * H + 4 * MIN, resolvedAt: ws + 27 * H }],
    checkIns: [checkIn('duty', ws + 16 * H), checkIn('duty', ws + 22 * H + 20 * MIN)],
    pagerLoad: pagerLoad(pages, { defaultTimeZone: 'Africa/Johannesburg' }),
    firedTriggers: [{ riskId: 'saturday-peak', at: ws + 26 * H + 2 * MIN }],
  });

  it('summarises the weekend', () => {
    expect(md).toContain('- Incidents: 1 (worst SEV3).');
    expect(md).toContain('- Check-ins: 1 kept, 1 late, 10 missed.');
    expect(md).toContain('- Pager load: busiest team sre with 1 page event(s), healthy.');
    expect(md).toContain('- Contingency triggers fired: 1.');
  });

  it('shows pager load with the raw count beside, and who was woken', () => {
    expect(md).toContain('| identity | 2026-W23 | 1 | 1 | healthy | 1 |');
    expect(md).toContain('| sre | 2026-W23 | 1 | 2 | healthy | 1 |');
    expect(md).toContain('| Playback errors on Saturday night | SEV3 | playback | capacity | Sat 6 Jun 2026 20:00 | 4 min | — | 1 h |');
  });
});

describe('times in the reports', () => {
  // The weekend template keeps Johannesburg's clock; read in a London room, a bare "02:01" misleads.
  const weekend = template('weekend.yaml');
  const ws = planWindow(weekend).startMs;

  it('name the event\'s zone and offset in the header, and give the time made in UTC too', () => {
    const md = weekendReadinessReport({ plan: weekend, now: ws - 3 * DAY - 16 * H - 1 * MIN, fixesSinceLastWeekend: [] });
    expect(md).toContain('**Times:** in Africa/Johannesburg (UTC+02:00), the event\'s clock, unless marked UTC  \n');
    expect(md).toContain('**Generated:** Tue 2 Jun 2026 01:59 Africa/Johannesburg (Mon 1 Jun 2026 23:59 UTC)');
    expect(md).toContain('Not due yet: the decision is due Fri 5 Jun 2026 14:00 Africa/Johannesburg (12:00 UTC), T-4h, by @duty-manager.');
  });

  it('give both offsets of a window the clocks change in', () => {
    const autumn: Plan = planSchema.parse({ ...weekend, event: { ...weekend.event, timezone: 'Europe/London', start: '2026-10-23T18:00', end: '2026-10-26T08:00' } });
    const md = weekendReport({ plan: autumn, now: Date.UTC(2026, 9, 26, 12), incidents: [], checkIns: [], pagerLoad: [] });
    expect(md).toContain('**Times:** in Europe/London (UTC+01:00 at the start, UTC+00:00 at the end), the event\'s clock, unless marked UTC');
    expect(md).toContain('**Generated:** Mon 26 Oct 2026 12:00 Europe/London (12:00 UTC)');
  });
});

describe('hostile text in a plan', () => {
  const evil = '# Evil\n| x | y |\n<script>alert(1)</script> [a](javascript:alert(1))';
  const plan = planSchema.parse({
    version: 1,
    event: { name: evil, type: 'other', tier: 3, timezone: 'UTC', start: '2026-01-10T10:00', end: '2026-01-10T12:00', owner: '@m', successCriteria: [evil], commander: '@m' },
    people: { roster: [{ person: '@m', role: evil, shift: { from: 'T-1h', to: 'T+3h' } }] },
    risks: [{ id: 'r', title: evil, category: 'security', likelihood: 5, impact: 5, effort: 1, mitigation: evil, owner: '@m' }],
    checkIns: [{ id: 'c', who: '@m', reports: evil, every: '30m', from: 'T0' }],
    partners: [{ id: 'p', name: evil, kind: 'other', contact: { name: evil }, bridgeUrl: 'https://bridge.example.com/x' }],
    keyMoments: [{ id: 'k', kind: 'other', label: evil, at: 'T+30m' }],
    freeze: { from: 'T-1h', to: 'T+3h', scope: evil, exceptionApprover: '@m' },
    goNoGo: { at: 'T-1h', decider: '@m', criteria: [{ text: evil }], decision: { outcome: 'go', by: '@m', at: '2026-01-10T09:00:00Z', override: evil, conditions: evil, note: evil, open: [evil] } },
    notes: `${evil}\n\n\`\`\`\n${evil}`,
    actionItems: [{ id: 'a', text: evil, owner: '@m' }],
  });
  const now = Date.UTC(2026, 0, 10, 13, 0);

  for (const [name, md] of [
    [
      'post-event',
      postEventReport({
        plan,
        now,
        incidents: [{ id: 'x', title: evil, severity: 1, service: evil, cause: evil, startedAt: now - H }],
        checkIns: [],
        firedTriggers: [{ riskId: 'r', at: now - H, note: evil }],
        changes: [{ ...change('c', now - H, evil, evil, evil), url: 'javascript:alert(1)' }],
      }),
    ],
    ['Friday', weekendReadinessReport({ plan, now: now - DAY, fixesSinceLastWeekend: [{ title: evil, closedAt: now - DAY, url: 'javascript:alert(1)' }] })],
    ['Monday', weekendReport({ plan, now, incidents: [], checkIns: [], pagerLoad: [{ team: evil, week: '2026-W02', timeZone: 'UTC', pages: 1, rawPages: 1, band: 'healthy', offHours: 0, rawOffHours: 0, byService: {} }] })],
  ] as const) {
    it(`cannot break the ${name} report`, () => {
      const html = render(md);
      expect(countOf(html, 'h1')).toBe(1);
      expect(countOf(html, 'script') + countOf(html, 'pre') + countOf(html, 'code') + countOf(html, 'img')).toBe(0);
      expect(html).not.toContain('href="javascript');
      const tables = html.split('<table>').slice(1);
      for (const t of tables) {
        const head = countOf(t.split('</thead>')[0]!, 'th');
        for (const row of t.split('</thead>')[1]!.split('<tr>').slice(1)) expect(countOf(row, 'td')).toBe(head);
      }
      expect(html).toContain('# Evil | x | y | &lt;script&gt;alert(1)&lt;/script&gt; [a](javascript:alert(1))');
    });
  }
});
