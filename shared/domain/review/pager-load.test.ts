import { describe, expect, it } from 'vitest';
import { dedupePages, defaultWorkingHours, isWorkingTime, pagerBand, pagerLoad, pagerLoadForWeek, wokeSomeone, type Page, type WorkingHours } from './pager-load.ts';

const MIN = 60_000;
const H = 60 * MIN;
let n = 0;
const page = (at: number, extra: Partial<Page> = {}): Page => ({ id: `p${++n}`, at, team: 'sre', service: 'playback', ...extra });

describe('pager-load bands', () => {
  it('fewer than 2 is healthy, 2–5 walking the edge, more than 5 unhealthy', () => {
    expect([0, 1, 1.9].map(pagerBand)).toEqual(['healthy', 'healthy', 'healthy']);
    expect([2, 3, 5].map(pagerBand)).toEqual(['edge', 'edge', 'edge']);
    expect([5.1, 6, 40].map(pagerBand)).toEqual(['unhealthy', 'unhealthy', 'unhealthy']);
  });
});

describe('de-duplicating pages', () => {
  const T = Date.UTC(2026, 1, 10, 14, 0);

  it('counts a burst of pages for one cause once, with the raw count beside', () => {
    const burst = [0, 1, 2, 3, 5, 8, 13].map((m) => page(T + m * MIN));
    const deduped = dedupePages(burst, 30 * MIN);
    expect(deduped).toHaveLength(1);
    expect(deduped[0]).toMatchObject({ id: burst[0]!.id, count: 7 });
    expect(deduped[0]!.duplicateIds).toEqual(burst.slice(1).map((p) => p.id));
  });

  it('keeps the window fixed from the first page, so a flapping alert is several events', () => {
    const flapping = [0, 20, 40, 60, 80].map((m) => page(T + m * MIN));
    expect(dedupePages(flapping, 30 * MIN).map((p) => p.count)).toEqual([2, 2, 1]);
  });

  it('never merges different teams or different keys', () => {
    const pages = [
      page(T, { dedupKey: 'HighErrorRate' }),
      page(T + MIN, { dedupKey: 'HighLatency' }),
      page(T + 2 * MIN, { dedupKey: 'HighErrorRate', team: 'identity' }),
      page(T + 3 * MIN, { dedupKey: 'HighErrorRate' }),
      page(T + 4 * MIN, { service: 'login' }),
    ];
    expect(dedupePages(pages, 30 * MIN).map((p) => [p.team, p.dedupKey ?? p.service, p.count])).toEqual([
      ['sre', 'HighErrorRate', 2],
      ['sre', 'HighLatency', 1],
      ['identity', 'HighErrorRate', 1],
      ['sre', 'login', 1],
    ]);
  });

  it('folds an incident declared in the app into the page its team had for it, and only that', () => {
    const alert = page(T, { dedupKey: 'group-1', service: 'entitlement' });
    const other = page(T + 5 * MIN, { service: 'login' });
    // declared 40 min after the alert, impact since 10 min before it
    const declared = page(T + 40 * MIN, { service: 'Entitlement', declaredIncident: { startedAt: T - 10 * MIN } });
    const elsewhere = page(T + 40 * MIN, { team: 'identity', service: 'entitlement', declaredIncident: { startedAt: T - 10 * MIN } });
    const unpaged = page(T + 5 * H, { service: 'cdn', declaredIncident: { startedAt: T + 4 * H } });
    const deduped = dedupePages([declared, elsewhere, unpaged, other, alert], 30 * MIN);
    expect(deduped.map((p) => [p.id, p.count])).toEqual([
      [alert.id, 2], // its own service's page, not the nearer login one
      [other.id, 1],
      [elsewhere.id, 1], // another team's
      [unpaged.id, 1],
    ]);
    expect(deduped[0]!.duplicateIds).toEqual([declared.id]);
  });

  it('sorts its input and treats the window end as exclusive', () => {
    const pages = [page(T + 30 * MIN), page(T)];
    expect(dedupePages(pages, 30 * MIN).map((p) => p.count)).toEqual([1, 1]);
    expect(dedupePages(pages, 30 * MIN + 1).map((p) => p.count)).toEqual([2]);
  });
});

describe('"woke someone": outside working hours on the team’s clock', () => {
  const london = defaultWorkingHours('Europe/London');
  const newYork = defaultWorkingHours('America/New_York');

  it('uses the team’s time zone: one instant, two answers', () => {
    const t = Date.UTC(2026, 1, 10, 15, 0); // Tuesday 15:00 in London, 10:00 in New York
    expect(isWorkingTime(t, london)).toBe(true);
    expect(isWorkingTime(t, newYork)).toBe(true);
    const evening = Date.UTC(2026, 1, 10, 19, 0); // 19:00 in London, 14:00 in New York
    expect(wokeSomeone({ at: evening }, london)).toBe(true);
    expect(wokeSomeone({ at: evening }, newYork)).toBe(false);
    const night = Date.UTC(2026, 1, 11, 3, 0); // 03:00 in London, 22:00 the evening before in New York
    expect(wokeSomeone({ at: night }, london)).toBe(true);
    expect(wokeSomeone({ at: night }, newYork)).toBe(true);
  });

  it('has a start that counts and an end that does not, and follows the clocks in summer', () => {
    expect(isWorkingTime(Date.UTC(2026, 1, 10, 8, 0), london)).toBe(true); // 08:00 GMT
    expect(isWorkingTime(Date.UTC(2026, 1, 10, 18, 0) - 1, london)).toBe(true);
    expect(isWorkingTime(Date.UTC(2026, 1, 10, 18, 0), london)).toBe(false);
    expect(isWorkingTime(Date.UTC(2026, 6, 7, 7, 30), london)).toBe(true); // 08:30 BST
    expect(isWorkingTime(Date.UTC(2026, 6, 7, 17, 30), london)).toBe(false); // 18:30 BST
  });

  it('counts weekends and holidays as off', () => {
    expect(isWorkingTime(Date.UTC(2026, 1, 14, 11, 0), london)).toBe(false); // Saturday
    const withHoliday: WorkingHours = { ...london, holidays: ['2026-12-25'] };
    expect(isWorkingTime(Date.UTC(2026, 11, 25, 11, 0), withHoliday)).toBe(false);
    expect(isWorkingTime(Date.UTC(2026, 11, 24, 11, 0), withHoliday)).toBe(true);
    const weekendTeam: WorkingHours = { timeZone: 'Africa/Johannesburg', days: [6, 7], start: '10:00', end: '22:00' };
    expect(isWorkingTime(Date.UTC(2026, 1, 14, 18, 0), weekendTeam)).toBe(true); // Saturday 20:00 SAST
    expect(isWorkingTime(Date.UTC(2026, 1, 16, 10, 0), weekendTeam)).toBe(false); // Monday
  });

  it('takes hours past midnight, belonging to the day they start on', () => {
    const nights: WorkingHours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' };
    expect(isWorkingTime(Date.UTC(2026, 1, 13, 23, 0), nights)).toBe(true); // Friday 23:00
    expect(isWorkingTime(Date.UTC(2026, 1, 14, 3, 0), nights)).toBe(true); // Saturday 03:00, Friday's shift
    expect(isWorkingTime(Date.UTC(2026, 1, 15, 3, 0), nights)).toBe(false); // Sunday 03:00, Saturday's (none)
    expect(isWorkingTime(Date.UTC(2026, 1, 16, 12, 0), nights)).toBe(false);
  });
});

describe('pager load per team per ISO week', () => {
  it('counts page events per team and week, with raw pages and off-hours pages beside', () => {
    const mon = Date.UTC(2026, 1, 9, 10, 0); // Monday 9 February, W07
    const pages = [
      ...[0, 2, 4].map((m) => page(mon + m * MIN, { team: 'sre' })), // one event, office hours
      page(mon + 2 * 24 * H - 7 * H, { team: 'sre', service: 'login' }), // Wednesday 03:00: woke someone
      page(mon + 4 * 24 * H, { team: 'sre', service: 'cdn' }),
      page(mon + 5 * 24 * H, { team: 'sre', service: 'api' }), // Saturday
      page(mon + 7 * 24 * H, { team: 'sre' }), // next week
      page(mon, { team: 'identity', service: 'login' }),
    ];
    const rows = pagerLoad(pages, { hours: { sre: defaultWorkingHours('Europe/London') }, defaultTimeZone: 'America/New_York' });
    expect(rows.map((r) => [r.team, r.week, r.pages, r.rawPages, r.band, r.offHours, r.rawOffHours])).toEqual([
      ['identity', '2026-W07', 1, 1, 'healthy', 1, 1], // 05:00 in New York
      ['sre', '2026-W07', 4, 6, 'edge', 2, 2],
      ['sre', '2026-W08', 1, 1, 'healthy', 0, 0],
    ]);
    expect(rows[1]!.byService).toEqual({ playback: 1, login: 1, cdn: 1, api: 1 });
  });

  it('gives every team a row for the chosen week, quiet ones included', () => {
    const rows = pagerLoadForWeek([page(Date.UTC(2026, 1, 10, 12), { team: 'sre' })], '2026-W07', ['api', 'sre']);
    expect(rows.map((r) => [r.team, r.pages, r.band])).toEqual([
      ['api', 0, 'healthy'],
      ['sre', 1, 'healthy'],
    ]);
  });

  it('bands six page events in a week as unhealthy', () => {
    const pages = Array.from({ length: 6 }, (_, i) => page(Date.UTC(2026, 1, 9, 9) + i * 2 * H, { team: 'sre' }));
    expect(pagerLoad(pages)[0]).toMatchObject({ pages: 6, band: 'unhealthy' });
  });
});
