import { describe, expect, it } from 'vitest';
import { planSchema } from '../../model/plan.ts';
import { CRLF, escapeText, foldLine, formatUtc, planCalendar, serializeCalendar } from './ics.ts';

const octets = (s: string): number => new TextEncoder().encode(s).length;
/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (ics: string): string => ics.replace(/\r\n[ \t]/g, '');
const NOW = Date.UTC(2026, 4, 20, 9, 0);

const plan = planSchema.parse({
  version: 1,
  event: {
    name: 'Cup Final; Rovers, City \\ "the big one"',
    type: 'sports',
    tier: 1,
    description: 'Line one\nLine two; with, punctuation — and a long tail of text to force folding across several lines of the calendar file for sure.',
    venue: 'Wembley, London',
    timezone: 'Europe/London',
    start: '2026-05-30T17:00',
    end: '2026-05-30T19:30',
    owner: '@maria',
    successCriteria: ['ok'],
  },
  keyMoments: [
    { id: 'kick-off', kind: 'kick_off', label: 'Kick-off ⚽ — 開始 — 🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️🏟️', at: 'T+20m', services: ['login', 'playback'] },
    { id: 'final-whistle', kind: 'final_whistle', label: 'Final whistle', at: 'T+2h5m' },
  ],
  people: {
    roster: [
      { person: '@cdn', role: 'CDN', shift: { from: 'T-2h', to: 'T+3h' } },
      { person: '@care', role: 'care', shift: { from: 'T-2h', to: 'T+3h' } },
    ],
  },
  checkIns: [
    { id: 'cdn', who: '@cdn', reports: 'CDN health', every: '30m', from: 'T-1h' },
    { id: 'care', who: '@care', reports: 'Contacts', every: '1h', from: 'T0' },
  ],
  freeze: { from: 'T-14d', to: 'T+1d', scope: 'Playback, entitlement', exceptionApprover: '@maria' },
  readiness: [
    { id: 'failover', item: 'CDN failover drill', category: 'resilience', owner: '@cdn', due: 'T-10d', evidence: 'https://runbooks.example.com/failover' },
    { id: 'care-script', item: 'Care script for a playback outage', category: 'comms', owner: '@care', due: 'T-2d' },
    { id: 'not-needed', item: 'Second venue feed', category: 'other', owner: '@cdn', due: 'T-1d', status: 'n_a' },
  ],
  partners: [
    { id: 'akamai', name: 'Akamai', kind: 'cdn', contact: { name: 'Event support desk', phone: '+44 20 7946 0000', email: 'noc@akamai.example.com' }, escalation: ['Technical account manager'], supportCase: 'F-1234' },
  ],
  capacity: [
    { id: 'cdn-commit', component: 'CDN', target: '40 Tbps committed', when: 'T-2h', leadTime: '1h', owner: '@cdn', validation: 'vendor confirms by email', scaleDown: 'T+4h' },
  ],
});

describe('iCalendar export', () => {
  const ics = planCalendar(plan, { now: NOW, planId: 'plan-01' });
  const lines = ics.split(CRLF);

  it('ends every line with CRLF and has no bare CR or LF', () => {
    expect(ics.endsWith(CRLF)).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds every line at 75 octets, continuation lines starting with a space, never inside a character', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(octets(line), line).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    // No replacement characters: multi-byte characters survived whole.
    expect(unfold(ics)).toContain('SUMMARY:Cup Final\\; Rovers\\, City \\\\ "the big one": Kick-off ⚽ — 開始 — 🏟️');
  });

  it('escapes TEXT values', () => {
    expect(escapeText('a;b,c\\d\ne\r\nf')).toBe('a\\;b\\,c\\\\d\\ne\\nf');
    expect(escapeText('bell\u0007tab\t')).toBe('belltab\t');
    expect(unfold(ics)).toContain('LOCATION:Wembley\\, London');
    expect(unfold(ics)).toContain('DESCRIPTION:Line one\\nLine two\\; with\\, punctuation');
  });

  it('has one UID, DTSTAMP and DTSTART in every VEVENT, in UTC', () => {
    const events = unfold(ics).split('BEGIN:VEVENT').slice(1);
    // the window, 2 key moments, 2 readiness items (not the n/a one), a pre-scale step and its scale-down, the freeze, 8 CDN check-ins (T-1h … T+2h30m) and 3 care check-ins (T0 … T+2h)
    expect(events).toHaveLength(1 + 2 + 2 + 2 + 1 + 8 + 3);
    for (const e of events) {
      expect(e.match(/\r\nUID:/g)).toHaveLength(1);
      expect(e).toContain(`\r\nDTSTAMP:${formatUtc(NOW)}\r\n`);
      expect(e).toMatch(/\r\nDTSTART:\d{8}T\d{6}Z\r\n/);
      expect(e).toContain('END:VEVENT');
    }
    expect(unfold(ics)).toContain('DTSTART:20260530T162000Z'); // kick-off: 17:20 BST
    expect(unfold(ics)).toContain('UID:moment.kick-off.plan-01@mission-control');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mission Control//Event plan//EN\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('keeps UIDs stable when the file is made again or the times move', () => {
    const uids = (s: string) => [...unfold(s).matchAll(/\r\nUID:([^\r]*)/g)].map((m) => m[1]);
    const later = planCalendar(plan, { now: NOW + 86_400_000, planId: 'plan-01' });
    expect(uids(later)).toEqual(uids(ics));
    const moved = planSchema.parse({ ...plan, event: { ...plan.event, start: '2026-05-30T18:00', end: '2026-05-30T20:30' } });
    expect(uids(planCalendar(moved, { now: NOW, planId: 'plan-01' }))).toEqual(uids(ics));
    expect(new Set(uids(ics)).size).toBe(uids(ics).length);
  });

  it('gives one person their own check-ins, and marks the freeze as free time', () => {
    const mine = unfold(planCalendar(plan, { now: NOW, planId: 'plan-01', person: '@CARE' }));
    expect(mine.match(/SUMMARY:Check-in/g)).toHaveLength(3);
    expect(mine).not.toContain('@cdn)');
    const freeze = unfold(ics).split('BEGIN:VEVENT').find((e) => e.includes('UID:freeze.'))!;
    expect(freeze).toContain('TRANSP:TRANSPARENT');
    expect(freeze).toContain('DTSTART:20260516T160000Z');
    expect(freeze).toContain('DTEND:20260531T160000Z');
  });

  it('puts each pre-scale step in its owner\'s calendar: the scale-up from its lead time, and the scale-down', () => {
    const events = unfold(ics).split('BEGIN:VEVENT');
    const up = events.find((e) => e.includes('UID:prescale.cdn-commit.'))!;
    expect(up).toContain('SUMMARY:Pre-scale: CDN to 40 Tbps committed (@cdn)');
    expect(up).toContain('DTSTART:20260530T130000Z'); // T-3h: T-2h less the hour it takes
    expect(up).toContain('DTEND:20260530T140000Z');
    expect(up).toContain('Validation: vendor confirms by email');
    expect(events.find((e) => e.includes('UID:scaledown.cdn-commit.'))).toContain('DTSTART:20260530T200000Z');
    expect(unfold(planCalendar(plan, { now: NOW, planId: 'plan-01', person: '@care' }))).not.toContain('Pre-scale');
    expect(unfold(planCalendar(plan, { now: NOW, planId: 'plan-01', person: '@cdn' }))).toContain('SUMMARY:Pre-scale: CDN');
  });

  it('puts each readiness item in its owner\'s calendar at its due time, and none marked n/a', () => {
    const mine = unfold(planCalendar(plan, { now: NOW, planId: 'plan-01', person: '@cdn' })).split('BEGIN:VEVENT');
    const drill = mine.find((e) => e.includes('UID:readiness.failover.'))!;
    expect(drill).toContain('SUMMARY:Readiness due: CDN failover drill (@cdn)');
    expect(drill).toContain('DTSTART:20260520T160000Z'); // T-10d: Wednesday 20 May, 17:00 in London
    expect(drill).toContain('Evidence: https://runbooks.example.com/failover');
    expect(mine.some((e) => e.includes('Care script'))).toBe(false);
    expect(mine.some((e) => e.includes('Second venue feed'))).toBe(false);
  });

  it('gives the partners\' contacts and escalation with the event, in everyone\'s calendar', () => {
    const event = unfold(planCalendar(plan, { now: NOW, planId: 'plan-01', person: '@care' })).split('BEGIN:VEVENT').find((e) => e.includes('UID:event.'))!;
    expect(event).toContain('Partners:\\n- Akamai (cdn): Event support desk · +44 20 7946 0000 · noc@akamai.example.com\\; escalation: Technical account manager\\; case: F-1234');
  });

  it('folds by octets, not characters', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    const parts = folded.split(CRLF);
    expect(parts.map(octets).every((n) => n <= 75)).toBe(true);
    expect(octets(parts[0]!)).toBe(74); // 8 + 33 × 2: one more é would make 76
    expect(unfold(folded)).toBe(`SUMMARY:${'é'.repeat(60)}`);
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('writes an instant key moment without DTEND', () => {
    const cal = serializeCalendar([{ uid: 'a@b', start: Date.UTC(2026, 0, 1), summary: 'x' }], { now: NOW, name: 'n' });
    expect(cal).not.toContain('DTEND');
    expect(formatUtc(Date.UTC(2026, 0, 1, 2, 3, 4, 500))).toBe('20260101T020304Z');
  });
});
