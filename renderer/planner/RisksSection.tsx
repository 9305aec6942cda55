import { riskStatuses } from '../../shared/model/plan.ts';
import { riskBand, riskScore } from '../../shared/domain/planning/risk.ts';
import type { SectionProps } from './section.ts';
import { StateChip } from './StateChip.tsx';
import { riskWords } from './words.ts';

const level = (v: string): number => Math.min(5, Math.max(1, Math.round(Number(v) || 1)));

/** The register: likelihood × impact, its band by colour and word, status and the live trigger. */
export function RisksSection({ plan, edit }: SectionProps) {
  return (
    <section className="plan-section" aria-labelledby="plan-risks">
      <h2 id="plan-risks">Risks</h2>
      <table className="plan-table">
        <thead>
          <tr>
            <th>Risk</th>
            <th>Likelihood</th>
            <th>Impact</th>
            <th>Score</th>
            <th>Status</th>
            <th>Owner</th>
            <th>Trigger (watched live)</th>
          </tr>
        </thead>
        <tbody>
          {plan.risks.map((r, i) => {
            const score = riskScore(r);
            return (
              <tr key={r.id} data-testid={`risk-${r.id}`}>
                <td>
                  <input className="wide" value={r.title} title={r.title} onChange={(x) => edit((d) => void (d.risks[i]!.title = x.target.value))} aria-label="Title" />
                </td>
                <td>
                  <input className="narrow" type="number" min={1} max={5} value={r.likelihood} onChange={(x) => edit((d) => void (d.risks[i]!.likelihood = level(x.target.value)))} aria-label="Likelihood" />
                </td>
                <td>
                  <input className="narrow" type="number" min={1} max={5} value={r.impact} onChange={(x) => edit((d) => void (d.risks[i]!.impact = level(x.target.value)))} aria-label="Impact" />
                </td>
                <td>
                  {score} <StateChip state={riskWords[riskBand(score)]} testId={`risk-band-${r.id}`} />
                </td>
                <td>
                  <select value={r.status} onChange={(x) => edit((d) => void (d.risks[i]!.status = x.target.value as typeof r.status))} aria-label="Status">
                    {riskStatuses.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input value={r.owner} onChange={(x) => edit((d) => void (d.risks[i]!.owner = x.target.value))} aria-label="Owner" />
                </td>
                <td>
                  {r.contingency ? (
                    <>
                      {r.contingency.trigger.description}
                      <div className="hint">
                        {r.contingency.trigger.panel ? `panel ${r.contingency.trigger.panel}` : 'metric'} {r.contingency.trigger.op} {r.contingency.trigger.value} → {r.contingency.plan}
                      </div>
                    </>
                  ) : (
                    <span className="muted">no contingency</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
