/**
 * Event mode on the wall: while a plan runs (live, or ready within its window), a strip with the
 * countdown to the next key moment, readiness, who is on duty, check-ins due and overdue (overdue
 * flashes), the risk triggers the hub watches (a fired one shows its contingency plan), forecast
 * vs actual, the event SLOs (budget left for the event, burn rate, alert state) and the change
 * freeze. The strip also feeds the key-moment annotations the time-series panels of the walls
 * the plan runs on draw. Walls only read: everything comes from the hub.
 */
import '../planner/planner.css';
import { planCheckIns } from '../../shared/domain/planning/check-ins.ts';
import { count, formatLocal } from '../../shared/domain/planning/markdown.ts';
import { readinessSummary } from '../../shared/domain/planning/readiness.ts';
import { inFreeze, nextKeyMoment, onDuty } from '../../shared/domain/planning/timeline.ts';
import type { LivePlan } from '../../shared/protocol/plans.ts';
import { countdown } from '../incidents/words.ts';
import { FiredTrigger } from './FiredTrigger.tsx';
import { StateChip } from '../planner/StateChip.tsx';
import { planStateWords, readinessWords, sloAlertWords, slotWords, triggerWords } from '../planner/words.ts';
import { formatBudget, formatBurn } from '../panels/slo-view.ts';
import { useLivePlans, useLivePlansFeed } from '../state/live-plans.ts';
import { useHubNow } from '../state/react.tsx';
import { peakSoFarWords, plansForWall } from './event-plans.ts';

const MAX_LISTED = 3;

// Sections in order of importance at 5 m: those that do not fit the wall's width drop out from the
// end (planner.css), so the freeze, the countdown and what fired stay.

function Strip({ live, others, now }: { live: LivePlan; others: number; now: number }) {
  const { plan } = live;
  const tz = plan.event.timezone;
  const next = nextKeyMoment(plan, now);
  const ready = readinessSummary(plan, now);
  const duty = onDuty(plan, now);
  const checkIns = planCheckIns(plan, live.checkIns, now);
  const fired = live.triggers.filter((t) => t.state === 'fired');
  const pending = live.triggers.filter((t) => t.state === 'pending');
  const noData = live.triggers.filter((t) => t.state === 'no_data').length;
  const peakSoFar = peakSoFarWords(live);
  const latest = live.actual.at(-1);
  return (
    <aside className="event-strip" data-testid="event-strip" aria-label={`Event: ${plan.event.name}`}>
      <section className="event-name">
        <h2>Event{others > 0 ? ` (+${others} more)` : ''}</h2>
        <strong>{plan.event.name}</strong>
        <StateChip state={planStateWords[plan.event.state]} />
      </section>
      {inFreeze(plan, now) && (
        <section>
          <h2>Change freeze</h2>
          <StateChip state={{ word: 'FREEZE ON', icon: '❄', tone: 'warning' }} />
        </section>
      )}

      <section className="event-next" data-testid="event-countdown">
        <h2>Next</h2>
        {next ? (
          <>
            <span className="line">
              {next.moment.label} at {formatLocal(next.at, tz).slice(-5)}
            </span>
            <span className="countdown">{countdown(next.inMs)}</span>
          </>
        ) : (
          <span>No key moment left</span>
        )}
      </section>
      <section className="event-triggers" data-testid="event-triggers">
        <h2>
          Risk triggers · {live.triggers.length} watched{pending.length > 0 ? ` · ${pending.length} pending` : ''}
          {noData > 0 ? ` · ${noData} without data` : ''}
        </h2>
        {fired.slice(0, 2).map((t) => (
          <FiredTrigger key={t.riskId} trigger={t} plan={plan} />
        ))}
        {fired.length === 0 && (
          <span className="line">
            <StateChip state={triggerWords[pending.length > 0 ? 'pending' : 'clear']} /> {pending[0]?.description ?? 'nothing fired'}
          </span>
        )}
        {fired.length > 2 && <span className="muted">+{fired.length - 2} more fired</span>}
      </section>
      {live.slos && live.slos.length > 0 && (
        <section className="event-slos" data-testid="event-slos">
          <h2>Event SLOs</h2>
          {live.slos.slice(0, 2).map((s) => (
            <div key={s.id} className="line" data-testid="event-slo" data-alert={s.alert ?? 'no_data'} title={s.error ?? undefined}>
              <StateChip state={sloAlertWords[s.alert ?? 'no_data']} /> {s.name}
              {s.error !== null ? (
                <span className="muted"> · {s.error.slice(0, 80)}</span>
              ) : (
                <>
                  {' '}
                  · budget left {formatBudget(s.budgetRemaining)} · burn {formatBurn(s.burnRate)}
                  {s.burnWindowMs !== null ? <span className="muted"> ({Math.round(s.burnWindowMs / 60_000)} min)</span> : null}
                </>
              )}
            </div>
          ))}
          {live.slos.length > 2 && <span className="muted">+{live.slos.length - 2} more</span>}
        </section>
      )}
      <section data-testid="event-check-ins">
        <h2>
          Check-ins · {checkIns.counts.kept} kept · {checkIns.counts.missed} missed
        </h2>
        <ul>
          {checkIns.attention.slice(0, MAX_LISTED - 1).map((s) => (
            <li key={`${s.scheduleId}:${s.index}`} className={s.state === 'overdue' ? 'overdue' : undefined} data-testid={`check-in-${s.state}`}>
              <StateChip state={slotWords[s.state]} /> {s.who}
            </li>
          ))}
          {checkIns.attention.length === 0 && <li className="muted">none due</li>}
          {checkIns.attention.length > MAX_LISTED - 1 && <li className="muted">and {checkIns.attention.length - MAX_LISTED + 1} more</li>}
        </ul>
        {live.checkIns.length > 0 && (
          <span className="muted line" data-testid="event-last-check-in">
            last: {live.checkIns.at(-1)!.by} {live.checkIns.at(-1)!.service} {live.checkIns.at(-1)!.status}
            {live.checkIns.at(-1)!.note ? ` “${live.checkIns.at(-1)!.note.slice(0, 60)}”` : ''}
          </span>
        )}
      </section>
      <section className="event-readiness" data-testid="event-readiness">
        <h2>Readiness</h2>
        <StateChip state={readinessWords[ready.overall]} />
        <span className="line">
          {ready.counts.green} ready · {ready.counts.amber} amber · {ready.counts.red} red
        </span>
      </section>
      {plan.forecast && (
        <section data-testid="event-forecast">
          <h2>{plan.forecast.metric}</h2>
          <span className="line">
            now {latest ? count(latest[1]) : '—'} · forecast peak {count(plan.forecast.peak)}
          </span>
          {peakSoFar !== null && (
            <span className="muted line" data-testid="event-peak-so-far">
              {peakSoFar}
            </span>
          )}
        </section>
      )}
      <section data-testid="event-on-duty">
        <h2>On duty</h2>
        <ul>
          {(duty.length > MAX_LISTED ? duty.slice(0, MAX_LISTED - 1) : duty).map((r) => (
            <li key={`${r.person}:${r.role}`}>
              {r.person} <span className="muted">{r.role}</span>
            </li>
          ))}
          {duty.length === 0 && <li className="muted">nobody on shift</li>}
          {duty.length > MAX_LISTED && <li className="muted">and {duty.length - MAX_LISTED + 1} more</li>}
        </ul>
      </section>    </aside>
  );
}

export function EventStrip({ wallId }: { wallId: string }) {
  useLivePlansFeed();
  const all = useLivePlans((s) => s.plans);
  const now = useHubNow();
  const plans = plansForWall(all, wallId);
  const first = plans[0];
  if (!first) return null;
  return <Strip live={first} others={plans.length - 1} now={now} />;
}
