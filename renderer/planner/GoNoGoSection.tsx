import { useState } from 'react';
import { openForGo } from '../../shared/domain/planning/go-no-go.ts';
import { formatLocal } from '../../shared/domain/planning/markdown.ts';
import { parseInstant } from '../../shared/domain/planning/t-minus.ts';
import { planWindowOrNull } from '../../shared/domain/planning/timeline.ts';
import type { GoNoGoOutcome } from '../transport/plans.ts';
import type { SectionProps } from './section.ts';
import { NEEDS_PERSON } from './usePlans.ts';
import { WhenLocal } from './WhenLocal.tsx';

export interface DecideRequest {
  readonly outcome: GoNoGoOutcome;
  readonly override?: string;
}

/**
 * The go/no-go criteria (met or not, in the draft) and the decision, recorded on the hub. A decision
 * is recorded on the saved plan: with unsaved edits the buttons wait (a decision reloads the plan).
 * "Go" with anything open is an override and needs its reason.
 */
export function GoNoGoSection({ plan, edit, now, unsaved, needsPerson, onDecide }: SectionProps & { unsaved: boolean; needsPerson: boolean; onDecide: (request: DecideRequest) => void }) {
  const [override, setOverride] = useState('');
  const g = plan.goNoGo;
  if (!g) return null;
  // null while the header is being edited: times show once it resolves
  const anchor = planWindowOrNull(plan);
  let open: string[] = [];
  try {
    open = openForGo(plan, now);
  } catch {
    open = g.criteria.filter((c) => c.met !== true).map((c) => `not signed off: ${c.text}`);
  }
  const decidedAt = g.decision ? parseInstant(g.decision.at) : null;
  const needsReason = open.length > 0 && override.trim() === '';
  const goBlocked = unsaved || needsPerson || needsReason;
  // Why a decision waits (the buttons' title), the first that applies.
  const waits = unsaved ? 'Save your changes first' : needsPerson ? NEEDS_PERSON : undefined;
  return (
    <section className="plan-section" aria-labelledby="plan-gonogo">
      <h2 id="plan-gonogo">Go / no-go</h2>
      <div className="plan-summary">
        <label>
          Decided at
          <input className="narrow" value={g.at} onChange={(x) => edit((d) => void (d.goNoGo!.at = x.target.value))} data-testid="gonogo-at" />
          <WhenLocal when={g.at} anchor={anchor} />
        </label>
        <label>
          By
          <input className="narrow" value={g.decider} onChange={(x) => edit((d) => void (d.goNoGo!.decider = x.target.value))} data-testid="gonogo-decider" />
        </label>
      </div>
      <ul>
        {g.criteria.map((c, i) => (
          <li key={i}>
            <label style={{ flexDirection: 'row', gap: '0.4rem', color: 'inherit' }}>
              <input type="checkbox" checked={c.met === true} onChange={(x) => edit((d) => void (d.goNoGo!.criteria[i]!.met = x.target.checked))} />
              {c.text}
            </label>
          </li>
        ))}
      </ul>
      {g.decision ? (
        <p data-testid="go-no-go-decision">
          Decision: <strong>{g.decision.outcome.replace(/_/g, ' ')}</strong> by {g.decision.by}
          {decidedAt !== null && anchor ? `, ${formatLocal(decidedAt, anchor.timeZone)} (${anchor.timeZone})` : ''}
          {g.decision.conditions ? `; conditions: ${g.decision.conditions}` : ''}
          {g.decision.override ? `; override: ${g.decision.override}` : ''}
        </p>
      ) : (
        <p className="muted">No decision yet.</p>
      )}
      {open.length > 0 && (
        <div data-testid="gonogo-open">
          <p>Still open ({open.length}): a clean Go needs all of it signed off.</p>
          <ul>
            {open.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ul>
          <label>
            Go anyway (override): why
            <input value={override} onChange={(x) => setOverride(x.target.value)} maxLength={2000} data-testid="gonogo-override" />
          </label>
        </div>
      )}
      {unsaved && (
        <p className="form-error" data-testid="gonogo-unsaved">
          Save or discard your changes first: a decision is recorded on the saved plan.
        </p>
      )}
      <div className="plan-summary">
        <button
          type="button"
          disabled={goBlocked}
          title={waits ?? (needsReason ? 'Sign off every criterion, or write why it goes anyway' : undefined)}
          onClick={() => onDecide(open.length > 0 ? { outcome: 'go', override: override.trim() } : { outcome: 'go' })}
          data-testid="decide-go"
        >
          {open.length > 0 ? '✔ Go (override)' : '✔ Go'}
        </button>
        <button type="button" disabled={waits !== undefined} title={waits} onClick={() => onDecide({ outcome: 'go_with_conditions' })} data-testid="decide-go-with-conditions">
          ▲ Go with conditions
        </button>
        <button type="button" disabled={waits !== undefined} title={waits} onClick={() => onDecide({ outcome: 'no_go' })} data-testid="decide-no-go">
          ✖ No go
        </button>
      </div>
    </section>
  );
}
