import { useState } from 'react';
import { planToYaml } from '../../shared/domain/planning/plan-io.ts';
import type { Plan } from '../../shared/model/plan.ts';

/**
 * Every section as YAML, for what the forms above do not cover (the forecast's ramp and
 * headroom, freeze, comms, event SLOs): saved whole, or refused with each field.
 */
export function YamlSection({ plan, disabled, onSave }: { plan: Plan; disabled: boolean; onSave: (yaml: string) => void }) {
  const [text, setText] = useState<string | null>(null);
  return (
    <section className="plan-section" aria-labelledby="plan-yaml">
      <h2 id="plan-yaml">The whole plan as YAML</h2>
      {text === null ? (
        <button type="button" disabled={disabled} title={disabled ? 'Save or discard the changes above first' : undefined} onClick={() => setText(planToYaml(plan))} data-testid="yaml-open">
          Edit as YAML
        </button>
      ) : (
        <>
          <textarea value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} rows={30} style={{ fontFamily: 'ui-monospace, monospace' }} data-testid="yaml-text" />
          <p className="plan-summary">
            <button type="button" className="primary" onClick={() => onSave(text)} data-testid="yaml-save">
              Save YAML
            </button>
            <button type="button" onClick={() => setText(null)}>
              Close
            </button>
          </p>
        </>
      )}
    </section>
  );
}
