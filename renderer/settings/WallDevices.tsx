/**
 * Settings → Wall devices: enter the code a wall shows to enrol it, or create a code to type on
 * the wall; every wall's last heartbeat.
 */
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { formatAge } from '../../shared/domain/freshness.ts';
import type { EnrolCodeReply, WallHealth } from '../../shared/protocol/walls.ts';
import { useHub } from '../app/hub-context.tsx';
import { routeHash } from '../app/router.ts';
import { spacedCode } from '../wall/EnrolScreen.tsx';

export const HEALTH_REFRESH_MS = 5000;

function EnrolForm() {
  const hub = useHub();
  const codeId = useId();
  const nameId = useId();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Over the socket (not REST): the desktop console's app:// origin cannot make CORS calls.
    void hub.request('enrolment:approve', { code, name }).then((reply) => {
      if (!reply.ok) return setResult({ ok: false, text: `✖ ${reply.error.message}` });
      setResult({ ok: true, text: `✓ “${reply.name}” is enrolled: the wall starts within a few seconds.` });
      setCode('');
      setName('');
    });
  };
  return (
    <form onSubmit={submit} className="sign-in-form" data-testid="enrol-form">
      <label htmlFor={codeId}>Code shown on the wall</label>
      <input id={codeId} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} placeholder="K7P 4XW" data-testid="enrol-code-input" />
      <label htmlFor={nameId}>Name of the screen</label>
      <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} placeholder="NOC left screen" data-testid="enrol-name-input" />
      <button type="submit" disabled={!code.trim() || !name.trim()} data-testid="enrol-submit">
        Enrol this wall
      </button>
      {result && (
        <p role="status" data-testid="enrol-result" data-ok={result.ok}>
          {result.text}
        </p>
      )}
    </form>
  );
}

/** The other direction: a code (shown once, one use, 15 min) to type on a browser wall at #/enrol. */
function CreateCodeForm() {
  const hub = useHub();
  const nameId = useId();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<EnrolCodeReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void hub.request('enrolment:create', { name }).then((reply) => {
      if (!reply.ok) return setError(reply.error.message);
      setError(null);
      setCreated(reply);
      setName('');
    });
  };
  const url = `${(hub.hubUrl() ?? window.location.origin).replace(/\/$/, '')}/${routeHash({ name: 'enrol' })}`;
  return (
    <form onSubmit={submit} className="sign-in-form" data-testid="enrol-create-form">
      <label htmlFor={nameId}>Name of the screen</label>
      <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} placeholder="Lobby screen" data-testid="enrol-create-name" />
      <button type="submit" disabled={!name.trim()} data-testid="enrol-create-submit">
        Create an enrolment code
      </button>
      {error && (
        <p role="alert" className="panel-note">
          ✖ {error}
        </p>
      )}
      {created && (
        <p role="status" data-testid="enrol-created">
          On the screen “{created.name}”, open <code data-testid="enrol-created-url">{url}</code> and enter{' '}
          <strong className="enrol-code" data-testid="enrol-created-code">
            {spacedCode(created.code)}
          </strong>{' '}
          before {new Date(created.expiresAt).toLocaleTimeString()}. It works once and is not shown again.
        </p>
      )}
    </form>
  );
}

function WallList() {
  const hub = useHub();
  const [walls, setWalls] = useState<WallHealth[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = () =>
      void hub.request('walls:health', {}).then((reply) => {
        if (stopped) return;
        if (reply.ok) {
          setWalls(reply.walls);
          setError(null);
        } else setError(reply.error.message);
      });
    load();
    const timer = setInterval(load, HEALTH_REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [hub]);
  if (error) return <p className="panel-note">{error}</p>;
  if (!walls) return <p>Loading…</p>;
  if (walls.length === 0) return <p>No wall has reported yet.</p>;
  const now = Date.now();
  return (
    <table className="issues-table" data-testid="wall-health">
      <thead>
        <tr>
          <th>Screen (token)</th>
          <th>Wall · page</th>
          <th>State</th>
          <th>Errors</th>
          <th>Oldest data</th>
          <th>Heap</th>
          <th>Frames/s</th>
          <th>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {walls.map((w) => (
          <tr key={w.socketId} data-testid={`wall-health-${w.wallId}`} data-connected={w.connected}>
            <td>{w.tokenName}</td>
            <td>
              {w.wallId} · {w.page}
            </td>
            <td>{w.connected ? '● connected' : '⊘ gone'}</td>
            <td>{w.errors > 0 ? `▲ ${w.errors}` : '✓ 0'}</td>
            <td>{w.worstAgeMs === null ? '–' : formatAge(w.worstAgeMs)}</td>
            <td>{w.heapMb === null ? '–' : `${w.heapMb} MB`}</td>
            <td>{w.fps ?? '–'}</td>
            <td>{formatAge(now - w.lastSeenAt)} ago</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WallDevices() {
  return (
    <section className="card" data-testid="settings-walls">
      <h2>Wall devices</h2>
      <p>
        A wall without a token shows “Not enrolled: code …”. Enter that code here to give the screen a viewer token of its own
        (listed below in Access tokens as “wall: name”, where you can revoke it).
      </p>
      <EnrolForm />
      <h3>Or create a code for a browser wall</h3>
      <CreateCodeForm />
      <h3>Walls</h3>
      <WallList />
    </section>
  );
}
