import type { SectionProps } from './section.ts';

/** The go/no-go criteria (met or not, in the draft) and the decision, recorded on the hub. */
export function GoNoGoSection({ plan, edit, onDecide }: SectionProps & { onDecide: (outcome: 'go' | 'no_go' | 'go_with_conditions') => void }) {
  const g = plan.goNoGo;
  if (!g) return null;
  return (
    <section className="plan-section" aria-labelledby="plan-gonogo">
      <h2 id="plan-gonogo">Go / no-go</h2>
      <p className="hint">
        Decided at {g.at} by {g.decider}.
      </p>
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
          Decision: <strong>{g.decision.outcome.replace(/_/g, ' ')}</strong> by {g.decision.by} at {g.decision.at}
          {g.decision.conditions ? `; conditions: ${g.decision.conditions}` : ''}
        </p>
      ) : (
        <p className="muted">No decision yet.</p>
      )}
      <div className="plan-summary">
        <button type="button" onClick={() => onDecide('go')} data-testid="decide-go">
          ✔ Go
        </button>
        <button type="button" onClick={() => onDecide('go_with_conditions')}>
          ▲ Go with conditions
        </button>
        <button type="button" onClick={() => onDecide('no_go')}>
          ✖ No go
        </button>
      </div>
    </section>
  );
}
