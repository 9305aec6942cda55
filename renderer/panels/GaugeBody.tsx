import { memo } from 'react';
import { formatValue } from '../../shared/domain/format.ts';
import { displayValue } from '../../shared/domain/value-mapping.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { toneIcon, toneWord } from '../app/status-words.ts';
import { textWidth } from './text-width.ts';
import { arcPath, fitFont, GAUGE_VIEWBOX, gaugeBands, gaugeFraction, pointAt, angleAt } from './gauge-geometry.ts';

interface Props {
  panel: PanelOf<'gauge'>;
  value: number | null;
}

const BAND_RADIUS = 92;
const TRACK_RADIUS = 76;

/**
 * A radial gauge in SVG (scales with its tile, text included): the thresholds as a thin outer
 * ring, the value as a thick arc in its state's colour, the number big in the middle with its
 * unit and the state's icon and word below. Re-renders only on a new value.
 */
export const GaugeBody = memo(function GaugeBody({ panel, value }: Props) {
  const shown = displayValue(value, panel);
  const fraction = gaugeFraction(value, panel.min, panel.max);
  const bands = gaugeBands(panel.thresholds, panel.min, panel.max);
  const judged = shown.judged;
  const numberSize = fitFont(textWidth(shown.number), 116, 50);
  const minAt = pointAt(angleAt(0), TRACK_RADIUS);
  const maxAt = pointAt(angleAt(1), TRACK_RADIUS);
  return (
    <div className="gauge" data-state={judged ? shown.state : 'none'}>
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
          <text className="gauge-unit" x="100" y="120" fontSize="19" textAnchor="middle">
            {shown.unit.trim()}
          </text>
        )}
        {judged && (
          <text className="gauge-state" x="100" y="146" fontSize="19" textAnchor="middle" data-testid={`panel-state-${panel.id}`}>
            {toneIcon[shown.state]} {toneWord[shown.state]}
          </text>
        )}
        <text className="gauge-limit" x={minAt.x} y={minAt.y + 22} fontSize="14" textAnchor="middle">
          {formatValue(panel.min, panel.unit)}
        </text>
        <text className="gauge-limit" x={maxAt.x} y={maxAt.y + 22} fontSize="14" textAnchor="middle">
          {formatValue(panel.max, panel.unit)}
        </text>
      </svg>
    </div>
  );
});
