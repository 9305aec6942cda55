/**
 * Settings → Displays: in the desktop app, which wall of the workspace goes full screen on which
 * of this computer's displays (saved to the app's settings.json and applied at once). Assignments
 * to a display that is not connected now are kept and shown as such: the app opens that wall when
 * the display is back. In a browser there is nothing to assign: a wall is opened by its URL.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DisplayInfo, WallAssignment, WallAssignmentsBridge, WallAssignmentsState } from '../../shared/bridge.ts';
import { useHub } from '../app/hub-context.tsx';
import { routeHash } from '../app/router.ts';
import { platform } from '../platform/index.ts';
import { useApp } from '../state/react.tsx';

/** Displays come and go (a projector plugged in): the list is read again this often. */
export const DISPLAYS_REFRESH_MS = 5000;

interface WallOption {
  readonly id: string;
  readonly title: string;
}

const assignmentKey = (a: WallAssignment) => `${a.displayId}:${a.wallId}`;
const sameAssignments = (a: readonly WallAssignment[], b: readonly WallAssignment[]) =>
  a.map(assignmentKey).sort().join('\n') === b.map(assignmentKey).sort().join('\n');

function describeDisplay(display: DisplayInfo): string {
  const { x, y, width, height } = display.bounds;
  return `${width}×${height} at (${x}, ${y})`;
}

/** What Save would send: the connected displays' choices, then the kept assignments of absent ones. */
export function nextAssignments(
  state: WallAssignmentsState,
  chosen: ReadonlyMap<number, string>,
  forgotten: ReadonlySet<string>,
): WallAssignment[] {
  const connected = new Set(state.displays.map((d) => d.id));
  const next: WallAssignment[] = [];
  for (const display of state.displays) {
    const wallId = chosen.get(display.id) ?? state.assignments.find((a) => a.displayId === display.id)?.wallId ?? '';
    if (wallId !== '') next.push({ wallId, displayId: display.id });
  }
  for (const a of state.assignments) {
    if (!connected.has(a.displayId) && !forgotten.has(assignmentKey(a)) && !next.some((n) => n.displayId === a.displayId)) next.push(a);
  }
  return next;
}

function DesktopDisplays({ api, walls }: { readonly api: WallAssignmentsBridge; readonly walls: readonly WallOption[] }) {
  const [state, setState] = useState<WallAssignmentsState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** The selects changed since the last save, by display id. */
  const [chosen, setChosen] = useState<ReadonlyMap<number, string>>(new Map());
  /** Kept assignments of absent displays marked to forget. */
  const [forgotten, setForgotten] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(
    () =>
      api.get().then(
        (next) => {
          setState(next);
          setLoadError(null);
        },
        (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
      ),
    [api],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), DISPLAYS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  if (!state) return <p className={loadError ? 'panel-note' : undefined}>{loadError ? `✖ ${loadError}` : 'Loading…'}</p>;

  const next = nextAssignments(state, chosen, forgotten);
  const changed = !sameAssignments(next, state.assignments);
  const connected = new Set(state.displays.map((d) => d.id));
  const absent = state.assignments.filter((a) => !connected.has(a.displayId));
  const wallIds = new Set(walls.map((w) => w.id));
  const titleOf = (wallId: string) => walls.find((w) => w.id === wallId)?.title ?? wallId;

  const save = () => {
    setSaving(true);
    setResult(null);
    api.set(next).then(
      (reply) => {
        setSaving(false);
        if (!reply.ok) return setResult({ ok: false, text: `✖ Not saved: ${reply.error}` });
        setState(reply.state);
        setChosen(new Map());
        setForgotten(new Set());
        const open = reply.state.open.length;
        setResult({
          ok: true,
          text: `✓ Saved to ${reply.state.file}: ${open === 1 ? '1 wall window' : `${open} wall windows`} open now.${reply.note ? ` (${reply.note})` : ''}`,
        });
      },
      (error: unknown) => {
        setSaving(false);
        setResult({ ok: false, text: `✖ Not saved: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
  };

  return (
    <>
      <p>Each display of this computer can show one wall full screen. Save applies it at once: wall windows open, move or close.</p>
      <table className="issues-table" data-testid="displays-table">
        <thead>
          <tr>
            <th>Display</th>
            <th>Size and position</th>
            <th>Id</th>
            <th>Wall</th>
            <th>Now</th>
          </tr>
        </thead>
        <tbody>
          {state.displays.map((display) => {
            const value = next.find((a) => a.displayId === display.id)?.wallId ?? '';
            const open = state.open.find((a) => a.displayId === display.id);
            return (
              <tr key={display.id} data-testid={`display-${display.id}`}>
                <td>
                  {display.label}
                  {display.primary && <strong data-testid={`display-primary-${display.id}`}> · ★ primary</strong>}
                </td>
                <td>{describeDisplay(display)}</td>
                <td>
                  <code>{display.id}</code>
                </td>
                <td>
                  <select
                    value={value}
                    aria-label={`Wall on ${display.label}`}
                    data-testid={`display-wall-${display.id}`}
                    onChange={(e) => setChosen(new Map(chosen).set(display.id, e.target.value))}
                  >
                    <option value="">none</option>
                    {walls.map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.title} ({w.id})
                      </option>
                    ))}
                    {value !== '' && !wallIds.has(value) && <option value={value}>{value} (not in the workspace)</option>}
                  </select>
                </td>
                <td data-testid={`display-open-${display.id}`}>{open ? `● showing ${titleOf(open.wallId)}` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {absent.length > 0 && (
        <>
          <h3>Saved for displays not connected now</h3>
          <ul data-testid="displays-absent">
            {absent.map((a) => {
              const forget = forgotten.has(assignmentKey(a));
              return (
                <li key={assignmentKey(a)} data-testid={`absent-${a.displayId}`} data-forgotten={forget}>
                  {titleOf(a.wallId)} ({a.wallId}) on display <code>{a.displayId}</code>: ⊘ not connected
                  {forget ? ' — forgotten when you save ' : ' — kept, and shown again when it is plugged back in '}
                  <button
                    type="button"
                    data-testid={`absent-forget-${a.displayId}`}
                    onClick={() => {
                      const set = new Set(forgotten);
                      if (forget) set.delete(assignmentKey(a));
                      else set.add(assignmentKey(a));
                      setForgotten(set);
                    }}
                  >
                    {forget ? 'Keep' : 'Forget'}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {walls.length === 0 && <p className="panel-note">The workspace has no walls loaded yet.</p>}
      <button type="button" disabled={!changed || saving} onClick={save} data-testid="displays-save">
        {saving ? 'Saving…' : 'Save'}
      </button>
      {result && (
        <p role={result.ok ? 'status' : 'alert'} data-testid="displays-result" data-ok={result.ok}>
          {result.text}
        </p>
      )}
      {loadError && <p className="panel-note">✖ {loadError}</p>}
    </>
  );
}

function BrowserWalls({ walls }: { readonly walls: readonly WallOption[] }) {
  const hub = useHub();
  const base = (hub.hubUrl() ?? `${window.location.origin}${window.location.pathname}`).replace(/\/$/, '');
  return (
    <p data-testid="displays-browser">
      In a browser, a wall is opened by its URL, one browser window per screen
      {walls.length > 0 ? ': ' : '.'}
      {walls.map((w, i) => (
        <span key={w.id}>
          {i > 0 && ', '}
          <a href={`${base}/${routeHash({ name: 'wall', wallId: w.id, distance: null })}`} data-testid={`displays-wall-link-${w.id}`}>
            {w.title}
          </a>
        </span>
      ))}
      {walls.length > 0 && '.'}
    </p>
  );
}

export function Displays() {
  const bridge = platform();
  const workspaceWalls = useApp((s) => s.workspace.workspace?.walls);
  const walls: WallOption[] = (workspaceWalls ?? []).map((w) => ({ id: w.id, title: w.title }));
  return (
    <section className="card" data-testid="settings-displays">
      <h2>Displays</h2>
      {bridge.kind === 'desktop' && bridge.wallAssignments ? <DesktopDisplays api={bridge.wallAssignments} walls={walls} /> : <BrowserWalls walls={walls} />}
    </section>
  );
}
