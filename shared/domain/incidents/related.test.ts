import { describe, expect, it } from 'vitest';
import { relatedIncidents, titleWords, withLinks, type IncidentFacts } from './related.ts';

const DAY = 86_400_000;
const incident = (id: string, title: string, daysAgo: number, fields: Partial<IncidentFacts> = {}): IncidentFacts => ({
  id,
  title,
  severity: 2,
  status: 'closed',
  declaredAt: 100 * DAY - daysAgo * DAY,
  service: null,
  rootCauseCategory: null,
  ...fields,
});

describe('related incidents', () => {
  const now = incident('now', '403s on the EU edge', 0, { service: 'cdn-edge', status: 'investigating' });
  const past = [
    incident('a', 'Login latency in us-east', 40),
    incident('b', 'Cache misses after a config push', 30, { service: 'CDN-edge', rootCauseCategory: 'config change' }),
    incident('c', 'EU edge returning 403s to signed URLs', 20),
    incident('d', 'Edge certificate expired', 10),
    incident('later', '403s on the EU edge again', -1, { service: 'cdn-edge' }),
  ];

  it('lists past incidents of the same service or with the same title words, strongest first, saying why', () => {
    const related = relatedIncidents(now, [now, ...past]);
    expect(related.map((r) => [r.id, r.reasons])).toEqual([
      ['b', ['same service "CDN-edge"']],
      ['c', ['title shares "edge", "403s"']],
    ]);
  });

  it('needs two shared words when nothing else matches, and ignores filler', () => {
    expect(titleWords('The outage of the EU edge: errors!')).toEqual(new Set(['edge']));
    expect(relatedIncidents(now, past).map((r) => r.id)).not.toContain('d'); // only "edge" in common
    expect(relatedIncidents(incident('x', 'Edge certificate renewal failed', 0), past).map((r) => r.id)).toEqual(['d']);
  });

  it('matches a root-cause category, and never lists the incident itself or a later one', () => {
    const withCause = { ...now, rootCauseCategory: 'Config change' };
    const related = relatedIncidents(withCause, [withCause, ...past]);
    expect(related[0]).toMatchObject({ id: 'b', reasons: ['same service "CDN-edge"', 'same root cause "config change"'] });
    expect(related.map((r) => r.id)).not.toContain('later');
    expect(related.map((r) => r.id)).not.toContain('now');
  });
});

describe('linked incidents', () => {
  const now = incident('now', '403s on the EU edge', 0, { service: 'cdn-edge' });
  const past = incident('b', 'Cache misses after a config push', 30, { service: 'cdn-edge' });
  const lookalike = incident('c', 'EU edge returns 403s', 5);
  const later = incident('d', 'Login latency', -1);
  const all = new Map([now, past, lookalike, later].map((i) => [i.id, i]));
  const suggested = relatedIncidents(now, [...all.values()]);

  it('puts the linked ones first, with who linked them and why else they match, and does not list them twice', () => {
    const list = withLinks(suggested, [{ incidentId: 'b', note: 'same CDN origin', linkedBy: 'ann', linkedAt: 5 }], all);
    expect(list.map((r) => [r.id, r.reasons, r.linked ?? null])).toEqual([
      ['b', ['linked by ann: "same CDN origin"', 'same service "cdn-edge"'], { by: 'ann', note: 'same CDN origin', at: 5 }],
      ['c', ['title shares "edge", "403s"'], null],
    ]);
  });

  it('lists a linked incident that would never be suggested (a later one), and skips a link to one it does not know', () => {
    const list = withLinks(suggested, [
      { incidentId: 'gone', note: '', linkedBy: 'bob', linkedAt: 1 },
      { incidentId: 'd', note: '', linkedBy: 'bob', linkedAt: 2 },
    ], all);
    expect(list.map((r) => [r.id, r.reasons[0]])).toEqual([
      ['d', 'linked by bob'],
      ['b', 'same service "cdn-edge"'],
      ['c', 'title shares "edge", "403s"'],
    ]);
  });
});
