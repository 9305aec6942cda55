/**
 * Is the share of negative posts well above its usual share? The spike detector asks it of a
 * window when complaints jump (a kick-off surge brings more complaints at the same share, and is
 * not an incident); the pulse panel asks it of the last minutes when they did not, so a room is not
 * told "normal" while most posts are negative and the usual share is a quarter.
 */

export interface ShareRiseOptions {
  /** Negative posts needed: three angry posts at night are not a mood. Default 8. */
  minNegative?: number;
  /** Standard scores the share must rise by (a binomial z-test against the usual share). Default 3.5. */
  minZ?: number;
  /** How far above the usual share, in share points: a real difference, not a significant sliver. Default 0.2. */
  minRise?: number;
}

export const DEFAULT_SHARE_RISE: Readonly<Required<ShareRiseOptions>> = Object.freeze({ minNegative: 8, minZ: 3.5, minRise: 0.2 });

/**
 * Standard scores by which `negative` of `volume` posts exceed the usual share: Infinity with no
 * usual share or no posts (nothing to hold the rise against). The usual share is kept inside
 * [0.02, 0.98], so a share of 0 or 1 learned from a few posts does not make any post infinitely
 * unusual.
 */
export function shareRiseZ(negative: number, volume: number, usualShare: number | null): number {
  if (usualShare === null || volume === 0) return Infinity;
  const p0 = Math.min(0.98, Math.max(0.02, usualShare));
  return (negative - volume * p0) / Math.sqrt(volume * p0 * (1 - p0));
}

/** Whether `negative` of `volume` posts is a share well above the usual one (false while it is not known). */
export function negativeShareRaised(negative: number, volume: number, usualShare: number | null, options: ShareRiseOptions = {}): boolean {
  const o = { ...DEFAULT_SHARE_RISE, ...options };
  if (usualShare === null || volume === 0 || negative < o.minNegative) return false;
  return negative / volume - usualShare >= o.minRise && shareRiseZ(negative, volume, usualShare) >= o.minZ;
}
