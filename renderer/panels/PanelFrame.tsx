import type { ReactNode } from 'react';
import { formatAge } from '../../shared/domain/freshness.ts';
import type { PanelConfig, PanelState } from '../../shared/model/workspace.ts';
import { ErrorBoundary } from '../app/ErrorBoundary.tsx';
import { freshnessIcon, toneIcon, toneWord } from '../app/status-words.ts';
import type { GridPlacement } from '../wall/grid.ts';
import type { DisplayState, PanelFreshness } from '../wall/model.ts';
import { FreshnessBadge } from './FreshnessBadge.tsx';
import { useInspector } from './inspector-context.ts';
import { OVER_EMBEDS_MARK } from './watch-embed-placement.ts';
import './panels.css';
import './inspector.css';
import { RunbookLink } from '../app/RunbookLink.tsx';

export interface PanelFrameProps {
  panel: Pick<PanelConfig, 'id' | 'title' | 'description' | 'type' | 'runbook'>;
  placement: GridPlacement | undefined;
  freshness: PanelFreshness;
  /** Instead of the freshness word in the badge ("workspace"). */
  freshnessWord?: string;
  /** The panel's state (the border colour); the chip in the header shows it when `chip`. */
  state: DisplayState;
  /** What the data's age alone says (the workspace's staleAfter), shown on the freshness badge. */
  ageState?: PanelState | null;
  chip: boolean;
  /** The chip's own icon and word when the state's ("No value") would mislead: "◌ Learning". */
  chipLabel?: { icon: string; word: string };
  /** What the panel waits for, shown over the body while `freshness.waiting` (never a blank tile). */
  waiting: ReactNode;
  /** The words on old data: "old data" (default), "old page". */
  oldWord?: string;
  /** The source's (or the page's) last failure, in words. */
  error: string | null;
  /** A change clears a body that failed to draw (new data, a reload). */
  resetKey: unknown;
  /** A data panel: offers "Inspect" where the wall allows it (a person at a keyboard). */
  inspectable?: boolean;
  children: ReactNode;
}

/**
 * Every panel, whatever its type: title, state chip, freshness badge (ticking), the body, and the
 * last error in words. Old data stays on screen, dimmed and hatched, with its age; before any
 * data, a sentence saying what it waits for.
 */
export function PanelFrame(props: PanelFrameProps) {
  const { panel, placement, freshness, state, chip, error } = props;
  const old = !freshness.waiting && (freshness.freshness === 'stale' || freshness.freshness === 'disconnected');
  const inspector = useInspector();
  const inspect = props.inspectable ? inspector : null;
  return (
    <section
      className="panel"
      data-testid={`panel-${panel.id}`}
      data-type={panel.type}
      data-freshness={freshness.freshness}
      data-state={state}
      data-waiting={freshness.waiting}
      data-old={old}
      data-inspecting={inspect?.current === panel.id || undefined}
      style={placement ? { gridColumn: placement.gridColumn, gridRow: placement.gridRow } : undefined}
    >
      <header className="panel-head">
        <h2 className="panel-title" title={panel.description}>
          {panel.title}
        </h2>
        {chip && (
          <span className="state-chip" data-state={state} data-testid={`panel-state-${panel.id}`}>
            <span aria-hidden="true">{props.chipLabel?.icon ?? toneIcon[state]} </span>
            {props.chipLabel?.word ?? toneWord[state]}
          </span>
        )}
        {panel.runbook && <RunbookLink url={panel.runbook} testId={`runbook-${panel.id}`} />}
        <FreshnessBadge panelId={panel.id} freshness={freshness} word={props.freshnessWord} ageState={props.ageState ?? null} />
        {inspect && (
          <button
            type="button"
            className="panel-inspect"
            data-testid={`inspect-${panel.id}`}
            aria-label={`Inspect ${panel.title}`}
            title="Inspect: the query as configured and what the hub answers for it"
            onClick={() => inspect.open(panel.id)}
          >
            <span aria-hidden="true">⌕ </span>Inspect
          </button>
        )}
      </header>
      {/* The words drawn over the body are marked: a desktop embed's page (a native view above the
          whole page) keeps out of them. */}
      <div className="panel-body">
        <ErrorBoundary resetKey={props.resetKey} fallback={(e) => <p className="panel-note">This panel failed to draw: {e.message}</p>}>
          {props.children}
        </ErrorBoundary>
        {freshness.waiting && (
          <div className="panel-waiting" data-testid={`panel-waiting-${panel.id}`} {...OVER_EMBEDS_MARK}>
            {props.waiting}
          </div>
        )}
        {old && (
          <div className="panel-old" data-testid={`panel-old-${panel.id}`} {...OVER_EMBEDS_MARK}>
            <span aria-hidden="true">{freshnessIcon[freshness.freshness]} </span>
            {freshness.freshness === 'disconnected' ? 'last known' : (props.oldWord ?? 'old data')}
            {freshness.ageMs !== null && ` · ${formatAge(freshness.ageMs)}`}
          </div>
        )}
      </div>
      {error && (
        <footer className="panel-error" data-testid={`panel-error-${panel.id}`}>
          <span aria-hidden="true">▲ </span>
          {error}
        </footer>
      )}
    </section>
  );
}
