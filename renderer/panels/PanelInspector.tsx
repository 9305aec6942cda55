/**
 * The panel inspector: a side drawer (never modal, never a prompt) beside a wall seen by a person
 * at a keyboard. It shows the panel's source and query as configured, asks the hub's query
 * endpoint for the panel's current range and step once (again only on Refresh), summarises the
 * answer, says how fresh the panel's live frame is and its last error, and copies it all as JSON.
 * Esc closes it. Everything from sources and the hub is shown as text.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatAge } from '../../shared/domain/freshness.ts';
import { panelFrameKey } from '../../shared/domain/panel-query.ts';
import type { Frame } from '../../shared/model/frame.ts';
import type { DataPanelConfig, Workspace } from '../../shared/model/workspace.ts';
import { useHub } from '../app/hub-context.tsx';
import { freshnessIcon, freshnessWord } from '../app/status-words.ts';
import { useApp, useAppStoreApi, useHubNow } from '../state/react.tsx';
import { hubGetJson } from '../transport/rest.ts';
import {
  formatInterval,
  formatRawValue,
  formatUtcTime,
  freshnessWords,
  inspectionJson,
  inspectRequest,
  sourceSummary,
  summariseFrame,
  type InspectRequest,
} from './inspect.ts';
import { OVER_EMBEDS_MARK } from './watch-embed-placement.ts';
import './inspector.css';

/** The rotation stays on the page while someone inspects a panel of it. */
export const INSPECTOR_HOLD = 'panel-inspector';

interface Asked {
  readonly state: 'asking' | 'answered' | 'failed';
  readonly request: InspectRequest;
  /** Hub clock. */
  readonly askedAt: number;
  readonly answer: Frame | null;
  readonly error: string | null;
}

type CopyState = { readonly state: 'idle' } | { readonly state: 'copied'; readonly bytes: number } | { readonly state: 'failed'; readonly why: string; readonly text: string };

function isFrame(value: unknown): value is Frame {
  return typeof value === 'object' && value !== null && Array.isArray((value as Frame).series);
}

interface Props {
  workspace: Workspace;
  panel: DataPanelConfig;
  fallbackIntervalMs: number;
  onClose: () => void;
}

export function PanelInspector({ workspace, panel, fallbackIntervalMs, onClose }: Props) {
  const hub = useHub();
  const store = useAppStoreApi();
  const key = useMemo(() => panelFrameKey(panel), [panel]);
  const liveMeta = useApp((s) => s.frames[key]?.meta ?? null);
  const connected = useApp((s) => s.connection.status === 'connected');
  const hubNow = useHubNow();
  const source = useMemo(() => sourceSummary(panel.source, workspace.sources.find((s) => s.id === panel.source)), [panel.source, workspace]);

  // One request on open and one per Refresh: never polled.
  const [asks, setAsks] = useState(0);
  const [asked, setAsked] = useState<Asked | null>(null);
  useEffect(() => {
    let current = true;
    const askedAt = Date.now() + store.getState().connection.clockOffsetMs;
    const request = inspectRequest(panel, askedAt);
    setAsked({ state: 'asking', request, askedAt, answer: null, error: null });
    hubGetJson<unknown>(hub, request.path).then(
      (answer) => {
        if (!current) return;
        if (isFrame(answer)) setAsked({ state: 'answered', request, askedAt, answer, error: null });
        else setAsked({ state: 'failed', request, askedAt, answer: null, error: 'the hub answered something that is not a frame' });
      },
      (error: unknown) => {
        if (current) setAsked({ state: 'failed', request, askedAt, answer: null, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [hub, store, panel, asks]);

  // Hold the rotation on this page meanwhile; Esc closes from anywhere; focus comes back where it was.
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const { holdWall, releaseWallHold } = store.getState();
    holdWall(INSPECTOR_HOLD, `inspecting “${panel.title}” (Esc closes)`);
    return () => releaseWallHold(INSPECTOR_HOLD);
  }, [store, panel.title]);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, [panel.id]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [onClose]);

  const [copy, setCopy] = useState<CopyState>({ state: 'idle' });
  const onCopy = useCallback(async () => {
    if (!asked) return;
    const text = inspectionJson({ panel, source, request: asked.request, askedAt: asked.askedAt, answer: asked.answer, error: asked.error, liveMeta });
    setCopy(await copyText(text));
  }, [asked, panel, source, liveMeta]);
  useEffect(() => setCopy({ state: 'idle' }), [asked]);

  const fresh = freshnessWords(liveMeta, fallbackIntervalMs, hubNow, connected);
  const titleId = `inspector-title-${panel.id}`;
  return (
    <aside
      className="inspector"
      data-testid="inspector"
      data-panel-id={panel.id}
      aria-labelledby={titleId}
      {...OVER_EMBEDS_MARK}
      // The wall's keys (space, arrows, n, p, r) are for the wall, not for typing in here.
      onKeyDown={(event) => event.stopPropagation()}
    >
      <header className="inspector-head">
        <h2 id={titleId}>
          <span aria-hidden="true">⌕ </span>Inspect · {panel.title}
        </h2>
        <button type="button" ref={closeRef} onClick={onClose} data-testid="inspector-close" aria-label="Close the inspector (Esc)">
          ✕ Close <kbd>Esc</kbd>
        </button>
      </header>

      <section className="inspector-section">
        <h3>Panel and source</h3>
        <dl className="inspector-facts">
          <dt>Panel</dt>
          <dd>
            <code>{panel.id}</code> · {panel.type} · unit {panel.unit}
          </dd>
          <dt>Source</dt>
          <dd data-testid="inspector-source">
            <code>{source.id}</code>
            {source.name && ` (${source.name})`} · {source.type === 'missing' ? 'not in the workspace' : source.type}
            {source.intervalMs !== null && ` · every ${formatInterval(source.intervalMs)}`}
            {source.timeoutMs !== null && ` · timeout ${formatInterval(source.timeoutMs)}`}
          </dd>
          {source.endpoint && (
            <>
              <dt>Endpoint</dt>
              <dd>
                <code>{source.endpoint}</code>
              </dd>
            </>
          )}
        </dl>
        <h3>Query as configured</h3>
        <pre className="inspector-query" data-testid="inspector-query">
          {JSON.stringify(panel.query, null, 2)}
        </pre>
      </section>

      <section className="inspector-section">
        <h3>The panel&apos;s live data</h3>
        <p className="inspector-freshness" data-testid="inspector-freshness" data-freshness={fresh.freshness}>
          <span aria-hidden="true">{freshnessIcon[fresh.freshness]} </span>
          <strong>{freshnessWord[fresh.freshness]}</strong> · last success {fresh.lastSuccess} · last attempt {fresh.lastAttempt} · expected{' '}
          {fresh.expected}
        </p>
        <p className="inspector-live-error" data-testid="inspector-live-error" data-error={fresh.lastError !== null}>
          {fresh.lastError !== null ? (
            <>
              <span aria-hidden="true">▲ </span>Last error: {fresh.lastError}
            </>
          ) : (
            <>
              <span aria-hidden="true">✓ </span>No error since the last success
            </>
          )}
        </p>
      </section>

      <section className="inspector-section">
        <h3>What the hub answers for this query now</h3>
        <div className="inspector-actions">
          <button type="button" onClick={() => setAsks((n) => n + 1)} disabled={asked?.state === 'asking'} data-testid="inspector-refresh">
            <span aria-hidden="true">⟳ </span>Refresh
          </button>
          <button type="button" onClick={() => void onCopy()} disabled={!asked || asked.state === 'asking'} data-testid="inspector-copy">
            <span aria-hidden="true">{'{ } '}</span>Copy as JSON
          </button>
          <span role="status" className="inspector-copy-state" data-testid="inspector-copy-state" data-state={copy.state}>
            {copy.state === 'copied' && `✓ copied (${formatBytes(copy.bytes)})`}
            {copy.state === 'failed' && `✖ could not copy (${copy.why}): select the JSON below`}
          </span>
        </div>
        {copy.state === 'failed' && <textarea className="inspector-json" readOnly value={copy.text} onFocus={(e) => e.currentTarget.select()} aria-label="The inspection as JSON" />}
        {asked && <Answer asked={asked} hubNow={hubNow} />}
      </section>
    </aside>
  );
}

function Answer({ asked, hubNow }: { asked: Asked; hubNow: number }) {
  const summary = useMemo(() => (asked.answer ? summariseFrame(asked.answer) : null), [asked.answer]);
  const { request } = asked;
  return (
    <div className="inspector-answer" data-testid="inspector-answer" data-state={asked.state}>
      <p className="inspector-request" data-testid="inspector-request">
        {request.range
          ? `Range ${formatUtcTime(request.range.start)} → ${formatUtcTime(request.range.end)}, step ${formatInterval(request.range.step)}`
          : 'Instant query'}
        {' · asked '}
        {formatAge(Math.max(0, hubNow - asked.askedAt))} ago ({formatUtcTime(asked.askedAt)})
      </p>
      <details className="inspector-path">
        <summary>Request</summary>
        <code data-testid="inspector-path">GET {readablePath(request.path)}</code>
      </details>
      {asked.state === 'asking' && (
        <p className="inspector-asking">
          <span aria-hidden="true">◌ </span>Asking the hub…
        </p>
      )}
      {asked.state === 'failed' && (
        <p className="inspector-error" data-testid="inspector-error">
          <span aria-hidden="true">✖ </span>The hub could not answer: {asked.error}
        </p>
      )}
      {summary && (
        <>
          <p className="inspector-totals" data-testid="inspector-totals">
            {summary.totalSeries} series · {summary.totalPoints} point{summary.totalPoints === 1 ? '' : 's'}
            {summary.from !== null && summary.to !== null && ` · ${formatUtcTime(summary.from)} → ${formatUtcTime(summary.to)}`}
          </p>
          {summary.totalSeries === 0 ? (
            <p className="inspector-empty" data-testid="inspector-empty">
              <span aria-hidden="true">○ </span>No series: the source has nothing that matches this query.
            </p>
          ) : (
            <table className="inspector-series" data-testid="inspector-series">
              <thead>
                <tr>
                  <th scope="col">Series</th>
                  <th scope="col">Points</th>
                  <th scope="col">First</th>
                  <th scope="col">Last</th>
                </tr>
              </thead>
              <tbody>
                {summary.series.map((s, i) => (
                  <tr key={`${i}:${s.name}`} data-testid="inspector-series-row">
                    <th scope="row">
                      {s.labels.length === 0 ? (
                        <span className="muted">no labels</span>
                      ) : (
                        s.labels.map(([k, v]) => (
                          <span key={k} className="inspector-label">
                            {k}=<strong>{v}</strong>
                          </span>
                        ))
                      )}
                    </th>
                    <td className="num">{s.points}</td>
                    <td className="num">{s.first ? <PointText point={s.first} /> : '–'}</td>
                    <td className="num" data-testid="inspector-series-last">
                      {s.last ? <PointText point={s.last} /> : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {summary.more > 0 && <p className="muted">+ {summary.more} more series (in the JSON)</p>}
        </>
      )}
    </div>
  );
}

function PointText({ point }: { point: readonly [number, number] }) {
  return (
    <span title={new Date(point[0]).toISOString()}>
      {formatRawValue(point[1])} <span className="muted">@ {formatUtcTime(point[0])}</span>
    </span>
  );
}

function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} kB`;
}

/**
 * The clipboard API where the page may use it (a secure context: https, localhost); else the old
 * copy command on a selected text; else the caller shows the text to copy by hand.
 */
async function copyText(text: string): Promise<CopyState> {
  const bytes = new TextEncoder().encode(text).length;
  let why = 'this page may not use the clipboard';
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return { state: 'copied', bytes };
    } catch (error) {
      why = error instanceof Error ? error.message : String(error);
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    if (document.execCommand('copy')) return { state: 'copied', bytes };
  } catch {
    // refused: shown to copy by hand
  } finally {
    area.remove();
  }
  return { state: 'failed', why, text };
}
