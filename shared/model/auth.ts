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

export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}
