import { useEffect, useMemo } from 'react';
import type { ViewingDistance, WallConfig, Workspace } from '../../shared/model/workspace.ts';
import { ConnectionState } from '../app/ConnectionState.tsx';
import type { Route } from '../app/router.ts';
import { routeHash } from '../app/router.ts';
import { useApp, useAppStoreApi } from '../state/react.tsx';
import { useHiddenCursor, useKeepAwake, useRootFont } from './kiosk.ts';
import { wallWants } from './model.ts';
import { EventStrip } from './EventStrip.tsx';
import { WallPages } from './WallPages.tsx';
import { EnrolScreen } from './EnrolScreen.tsx';
import { IncidentBanner } from './IncidentBanner.tsx';
import { PulseSpikeBanner } from './PulseSpikeBanner.tsx';
import { StatusHeader } from './StatusHeader.tsx';
import { useWallTheme } from './theme.ts';

/** A wall route: kiosk (no chrome, cursor hidden, kept awake), never blank, never a prompt. */
export function WallRoute({ route }: { route: Extract<Route, { name: 'wall' }> }) {
  useHiddenCursor();
  useKeepAwake();
  const status = useApp((s) => s.connection.status);
  const workspace = useApp((s) => s.workspace.workspace);
  const wall = workspace ? (route.wallId === null ? workspace.walls[0] : workspace.walls.find((w) => w.id === route.wallId)) : undefined;
  const distance: ViewingDistance = route.distance ?? wall?.viewingDistance ?? 'near';
  const fontPx = useRootFont(distance);

  // Never a login page on a wall: it shows its enrolment code until an admin enters it.
  if (status === 'unauthorized') return <EnrolScreen />;
  if (!workspace) {
    return (
      <main className="fullscreen-message" data-testid="wall-connecting">
        <p className="fullscreen-icon" aria-hidden="true">
          ◌
        </p>
        <h1>Waiting for the hub</h1>
        <p className="fullscreen-detail">
          <ConnectionState />
        </p>
      </main>
    );
  }
  if (!wall) {
    return (
      <main className="fullscreen-message" data-testid="wall-not-found">
        <p className="fullscreen-icon" aria-hidden="true">
          ?
        </p>
        <h1>No wall “{route.wallId}” in the workspace</h1>
        <p className="fullscreen-detail">
          Walls:{' '}
          {workspace.walls.map((w, i) => (
            <span key={w.id}>
              {i > 0 && ', '}
              <a href={routeHash({ name: 'wall', wallId: w.id, distance: route.distance })}>{w.id}</a>
            </span>
          ))}
        </p>
      </main>
    );
  }
  return <WallView workspace={workspace} wall={wall} distance={distance} fontPx={fontPx} />;
}

function WallView({ workspace, wall, distance, fontPx }: { workspace: Workspace; wall: WallConfig; distance: ViewingDistance; fontPx: number }) {
  const store = useAppStoreApi();
  const wants = useMemo(() => wallWants(workspace, wall), [workspace, wall]);
  useEffect(() => store.getState().wantFrames(wants), [store, wants]);
  useWallTheme(wall.theme);

  return (
    <div className="wall" data-testid="wall" data-wall-id={wall.id} data-distance={distance} data-theme={wall.theme}>
      <StatusHeader workspace={workspace} wall={wall} />
      <IncidentBanner timeZone={workspace.timezone} />
      <PulseSpikeBanner />
      <EventStrip wallId={wall.id} />
      <WallPages workspace={workspace} wall={wall} fontPx={fontPx} />
    </div>
  );
}
