/**
 * The desktop app's own origin: electron/main serves the UI on app://mission-control/, so its
 * REST calls and socket reach a hub cross-origin. Every hub accepts this origin, as it accepts its
 * own, so the app can host a hub or join one by URL and token with nothing to configure (tokens,
 * not the origin, decide what a caller may do).
 */
export const DESKTOP_APP_SCHEME = 'app';
export const DESKTOP_APP_HOST = 'mission-control';
export const DESKTOP_APP_ORIGIN = `${DESKTOP_APP_SCHEME}://${DESKTOP_APP_HOST}`;
