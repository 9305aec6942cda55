/**
 * Viewing-distance presets: the root font size (every text on a wall is in rem) as a share of the
 * screen's height, with a floor. At 1080 px: desk ≈ 16 px, near (3–5 m) ≈ 24 px, far (5 m+) ≈ 32 px.
 */
import type { ViewingDistance } from '../../shared/model/workspace.ts';

interface Preset {
  /** Share of the viewport height. */
  readonly vh: number;
  readonly minPx: number;
  readonly label: string;
}

export const distancePresets: Readonly<Record<ViewingDistance, Preset>> = {
  desk: { vh: 0.0148, minPx: 14, label: 'desk' },
  near: { vh: 0.022, minPx: 16, label: '3–5 m' },
  far: { vh: 0.0296, minPx: 20, label: '5 m+' },
};

export function rootFontPx(distance: ViewingDistance, viewportHeight: number, viewportWidth: number = Infinity): number {
  const preset = distancePresets[distance];
  // A portrait or very narrow screen must not get type its width cannot hold.
  const basis = Math.min(viewportHeight, viewportWidth * 0.5625);
  return Math.max(preset.minPx, Math.round(basis * preset.vh * 10) / 10);
}
