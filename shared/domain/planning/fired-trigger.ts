/**
 * Who acts when a risk's trigger fires, in words for the wall's strip and the console's prompt:
 * the contingency's decision owner, who to tell, and its runbook (only if it is a safe link).
 * The live trigger carries the plan's text; these come from the risk in the live plan.
 */
import { safeExternalUrl } from '../external-url.ts';
import type { Plan } from '../../model/plan.ts';
import { riskScore } from './risk.ts';

export interface FiredTriggerPeople {
  /** "decides: @event-commander", or null when the contingency names nobody. */
  readonly decides: string | null;
  /** "notify: @comms-lead, @cdn-lead", or null when nobody is to be told. */
  readonly notify: string | null;
  /** The runbook to open, normalised, or null when there is none or it is not an http(s) link. */
  readonly runbook: string | null;
}

const nobody: FiredTriggerPeople = { decides: null, notify: null, runbook: null };

/** The decision owner, notify list and runbook of risk `riskId`'s contingency in `plan`. */
export function firedTriggerPeople(plan: Plan, riskId: string): FiredTriggerPeople {
  const contingency = plan.risks.find((r) => r.id === riskId)?.contingency;
  if (!contingency) return nobody;
  return {
    decides: contingency.decisionOwner ? `decides: ${contingency.decisionOwner}` : null,
    notify: contingency.notify.length > 0 ? `notify: ${contingency.notify.join(', ')}` : null,
    runbook: contingency.runbook === undefined ? null : safeExternalUrl(contingency.runbook),
  };
}

/**
 * One short line for the strip, read at 5 m: the decision owner first, then who to tell (at most
 * `maxNotify` names and a count) so that when the line is cut it is the notify list that goes.
 */
export function firedTriggerStripLine(plan: Plan, riskId: string, maxNotify = 2): string | null {
  const contingency = plan.risks.find((r) => r.id === riskId)?.contingency;
  if (!contingency) return null;
  const parts: string[] = [];
  if (contingency.decisionOwner) parts.push(`decides: ${contingency.decisionOwner}`);
  const notify = contingency.notify.filter((p) => p !== contingency.decisionOwner);
  if (notify.length > 0) {
    const more = notify.length - maxNotify;
    parts.push(`notify: ${notify.slice(0, maxNotify).join(', ')}${more > 0 ? ` +${more}` : ''}`);
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

/**
 * Triggers fired at once, the most urgent first: the higher risk score (likelihood × impact), then
 * the one firing longer; a trigger whose risk the plan no longer has goes last.
 */
export function mostUrgentFirst<T extends { readonly riskId: string; readonly since: number | null }>(plan: Plan, fired: readonly T[]): T[] {
  const score = (t: T) => {
    const risk = plan.risks.find((r) => r.id === t.riskId);
    return risk ? riskScore(risk) : 0;
  };
  return [...fired].sort((a, b) => score(b) - score(a) || (a.since ?? Infinity) - (b.since ?? Infinity));
}
