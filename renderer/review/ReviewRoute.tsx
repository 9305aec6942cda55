import { useEffect, useState, useSyncExternalStore } from 'react';
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { followUpNowWords, type FollowUpCounts } from '../../shared/domain/review/follow-ups.ts';
import { revealInvisibles } from '../../shared/domain/safe-text.ts';
import { addIsoWeeks, formatIsoWeek, parseIsoWeek, weekCalendarLabel } from '../../shared/domain/review/iso-week.ts';
import { pagerBandLabels, pagerCalendarNote, roomWeekNote, type PagerBand } from '../../shared/domain/review/pager-load.ts';
import { dataCoverageNote } from '../../shared/domain/review/slo-coverage.ts';
import { roleAllows } from '../../shared/model/auth.ts';
import type { WeeklyReviewData } from '../../shared/protocol/review.ts';
import type { StoredRisk } from '../../shared/protocol/risks.ts';
import { useHub } from '../app/hub-context.tsx';
import { toneIcon } from '../app/status-words.ts';
import { alertLook, formatBudget, formatBurn, formatBurned } from '../panels/slo-view.ts';
import { saveWithLink } from '../transport/incidents.ts';
import { useApp } from '../state/react.tsx';
import { hubGet, hubGetJson } from '../transport/rest.ts';
import { LogWork } from './LogWork.tsx';
import { parseReviewHash, reviewHash, reviewQuery } from './review-url.ts';
import { RisksSection } from './RisksSection.tsx';
import './review.css';

type Tone = 'ok' | 'warning' | 'critical' | 'unknown';

/** A state in colour, icon and word. */
function StateChip({ tone, word, testId }: { tone: Tone; word: string; testId?: string }) {
  return (
    <span className="state-chip review-chip" data-state={tone} data-testid={testId}>
      <span aria-hidden="true">{toneIcon[tone]} </span>
      {word}
    </span>
  );
}

const bandTone: Record<PagerBand, 'ok' | 'warning' | 'critical'> = { healthy: 'ok', edge: 'warning', unhealthy: 'critical' };

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

function go(place: { week: string | null; team: string | null }) {
  window.history.replaceState(null, '', reviewHash(place));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** "2026-W07" moved by n weeks. */
function stepWeek(week: string, n: number): string {
  const parsed = parseIsoWeek(week);
  return parsed ? formatIsoWeek(addIsoWeeks(parsed, n)) : week;
}

const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`);
const dur = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
const medianWorst = (s: { medianMs: number | null; worstMs: number | null }) => (s.medianMs === null ? '—' : `${dur(s.medianMs)} / ${dur(s.worstMs)}`);
const byCount = (c: Readonly<Record<string, number>>) =>
  Object.entries(c)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** The weekly operational review, for the meeting: the same content as weekly.md, printable. */
/** Follow-ups counted by owner or by team; overdue by word and shape as well as colour. */
/** Whose week a table was picked by: the room's (pager load says each team's on its rows). */
function RoomWeek({ data, section }: { data: Pick<WeeklyReviewData, 'week' | 'timeZone'>; section: string }) {
  return (
    <p className="review-note review-calendar" data-testid={`review-calendar-${section}`}>
      {roomWeekNote(data.week, data.timeZone)}
    </p>
  );
}

function FollowUpTable({ testId, label, counts }: { testId: string; label: string; counts: Readonly<Record<string, FollowUpCounts>> }) {
  if (Object.keys(counts).length === 0) return null;
  return (
    <table className="review-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{label}</th>
          <th className="num">Open</th>
          <th className="num">Overdue</th>
          <th className="num">Closed on time</th>
          <th className="num">Closed late</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(counts)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, c]) => (
            <tr key={name}>
              <td>{name}</td>
              <td className="num">{c.open}</td>
              <td className="num">{c.overdue > 0 ? <strong className="review-repeat">▲ {c.overdue}</strong> : 0}</td>
              <td className="num">{c.closedOnTime > 0 ? `✓ ${c.closedOnTime}` : 0}</td>
              <td className="num">{c.closedLate}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

export function ReviewRoute() {
  const hub = useHub();
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const place = parseReviewHash(hash);
  const [data, setData] = useState<WeeklyReviewData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const query = reviewQuery(place);
  // The review is read over REST, not pushed: a save here reads it again (others see it on their next load).
  const [loads, setLoads] = useState(0);
  const reload = () => setLoads((n) => n + 1);
  const [allRisks, setAllRisks] = useState<StoredRisk[] | null>(null);
  const role = useApp((s) => s.connection.role);
  // The role POST /api/v1/risks and /api/v1/work-logs ask for (electron/hub/review/routes.ts).
  const canEdit = role !== null && roleAllows(role, 'responder');

  useEffect(() => {
    let live = true;
    setError(null);
    hubGetJson<WeeklyReviewData>(hub, `/api/v1/review/weekly.json${query}`).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError((e as Error).message),
    );
    // Every risk, closed ones too: to reopen them, and so a new risk's id replaces none.
    if (canEdit) {
      hubGetJson<{ risks: StoredRisk[] }>(hub, '/api/v1/risks').then(
        (r) => live && setAllRisks(r.risks),
        (e: unknown) => live && setError((e as Error).message),
      );
    }
    return () => {
      live = false;
    };
  }, [hub, query, loads, canEdit]);

  useEffect(() => {
    if (data && place.section) document.getElementById(`review-${place.section}`)?.scrollIntoView();
  }, [data, place.section]);

  const download = async () => {
    setBusy(true);
    try {
      const res = await hubGet(hub, `/api/v1/review/weekly.md${query}`, 'text/markdown');
      saveWithLink(await res.blob(), `weekly-review-${data?.week ?? 'week'}${place.team ? `-${place.team}` : ''}.md`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const tz = data?.timeZone ?? 'UTC';
  const time = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
  const week = place.week ?? data?.week ?? null;
  // A team's pages are counted on its own calendar: show it when that is not the room's.
  const ownCalendars = data?.pagerLoad.some((row) => row.timeZone !== tz) ?? false;
  const teams = data ? [...data.teams, 'unassigned'] : [];

  return (
    <main className="page review" data-testid="review">
      <header className="review-head">
        <h1>
          Weekly operational review{data ? `: ${data.week}` : ''}
          {place.team ? ` (${place.team})` : ''}
        </h1>
        <div className="review-controls no-print">
          <button type="button" disabled={!week} onClick={() => week && go({ week: stepWeek(week, -1), team: place.team })} aria-label="Previous week">
            ◀
          </button>
          <label>
            Week{' '}
            <input type="week" data-testid="review-week" value={week ?? ''} onChange={(e) => e.target.value && go({ week: e.target.value, team: place.team })} />
          </label>
          <button type="button" disabled={!week} onClick={() => week && go({ week: stepWeek(week, 1), team: place.team })} aria-label="Next week">
            ▶
          </button>
          <label>
            Team{' '}
            <select data-testid="review-team" value={place.team ?? ''} onChange={(e) => go({ week, team: e.target.value || null })}>
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <button type="button" data-testid="review-download" disabled={busy} onClick={() => void download()}>
            Download weekly.md
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
        {data && (
          <p className="lead">
            {new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: 'numeric', month: 'long', year: 'numeric' }).format(data.startMs)} –{' '}
            {new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: 'numeric', month: 'long', year: 'numeric' }).format(data.endMs - 1)} ({tz})
          </p>
        )}
      </header>
      {error && (
        <p className="review-error" role="alert" data-testid="review-error">
          ✖ {error}
        </p>
      )}
      {!data && !error && <p>Loading the review…</p>}
      {data && (
        <>
          <section id="review-pager" className="review-section">
            <h2>Pager load</h2>
            {data.pagerLoad.length === 0 ? (
              <p>No teams and no pages.</p>
            ) : (
              <table className="review-table">
                <thead>
                  <tr>
                    <th>Team</th>
                    <th className="num">Page events</th>
                    <th className="num">Raw pages</th>
                    <th>Band</th>
                    <th className="num">Woke someone</th>
                    <th>Week counted in</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pagerLoad.map((row) => (
                    <tr key={row.team} data-testid={`pager-row-${row.team}`}>
                      <td>{row.team}</td>
                      <td className="num" data-testid={`pager-events-${row.team}`}>
                        {row.pages}
                      </td>
                      <td className="num" data-testid={`pager-raw-${row.team}`}>
                        {row.rawPages}
                      </td>
                      <td>
                        <StateChip tone={bandTone[row.band]} word={pagerBandLabels[row.band]} testId={`pager-band-${row.team}`} />
                      </td>
                      <td className="num">{row.offHours}</td>
                      <td data-testid={`pager-calendar-${row.team}`}>{weekCalendarLabel(row.week, row.timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="review-note">
              Fewer than 2 page events a week is healthy, 2–5 walking the edge, more than 5 unhealthy. Pages for one alert within 30 minutes are one event, and so is an incident declared here for a page its team already had.
              {ownCalendars && <span data-testid="pager-calendar-note"> {pagerCalendarNote(data.week, tz)}</span>}
            </p>
          </section>

          <section id="review-slo" className="review-section">
            <h2>SLOs and error budgets</h2>
            <RoomWeek data={data} section="slo" />
            {data.slos.length === 0 ? (
              <p>No SLOs defined.</p>
            ) : (
              <table className="review-table">
                <thead>
                  <tr>
                    <th>SLO</th>
                    <th className="num">Target</th>
                    <th className="num">Actual</th>
                    <th className="num">Budget left</th>
                    <th className="num">Burned this week</th>
                    <th className="num">Burn rate now</th>
                    <th>Alert</th>
                  </tr>
                </thead>
                <tbody>
                  {data.slos.map((s) => {
                    const look = alertLook(s.error ? null : s.alert);
                    const coverage = dataCoverageNote(s.budget, s.windowMs);
                    return (
                      <tr key={s.id} data-testid={`slo-row-${s.id}`}>
                        <td>
                          {s.name}
                          {s.error && <div className="review-error">✖ {s.error}</div>}
                        </td>
                        <td className="num">{pct(s.target, 2)}</td>
                        <td className="num">{pct(s.budget?.availability, 3)}</td>
                        <td className="num">
                          {formatBudget(s.budget?.remaining)}
                          {coverage && (
                            <div className="review-note" data-testid={`slo-coverage-${s.id}`}>
                              {coverage}
                            </div>
                          )}
                        </td>
                        <td className="num">{formatBurned(s.burnedInRange)}</td>
                        <td className="num">{formatBurn(s.burnRateNow)}</td>
                        <td>
                          <StateChip tone={look.tone} word={look.word} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>

          <section id="review-incidents" className="review-section">
            <h2>Incidents</h2>
            <RoomWeek data={data} section="incidents" />
            {data.incidents.length === 0 ? (
              <p>No incidents.</p>
            ) : (
              <table className="review-table">
                <thead>
                  <tr>
                    <th>Incident</th>
                    <th>Severity</th>
                    <th>Service</th>
                    <th>Cause</th>
                    <th>Started</th>
                    <th className="num">Detect</th>
                    <th className="num">Mitigate</th>
                    <th className="num">Resolve</th>
                  </tr>
                </thead>
                <tbody>
                  {data.incidents.map((i) => (
                    <tr key={i.id} data-testid={`review-incident-${i.id}`}>
                      <td>
                        <a href={`#/incidents/${encodeURIComponent(i.id)}`}>{revealInvisibles(i.title)}</a>
                        {i.repeatOf && <strong className="review-repeat"> ↻ repeat</strong>}
                      </td>
                      <td>
                        <span className="sev-chip" data-sev={i.severity}>
                          SEV{i.severity}
                        </span>
                      </td>
                      <td>{i.service ?? '—'}</td>
                      <td>{i.cause ?? '—'}</td>
                      <td>{time(i.startedAt)}</td>
                      <td className="num">{dur(i.detectMs)}</td>
                      <td className="num">{dur(i.mitigateMs)}</td>
                      <td className="num">{dur(i.resolveMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {data.trends.weeks.length > 0 && (
            <section className="review-section" data-testid="review-trends">
              <h3>Incident trends (last 8 weeks)</h3>
              <table className="review-table">
                <thead>
                  <tr>
                    <th>Week</th>
                    <th className="num">Incidents</th>
                    <th className="num">Detect (median / worst)</th>
                    <th className="num">Mitigate</th>
                    <th className="num">Resolve</th>
                    <th className="num">Repeats</th>
                    <th>By severity</th>
                    <th>By cause</th>
                    <th>By service</th>
                  </tr>
                </thead>
                <tbody>
                  {data.trends.weeks.map((w) => (
                    <tr key={w.week}>
                      <td>{w.week}</td>
                      <td className="num">{w.count}</td>
                      <td className="num">{medianWorst(w.detect)}</td>
                      <td className="num">{medianWorst(w.mitigate)}</td>
                      <td className="num">{medianWorst(w.resolve)}</td>
                      <td className="num">{w.repeats > 0 ? <strong className="review-repeat">↻ {w.repeats}</strong> : 0}</td>
                      <td>{byCount(w.bySeverity)}</td>
                      <td>{byCount(w.byCause)}</td>
                      <td>{byCount(w.byService)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="review-note">
                All weeks — by service: {byCount(data.trends.byService)}. By severity: {byCount(data.trends.bySeverity)}.
              </p>
            </section>
          )}

          <section id="review-follow-ups" className="review-section">
            <h2>Follow-up actions</h2>
            <RoomWeek data={data} section="follow-ups" />
            <ul>
              <li>
                Opened this week: {data.followUps.openedInRange ?? 0}; closed this week: {data.followUps.closedInRange ?? 0}.
              </li>
              <li>
                Open: {data.followUps.open + data.followUps.overdue}, of which overdue: <strong>{data.followUps.overdue}</strong>; without an owner: {data.followUps.unowned}.
              </li>
              <li data-testid="follow-ups-closed">
                Closed by their due date: {data.followUps.closedOnTime} of {data.followUps.closedOnTime + data.followUps.closedLate}; within {data.followUps.withinDays} days of being opened:{' '}
                {data.followUps.closedWithinDays === null ? '—' : `${Math.round(data.followUps.closedWithinDays * 100)}%`}.
              </li>
            </ul>
            <FollowUpTable testId="follow-ups-by-owner" label="Owner" counts={data.followUps.byOwner} />
            <FollowUpTable testId="follow-ups-by-team" label="Team" counts={data.followUps.byTeam} />
            {data.followUps.overdueItems.length > 0 && data.endMs < data.generatedAt && <p className="review-note">Overdue as the week ended, and where each stands today:</p>}
            {data.followUps.overdueItems.length > 0 && (
              <ul className="review-overdue">
                {data.followUps.overdueItems.slice(0, 20).map((f) => (
                  <li key={f.id} data-testid="review-overdue-item">
                    ▲ {f.text ?? f.id} ({f.owner ?? 'no owner'}
                    {f.dueAt ? `, due ${time(f.dueAt)}` : ''})
                    {f.now && <span className="review-now"> — now: {followUpNowWords(f.now, f.dueAt, time)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <RisksSection backlog={data.risks} allRisks={allRisks ?? []} teams={data.teams} team={place.team} canEdit={canEdit} onSaved={reload} />

          <section id="review-toil" className="review-section">
            <h2>Toil</h2>
            <RoomWeek data={data} section="toil" />
            {data.toil.length === 0 ? (
              <p>Nobody logged work this week: no toil share to show.</p>
            ) : (
              <table className="review-table">
                <thead>
                  <tr>
                    <th>Team</th>
                    <th className="num">Toil share</th>
                    <th className="num">Target</th>
                    <th>Over target</th>
                  </tr>
                </thead>
                <tbody>
                  {data.toil.map((t) => (
                    <tr key={t.team} data-testid={`toil-row-${t.team}`}>
                      <td>{t.team}</td>
                      <td className="num">{pct(t.share, 0)}</td>
                      <td className="num">{pct(t.target, 0)}</td>
                      <td>
                        {t.overTarget === null ? (
                          'nothing logged'
                        ) : (
                          <StateChip tone={t.overTarget ? 'warning' : 'ok'} word={t.overTarget ? 'over target' : 'within target'} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {canEdit && <LogWork teams={data.teams} team={place.team} onSaved={reload} />}
          </section>

          <section id="review-changes" className="review-section">
            <h2>Notable changes</h2>
            <RoomWeek data={data} section="changes" />
            {data.changes.length === 0 ? (
              <p>No changes recorded.</p>
            ) : (
              <ul>
                {data.changes.map((c, i) => (
                  <li key={i}>
                    {time(c.at)}
                    {c.service ? ` · ${c.service}` : ''}: {c.text}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </main>
  );
}
