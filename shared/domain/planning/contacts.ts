/**
 * How to reach the people and partners of a plan, as plain one-line text for the documents that
 * carry it (the Friday report, the post-event report, the calendar): whoever is on call at 2 a.m.
 * needs the number, not only a name. Markdown callers escape the result; the calendar escapes it
 * as iCalendar TEXT.
 */
import type { Partner, People } from '../../model/plan.ts';
import { formatDuration } from '../incidents/durations.ts';

/** "Event support desk · +44 20 7946 0000 · noc@cdn.example.com": the name with each way to reach them that was entered. */
export const partnerContact = (p: Partner): string => [p.contact.name, p.contact.phone, p.contact.email].filter((x) => x !== undefined && x.trim() !== '').join(' · ');

/** "Technical account manager → Regional support lead", or "" when none was entered. */
export const partnerEscalation = (p: Partner): string => p.escalation.join(' → ');

/** The bridge to join: its URL and dial-in, as entered. */
export const partnerBridge = (p: Partner): string => [p.bridgeUrl, p.dialIn].filter(Boolean).join(' · ');

type EscalationStep = People['escalation'][number]['steps'][number];

/** "@primary-on-call (+44 …) → after 10 min: @secondary-on-call": each step with its contact, when one was entered. */
export const escalationPath = (steps: readonly EscalationStep[]): string =>
  steps.map((s, i) => `${i === 0 ? '' : `after ${formatDuration(s.after ?? 0)}: `}${s.who}${s.contact ? ` (${s.contact})` : ''}`).join(' → ');
