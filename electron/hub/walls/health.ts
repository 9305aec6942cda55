/** The last heartbeat of every wall that connected, for Settings. Bounded: walls run for days. */
import type { WallHealth, WallHeartbeat } from '../../../shared/protocol/walls.ts';

/** A wall gone this long is forgotten. */
export const FORGET_AFTER_MS = 24 * 3_600_000;
export const MAX_WALLS = 200;

export class WallHealthRegistry {
  readonly #walls = new Map<string, WallHealth>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  beat(socketId: string, tokenName: string, beat: WallHeartbeat): void {
    const now = this.#now();
    const prev = this.#walls.get(socketId);
    this.#walls.delete(socketId); // re-inserted last: the map's order is least recently seen first
    this.#walls.set(socketId, { ...beat, socketId, tokenName, connectedAt: prev?.connectedAt ?? now, lastSeenAt: now, connected: true });
    while (this.#walls.size > MAX_WALLS) this.#walls.delete(this.#walls.keys().next().value!);
  }

  disconnected(socketId: string): void {
    const wall = this.#walls.get(socketId);
    if (wall) this.#walls.set(socketId, { ...wall, connected: false });
  }

  list(): WallHealth[] {
    const now = this.#now();
    for (const [id, wall] of this.#walls) if (now - wall.lastSeenAt > FORGET_AFTER_MS) this.#walls.delete(id);
    return [...this.#walls.values()].sort((a, b) => Number(b.connected) - Number(a.connected) || b.lastSeenAt - a.lastSeenAt);
  }
}
