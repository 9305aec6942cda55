import { useEffect, useRef, useState } from 'react';
import { planToYaml } from '../../shared/domain/planning/plan-io.ts';
import type { Plan } from '../../shared/model/plan.ts';
import { PlanRequestError, type PlanIssueView } from '../transport/plans.ts';
import { PlanIssues } from './PlanIssues.tsx';

/**
 * Every section as YAML, for what the forms above do not cover (the forecast's ramp and
 * headroom, freeze, comms, event SLOs): saved whole, or refused with each field, said beside the
 * Save button (the editor's own list is at the top of a long page, out of sight from here).
 */
export function YamlSection({ plan, disabled, onSave }: { plan: Plan; disabled: boolean; onSave: (yaml: string) => Promise<unknown> }) {
  const [text, setText] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ error: string; issues: readonly PlanIssueView[] } | null>(null);
  const [saved, setSaved] = useState(false);
  const refusalRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!refusal) return;
    refusalRef.current?.scrollIntoView({ block: 'nearest' });
    refusalRef.current?.focus({ preventScroll: true });
  }, [refusal]);
  const save = (yaml: string) => {
    setRefusal(null);
    setSaved(false);
    onSave(yaml).then(
      () => setSaved(true),
      (e: unknown) => setRefusal({ error: (e as Error).message, issues: e instanceof PlanRequestError ? e.issues : [] }),
    );
  };
  return (
    <section className="plan-section" aria-labelledby="plan-yaml">
      <h2 id="plan-yaml">The whole plan as YAML</h2>
      {text === null ? (
        <button type="button" disabled={disabled} title={disabled ? 'Save or discard the changes above first' : undefined} onClick={() => setText(planToYaml(plan))} data-testid="yaml-open">
          Edit as YAML
        </button>
      ) : (
        <>
          <textarea
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSaved(false);
            }}
            spellCheck={false}
            rows={30}
            style={{ fontFamily: 'ui-monospace, monospace' }}
            data-testid="yaml-text"
          />
          <p className="plan-summary">
            <button type="button" className="primary" onClick={() => save(text)} data-testid="yaml-save">
              Save YAML
            </button>
            <button
              type="button"
              onClick={() => {
                setText(null);
                setRefusal(null);
                setSaved(false);
              }}
            >
              Close
            </button>
            {saved && (
              <span role="status" data-testid="yaml-saved">
                Saved.
              </span>
            )}
          </p>
          {refusal && <PlanIssues ref={refusalRef} error={refusal.error} issues={refusal.issues} testId="yaml-issues" />}
        </>
      )}
    </section>
  );
}
