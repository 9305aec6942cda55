import { useEffect, useState } from 'react';
import { riskCategories, riskStatuses, triggerOps, type Risk, type TriggerOp } from '../../shared/model/plan.ts';
import { riskBand, riskScore } from '../../shared/domain/planning/risk.ts';
import { useApp } from '../state/react.tsx';
import { DurationInput } from './DurationInput.tsx';
import { ListInput } from './ListInput.tsx';
import { newId, setOptional, type SectionProps } from './section.ts';
import { StateChip } from './StateChip.tsx';
import { riskWords } from './words.ts';

const LEVEL_WORDS = { likelihood: '1 rare … 5 almost certain', impact: '1 insignificant … 5 severe', effort: '1 hours … 5 a quarter' } as const;

/**
 * A 1–5 level: what is typed stays, the draft changes only for a whole number from 1 to 5, and
 * anything else is named beside the field (it used to be clamped without a word).
 */
function LevelInput({ value, label, onChange, testId }: { value: number; label: keyof typeof LEVEL_WORDS; onChange: (level: number) => void; testId: string }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText((typed) => (Number(typed) === value ? typed : String(value))), [value]);
  const n = Number(text);
  const ok = text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 5;
  return (
    <label>
      {label[0]!.toUpperCase() + label.slice(1)}
      <input
        className="narrow"
        type="number"
        min={1}
        max={5}
        value={text}
        title={LEVEL_WORDS[label]}
        aria-invalid={!ok}
        onChange={(x) => {
          setText(x.target.value);
          const next = Number(x.target.value);
          if (x.target.value.trim() !== '' && Number.isInteger(next) && next >= 1 && next <= 5) onChange(next);
        }}
        data-testid={testId}
      />
      {!ok && (
        <span className="form-error">
          a whole number from 1 to 5 ({LEVEL_WORDS[label]}); kept at {value}
        </span>
      )}
    </label>
  );
}

const newRisk = (taken: readonly Risk[]): Risk => ({
  id: newId('risk', taken),
  title: 'New risk',
  category: 'operational',
  likelihood: 3,
  impact: 3,
  effort: 3,
  mitigation: 'What we do beforehand',
  owner: '@owner',
  status: 'open',
});

/** The register: likelihood × impact and its band, mitigation, and the contingency with its live trigger. */
export function RisksSection({ plan, edit }: SectionProps) {
  const workspace = useApp((s) => s.workspace.workspace);
  const panels = workspace ? workspace.walls.flatMap((w) => w.panels.map((p) => p.id)) : null;
  return (
    <section className="plan-section" aria-labelledby="plan-risks">
      <h2 id="plan-risks">Risks</h2>
      {plan.risks.length === 0 && <p className="muted">No risks in this plan.</p>}
      {panels && (
        <datalist id="plan-risk-panels">
          {[...new Set(panels)].map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
      )}
      {plan.risks.map((r, i) => {
        const score = riskScore(r);
        const c = r.contingency;
        const unknownPanel = c?.trigger.panel !== undefined && panels !== null && !panels.includes(c.trigger.panel);
        return (
          <fieldset key={r.id} className="plan-card" data-testid={`risk-${r.id}`}>
            <legend>
              {r.title || 'New risk'} · {score} <StateChip state={riskWords[riskBand(score)]} testId={`risk-band-${r.id}`} />
            </legend>
            <form onSubmit={(ev) => ev.preventDefault()}>
              <label>
                Title
                <input className="wide" value={r.title} title={r.title} onChange={(x) => edit((d) => void (d.risks[i]!.title = x.target.value))} data-testid={`risk-title-${r.id}`} />
              </label>
              <label>
                Category
                <select value={r.category} onChange={(x) => edit((d) => void (d.risks[i]!.category = x.target.value as Risk['category']))}>
                  {riskCategories.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
              </label>
              <LevelInput label="likelihood" value={r.likelihood} onChange={(v) => edit((d) => void (d.risks[i]!.likelihood = v))} testId={`risk-likelihood-${r.id}`} />
              <LevelInput label="impact" value={r.impact} onChange={(v) => edit((d) => void (d.risks[i]!.impact = v))} testId={`risk-impact-${r.id}`} />
              <LevelInput label="effort" value={r.effort} onChange={(v) => edit((d) => void (d.risks[i]!.effort = v))} testId={`risk-effort-${r.id}`} />
              <label>
                Status
                <select value={r.status} onChange={(x) => edit((d) => void (d.risks[i]!.status = x.target.value as Risk['status']))} aria-label="Status">
                  {riskStatuses.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
              <label>
                Owner
                <input value={r.owner} onChange={(x) => edit((d) => void (d.risks[i]!.owner = x.target.value))} aria-label="Owner" />
              </label>
              <label style={{ flexBasis: '100%' }}>
                Mitigation (beforehand)
                <textarea value={r.mitigation} rows={2} onChange={(x) => edit((d) => void (d.risks[i]!.mitigation = x.target.value))} data-testid={`risk-mitigation-${r.id}`} />
              </label>
            </form>
            {c ? (
              <form onSubmit={(ev) => ev.preventDefault()} data-testid={`risk-contingency-${r.id}`}>
                <label style={{ flexBasis: '100%' }}>
                  Contingency (on the night)
                  <textarea value={c.plan} rows={2} onChange={(x) => edit((d) => void (d.risks[i]!.contingency!.plan = x.target.value))} data-testid={`risk-contingency-plan-${r.id}`} />
                </label>
                <label className="wide">
                  Trigger, in words
                  <input value={c.trigger.description} onChange={(x) => edit((d) => void (d.risks[i]!.contingency!.trigger.description = x.target.value))} data-testid={`risk-trigger-text-${r.id}`} />
                </label>
                <label>
                  Panel watched
                  <input
                    list="plan-risk-panels"
                    value={c.trigger.panel ?? ''}
                    aria-invalid={unknownPanel}
                    onChange={(x) => edit((d) => setOptional(d.risks[i]!.contingency!.trigger, 'panel', x.target.value))}
                    data-testid={`risk-trigger-panel-${r.id}`}
                  />
                  {unknownPanel && <span className="form-error">no panel "{c.trigger.panel}" on any wall of this workspace: it would never fire</span>}
                </label>
                <label>
                  When
                  <select value={c.trigger.op} onChange={(x) => edit((d) => void (d.risks[i]!.contingency!.trigger.op = x.target.value as TriggerOp))} data-testid={`risk-trigger-op-${r.id}`}>
                    {triggerOps.map((o) => (
                      <option key={o}>{o}</option>
                    ))}
                  </select>
                </label>
                <label>
                  Value
                  <input
                    className="narrow"
                    type="number"
                    value={c.trigger.value}
                    onChange={(x) => edit((d) => void (d.risks[i]!.contingency!.trigger.value = Number(x.target.value) || 0))}
                    data-testid={`risk-trigger-value-${r.id}`}
                  />
                </label>
                <label>
                  For
                  <DurationInput
                    value={c.trigger.for}
                    optional
                    label="For"
                    onChange={(ms) =>
                      edit((d) => {
                        if (ms === undefined) delete d.risks[i]!.contingency!.trigger.for;
                        else d.risks[i]!.contingency!.trigger.for = ms;
                      })
                    }
                  />
                </label>
                <label>
                  Decides
                  <input value={c.decisionOwner ?? ''} placeholder="@commander" onChange={(x) => edit((d) => setOptional(d.risks[i]!.contingency!, 'decisionOwner', x.target.value))} data-testid={`risk-decides-${r.id}`} />
                </label>
                <label>
                  Tell (comma-separated)
                  <ListInput value={c.notify} onChange={(list) => edit((d) => void (d.risks[i]!.contingency!.notify = list))} testId={`risk-notify-${r.id}`} />
                </label>
                <label>
                  Runbook
                  <input value={c.runbook ?? ''} placeholder="https://…" onChange={(x) => edit((d) => setOptional(d.risks[i]!.contingency!, 'runbook', x.target.value))} />
                </label>
                <button type="button" onClick={() => edit((d) => void delete d.risks[i]!.contingency)}>
                  Remove the contingency
                </button>
              </form>
            ) : (
              <button
                type="button"
                onClick={() => edit((d) => void (d.risks[i]!.contingency = { plan: 'What we do when it fires', trigger: { description: 'When it fires', panel: panels?.[0] ?? 'panel-id', op: '>', value: 0 }, notify: [] }))}
                data-testid={`risk-add-contingency-${r.id}`}
              >
                Add a contingency with a trigger
              </button>
            )}
            <p className="plan-summary">
              <button type="button" onClick={() => edit((d) => void d.risks.splice(i, 1))} data-testid={`risk-remove-${r.id}`}>
                Remove the risk
              </button>
            </p>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => edit((d) => void d.risks.push(newRisk(d.risks)))} data-testid="plan-risk-add">
        Add a risk
      </button>
    </section>
  );
}
