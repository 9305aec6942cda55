/**
 * Runtime lists the UI needs from shared/model, restated here: importing them from there would
 * pull zod and every schema into the bundle. The `satisfies` checks and the exhaustiveness types
 * below fail to compile if shared/model changes and these do not.
 */
import type { Role } from '../../shared/model/auth.ts';
import type { ViewingDistance } from '../../shared/model/workspace.ts';

export const VIEWING_DISTANCES = ['desk', 'near', 'far'] as const satisfies readonly ViewingDistance[];
export const ROLES = ['viewer', 'responder', 'planner', 'admin'] as const satisfies readonly Role[];

type Missing<All, Listed> = Exclude<All, Listed>;
// Each line is `true` only while the list covers the whole union.
export const distancesComplete: Missing<ViewingDistance, (typeof VIEWING_DISTANCES)[number]> extends never ? true : never = true;
export const rolesComplete: Missing<Role, (typeof ROLES)[number]> extends never ? true : never = true;
