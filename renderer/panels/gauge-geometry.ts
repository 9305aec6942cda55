/**
 * A radial gauge drawn as SVG: a 240° arc, open at the bottom. Angles are in degrees clockwise
 * from 12 o'clock; the viewBox scales the whole gauge (strokes and text) with its tile.
 */
import type { PanelState, Thresholds } from '../../shared/model/workspace.ts';

// Tall enough for the state word on a row of its own below the arc's ends (between them, its icon
// touched the arc; at 19 units "▲ WARNING" is wider than the gap), the min/max labels below it.
export const GAUGE_VIEWBOX = { width: 200, height: 188 } as const;
export const GAUGE_CENTER = { x: 100, y: 100 } as const;
export const GAUGE_START_DEG = -120;
export const GAUGE_END_DEG = 120;

/** Where a value sits between min and max, clamped to 0…1; null for no value. */
export function gaugeFraction(value: number | null, min: number, max: number): number | null {
  if (value === null || Number.isNaN(value)) return null;
  if (max <= min) return 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

export function angleAt(fraction: number): number {
  return GAUGE_START_DEG + (GAUGE_END_DEG - GAUGE_START_DEG) * fraction;
}

export function pointAt(angleDeg: number, radius: number): { x: number; y: number } {
  const a = (angleDeg * Math.PI) / 180;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { x: round(GAUGE_CENTER.x + radius * Math.sin(a)), y: round(GAUGE_CENTER.y - radius * Math.cos(a)) };
}

/** The SVG path of the arc between two fractions of the gauge (empty when there is nothing to draw). */
export function arcPath(fromFraction: number, toFraction: number, radius: number): string {
  if (!(toFraction > fromFraction)) return '';
  const a0 = angleAt(fromFraction);
  const a1 = angleAt(toFraction);
  const p0 = pointAt(a0, radius);
  const p1 = pointAt(a1, radius);
  const large = a1 - a0 > 180 ? 1 : 0;
  return `M ${p0.x} ${p0.y} A ${radius} ${radius} 0 ${large} 1 ${p1.x} ${p1.y}`;
}

export interface GaugeBand {
  readonly from: number;
  readonly to: number;
  readonly state: PanelState;
}

/** The thresholds as coloured stretches of the arc (fractions), clipped to min…max. */
export function gaugeBands(thresholds: Thresholds | undefined, min: number, max: number): GaugeBand[] {
  if (!thresholds || max <= min) return [];
  const bands: GaugeBand[] = [];
  thresholds.forEach((step, i) => {
    const start = gaugeFraction(step.value ?? min, min, max)!;
    const nextValue = thresholds[i + 1]?.value;
    const end = gaugeFraction(nextValue ?? max, min, max)!;
    if (end > start) bands.push({ from: start, to: end, state: step.state });
  });
  return bands;
}

/** A font size (viewBox units) that lets `chars` characters fit `width` units. */
export function fitFont(chars: number, width: number, max: number): number {
  return Math.min(max, Math.round((width / Math.max(1, chars * 0.6)) * 10) / 10);
}

/** The type size (viewBox units) of the unit and the state word under the number. */
export const GAUGE_WORD_SIZE = 19;

/**
 * Whether a dial in a box of `widthPx`×`heightPx` draws its number and state word at the sizes a
 * stat on the wall keeps for them (1.6rem, 0.85rem), read from 5 m. A shorter box would shrink the
 * whole dial, text and all, to a crumb; it shows the number as a stat instead.
 */
export function dialLegible(widthPx: number, heightPx: number, remPx: number, numberSize: number): boolean {
  const scale = Math.min(widthPx / GAUGE_VIEWBOX.width, heightPx / GAUGE_VIEWBOX.height);
  return numberSize * scale >= 1.6 * remPx && GAUGE_WORD_SIZE * scale >= 0.85 * remPx;
}
