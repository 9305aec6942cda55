import { lazy, Suspense, useEffect } from 'react';
import { useApp } from '../state/react.tsx';
import { WallRoute } from '../wall/WallRoute.tsx';
import { EnrolRoute } from '../wall/EnrolRoute.tsx';
import { Console } from './Console.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { IssuesBanner } from './IssuesBanner.tsx';
import { Nav } from './Nav.tsx';
import { useRoute } from './router.ts';
import type { Route } from './router.ts';
import { SignInForm } from './SignIn.tsx';
import { UpdateNotice } from './UpdateNotice.tsx';

// The console's pages are separate chunks: a wall screen never downloads or parses them, and a
// console fetches them once it has shown its first page (so opening one is instant).
const consolePages = {
  incidents: () => import('../incidents/IncidentsRoute.tsx'),
  canaries: () => import('../canaries/CanariesRoute.tsx'),
  review: () => import('../review/ReviewRoute.tsx'),
  planner: () => import('../planner/PlannerRoute.tsx'),
  settings: () => import('../settings/Settings.tsx'),
};
const IncidentsRoute = lazy(() => consolePages.incidents().then((m) => ({ default: m.IncidentsRoute })));
const CanariesRoute = lazy(() => consolePages.canaries().then((m) => ({ default: m.CanariesRoute })));
const ReviewRoute = lazy(() => consolePages.review().then((m) => ({ default: m.ReviewRoute })));
const PlannerRoute = lazy(() => consolePages.planner().then((m) => ({ default: m.PlannerRoute })));
const Settings = lazy(() => consolePages.settings().then((m) => ({ default: m.Settings })));

/** On a console screen, fetch every console page in the background after the first one shows. */
function usePrefetchConsolePages(onConsole: boolean): void {
  useEffect(() => {
    if (!onConsole) return;
    const timer = setTimeout(() => {
      // Nothing to report here: a page whose code could not be fetched says so when it is opened
      // (the crash screen, which reloads).
      for (const load of Object.values(consolePages)) load().catch(() => {});
    }, 1000);
    return () => clearTimeout(timer);
  }, [onConsole]);
}

/** After a crash of the whole screen, try again by itself: walls run unattended. */
const RELOAD_AFTER_CRASH_MS = 15_000;

function CrashScreen({ error }: { error: Error }) {
  useEffect(() => {
    const timer = setTimeout(() => window.location.reload(), RELOAD_AFTER_CRASH_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="fullscreen-message" data-testid="crash">
      <p className="fullscreen-icon" aria-hidden="true">
        ✖
      </p>
      <h1>The screen failed and restarts in {RELOAD_AFTER_CRASH_MS / 1000} s</h1>
      <p className="fullscreen-detail">{error.message}</p>
    </main>
  );
}

function ConsolePage({ route }: { route: Exclude<Route, { name: 'wall' | 'enrol' }> }) {
  const status = useApp((s) => s.connection.status);
  if (status === 'unauthorized' || route.name === 'login') return <SignInForm />;
  switch (route.name) {
    case 'console':
      return <Console />;
    case 'incidents':
      return <IncidentsRoute incidentId={null} />;
    case 'incident':
      return <IncidentsRoute incidentId={route.incidentId} />;
    case 'canaries':
      return <CanariesRoute />;
    case 'plans':
      return <PlannerRoute planId={null} />;
    case 'plan':
      return <PlannerRoute planId={route.planId} />;
    case 'review':
      return <ReviewRoute />;
    case 'settings':
      return <Settings />;
    case 'not-found':
      return (
        <main className="page" data-testid="not-found">
          <h1>Nothing at “{route.path}”</h1>
          <p>
            <a href="#/console">Go to the console</a>
          </p>
        </main>
      );
  }
}

export function App() {
  const route = useRoute();
  usePrefetchConsolePages(route.name !== 'wall' && route.name !== 'enrol');
  return (
    <ErrorBoundary fallback={(error) => <CrashScreen error={error} />}>
      {route.name === 'wall' ? (
        <>
          <WallRoute route={route} />
          <UpdateNotice wall />
        </>
      ) : route.name === 'enrol' ? (
        <EnrolRoute />
      ) : (
        <div className="app-shell">
          <Nav route={route} />
          <UpdateNotice wall={false} />
          <IssuesBanner />
          {/* One boundary per page (a plan and the plans list are one): the page being left goes at
              once and "Loading…" shows while a new page's code arrives, never the old page under
              the new address. */}
          <Suspense
            key={route.name === 'incident' ? 'incidents' : route.name === 'plan' ? 'plans' : route.name}
            fallback={
              <main className="page" data-testid="page-loading">
                <p>Loading…</p>
              </main>
            }
          >
            <ConsolePage route={route} />
          </Suspense>
        </div>
      )}
    </ErrorBoundary>
  );
}
