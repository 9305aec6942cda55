/**
 * The review page's place in the hash: #/review[/<section>]?week=2026-W07&team=identity. The
 * weekly document's "Details" links point here, to a section of the page.
 */
export const reviewSections = ['pager', 'slo', 'incidents', 'follow-ups', 'risks', 'toil', 'changes'] as const;

export interface ReviewPlace {
  readonly section: string | null;
  readonly week: string | null;
  readonly team: string | null;
}

export function parseReviewHash(hash: string): ReviewPlace {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const parts = (q === -1 ? raw : raw.slice(0, q)).split('/').filter(Boolean);
  const params = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  const week = params.get('week');
  return {
    section: parts[0] === 'review' && parts[1] && (reviewSections as readonly string[]).includes(parts[1]) ? parts[1] : null,
    week: week && /^\d{4}-W\d{2}$/.test(week) ? week : null,
    team: params.get('team') || null,
  };
}

export function reviewHash(place: Omit<ReviewPlace, 'section'>): string {
  const params = new URLSearchParams();
  if (place.week) params.set('week', place.week);
  if (place.team) params.set('team', place.team);
  const query = params.toString();
  return query ? `#/review?${query}` : '#/review';
}

/** The REST query for the same place. */
export function reviewQuery(place: Omit<ReviewPlace, 'section'>): string {
  const params = new URLSearchParams();
  if (place.week) params.set('week', place.week);
  if (place.team) params.set('team', place.team);
  const query = params.toString();
  return query ? `?${query}` : '';
}
