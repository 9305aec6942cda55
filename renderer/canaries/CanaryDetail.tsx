import { useEffect, useState } from 'react';
import { failedAssertionText } from '../../shared/domain/canaries/assertion-text.ts';
import { failureClassLabels } from '../../shared/model/canary.ts';
import type { CanaryBoardEntry, CanaryRollup, CanaryRunRecord } from '../../shared/protocol/canaries.ts';
import { useHub } from '../app/hub-context.tsx';
import { clock, utcText } from '../incidents/words.ts';
import { useApp } from '../state/react.tsx';
import { ms, percent } from './board-view.ts';
import { coverLine, sinceLine } from './CanaryRow.tsx';
import { HistoryStrip } from './HistoryStrip.tsx';
import { PhaseBar } from './PhaseBar.tsx';
import { CanaryStatusChip } from './StatusChip.tsx';
import { RunbookLink } from '../app/RunbookLink.tsx';

/** Sum the rollups of the period into the uptime (time) and pass ratio (runs) shown side by side. */
function rollupTotals(rollups: readonly CanaryRollup[]): { runs: number; uptime: number | null; passRatio: number | null; flaky: number } {
  let runs = 0;
  let passes = 0;
  let up = 0;
  let down = 0;
  let flaky = 0;
  for (const r of rollups) {
    runs += r.runs;
    passes += r.passes;
    up += r.upMs;
    down += r.downMs;
    flaky += r.flaky;
  }
  return { runs, passRatio: runs ? passes / runs : null, uptime: up + down ? up / (up + down) : null, flaky };
}

/** The last hours, one bar each: its height the pass ratio, red when a run failed in it. */
function RollupBars({ rollups, timeZone }: { rollups: readonly CanaryRollup[]; timeZone: string }) {
  return (
    <div className="canary-rollup-bars" data-testid="canary-rollup-bars" aria-label={`Hourly pass ratio, the last ${rollups.length} hours with runs`}>
      {rollups.map((r) => (
        <span
          key={r.hour}
          className="canary-rollup-bar"
          data-failed={r.failures > 0 || undefined}
          style={{ height: `${Math.max(8, r.runs ? (r.passes / r.runs) * 100 : 0)}%` }}
          title={`${clock(r.hour, timeZone).slice(0, 5)}: ${r.passes}/${r.runs} passed${r.flaky ? `, ${r.flaky} on retry` : ''}${r.latencyAvgMs !== null ? `, ${ms(r.latencyAvgMs)} avg` : ''}`}
        />
      ))}
    </div>
  );
}

/** One canary: its tile at large, ack and snooze, the raw runs with timings and assertions, and hourly rollups. */
export function CanaryDetail({ entry: e, timeZone, onClose }: { entry: CanaryBoardEntry; timeZone: string; onClose: () => void }) {
  const hub = useHub();
  const role = useApp((s) => s.connection.role);
  const [runs, setRuns] = useState<CanaryRunRecord[] | null>(null);
  const [rollups, setRollups] = useState<CanaryRollup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastResultAt = e.lastResultAt;

  useEffect(() => {
    let live = true;
    void (async () => {
      const [r, u] = await Promise.all([hub.request('canary:results', { id: e.id, limit: 50 }), hub.request('canary:rollups', { id: e.id })]);
      if (!live) return;
      if (r.ok) setRuns(r.results);
      if (u.ok) setRollups(u.rollups);
      setError(!r.ok ? r.error.message : !u.ok ? u.error.message : null);
    })();
    return () => {
      live = false;
    };
    // A new run: read again (at most once per run of this canary).
  }, [hub, e.id, lastResultAt]);

  const act = async (kind: 'ack' | 'snooze' | 'unack') => {
    const reply =
      kind === 'ack' ? await hub.request('canary:ack', { id: e.id }) : kind === 'snooze' ? await hub.request('canary:snooze', { id: e.id, forMs: 3_600_000 }) : await hub.request('canary:unack', { id: e.id });
    setError(reply.ok ? null : reply.error.message);
  };

  const totals = rollups ? rollupTotals(rollups) : null;
  const canAct = role === 'responder' || role === 'admin';
  const cover = coverLine(e, timeZone);
  return (
    <aside className="canary-detail" data-testid="canary-detail" aria-label={`${e.name} details`}>
      <header className="canary-detail-head">
        <h2>{e.name}</h2>
        <button type="button" onClick={onClose} data-testid="canary-detail-close">
          Close
        </button>
      </header>
      <p>
        <CanaryStatusChip entry={e} testId="canary-detail-status" /> <span className="canary-since">{sinceLine(e, timeZone)}</span>
      </p>
      {e.description && <p className="muted">{e.description}</p>}
      {e.runbook && (
        <p>
          <RunbookLink url={e.runbook} testId="canary-detail-runbook" />
        </p>
      )}
      <dl className="canary-facts">
        <dt>Target</dt>
        <dd>{e.target ?? (e.kind === 'suite' ? 'JUnit suite' : '–')}</dd>
        <dt>Service · journey</dt>
        <dd>
          {e.service ?? '–'} · {e.journey ?? '–'}
        </dd>
        <dt>Uptime · pass ratio ({Math.round(e.uptime.windowMs / 3_600_000)} h)</dt>
        <dd>
          {percent(e.uptime.uptime)} · {percent(e.uptime.passRatio)}
        </dd>
        {totals && (
          <>
            <dt>Last 30 days (hourly rollups)</dt>
            <dd data-testid="canary-rollups">
              {percent(totals.uptime)} up · {percent(totals.passRatio)} of {totals.runs} runs passed · {totals.flaky} passed on retry
            </dd>
          </>
        )}
        {e.cert && (
          <>
            <dt>Certificate</dt>
            <dd data-warn={e.cert.warn || undefined}>
              {e.cert.warn ? '▲ ' : ''}
              {e.cert.subject} expires in {e.cert.daysLeft} days ({utcText(e.cert.validTo)})
            </dd>
          </>
        )}
        {cover && (
          <>
            <dt>Covered</dt>
            <dd>{cover}</dd>
          </>
        )}
      </dl>
      <HistoryStrip entry={e} timeZone={timeZone} />
      {rollups && rollups.length > 0 && <RollupBars rollups={rollups.slice(-48)} timeZone={timeZone} />}
      {canAct && (
        <div className="canary-actions">
          {e.ack ? (
            <button type="button" onClick={() => void act('unack')} data-testid="canary-unack">
              Remove acknowledgement
            </button>
          ) : (
            e.health !== 'passing' &&
            e.health !== 'pending' && (
              <>
                <button type="button" onClick={() => void act('ack')} data-testid="canary-ack">
                  Acknowledge
                </button>
                <button type="button" onClick={() => void act('snooze')} data-testid="canary-snooze">
                  Snooze 1 h
                </button>
              </>
            )
          )}
        </div>
      )}
      {error && <p className="form-error">{error}</p>}
      <h3>Runs</h3>
      {runs === null ? (
        <p className="muted">Loading…</p>
      ) : runs.length === 0 ? (
        <p className="muted">No runs stored yet.</p>
      ) : (
        <ol className="canary-runs" data-testid="canary-runs">
          {runs.map((r) => (
            <li key={`${r.at}-${r.receivedAt}`} data-outcome={r.outcome}>
              <span className="canary-run-head">
                <strong>{clock(r.at, timeZone)}</strong> {r.outcome === 'pass' ? (r.retried ? '◐ passed on retry' : '✓ passed') : `✖ ${r.classification ? failureClassLabels[r.classification] : r.outcome}`} · {ms(r.latencyMs)}
                {r.attempts > 1 && ` · ${r.attempts} attempts`}
                {r.maintenance && ' · maintenance'}
                {r.detail?.lagMs !== undefined && r.detail.lagMs > 1000 && ` · started ${ms(r.detail.lagMs)} late`}
              </span>
              {r.message && <span className="canary-run-message">{r.message}</span>}
              {r.detail?.steps?.map((s) => (
                <span key={s.name} className="canary-step">
                  {s.name}: {s.method} {s.url} → {s.status ?? '–'} <PhaseBar timings={s.timings} />
                </span>
              ))}
              {r.detail?.assertions
                ?.filter((a) => !a.ok)
                .map((a, i) => (
                  <span key={i} className="canary-failure">
                    {failedAssertionText(a)}
                  </span>
                ))}
              {r.detail?.junit && (
                <span className="canary-step">
                  {r.detail.junit.passed}/{r.detail.junit.tests} passed, {r.detail.junit.failed} failed, {r.detail.junit.errored} errored, {r.detail.junit.skipped} skipped
                  {r.detail.junit.failing.length > 0 && `: ${r.detail.junit.failing.slice(0, 5).map((f) => f.name).join(', ')}`}
                  {r.detail.junit.historyOnly && ' (history only: a newer report had set the state)'}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
