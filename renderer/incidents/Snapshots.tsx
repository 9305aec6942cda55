/**
 * Impact snapshots: pick a chart of the workspace, see it live, attach it to the timeline as it
 * looks right now (a PNG kept by the hub, so the postmortem shows what the room saw, not today's
 * data); and each snapshot entry shows its picture inline, fetched with the token. While the hub
 * is away the picture waits in this console's outbox and is shown from there, marked not yet sent.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { isDataPanel } from '../../shared/model/workspace.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { Panel } from '../panels/Panel.tsx';
import { useApp, useAppStoreApi, useHubNow } from '../state/react.tsx';
import { panelFrameKey, panelWindowMs, sourceIntervalMs } from '../wall/model.ts';
import { useIncidents } from './context.tsx';
import { chartPng, SNAPSHOT_SIZE } from './snapshot-capture.ts';

/** The picture of a snapshot entry; the object URL is released when the row goes. */
export function SnapshotImage({ incidentId, assetId, alt }: { incidentId: string; assetId: string; alt: string }) {
  const incidents = useIncidents();
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    let url: string | null = null;
    let gone = false;
    incidents.snapshotBlob(incidentId, assetId).then(
      (blob) => {
        if (gone) return;
        url = URL.createObjectURL(blob);
        setState({ url, error: null });
      },
      (error: unknown) => !gone && setState({ url: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [incidents, incidentId, assetId]);
  if (state.error) return <span className="snapshot-missing">▲ {state.error}</span>;
  if (!state.url) {
    return (
      <span className="muted snapshot-image snapshot-loading" style={{ aspectRatio: SNAPSHOT_ASPECT }} data-testid="snapshot-loading">
        loading the picture…
      </span>
    );
  }
  return <img className="snapshot-image" data-testid="snapshot-image" src={state.url} alt={alt || 'impact snapshot'} width={SNAPSHOT_SIZE.width} height={SNAPSHOT_SIZE.height} />;
}

/**
 * The box a snapshot takes before its picture arrives: the size the console draws them at, so the
 * timeline does not grow under the reader when it loads (a picture of another size, posted
 * through the API, takes its own shape once loaded).
 */
const SNAPSHOT_ASPECT = `${SNAPSHOT_SIZE.width} / ${SNAPSHOT_SIZE.height}`;

/** A picture still held on this machine (a queued snapshot); its object URL goes with the row. */
export function LocalSnapshotImage({ png, alt }: { png: Blob; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(png);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [png]);
  if (!url) return <span className="snapshot-image snapshot-loading" style={{ aspectRatio: SNAPSHOT_ASPECT }} />;
  return <img className="snapshot-image" data-testid="snapshot-image-local" src={url} alt={alt || 'impact snapshot (not yet sent)'} width={SNAPSHOT_SIZE.width} height={SNAPSHOT_SIZE.height} />;
}

export function SnapshotCard({ incidentId, timeZone }: { incidentId: string; timeZone: string }) {
  const workspace = useApp((s) => s.workspace.workspace);
  const connected = useApp((s) => s.connection.status === 'connected');
  const store = useAppStoreApi();
  const incidents = useIncidents();
  const now = useHubNow();
  const charts = useMemo(
    () =>
      (workspace?.walls ?? []).flatMap((wall) =>
        wall.panels.filter((p): p is PanelOf<'timeseries'> => isDataPanel(p) && p.type === 'timeseries').map((panel) => ({ wall: wall.title, panel })),
      ),
    [workspace],
  );
  const [panelId, setPanelId] = useState('');
  const [caption, setCaption] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const chosen = charts.find((c) => c.panel.id === panelId) ?? null;
  const box = useRef<HTMLDivElement>(null);

  // The chosen chart's data, for as long as it is shown.
  useEffect(() => (chosen ? store.getState().wantFrames([{ key: panelFrameKey(chosen.panel), windowMs: panelWindowMs(chosen.panel) }]) : undefined), [store, chosen]);

  if (charts.length === 0) return null;
  const attach = async () => {
    if (!chosen) return;
    const png = chartPng(box.current);
    if (!png) {
      setState({ busy: false, error: 'the chart has not drawn yet' });
      return;
    }
    setState({ busy: true, error: null });
    try {
      await incidents.attachSnapshot(incidentId, png, {
        panelId: chosen.panel.id,
        text: caption.trim() || chosen.panel.title,
        capturedAt: now,
        range: { from: now - chosen.panel.span, to: now },
      });
      setCaption('');
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="side-card snapshots" data-testid="snapshot-card">
      <h3>Impact snapshot</h3>
      <label className="snapshot-pick">
        Chart{' '}
        <select value={panelId} onChange={(e) => setPanelId(e.target.value)} data-testid="snapshot-panel">
          <option value="">— choose —</option>
          {charts.map((c) => (
            <option key={c.panel.id} value={c.panel.id}>
              {c.wall} › {c.panel.title}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <>
          <div className="snapshot-preview" ref={box}>
            <Panel panel={chosen.panel} placement={undefined} timeZone={timeZone} fontPx={12} fallbackIntervalMs={sourceIntervalMs(workspace, chosen.panel.source)} />
          </div>
          <input
            type="text"
            placeholder={`caption (default: ${chosen.panel.title})`}
            value={caption}
            maxLength={500}
            onChange={(e) => setCaption(e.target.value)}
            data-testid="snapshot-caption"
          />
          <button type="button" disabled={state.busy} onClick={() => void attach()} data-testid="snapshot-attach">
            ▣ Attach to the timeline
          </button>
        </>
      )}
      {!connected && chosen && (
        <p className="muted" data-testid="snapshot-offline">
          The hub is unreachable: the picture is kept on this machine and sent when it is back.
        </p>
      )}
      {state.error && (
        <p className="form-error" data-testid="snapshot-error">
          {state.error}
        </p>
      )}
    </section>
  );
}
