/**
 * Event mode on the wall: while a plan runs (live, or ready within its window), a strip with the
 * countdown to the next key moment, readiness, who is on duty, check-ins due and overdue (overdue
 * flashes), the risk triggers the hub watches (a fired one shows its contingency plan), forecast
 * vs actual, the event SLOs (budget left for the event, burn rate, alert state) and the change
 * freeze (with the changes recorded during it, if any). The strip also feeds the key-moment
 * annotations the time-series panels of the walls the plan runs on draw. Walls only read:
 * everything comes from the hub.
 */
import '../planner/planner.css';
import { safeText } from '../../shared/domain/safe-text.ts';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { planCheckIns } from '../../shared/domain/planning/check-ins.ts';
import { freezeWords } from '../../shared/domain/room-signals.ts';
import { mostUrgentFirst } from '../../shared/domain/planning/fired-trigger.ts';
import { count, formatLocal } from '../../shared/domain/planning/markdown.ts';
import { readinessSummary } from '../../shared/domain/planning/readiness.ts';
import { inFreeze, nextKeyMoment, onDuty } from '../../shared/domain/planning/timeline.ts';
import type { LiveEventSlo, LivePlan } from '../../shared/protocol/plans.ts';
import { countdown } from '../incidents/words.ts';
import { FiredTrigger } from './FiredTrigger.tsx';
import { StateChip } from '../planner/StateChip.tsx';
import { aboveForecastWords, planStateWords, readinessWords, sloAlertWords, slotWords, triggerWords } from '../planner/words.ts';
import { formatBudget, formatBurn } from '../panels/slo-view.ts';
import { useLivePlans, useLivePlansFeed } from '../state/live-plans.ts';
import { useHubNow } from '../state/react.tsx';
import { aboveForecast, eventBudgetTooEarlyWhy, eventBudgetWords, peakSoFarWords, plansForWall } from './event-plans.ts';
import { fitStrip, stacksEvent } from './strip-fit.ts';

const MAX_LISTED = 3;

interface Section {
  readonly key: string;
  /** How the "+N more" box names it when it drops. */
  readonly name: string;
  /** In a bad state: shown before every calm section. */
  readonly trouble: boolean;
  /** Shown with the event, before sections in trouble: what event mode is for (the countdown). */
  readonly lead?: boolean;
  readonly className?: string;
  readonly testId?: string;
  readonly node: ReactNode;
}

/**
 * Sections are laid out at their natural width and shown whole or not at all: a fired trigger
 * and the event (never dropped, so fired lines say whose they are; beside a fired trigger, narrow),
 * an event SLO at PAGE (with nothing fired its section, else a line in the fired box), then the countdown to its next key moment, then sections in trouble, then calm ones in order of
 * importance (strip-fit.ts); the rest are named in "+N more". Dropped ones stay in the DOM, out of
 * the flow and hidden, so their widths can be measured.
 */
function Strip({ live, others, now, timeZone }: { live: LivePlan; others: number; now: number; timeZone: string }) {
  const { plan } = live;
  const next = nextKeyMoment(plan, now);
  const ready = readinessSummary(plan, now);
  const duty = onDuty(plan, now);
  const checkIns = planCheckIns(plan, live.checkIns, now);
  const fired = mostUrgentFirst(plan, live.triggers.filter((t) => t.state === 'fired'));
  const pending = live.triggers.filter((t) => t.state === 'pending');
  const noData = live.triggers.filter((t) => t.state === 'no_data').length;
  // A trigger on a panel the workspace lacks never fires: said plainly, so the plan gets fixed.
  const noPanel = live.triggers.filter((t) => t.state === 'no_panel');
  const missingPanel = noPanel.length > 0 ? missingPanelWords(plan, noPanel[0]!.riskId, noPanel.length - 1) : null;
  const peakSoFar = peakSoFarWords(live);
  const latest = live.actual.at(-1);
  const overForecast = aboveForecast(live);
  // An event SLO at PAGE is as urgent as a fired trigger: the fastest burning first.
  const paging = (live.slos ?? []).filter((s) => s.alert === 'page' && s.error === null).sort((a, b) => (b.burnRate ?? 0) - (a.burnRate ?? 0));

  const sections: Section[] = [
    {
      key: 'event',
      name: 'event',
      className: 'event-name',
      testId: 'event-name',
      trouble: false,
      node: (
        <>
          <h2>Event{others > 0 ? ` (+${others} more)` : ''}</h2>
          {/* A long name is cut, whole in its tooltip; the state never is. */}
          <span className="line event-title">
            <strong title={plan.event.name}>{plan.event.name}</strong> <StateChip state={planStateWords[plan.event.state]} />
          </span>
        </>
      ),
    },
  ];
  if (inFreeze(plan, now)) {
    // Changes recorded inside the freeze (the hub counts them, every service: the scope is free text).
    const breach = live.freezeChanges && live.freezeChanges.count > 0 ? live.freezeChanges : null;
    const last = breach?.latest ?? null;
    sections.push({
      key: 'freeze',
      name: 'change freeze',
      trouble: breach !== null,
      className: 'event-freeze',
      testId: 'event-freeze',
      node: (
        <>
          <h2>Change freeze</h2>
          <span className="line">
            <StateChip state={{ word: 'FREEZE ON', icon: '❄', tone: 'warning' }} />
          </span>
          {breach && (
            <>
              <span className="line freeze-breach" data-testid="freeze-changes">
                <span aria-hidden="true">⚠</span> {freezeWords(breach.count)}
              </span>
              {last && (
                <span className="line freeze-latest" data-testid="freeze-latest" title={safeText(`${last.service}: ${last.description}`, { singleLine: true }).text}>
                  latest {formatLocal(last.at, timeZone).slice(-5)} {safeText(`${last.service}: ${last.description}`, { singleLine: true, maxGraphemes: 120 }).text}
                </span>
              )}
            </>
          )}
        </>
      ),
    });
  }
  sections.push(
    {
      key: 'next',
      name: 'next key moment',
      trouble: false,
      lead: next !== null,
      className: 'event-next',
      testId: 'event-countdown',
      node: (
        <>
          <h2>Next</h2>
          {next ? (
            <span className="line">
              {/* The room's zone, as the header's first clock and the incident banner. */}
              {next.moment.label} at {formatLocal(next.at, timeZone).slice(-5)} <span className="countdown">{countdown(next.inMs)}</span>
            </span>
          ) : (
            <span className="line">No key moment left</span>
          )}
        </>
      ),
    },
    {
      key: 'triggers',
      name: 'risk triggers',
      trouble: fired.length > 0 || pending.length > 0 || noPanel.length > 0,
      className: 'event-triggers',
      testId: 'event-triggers',
      node: (
        <>
          <h2>
            Risk triggers · {live.triggers.length - noPanel.length} watched{pending.length > 0 ? ` · ${pending.length} pending` : ''}
            {noData > 0 ? ` · ${noData} without data` : ''}
            {noPanel.length > 0 ? ` · ${noPanel.length} without a panel` : ''}
            {fired.length > 1 ? ` · ${fired.length} fired` : ''}
            {fired.length > 2 ? ` · +${fired.length - 2} more fired` : ''}
          </h2>
          {/* One alone whole, in large type; two or more one line each, the most urgent first. */}
          {fired.slice(0, 2).map((t) => (
            <FiredTrigger key={t.riskId} trigger={t} plan={plan} compact={fired.length > 1} />
          ))}
          {/* Beside a fired trigger the SLO section has no room (it needs the fired one's reserve): the
              SLO that pages rides in the fired box, one line, shown while its section is not (planner.css). */}
          {fired.length > 0 && paging[0] && <SloPagingLine slo={paging[0]} more={paging.length - 1} />}
          {/* One line under the heading: a pending trigger, else a missing panel in place of "nothing fired" (the heading counts both). */}
          {fired.length > 0 ? null : pending.length > 0 || !missingPanel ? (
            <span className="line">
              <StateChip state={triggerWords[pending.length > 0 ? 'pending' : 'clear']} /> {pending[0]?.description ?? 'nothing fired'}
            </span>
          ) : (
            <span className="line trigger-no-panel" data-testid="trigger-no-panel" title={missingPanel}>
              <span aria-hidden="true">▲</span> {missingPanel}
            </span>
          )}
        </>
      ),
    },
  );
  if (live.slos && live.slos.length > 0) {
    const slos = live.slos;
    sections.push({
      key: 'slos',
      name: 'event SLOs',
      trouble: slos.some((s) => s.alert === 'page' || s.alert === 'ticket'),
      className: 'event-slos',
      testId: 'event-slos',
      node: (
        <>
          <h2>Event SLOs{slos.length > 2 ? ` · +${slos.length - 2} more` : ''}</h2>
          <div className="slo-lines">
            {slos.slice(0, 2).map((s) => (
              <div key={s.id} className="line" data-testid="event-slo" data-alert={s.alert ?? 'no_data'} title={s.error ?? eventBudgetTooEarlyWhy(s) ?? undefined}>
                <StateChip state={sloAlertWords[s.alert ?? 'no_data']} /> {s.name}
                {s.error !== null ? (
                  <span className="muted"> · {s.error.slice(0, 80)}</span>
                ) : (
                  <>
                    {' '}
                    · {eventBudgetWords(s)} · burn {formatBurn(s.burnRate)}
                    {s.burnWindowMs !== null ? <span className="muted"> ({Math.round(s.burnWindowMs / 60_000)} min)</span> : null}
                  </>
                )}
              </div>
            ))}
          </div>
        </>
      ),
    });
  }
  sections.push(
    {
      key: 'check-ins',
      name: 'check-ins',
      trouble: checkIns.counts.missed > 0 || checkIns.attention.some((s) => s.state === 'overdue'),
      testId: 'event-check-ins',
      node: (
        <>
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
            <span className="muted line event-last-check-in" data-testid="event-last-check-in">
              last: {live.checkIns.at(-1)!.by} {live.checkIns.at(-1)!.service} {live.checkIns.at(-1)!.status}
              {live.checkIns.at(-1)!.note ? ` “${live.checkIns.at(-1)!.note.slice(0, 60)}”` : ''}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'readiness',
      name: 'readiness',
      trouble: ready.overall === 'red' || ready.overall === 'amber',
      className: 'event-readiness',
      testId: 'event-readiness',
      node: (
        <>
          <h2>Readiness</h2>
          <span className="line">
            <StateChip state={readinessWords[ready.overall]} />
          </span>
          <span className="line readiness-counts">
            {ready.counts.green} ready · {ready.counts.amber} amber · {ready.counts.red} red
          </span>
        </>
      ),
    },
  );
  if (plan.forecast) {
    const forecast = plan.forecast;
    sections.push({
      key: 'forecast',
      name: 'forecast',
      trouble: overForecast,
      testId: 'event-forecast',
      node: (
        <>
          <h2>{forecast.metric}</h2>
          <span className="line">
            {overForecast && <StateChip state={aboveForecastWords} testId="event-above-forecast" />} now {latest ? count(latest[1]) : '—'} · forecast peak {count(forecast.peak)}
          </span>
          {peakSoFar !== null && (
            <span className="muted line" data-testid="event-peak-so-far">
              {peakSoFar}
            </span>
          )}
        </>
      ),
    });
  }
  sections.push({
    key: 'on-duty',
    name: 'on duty',
    trouble: duty.length === 0,
    testId: 'event-on-duty',
    node: (
      <>
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
      </>
    ),
  });

  const [rowRef, shown, stacked] = useFit(sections, fired.length, fired.length === 0 && paging.length > 0);
  // Those in trouble named first, so a clamped list still shows them.
  const dropped = shown === null ? [] : [...sections.filter((s) => !shown.has(s.key) && s.trouble), ...sections.filter((s) => !shown.has(s.key) && !s.trouble)];
  return (
    <aside className="event-strip" data-testid="event-strip" data-fired={fired.length > 0} data-stacked={stacked} aria-label={`Event: ${plan.event.name}`}>
      <div className="strip-row" ref={rowRef}>
        {sections.map((s) => (
          <section
            key={s.key}
            className={s.className ? `strip-section ${s.className}` : 'strip-section'}
            data-testid={s.testId}
            data-section={s.key}
            data-trouble={s.trouble}
            data-shown={shown === null || shown.has(s.key)}
            aria-hidden={shown !== null && !shown.has(s.key) ? true : undefined}
          >
            {s.node}
          </section>
        ))}
        <section className="strip-more" data-testid="event-more" data-shown={dropped.length > 0} aria-hidden={dropped.length === 0 ? true : undefined}>
          <h2>+{dropped.length} more</h2>
          <span className="strip-more-names">
            {dropped.map((s, i) => (
              <span key={s.key} data-trouble={s.trouble}>
                {i > 0 ? ', ' : ''}
                {s.trouble ? '✖ ' : ''}
                {s.name}
              </span>
            ))}
          </span>
        </section>
      </div>
    </aside>
  );
}

/**
 * "✖ PAGE Entitlement requests succeed · burn ×380 · budget left 42% · +1 paging": the SLO that
 * pages, in the fired box's large type, whole in its tooltip. On a narrow strip the name is cut
 * first to a few words, then the budget: the burn rate stays.
 */
function SloPagingLine({ slo, more }: { slo: LiveEventSlo; more: number }) {
  const budget = slo.budgetTooEarly ? 'budget: too early' : `budget left ${formatBudget(slo.budgetRemaining)}`;
  const figures = `· burn ${formatBurn(slo.burnRate)} · ${budget}${more > 0 ? ` · +${more} paging` : ''}`;
  return (
    <div className="slo-paging" data-testid="slo-paging" title={`${slo.name} ${figures}`}>
      <StateChip state={sloAlertWords.page} /> <span className="slo-paging-name">{slo.name}</span> <span className="slo-paging-figures">{figures}</span>
    </div>
  );
}

/** "no panel 'cdn-misses' on this workspace (+1 more)": the panel a risk's trigger names, as text. */
function missingPanelWords(plan: LivePlan['plan'], riskId: string, more: number): string {
  const panel = plan.risks.find((r) => r.id === riskId)?.contingency?.trigger.panel ?? '';
  return `no panel '${safeText(panel, { singleLine: true, maxGraphemes: 40 }).text}' on this workspace${more > 0 ? ` (+${more} more)` : ''}`;
}

/**
 * Measures the sections after each render (the clock ticks it every second) and on a resize, and picks those that fit.
 * Stacked: one trigger fired and nothing but the event beside it (`stacksEvent`): the event
 * stands above "+N more", so the fired one, shown whole, gets the event's width back and wraps
 * fewer lines.
 */
function useFit(sections: readonly Section[], firedCount: number, sloPages: boolean): [RefObject<HTMLDivElement | null>, ReadonlySet<string> | null, boolean] {
  const rowRef = useRef<HTMLDivElement | null>(null);
  const [shown, setShown] = useState<ReadonlySet<string> | null>(null);
  const [stacked, setStacked] = useState(false);
  const [, setResized] = useState(0);
  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    const more = row.querySelector<HTMLElement>('.strip-more');
    const gap = parseFloat(getComputedStyle(row).columnGap) || 0;
    const moreWidth = more ? more.getBoundingClientRect().width : 0;
    const widthOf = (key: string) => row.querySelector<HTMLElement>(`[data-section="${key}"]`)?.getBoundingClientRect().width ?? 0;
    const remPx = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const remVar = (name: string) => parseFloat(getComputedStyle(row).getPropertyValue(name)) * remPx;
    // Beside a fired trigger, the event's width in a column of its own, measured from its heading,
    // name and state: the same stacked or not, so stacking never undoes itself.
    const eventWidth = firedCount > 0 ? eventColumnWidth(row, remVar('--event-compact')) : widthOf('event');
    // A fired trigger grows into the room the others leave: reserve its minimum, not its width. The
    // event is never dropped: on a narrow row the reservation gives way to it and to "+N more" (as
    // the strip's CSS floor does).
    const firedMinCss = remVar('--fired-min');
    const firedMin = Math.max(0, Math.min(row.clientWidth - 2 - eventWidth - moreWidth - 2 * gap, firedMinCss));
    const items = sections.map((s, i) => {
      const fired = s.key === 'triggers' && firedCount > 0;
      const width = fired ? firedMin : s.key === 'event' ? eventWidth : widthOf(s.key);
      // An SLO paging with nothing fired takes the fired group's place, before the countdown.
      const group = fired || (sloPages && s.key === 'slos') ? 0 : s.key === 'event' || s.lead ? 1 : s.trouble ? 2 : 3;
      return { key: s.key, width, priority: group * 100 + i, group, must: fired || s.key === 'event' };
    });
    // A pixel to spare against rounding, so the last box is never shaved.
    const next = fitStrip(items, row.clientWidth - 2, gap, moreWidth);
    const stack = stacksEvent(firedCount, next);
    setShown((prev) => (prev !== null && prev.size === next.size && [...next].every((k) => prev.has(k)) ? prev : next));
    setStacked(stack);
  });
  useEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    // The width, and the height when another banner makes the strip compact.
    const observer = new ResizeObserver(() => setResized((n) => n + 1));
    observer.observe(row);
    return () => observer.disconnect();
  }, []);
  return [rowRef, shown, stacked];
}

/** The event's width in its narrow column beside a fired trigger (heading, name above state, at most `compact` px). */
function eventColumnWidth(row: HTMLElement, compact: number): number {
  const event = row.querySelector<HTMLElement>('[data-section="event"]');
  if (!event) return 0;
  // The text's own width, not its box's (a heading is as wide as its column).
  const textWidth = (e: Element | null) => {
    if (!e) return 0;
    const range = document.createRange();
    range.selectNodeContents(e);
    return range.getBoundingClientRect().width;
  };
  const chip = event.querySelector('.event-title .state-chip')?.getBoundingClientRect().width ?? 0;
  return Math.min(compact, Math.max(textWidth(event.querySelector('h2')), textWidth(event.querySelector('.event-title strong')), chip));
}

export function EventStrip({ wallId, timeZone }: { wallId: string; timeZone: string }) {
  useLivePlansFeed();
  const all = useLivePlans((s) => s.plans);
  const now = useHubNow();
  const plans = plansForWall(all, wallId, now);
  const first = plans[0];
  if (!first) return null;
  return <Strip live={first} others={plans.length - 1} now={now} timeZone={timeZone} />;
}
