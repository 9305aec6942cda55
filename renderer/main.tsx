/**
 * Boot: the store, the hub client (the only socket.io user), the platform bridge, then React.
 * A login link in the address is consumed before anything renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { startConsoleNotifications } from './app/console-notifications.ts';
import { HubProvider } from './app/hub-context.tsx';
import { IncidentsProvider } from './incidents/context.tsx';
import { consumeLoginLink, windowLoginLocation } from './app/login.ts';
import { parseRoute } from './app/router.ts';
import { platform } from './platform/index.ts';
import { StoreProvider } from './state/react.tsx';
import { createAppStore } from './state/store.ts';
import { startCanaryTransport } from './transport/canaries.ts';
import { createHubClient } from './transport/hub.ts';
import { createIncidentTransport } from './transport/incidents.ts';
import { browserStorage, writeToken } from './transport/token.ts';
import './styles.css';

const store = createAppStore();
const storage = browserStorage();
const hub = createHubClient({
  store,
  bridge: platform(),
  storage,
  pageOrigin: window.location.protocol.startsWith('http') ? window.location.origin : null,
});

// Incidents ride on the hub client's sockets; their journal (outbox, entries) lives in IndexedDB.
const incidents = createIncidentTransport({ store, hub, storage });

// The canary board while a screen shows it; andon prompts always.
startCanaryTransport({ store, hub });

// A console in the background announces what would otherwise go unseen there (never a wall).
startConsoleNotifications({
  store,
  notify: (title, body) => platform().notify(title, body),
  looking: () => document.visibilityState === 'visible' && document.hasFocus(),
  onConsole: () => !['wall', 'enrol'].includes(parseRoute(window.location.hash).name),
});

const loginLocation = windowLoginLocation();
const bootToken = consumeLoginLink(loginLocation);
if (bootToken) writeToken(storage, bootToken);
// Registered before the router's own listener, so the router never sees the token.
window.addEventListener('hashchange', () => {
  const token = consumeLoginLink(loginLocation);
  if (token) hub.signIn(token);
});

void hub.start().then(() => incidents.start());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <HubProvider hub={hub}>
          <IncidentsProvider incidents={incidents}>
            <App />
          </IncidentsProvider>
        </HubProvider>
      </StoreProvider>
    </StrictMode>,
  );
}
