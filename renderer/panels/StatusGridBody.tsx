import { useLayoutEffect, useRef, useState } from 'react';
import type { CSSProperties, RefObject } from 'react';
import { formatAge } from '../../shared/domain/freshness.ts';
import { gridShape, gridTiles } from '../../shared/domain/status-grid.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { freshnessIcon, toneIcon, toneWord } from '../app/status-words.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { textWidth } from './text-width.ts';

interface Props {
  panel: PanelOf<'status-grid'>;
  frameKey: string;
  intervalMs: number;
  connected: boolean;
}

/** The tile area's size in px, kept up to date (one ResizeObserver, disconnected on unmount). */
function useBoxSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = Math.round(el.clientWidth);
      const height = Math.round(el.clientHeight);
      setSize((prev) => (prev.width === width && prev.height === height ? prev : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * One small tile per series: the state in colour AND icon AND word, the label, the value. A tile
 * whose own series stopped reporting is hatched and says how old it is, even while the others live.
 * The tiles share the panel as evenly as they can, as big as they can, never scrolling.
 */
export function StatusGridBody({ panel, frameKey, intervalMs, connected }: Props) {
  const series = useApp((s) => s.frames[frameKey]?.series);
  const now = useHubNow();
  const ref = useRef<HTMLDivElement>(null);
  const box = useBoxSize(ref);
  const tiles = gridTiles(series ?? [], {
    unit: panel.unit,
    decimals: panel.decimals,
    thresholds: panel.thresholds,
    mappings: panel.mappings,
    label: panel.label,
    sort: panel.sort,
    fallbackLabel: panel.title,
    expectedIntervalMs: intervalMs,
    now,
    connected,
  });
  const shape = gridShape(tiles.length, box.width, box.height);
  return (
    <div
      ref={ref}
      className="status-grid"
      data-testid={`status-grid-${panel.id}`}
      style={{ gridTemplateColumns: `repeat(${shape.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${shape.rows}, minmax(0, 1fr))` }}
    >
      {tiles.map((tile) => {
        const old = tile.freshness === 'stale' || tile.freshness === 'disconnected';
        const state = tile.judged ? tile.state : tile.state === 'unknown' ? 'unknown' : 'none';
        return (
          <div
            key={tile.key}
            className="tile"
            data-testid={`tile-${panel.id}-${tile.label}`}
            data-label={tile.label}
            data-state={state}
            data-freshness={tile.freshness}
            data-old={old}
            title={`${tile.label}: ${tile.number}${tile.unit}${tile.judged ? ` · ${toneWord[tile.state]}` : ''} · ${tile.freshness}`}
            style={{ '--mc-label-chars': textWidth(tile.label) + 1.6, '--mc-chars': textWidth(tile.number) + textWidth(tile.unit) * 0.55 } as CSSProperties}
          >
            <div className="tile-head">
              {(tile.judged || tile.state === 'unknown') && (
                <span className="tile-icon" aria-hidden="true">
                  {toneIcon[tile.state]}
                </span>
              )}
              <span className="tile-label">{tile.label}</span>
            </div>
            <div className="tile-value">
              {tile.number}
              {tile.unit && <span className="tile-unit">{tile.unit}</span>}
            </div>
            {old ? (
              <div className="tile-old" data-testid={`tile-old-${panel.id}-${tile.label}`}>
                <span aria-hidden="true">{freshnessIcon[tile.freshness]} </span>
                {tile.freshness === 'disconnected' ? 'last known' : 'stale'}
                {tile.ageMs !== null && ` · ${formatAge(tile.ageMs)}`}
              </div>
            ) : (
              tile.judged && <div className="tile-state">{toneWord[tile.state]}</div>
            )}
          </div>
        );
      })}
    </div>
  );
}
