import { z } from 'zod';

/** viewer: walls, read-only. responder: incidents and check-ins. planner: event plans. admin: everything. */
export const roles = ['viewer', 'responder', 'planner', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 0, responder: 1, planner: 1, admin: 3 };

/** Whether `role` may do what needs `needed`. responder and planner are peers, not a ladder. */
export function roleAllows(role: Role, needed: Role): boolean {
  if (role === needed || role === 'admin') return true;
  if (needed === 'viewer') return true;
  return rank[role] > rank[needed];
}

/**
 * Ingest scopes: what a machine token (a CI job, a scraper, Alertmanager) may post, whatever its
 * role. A scraper that pushes posts should not also be able to declare incidents.
 */
export const ingestScopes = ['push', 'posts', 'junit', 'changes', 'pages'] as const;
export const ingestScopeSchema = z.enum(ingestScopes);
export type IngestScope = (typeof ingestScopes)[number];

export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Ingest endpoints this token may call beyond what its role allows. */
  readonly scopes: readonly IngestScope[];
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}
