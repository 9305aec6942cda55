/**
 * "What changed before it broke?": the changes an incident's timeline gets when it is declared
 * or its impact start moves earlier. A deploy made twenty minutes before anyone pulled the cord
 * is the usual cause of an outage, yet it happened while no incident was open to receive it; so
 * the changes from a look-back window before impact start up to the declaration are copied into
 * the timeline, each at its own time.
 *
 * Every service's changes count, not only the incident's own: playback breaks as often from a
 * deploy of auth, a CDN config push or a platform-wide flag as from a playback deploy, and a
 * change log rarely names the service the viewers notice. Only when the window holds more than
 * `MAX_LOOKBACK_CHANGES` (a busy CI) are the incident's own service's changes kept first, then
 * the newest.
 */

/** How far before impact start changes are looked for, unless the workspace says otherwise. */
export const DEFAULT_CHANGE_LOOKBACK_MS = 2 * 3_600_000;

/** At most this many changes are copied in at once: a timeline is read by people mid-outage. */
export const MAX_LOOKBACK_CHANGES = 50;

export interface LookbackWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * From `lookbackMs` before impact start to the declaration (or impact start, when that was set
 * later): changes after the declaration reach the incident as they are recorded.
 */
export function lookbackWindow(impactStart: number, declaredAt: number, lookbackMs: number): LookbackWindow {
  return { from: impactStart - lookbackMs, to: Math.max(impactStart, declaredAt) };
}

export interface LookbackChange {
  readonly id: string;
  readonly service: string;
  readonly at: number;
}

/**
 * The changes in the window that the incident does not hold yet (`copied`: the change ids it
 * holds), oldest first, at most `max`: the incident's service first, then the newest.
 */
export function changesToCopy<C extends LookbackChange>(
  changes: readonly C[],
  { window, copied, service, max = MAX_LOOKBACK_CHANGES }: { window: LookbackWindow; copied: ReadonlySet<string>; service: string | null; max?: number },
): C[] {
  const candidates = changes.filter((c) => c.at >= window.from && c.at <= window.to && !copied.has(c.id));
  if (candidates.length <= max) return [...candidates].sort((a, b) => a.at - b.at);
  const own = (c: C): boolean => service !== null && c.service.trim().toLowerCase() === service.trim().toLowerCase();
  return [...candidates]
    .sort((a, b) => Number(own(b)) - Number(own(a)) || b.at - a.at)
    .slice(0, max)
    .sort((a, b) => a.at - b.at);
}

/** A change that happened before impact started: shown as "before impact" on the timeline and in the postmortem. */
export const beforeImpact = (occurredAt: number, impactStart: number | null): boolean => impactStart !== null && occurredAt < impactStart;
