/**
 * The `pulse` panel: how many people are talking (posts per minute) and how many are unhappy (the
 * negative share), over the panel's span; complaints by topic over the last 15 minutes; whether a
 * complaint spike is on. Live from the hub's pulse updates.
 */
import { useEffect, useMemo, useRef } from 'react';
import { formatAge } from '../../../shared/domain/freshness.ts';
import { COMPLAINT_TOPICS } from '../../../shared/domain/sentiment/index.ts';
import type { PanelOf } from '../../../shared/model/workspace.ts';
import { useEChart } from '../../charts/useEChart.ts';
import { useWallCharts } from '../../charts/wall-charts.ts';
import { useApp, useHubNow } from '../../state/react.tsx';
import type { GridPlacement } from '../../wall/grid.ts';
import { PanelFrame } from '../PanelFrame.tsx';
import { useWholeRows } from '../useWholeRows.ts';
import { minuteSeries, pulseChartBase, pulseChartData } from './chart.ts';
import { usePulse } from './usePulse.ts';
import { negativeIsHigh, pct, spikeVerdict, verdictTone, type PulseVerdictState } from './words.ts';
import './pulse.css';

const TOPIC_MINUTES = 15;
const RATE_MINUTES = 5;
const verdictTitle: Partial<Record<PulseVerdictState, string>> = {
  learning: 'The spike detector is still learning what is usual here (no history kept from before); it judges when this countdown ends',
  elevated: `No complaint spike, but the share of negative posts over the last ${RATE_MINUTES} minutes is well above the share the detector learned as usual`,
};

interface Props {
  panel: PanelOf<'pulse'>;
  placement: GridPlacement | undefined;
  timeZone: string;
  fontPx: number;
}

export function PulsePanel({ panel, placement, timeZone, fontPx }: Props) {
  const spanMinutes = Math.round(panel.span / 60_000);
  const pulse = usePulse(spanMinutes);
  const connected = useApp((s) => s.connection.status === 'connected');
  const now = useHubNow();
  // Recomputed when the data or the minute changes, not every second.
  const minuteNow = Math.floor(now / 60_000) * 60_000;
  const series = useMemo(() => minuteSeries(pulse.minutes, spanMinutes, minuteNow), [pulse.minutes, spanMinutes, minuteNow]);

  const ref = useRef<HTMLDivElement>(null);
  const base = useMemo(() => pulseChartBase(fontPx, timeZone), [fontPx, timeZone]);
  const charts = useWallCharts();
  const push = useEChart(ref, base, charts.canvas);
  useEffect(() => push((size) => pulseChartData(series, charts.palette, fontPx, size)), [push, series, charts, fontPx]);

  // Posts per minute and the negative share over the last minutes: a 15-minute share stayed at 89 %
  // for ten minutes after the demo's outage (its minutes carry 20× the posts) while the posts
  // written since were 0–20 % negative and the spike had rightly cleared.
  const recent = series.slice(-RATE_MINUTES);
  const recentVolume = recent.reduce((n, m) => n + m.volume, 0);
  const perMinute = recentVolume / Math.max(1, recent.length);
  const recentShare = { negative: recent.reduce((n, m) => n + m.negative, 0), volume: recentVolume, usualShare: pulse.usualNegativeShare };
  const window = series.slice(-TOPIC_MINUTES);
  const topics = COMPLAINT_TOPICS.map((topic) => ({ topic, count: window.reduce((n, m) => n + (m.topics[topic] ?? 0), 0) }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count);
  const topMax = topics[0]?.count ?? 1;
  // The topics that fit whole under the chart; the rest named on a "+N more" line (never a cut row).
  const bodyRef = useRef<HTMLDivElement>(null);
  const factsRef = useRef<HTMLDivElement>(null);
  const feedsRef = useRef<HTMLUListElement>(null);
  const topicsRef = useRef<HTMLUListElement>(null);
  const around = useMemo(() => [bodyRef, factsRef, feedsRef], []);
  const fit = useWholeRows(topicsRef, around, topics.map((t) => t.topic).join(), ':scope > .pulse-topic', ':scope > .pulse-topic-more');
  const shownTopics = topics.length > fit ? topics.slice(0, fit) : topics;
  const moreTopics = topics.slice(shownTopics.length);
  const spike = pulse.spike;
  const verdict = spikeVerdict(spike, pulse.baselineReadyAt, now, recentShare);
  const failing = pulse.feeds.filter((f) => f.lastError !== null);

  return (
    <PanelFrame
      panel={panel}
      placement={placement}
      freshness={{ freshness: connected ? 'live' : 'disconnected', ageMs: null, waiting: !pulse.ready }}
      state={verdictTone[verdict.state]}
      chip
      // Posts are coming in while the detector learns: "No value" would say otherwise.
      {...(verdict.state === 'learning' ? { chipLabel: { icon: '◌', word: 'Learning' } } : verdict.state === 'elevated' ? { chipLabel: { icon: '▲', word: 'Elevated' } } : {})}
      waiting={<p>Waiting for the customer pulse{pulse.error ? ` · ${pulse.error}` : ''}</p>}
      error={failing.length > 0 ? failing.map((f) => `${f.id}: ${f.lastError}`).join(' · ') : null}
      resetKey={pulse.ready}
    >
      <div ref={bodyRef} className="pulse" data-testid={`pulse-${panel.id}`}>
        <div ref={factsRef} className="pulse-facts">
          <span className="pulse-fact" data-testid="pulse-rate">
            <span className="pulse-fact-value">{perMinute >= 10 ? Math.round(perMinute) : perMinute.toFixed(1)}</span>
            <span className="pulse-fact-label">posts/min</span>
          </span>
          <span className="pulse-fact" data-testid="pulse-negative" data-high={negativeIsHigh(verdict.state, recentShare)} data-verdict={verdict.state}>
            <span className="pulse-fact-value">{pct(recentVolume === 0 ? null : recentShare.negative / recentVolume)}</span>
            <span className="pulse-fact-label">
              negative · {RATE_MINUTES} min{verdict.state !== 'learning' && pulse.usualNegativeShare !== null ? ` · usual ${pct(pulse.usualNegativeShare)}` : ''}
            </span>
          </span>
          <span
            className="pulse-fact pulse-spike-state"
            data-testid="pulse-spike-state"
            data-spike={spike !== null}
            data-verdict={verdict.state}
            title={verdictTitle[verdict.state]}
          >
            <span className="pulse-fact-value">
              <span aria-hidden="true">{verdict.icon} </span>
              {verdict.words}
            </span>
            <span className="pulse-fact-label" data-testid="pulse-spike-detail">
              {verdict.detail}
            </span>
          </span>
        </div>
        {/* The chart one level below the figures: the topics' refit in useWholeRows' ResizeObserver
            callback (before the paint) resizes the chart, and a resize observer (useEChart's) can
            only be told of that in the same frame about an element deeper than the ones whose
            change it is answering (the figures, the feeds line); at their depth Chromium reports
            "ResizeObserver loop completed with undelivered notifications". */}
        <div className="pulse-chart-room">
          <div ref={ref} className="chart pulse-chart" data-testid={`chart-${panel.id}`} />
        </div>
        <p className="chart-hidden" data-testid={`chart-hidden-${panel.id}`}>
          Chart hidden: the panel is too short to read it
        </p>
        <ul ref={topicsRef} className="pulse-topics" data-testid="pulse-topics" aria-label={`Complaints by topic, last ${TOPIC_MINUTES} minutes`}>
          {topics.length === 0 && <li className="pulse-topic-none">No complaints in the last {TOPIC_MINUTES} min</li>}
          {shownTopics.map((t) => (
            <li key={t.topic} className="pulse-topic" data-topic={t.topic}>
              <span className="pulse-topic-name">{t.topic}</span>
              <span className="pulse-topic-bar" style={{ width: `${Math.max(4, (t.count / topMax) * 100)}%` }} aria-hidden="true" />
              <span className="pulse-topic-count">{t.count}</span>
            </li>
          ))}
          {moreTopics.length > 0 && (
            <li className="pulse-topic-more" data-testid="pulse-topics-more">
              +{moreTopics.length} more: {moreTopics.map((t) => `${t.topic} ${t.count}`).join(', ')}
            </li>
          )}
        </ul>
        {pulse.feeds.length > 0 && (
          <ul ref={feedsRef} className="pulse-feeds" data-testid="pulse-feeds" aria-label="Feeds">
            {pulse.feeds.map((f) => (
              <li
                key={f.id}
                className="pulse-feed"
                data-feed={f.id}
                data-ok={f.lastError === null && f.lastSuccessAt !== null}
                data-warnings={f.warnings.length}
                title={f.lastError ?? (f.warnings.length > 0 ? f.warnings.join('\n') : f.url)}
              >
                <span aria-hidden="true">{f.lastError !== null ? '✖ ' : f.lastSuccessAt === null ? '◌ ' : f.warnings.length > 0 ? '▲ ' : '✓ '}</span>
                {f.id}{' '}
                <span className="pulse-feed-when">
                  {f.lastError !== null ? 'failing' : f.lastSuccessAt !== null ? formatAge(Math.max(0, now - f.lastSuccessAt)) : 'waiting'}
                </span>
                {f.lastError === null && f.warnings.length > 0 && (
                  <span className="pulse-feed-warn" data-testid={`pulse-feed-warnings-${f.id}`}>
                    {' '}
                    · partly read
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </PanelFrame>
  );
}
