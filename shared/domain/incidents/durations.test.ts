import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type MarkerKind, type TimelineEntry } from '../../model/incident.ts';
import { formatDuration, impliedMarker, incidentDurations, latestMarkers } from './durations.ts';

const MIN = 60_000;
const T = Date.UTC(2025, 5, 14, 19, 0); // 20:00 in London: kick-off
let n = 0;
const marker = (marker: MarkerKind, occurredAt: number, extra: Partial<TimelineEntry> = {}): TimelineEntry =>
  timelineEntrySchema.parse({
    id: `01JZ${String(++n).padStart(22, '0')}`,
    incidentId: '01JZ0000000000000000000000',
    seq: n,
    recordedAt: T + n * 1000,
    occurredAt,
    author: 'ann',
    console: 'c1',
    text: '',
    kind: 'marker',
    data: { marker },
    ...extra,
  });

describe('durations', () => {
  it('measures detect, acknowledge and declare from detection, mitigate and resolve from impact', () => {
    const markers = latestMarkers([
      marker('impact_started', T),
      marker('detected', T + 4 * MIN),
      marker('acknowledged', T + 6 * MIN),
      marker('declared', T + 9 * MIN),
      marker('mitigated', T + 64 * MIN),
      marker('resolved', T + 130 * MIN),
    ]);
    const d = incidentDurations(markers);
    expect(Object.values(d).map((x) => `${x.label}: ${formatDuration(x.ms!)}`)).toEqual([
      'Time to detect: 4 min',
      'Time to acknowledge: 2 min',
      'Time to declare: 5 min',
      'Time to mitigate: 1 h 4 min',
      'Time to resolve: 2 h 10 min',
    ]);
  });

  it('gives no number, and says which marker is missing, while the incident is young', () => {
    const d = incidentDurations(latestMarkers([marker('detected', T), marker('acknowledged', T + 2 * MIN)]));
    expect(d.acknowledge).toMatchObject({ state: 'ok', ms: 2 * MIN });
    expect(d.detect).toMatchObject({ state: 'missing', ms: null, reason: 'no "impact started" marker' });
    expect(d.resolve).toMatchObject({ state: 'missing', ms: null, reason: 'no "impact started" or "resolved" marker' });
  });

  it('flags markers that contradict each other instead of showing a negative time', () => {
    const d = incidentDurations(latestMarkers([marker('impact_started', T + 10 * MIN), marker('mitigated', T + 5 * MIN)]), 'Europe/London');
    expect(d.mitigate.state).toBe('inconsistent');
    expect(d.mitigate.ms).toBeNull();
    expect(d.mitigate.reason).toBe('"mitigated" (20:05) is marked 5 min before "impact started" (20:10): correct one of the markers');
  });

  it('counts the last marker of a kind: a re-mark corrects, a second mitigation after impact returned wins', () => {
    const markers = latestMarkers([
      marker('impact_started', T + 10 * MIN),
      marker('mitigated', T + 30 * MIN),
      marker('impact_started', T), // corrected: it started earlier than first thought
      marker('mitigated', T + 50 * MIN), // impact came back; this is when it really stopped
      marker('resolved', T + 55 * MIN, { deleted: true }),
    ]);
    expect(markers).toEqual({ impact_started: T, mitigated: T + 50 * MIN });
    expect(incidentDurations(markers).mitigate.ms).toBe(50 * MIN);
  });

  it('formats durations for a glance', () => {
    expect([45_000, 12 * MIN + 40_000, 64 * MIN, 120 * MIN, 0, 26 * 60 * MIN, -90_000].map(formatDuration)).toEqual([
      '45 s',
      '12 min',
      '1 h 4 min',
      '2 h',
      '0 s',
      '1 d 2 h',
      '−1 min',
    ]);
  });
});

describe('the marker a status implies', () => {
  it('marks mitigated and resolved when reached, unless already marked, and nothing for other statuses', () => {
    expect(impliedMarker({}, 'mitigated')).toBe('mitigated');
    expect(impliedMarker({}, 'resolved')).toBe('resolved');
    expect(impliedMarker({ mitigated: T }, 'mitigated')).toBeNull();
    expect(impliedMarker({ mitigated: T }, 'resolved')).toBe('resolved');
    for (const status of ['investigating', 'identified', 'monitoring', 'closed'] as const) expect(impliedMarker({}, status)).toBeNull();
  });
});
