/**
 * The weekly review filtered to one team: one rule for what belongs to a team, used by the hub
 * for the review page's data and by weekly.md, so the page and the document list the same things.
 */

/** The team of incidents, follow-ups and pages whose service no team of the workspace lists. */
export const UNASSIGNED_TEAM = 'unassigned';

/**
 * Whether something owned by `owner` (a team id, or null/undefined when no team owns it) belongs
 * in a review for `team` (null/undefined: every team). Unowned things are the unassigned team's.
 */
export const belongsToTeam = (owner: string | null | undefined, team: string | null | undefined): boolean => !team || (owner ?? UNASSIGNED_TEAM) === team;
