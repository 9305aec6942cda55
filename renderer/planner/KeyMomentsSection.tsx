import { keyMomentKinds } from '../../shared/model/plan.ts';
import { formatLocal } from '../../shared/domain/planning/markdown.ts';
import { resolveWhen } from '../../shared/domain/planning/t-minus.ts';
import { keyMomentConcerns, planWindowOrNull } from '../../shared/domain/planning/timeline.ts';
import { newId, type SectionProps } from './section.ts';

export function KeyMomentsSection({ plan, edit }: SectionProps) {
  // null while the header is being edited: times show once it resolves
  const anchor = planWindowOrNull(plan);
  const concerns = keyMomentConcerns(plan);
  return (
    <section className="plan-section" aria-labelledby="plan-moments">
      <h2 id="plan-moments">Key moments</h2>
      <table className="plan-table">
        <thead>
          <tr>
            <th>Moment</th>
            <th>Kind</th>
            <th>At (T-offset or local)</th>
            <th>Local time</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.keyMoments.map((m, i) => {
            const at = anchor ? resolveWhen(m.at, anchor) : null;
            return (
              <tr key={m.id} data-testid={`moment-${m.id}`}>
                <td>
                  <input className="wide" value={m.label} title={m.label} onChange={(x) => edit((d) => void (d.keyMoments[i]!.label = x.target.value))} aria-label="Label" />
                </td>
                <td>
                  <select value={m.kind} onChange={(x) => edit((d) => void (d.keyMoments[i]!.kind = x.target.value as typeof m.kind))} aria-label="Kind">
                    {keyMomentKinds.map((k) => (
                      <option key={k}>{k}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input className="narrow" value={m.at} onChange={(x) => edit((d) => void (d.keyMoments[i]!.at = x.target.value))} aria-label="At" />
                </td>
                <td>
                  {at?.ok ? formatLocal(at.ms, plan.event.timezone) : <span className="form-error">{at ? at.message : '—'}</span>}
                  {concerns[i] && (
                    <div className="form-error" data-testid={`moment-concern-${m.id}`}>
                      ▲ {concerns[i]}
                    </div>
                  )}
                </td>
                <td>
                  <button type="button" onClick={() => edit((d) => void d.keyMoments.splice(i, 1))} aria-label={`Remove ${m.label}`}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => edit((d) => void d.keyMoments.push({ id: newId('moment', d.keyMoments), kind: 'other', label: 'New moment', at: 'T0', services: [] }))}>
        Add a key moment
      </button>
    </section>
  );
}
