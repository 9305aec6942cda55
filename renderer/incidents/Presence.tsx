/**
 * Who else is in the room: the consoles connected to the hub and what their outboxes still hold,
 * as they report it. On the wall, one fact in the banner ("2 consoles · 1 with 3 unsent"); on a
 * console, a side card listing each seat, the ones holding entries marked by colour, icon and
 * word, and the ones that went away holding entries kept visible.
 */
import { useMemo } from 'react';
import { summarisePresence } from '../../shared/domain/incidents/presence.ts';
import { useApp } from '../state/react.tsx';
import { clock } from './words.ts';

function usePresence() {
  const consoles = useApp((s) => s.incidents.presence);
  return useMemo(() => ({ consoles, summary: summarisePresence(consoles) }), [consoles]);
}

/** The wall's fact: how many consoles, and how many entries the room is still waiting for. */
export function ConsolesFact() {
  const { summary } = usePresence();
  const waiting = summary.unsent + summary.offlineUnsent;
  const sub =
    summary.holding > 0
      ? `${summary.holding} with ${summary.unsent} unsent`
      : summary.offlineHolding > 0
        ? `${summary.offlineHolding} offline with ${summary.offlineUnsent} unsent`
        : summary.connected > 0
          ? 'all sent'
          : '';
  return (
    <div className="ib-fact" data-testid="banner-consoles" data-unsent={waiting} data-warning={waiting > 0} title={summary.words}>
      <span className="ib-label">Consoles</span>
      <span className="ib-value">
        {waiting > 0 && <span aria-hidden="true">◌ </span>}
        {summary.connected}
      </span>
      {sub && <span className="ib-sub">{sub}</span>}
    </div>
  );
}

/** The console's card: every seat, who sits at it, and what it holds. */
export function ConsolesPanel({ timeZone }: { timeZone: string }) {
  const { consoles, summary } = usePresence();
  const me = useApp((s) => s.identity.console);
  return (
    <section className="side-card consoles" data-testid="consoles">
      <h3>
        Consoles <span className="count-badge">{summary.connected}</span>
      </h3>
      <p className="muted" data-testid="consoles-summary">
        {summary.words}
      </p>
      <ul className="console-list">
        {consoles.map((c) => {
          const state = !c.connected ? 'offline' : c.pending > 0 ? 'holding' : 'sent';
          return (
            <li key={`${c.console}-${c.connected}-${c.since}`} data-testid="console-row" data-state={state} data-console={c.console}>
              <span aria-hidden="true">{state === 'offline' ? '○' : state === 'holding' ? '◌' : '●'} </span>
              <strong>{c.console}</strong>
              {c.console === me && <span className="muted"> (this one)</span>}
              {c.person && <span> @{c.person}</span>}
              <span className="console-state">
                {' · '}
                {state === 'offline' ? `offline since ${clock(c.since, timeZone).slice(0, 5)}` : 'connected'}
                {c.pending > 0 && `, ${c.pending} unsent`}
                {c.refused > 0 && `, ${c.refused} refused`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
