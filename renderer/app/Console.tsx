import { formatAge } from '../../shared/domain/freshness.ts';
import { distancePresets } from '../wall/distance.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { EventPrompts } from '../planner/EventPrompts.tsx';
import { ConnectionState } from './ConnectionState.tsx';
import { routeHash } from './router.ts';

/** For now: a home listing the walls and the state of the connection and the workspace. */
export function Console() {
  // The workspace object changes only when the hub reloads it: a cheap, rare re-render.
  const workspace = useApp((s) => s.workspace.workspace);
  const loadedAt = useApp((s) => s.workspace.loadedAt);
  const issueCount = useApp((s) => s.workspace.issues?.length ?? 0);
  const version = useApp((s) => s.connection.version);
  const role = useApp((s) => s.connection.role);
  const tokenName = useApp((s) => s.connection.tokenName);
  const hubNow = useHubNow();

  return (
    <main className="page console" data-testid="console">
      <h1>{workspace?.title ?? 'Mission Control'}</h1>
      <EventPrompts />
      <div className="cards">
        <section className="card">
          <h2>Hub</h2>
          <p>
            <ConnectionState />
          </p>
          <dl>
            <dt>Version</dt>
            <dd>{version ?? '–'}</dd>
            <dt>Signed in as</dt>
            <dd>{tokenName ? `${tokenName} (${role})` : '–'}</dd>
          </dl>
        </section>
        <section className="card">
          <h2>Workspace</h2>
          <dl>
            <dt>Loaded</dt>
            <dd>{loadedAt ? `${formatAge(Math.max(0, hubNow - loadedAt))} ago` : '–'}</dd>
            <dt>File</dt>
            <dd data-testid="workspace-status">
              {issueCount > 0 ? `▲ refused (${issueCount} ${issueCount === 1 ? 'problem' : 'problems'}, see above)` : workspace ? '✓ valid' : '–'}
            </dd>
          </dl>
        </section>
      </div>
      <section>
        <h2>Walls</h2>
        {!workspace ? (
          <p className="muted">The walls appear when the hub sends the workspace.</p>
        ) : (
          <ul className="wall-list" data-testid="wall-list">
            {workspace.walls.map((wall) => (
              <li key={wall.id}>
                <a href={routeHash({ name: 'wall', wallId: wall.id, distance: null })} data-testid={`wall-link-${wall.id}`}>
                  <strong>{wall.title}</strong>
                  <span className="muted">
                    {' '}
                    · {wall.panels.length} panels · viewing distance {distancePresets[wall.viewingDistance].label}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
