import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { CSSProperties, RefObject } from 'react';
import { flushSync } from 'react-dom';
import { formatValue } from '../../shared/domain/format.ts';
import { displayValue } from '../../shared/domain/value-mapping.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { toneIcon, toneWord } from '../app/status-words.ts';
import { StatFigure } from './StatFigure.tsx';
import { textWidth } from './text-width.ts';
import { arcPath, dialLegible, fitFont, GAUGE_VIEWBOX, GAUGE_WORD_SIZE, gaugeBands, gaugeFraction, pointAt, angleAt } from './gauge-geometry.ts';

interface Props {
  panel: PanelOf<'gauge'>;
  value: number | null;
}

const BAND_RADIUS = 92;
const TRACK_RADIUS = 76;
/** The state word's baseline: its box (about 22 units high) clears the arc's ends (lowest at y 148). */
const STATE_Y = 164;
/** The min/max labels' baseline, under the arc's ends and below the state word's row. */
const LIMIT_Y = 183;
/** Around the dial, rem (the dial's room is measured without it). */
const DIAL_PADDING_REM = { top: 0.2, right: 0.3, bottom: 0.1, left: 0.3 } as const;
const dialPadding: CSSProperties = {
  padding: `${DIAL_PADDING_REM.top}rem ${DIAL_PADDING_REM.right}rem ${DIAL_PADDING_REM.bottom}rem ${DIAL_PADDING_REM.left}rem`,
};

/**
 * Whether the dial is legible in the box `ref` (which fills the panel's body whichever is drawn),
 * measured before paint and again, before the next paint, whenever the box changes size.
 */
function useDialLegible(ref: RefObject<HTMLElement | null>, numberSize: number): boolean {
  const [legible, setLegible] = useState(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(el.ownerDocument.documentElement).fontSize) || 16;
      const width = el.clientWidth - (DIAL_PADDING_REM.left + DIAL_PADDING_REM.right) * rem;
      const height = el.clientHeight - (DIAL_PADDING_REM.top + DIAL_PADDING_REM.bottom) * rem;
      return dialLegible(width, height, rem, numberSize);
    };
    setLegible(measure());
    // Flushed in the observer's callback, so no frame shows a crumb of a dial after a resize.
    const observer = new ResizeObserver(() => {
      const now = measure();
      flushSync(() => setLegible(now));
    });
    // Its border box: the swap made here adds or drops the dial's padding on this very box, which
    // changes its content box in this frame, too late to be told of ("ResizeObserver loop
    // completed with undelivered notifications"); the border box follows the panel's body alone.
    observer.observe(el, { box: 'border-box' });
    return () => observer.disconnect();
  }, [ref, numberSize]);
  return legible;
}

/**
 * A radial gauge in SVG (scales with its tile, text included): the thresholds as a thin outer
 * ring, the value as a thick arc in its state's colour, the number big in the middle with its
 * unit and the state's icon and word below. A tile too small for that dial to be read from the
 * room shows the number as a stat does instead. Re-renders on a new value or a new size.
 */
export const GaugeBody = memo(function GaugeBody({ panel, value }: Props) {
  const shown = displayValue(value, panel);
  const fraction = gaugeFraction(value, panel.min, panel.max);
  const bands = gaugeBands(panel.thresholds, panel.min, panel.max);
  const judged = shown.judged;
  const numberSize = fitFont(textWidth(shown.number), 116, 50);
  const minAt = pointAt(angleAt(0), TRACK_RADIUS);
  const maxAt = pointAt(angleAt(1), TRACK_RADIUS);
  const ref = useRef<HTMLDivElement>(null);
  // Judged at the size its widest usual value (the max) would have, so a tile near the limit does
  // not swap dial and figure each time the value gains or loses a digit.
  const widestSize = Math.min(numberSize, fitFont(textWidth(displayValue(panel.max, panel).number), 116, 50));
  const legible = useDialLegible(ref, widestSize);
  if (!legible) {
    return (
      <div ref={ref} className="gauge" data-dial="false" data-testid={`gauge-figure-${panel.id}`}>
        <StatFigure panelId={panel.id} shown={shown} title="The dial is hidden: the panel is too small to draw it legibly" />
      </div>
    );
  }
  return (
    <div ref={ref} className="gauge" data-dial="true" data-state={judged ? shown.state : 'none'} style={dialPadding}>
      <svg
        className="gauge-svg"
        viewBox={`0 0 ${GAUGE_VIEWBOX.width} ${GAUGE_VIEWBOX.height}`}
        role="img"
        aria-label={`${panel.title}: ${shown.text}${judged ? `, ${toneWord[shown.state]}` : ''}`}
      >
        {bands.map((band) => (
          <path key={`${band.from}-${band.state}`} className="gauge-band" data-state={band.state} d={arcPath(band.from, band.to, BAND_RADIUS)} />
        ))}
        <path className="gauge-track" d={arcPath(0, 1, TRACK_RADIUS)} />
        {fraction !== null && fraction > 0 && <path className="gauge-value" d={arcPath(0, Math.max(fraction, 0.004), TRACK_RADIUS)} />}
        <text className="gauge-number" x="100" y="96" fontSize={numberSize} textAnchor="middle" data-testid={`panel-value-${panel.id}`}>
          {shown.number}
        </text>
        {shown.unit && (
          <text className="gauge-unit" x="100" y="120" fontSize={GAUGE_WORD_SIZE} textAnchor="middle">
            {shown.unit.trim()}
          </text>
        )}
        {judged && (
          <text className="gauge-state" x="100" y={STATE_Y} fontSize={GAUGE_WORD_SIZE} textAnchor="middle" data-testid={`panel-state-${panel.id}`}>
            {toneIcon[shown.state]} {toneWord[shown.state]}
          </text>
        )}
        <text className="gauge-limit" x={minAt.x} y={LIMIT_Y} fontSize="14" textAnchor="middle">
          {formatValue(panel.min, panel.unit)}
        </text>
        <text className="gauge-limit" x={maxAt.x} y={LIMIT_Y} fontSize="14" textAnchor="middle">
          {formatValue(panel.max, panel.unit)}
        </text>
      </svg>
    </div>
  );
});
