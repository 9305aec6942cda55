/**
 * Which walls the workspace in force has, asked of the hub (embedded or joined) over its REST API:
 * the Displays card's save checks the wall names it is given against them. Plain Node (no
 * electron import), tested on a real hub.
 */
const TIMEOUT_MS = 5000;

/** The workspace's wall ids, or null when the hub cannot say (unreachable, refused, no workspace in force). */
export async function workspaceWallIds(hubUrl: string, token: string): Promise<string[] | null> {
  try {
    const res = await fetch(new URL('/api/v1/workspace', hubUrl), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) return null;
    const body = (await res.json()) as { workspace?: { walls?: { id?: unknown }[] } | null };
    const walls = body.workspace?.walls;
    if (!Array.isArray(walls)) return null;
    return walls.map((wall) => wall.id).filter((id): id is string => typeof id === 'string');
  } catch {
    return null;
  }
}
