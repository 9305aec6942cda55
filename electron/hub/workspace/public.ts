/**
 * The workspace as clients are sent it (hello, `workspace:changed`, `GET /api/v1/workspace`):
 * every screen gets it — wall (viewer) tokens included — so nothing that may be a secret the
 * file pulled in through `${ENV}` leaves the hub: source credentials and headers, query strings
 * and user info in URLs, Slack webhook URLs, feed tokens. Canary checks (their requests carry
 * credentials and bodies) are not sent at all: the board comes from the canary service. The hub
 * itself keeps using the real workspace.
 */
import type { WorkspaceState } from '../../../shared/protocol/events.ts';
import type { Workspace } from '../../../shared/model/workspace.ts';

export const REDACTED = '[redacted]';

/** A URL with its user info and query values replaced (the host and path stay, to say where it points). */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return REDACTED;
  }
  if (url.username) url.username = 'redacted';
  if (url.password) url.password = 'redacted';
  for (const key of [...new Set(url.searchParams.keys())]) url.searchParams.set(key, REDACTED);
  return url.toString();
}

const redactValues = (record: Readonly<Record<string, string>>): Record<string, string> => Object.fromEntries(Object.keys(record).map((k) => [k, REDACTED]));

export function publicWorkspace(ws: Workspace): Workspace {
  const sources = ws.sources.map((s) => {
    if (s.type === 'push') return s;
    return {
      ...s,
      url: redactUrl(s.url),
      ...(s.auth ? { auth: s.auth.type === 'bearer' ? { type: 'bearer' as const, token: REDACTED } : { type: 'basic' as const, username: s.auth.username, password: REDACTED } } : {}),
      ...(s.headers ? { headers: redactValues(s.headers) } : {}),
    };
  }) as Workspace['sources'];
  const { canaries: _checks, ...rest } = ws;
  return {
    ...rest,
    sources,
    ...(ws.incidents ? { incidents: { ...ws.incidents, webhooks: (ws.incidents.webhooks ?? []).map((w) => ({ ...w, url: `${new URL(w.url).origin}/${REDACTED}` })) } } : {}),
    ...(ws.pulse
      ? {
          pulse: {
            ...ws.pulse,
            feeds: ws.pulse.feeds.map((f) => (f.type === 'mastodon' ? { ...f, instance: redactUrl(f.instance), ...(f.token ? { token: REDACTED } : {}) } : { ...f, url: redactUrl(f.url) })),
          },
        }
      : {}),
  } as Workspace;
}

const sent = new WeakMap<WorkspaceState, WorkspaceState>();

/** The state as sent to clients; computed once per state (every hello gets the same object). */
export function publicWorkspaceState(state: WorkspaceState): WorkspaceState {
  let out = sent.get(state);
  if (!out) sent.set(state, (out = { ...state, workspace: state.workspace ? publicWorkspace(state.workspace) : null }));
  return out;
}
