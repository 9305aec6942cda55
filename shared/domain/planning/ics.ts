/**
 * The plan as an iCalendar file (RFC 5545) for the people on the roster: the event window (with
 * the partners' contacts and the escalation path, to hand on the night), key moments, the change
 * freeze, the go/no-go, and the readiness items, pre-scale steps and check-ins (everyone's, or one
 * person's).
 *
 * A small serializer of our own rather than a dependency (`ics` on npm pulls in a validation
 * library and a runtime we do not need): what RFC 5545 asks of us is short —
 * - lines end in CRLF (§3.1) and are folded so no line is longer than 75 octets of UTF-8,
 *   continuation lines starting with one space; a fold never splits a multi-byte character;
 * - TEXT values escape backslash, semicolon and comma, and line breaks become "\n" (§3.3.11);
 *   other control characters are not allowed in TEXT and are dropped;
 * - times are UTC ("20260530T160000Z", §3.3.5 form #2), so no VTIMEZONE is needed;
 * - every VEVENT has UID, DTSTAMP and DTSTART (§3.6.1); UIDs are stable per item
 *   ("moment.kick-off.<plan>@mission-control"), so re-importing an updated plan updates the
 *   events instead of duplicating them.
 * A key moment is an instant: a VEVENT with DTSTART and no DTEND (§3.6.1: it then ends when it
 * starts). A check-in lasts from its due time to the end of its grace.
 */
import type { Plan } from '../../model/plan.ts';
import { planCheckIns } from './check-ins.ts';
import { escalationPath, partnerBridge, partnerContact, partnerEscalation } from './contacts.ts';
import { describeOffset, whenMs } from './t-minus.ts';
import { keyMomentTimes, planWindow } from './timeline.ts';

export const CRLF = '\r\n';
const MAX_OCTETS = 75;

const octets = (char: string): number => {
  const cp = char.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};

/** Fold one content line at 75 octets (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const n = octets(char);
    // Continuation lines begin with a space, which counts towards their 75.
    if (size + n > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      size = 1;
    }
    current += char;
    size += n;
  }
  out.push(current);
  return out.join(CRLF);
}

/** A TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** "20260530T160000Z". */
export function formatUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '');
}

/** A property's name (and parameters) with a value, as one content line (unfolded). */
const prop = (name: string, value: string): string => `${name}:${value}`;

export interface IcsEvent {
  readonly uid: string;
  readonly start: number;
  readonly end?: number;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
  readonly categories?: readonly string[];
  /** true for windows that should not block people's time (the freeze). */
  readonly transparent?: boolean;
}

export interface CalendarOptions {
  /** DTSTAMP: when the file was made. */
  readonly now: number;
  readonly name: string;
  /** Raised whenever the plan changes, so clients take the new times. */
  readonly sequence?: number;
}

/** A whole VCALENDAR, CRLF line ends, folded. */
export function serializeCalendar(events: readonly IcsEvent[], options: CalendarOptions): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mission Control//Event plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    prop('X-WR-CALNAME', escapeText(options.name)),
  ];
  for (const e of events) {
    lines.push('BEGIN:VEVENT');
    lines.push(prop('UID', e.uid));
    lines.push(prop('DTSTAMP', formatUtc(options.now)));
    lines.push(prop('DTSTART', formatUtc(e.start)));
    if (e.end !== undefined && e.end > e.start) lines.push(prop('DTEND', formatUtc(e.end)));
    if (options.sequence !== undefined) lines.push(prop('SEQUENCE', String(options.sequence)));
    lines.push(prop('SUMMARY', escapeText(e.summary)));
    if (e.description) lines.push(prop('DESCRIPTION', escapeText(e.description)));
    if (e.location) lines.push(prop('LOCATION', escapeText(e.location)));
    if (e.categories && e.categories.length > 0) lines.push(prop('CATEGORIES', e.categories.map((c) => escapeText(c)).join(',')));
    if (e.transparent) lines.push('TRANSP:TRANSPARENT');
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** UID-safe: letters, digits, "-", "_", "."; anything else becomes "-". */
const uidPart = (s: string): string => s.replace(/[^A-Za-z0-9_.-]/g, '-');

export interface PlanCalendarOptions {
  readonly now: number;
  /** The stored plan's id; part of every UID. */
  readonly planId: string;
  /** Only this person's readiness items, pre-scale steps and check-ins (all key moments, the window and the freeze still included). */
  readonly person?: string;
  readonly sequence?: number;
  readonly uidDomain?: string;
}

/** Who to call on the night, as lines of the event's description: each partner, then the escalation path per service. */
function contactLines(plan: Plan): string[] {
  const partners = plan.partners.map((p) =>
    [`- ${p.name} (${p.kind}): ${partnerContact(p)}`, partnerEscalation(p) ? `; escalation: ${partnerEscalation(p)}` : '', partnerBridge(p) ? `; bridge: ${partnerBridge(p)}` : '', p.supportCase ? `; case: ${p.supportCase}` : ''].join(''),
  );
  const escalation = plan.people.escalation.map((x) => `- ${x.service === '*' ? 'everything else' : x.service}: ${escalationPath(x.steps)}`);
  return [...(partners.length > 0 ? ['Partners:', ...partners] : []), ...(escalation.length > 0 ? ['Escalation:', ...escalation] : [])];
}

/** The plan's calendar: window, key moments, readiness items, pre-scale steps, freeze, go/no-go and check-in slots. */
export function planCalendar(plan: Plan, options: PlanCalendarOptions): string {
  const w = planWindow(plan);
  const domain = options.uidDomain ?? 'mission-control';
  const uid = (...parts: string[]) => `${parts.map(uidPart).join('.')}.${uidPart(options.planId)}@${domain}`;
  const name = plan.event.name;
  const events: IcsEvent[] = [];
  events.push({
    uid: uid('event'),
    start: w.startMs,
    end: w.endMs,
    summary: name,
    description: [plan.event.description, `Owner: ${plan.event.owner}`, plan.event.commander ? `Commander: ${plan.event.commander}` : null, ...contactLines(plan)]
      .filter(Boolean)
      .join('\n'),
    ...(plan.event.venue ? { location: plan.event.venue } : {}),
    categories: ['Event'],
  });
  for (const { moment, at } of keyMomentTimes(plan)) {
    events.push({
      uid: uid('moment', moment.id),
      start: at,
      summary: `${name}: ${moment.label}`,
      description: [
        `${describeOffset(at, w.startMs)}`,
        moment.services.length > 0 ? `Hits: ${moment.services.join(', ')}` : null,
        moment.expectedConcurrent !== undefined ? `Expected concurrent: ${moment.expectedConcurrent}` : null,
        moment.note ?? null,
      ]
        .filter(Boolean)
        .join('\n'),
      categories: ['Key moment'],
    });
  }
  const person = options.person?.toLowerCase();
  // A readiness item is its owner's deadline: an instant at its due time (items marked n/a are not).
  for (const r of plan.readiness) {
    if (r.status === 'n_a' || (person !== undefined && r.owner.toLowerCase() !== person)) continue;
    const due = whenMs(r.due, w);
    events.push({
      uid: uid('readiness', r.id),
      start: due,
      summary: `Readiness due: ${r.item} (${r.owner})`,
      description: [`Due ${r.due}`, `Category: ${r.category}`, `Status when exported: ${r.status.replace(/_/g, ' ')}`, r.evidence ? `Evidence: ${r.evidence}` : 'Evidence: none yet', r.provenance ?? null]
        .filter(Boolean)
        .join('\n'),
      categories: ['Readiness'],
    });
  }
  // Pre-scale steps are their owner's work: one event from when the scale-up starts (its lead
  // time) to when it must be done, and one for the scale-down.
  for (const c of plan.capacity) {
    if (person !== undefined && c.owner.toLowerCase() !== person) continue;
    const done = whenMs(c.when, w);
    const start = done - (c.leadTime ?? 0);
    events.push({
      uid: uid('prescale', c.id),
      start,
      ...(done > start ? { end: done } : {}),
      summary: `Pre-scale: ${c.component} to ${c.target} (${c.owner})`,
      description: [`Done by ${describeOffset(done, w.startMs)}`, `Validation: ${c.validation}`, c.validationUrl ?? null, `Scale down at ${describeOffset(whenMs(c.scaleDown, w), w.startMs)}`]
        .filter(Boolean)
        .join('\n'),
      categories: ['Pre-scale'],
    });
    events.push({
      uid: uid('scaledown', c.id),
      start: whenMs(c.scaleDown, w),
      summary: `Scale down: ${c.component} (${c.owner})`,
      description: `${describeOffset(whenMs(c.scaleDown, w), w.startMs)}: back from ${c.target} to normal.`,
      categories: ['Pre-scale'],
    });
  }
  if (plan.freeze) {
    events.push({
      uid: uid('freeze'),
      start: whenMs(plan.freeze.from, w),
      end: whenMs(plan.freeze.to, w),
      summary: `Change freeze: ${name}`,
      description: `Scope: ${plan.freeze.scope}\nExceptions approved by ${plan.freeze.exceptionApprover}`,
      categories: ['Freeze'],
      transparent: true,
    });
  }
  if (plan.goNoGo) {
    events.push({
      uid: uid('go-no-go'),
      start: whenMs(plan.goNoGo.at, w),
      end: whenMs(plan.goNoGo.at, w) + 30 * 60_000,
      summary: `Go/no-go: ${name}`,
      description: [`Decides: ${plan.goNoGo.decider}`, ...plan.goNoGo.criteria.map((c) => `- ${c.text}`)].join('\n'),
      categories: ['Go/no-go'],
    });
  }
  for (const slot of planCheckIns(plan, [], Number.NEGATIVE_INFINITY).slots) {
    if (person !== undefined && slot.who.toLowerCase() !== person) continue;
    events.push({
      uid: uid('checkin', slot.scheduleId, String(slot.index)),
      start: slot.dueAt,
      end: slot.graceEndsAt,
      summary: `Check-in: ${slot.reports} (${slot.who})`,
      description: `${describeOffset(slot.dueAt, w.startMs)}: ${slot.who} reports on ${slot.reports}${slot.service ? ` (${slot.service})` : ''}: green, amber or red, with a note.`,
      categories: ['Check-in'],
    });
  }
  return serializeCalendar(events, { now: options.now, name, ...(options.sequence === undefined ? {} : { sequence: options.sequence }) });
}
