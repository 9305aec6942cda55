/** #/enrol on a wall device: its code until enrolled, then which token it holds and where its walls are. */
import { ConnectionState } from '../app/ConnectionState.tsx';
import { routeHash } from '../app/router.ts';
import { useApp } from '../state/react.tsx';
import { useHiddenCursor } from './kiosk.ts';
import { EnrolScreen } from './EnrolScreen.tsx';

export function EnrolRoute() {
  useHiddenCursor();
  const status = useApp((s) => s.connection.status);
  const tokenName = useApp((s) => s.connection.tokenName);
  const walls = useApp((s) => s.workspace.workspace?.walls);
  if (status === 'unauthorized') return <EnrolScreen />;
  return (
    <main className="fullscreen-message" data-testid="enrolled">
      <p className="fullscreen-icon" aria-hidden="true">
        {status === 'connected' ? '✓' : '◌'}
      </p>
      <h1>{status === 'connected' ? `Enrolled as “${tokenName ?? '?'}”` : 'Connecting to the hub'}</h1>
      <p className="fullscreen-detail">
        <ConnectionState />
      </p>
      {walls && (
        <p className="fullscreen-detail">
          Walls:{' '}
          {walls.map((w, i) => (
            <span key={w.id}>
              {i > 0 && ', '}
              <a href={routeHash({ name: 'wall', wallId: w.id, distance: null })}>{w.title}</a>
            </span>
          ))}
        </p>
      )}
    </main>
  );
}
