/**
 * "Last time this happened": past incidents like this one, with why each is listed. The same
 * affected service or root-cause category is a strong hint; shared title words (not the small
 * ones, not "outage"-type filler) a weaker one, so two of them are needed on their own.
 */
import type { IncidentStatus, Severity } from '../../model/incident.ts';
import { spellingKey } from '../review/incident-trends.ts';

export interface IncidentFacts {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: IncidentStatus;
  readonly declaredAt: number;
  readonly service: string | null;
  readonly rootCauseCategory: string | null;
}

export interface RelatedIncident extends IncidentFacts {
  /** Why it is listed, in words: 'same service "cdn-edge"', 'title shares "edge", "403s"'. */
  readonly reasons: string[];
  readonly score: number;
  /** Someone linked it to this incident on purpose. */
  readonly linked?: { readonly by: string; readonly note: string; readonly at: number };
}

/** A link as the incident's projection holds it. */
export interface IncidentLink {
  readonly incidentId: string;
  readonly note: string;
  readonly linkedBy: string;
  readonly linkedAt: number;
}

/** Words that say nothing about which system broke. */
const FILLER = new Set(
  'the and for with from into onto over under after before during about than then that this these those are was were has have had not but all any some our out off per via its new old high low slow down up is on in of to at by or an a be as it incident outage issue issues problem problems error errors failing failed failure'.split(' '),
);

/** The words of a title worth comparing: lower case, 3+ characters, no filler. */
export function titleWords(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3 && !FILLER.has(w)),
  );
}

/** Typed by hand: "Change" and "change " are the same cause (as the weekly review counts them). */
const same = (a: string | null, b: string | null): boolean => a !== null && b !== null && spellingKey(a) === spellingKey(b);

export function relatedIncidents(target: IncidentFacts, all: readonly IncidentFacts[], limit = 5): RelatedIncident[] {
  const words = titleWords(target.title);
  const related: RelatedIncident[] = [];
  for (const other of all) {
    if (other.id === target.id || other.declaredAt >= target.declaredAt) continue;
    const reasons: string[] = [];
    let score = 0;
    if (same(target.service, other.service)) {
      score += 3;
      reasons.push(`same service "${other.service}"`);
    }
    if (same(target.rootCauseCategory, other.rootCauseCategory)) {
      score += 3;
      reasons.push(`same root cause "${other.rootCauseCategory}"`);
    }
    const shared = [...titleWords(other.title)].filter((w) => words.has(w));
    if (shared.length > 0) {
      score += shared.length;
      reasons.push(`title shares ${shared.map((w) => `"${w}"`).join(', ')}`);
    }
    if (score >= 2) related.push({ ...other, reasons, score });
  }
  return related.sort((a, b) => b.score - a.score || b.declaredAt - a.declaredAt).slice(0, limit);
}

/**
 * The linked incidents first (in the order they were linked, whenever they happened), then the
 * suggestions not already linked.
 */
export function withLinks(suggested: readonly RelatedIncident[], links: readonly IncidentLink[], facts: ReadonlyMap<string, IncidentFacts>): RelatedIncident[] {
  const linked: RelatedIncident[] = links.flatMap((link) => {
    const other = facts.get(link.incidentId);
    if (!other) return [];
    const suggestion = suggested.find((r) => r.id === other.id);
    const reasons = [`linked by ${link.linkedBy}${link.note ? `: "${link.note}"` : ''}`, ...(suggestion?.reasons ?? [])];
    return [{ ...other, reasons, score: suggestion?.score ?? 0, linked: { by: link.linkedBy, note: link.note, at: link.linkedAt } }];
  });
  const ids = new Set(links.map((l) => l.incidentId));
  return [...linked, ...suggested.filter((r) => !ids.has(r.id))];
}
