/**
 * What a hub token lets the desktop app do, in words, for Settings → Hub before joining a hub
 * with it: a viewer token is enough for walls, and a war-room operator should learn before the
 * night, not during the outage, that it cannot log incidents.
 */
import type { IngestScope, Role } from '../model/auth.ts';

/** The limits of a token that cannot run incidents, in one sentence; null for responder and admin. */
export function tokenLimits(role: Role, scopes: readonly IngestScope[] = []): string | null {
  const ingest = scopes.length > 0 ? ` (and post ${scopes.join(', ')} data)` : '';
  if (role === 'viewer') {
    return `This is a viewer token: it can show walls and read incidents, canaries and plans${ingest}, but it cannot log incidents or act on canaries (acknowledge, snooze). To run incidents from this app, ask the hub's admin for a responder token.`;
  }
  if (role === 'planner') {
    return `This is a planner token: it can show walls and edit event plans${ingest}, but it cannot log incidents or act on canaries (acknowledge, snooze). To run incidents from this app, ask the hub's admin for a responder token.`;
  }
  return null;
}
