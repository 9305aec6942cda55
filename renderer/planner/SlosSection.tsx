import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { eventBurnAlerts } from '../../shared/domain/planning/event-slo.ts';
import { planWindowOrNull } from '../../shared/domain/planning/timeline.ts';
import type { SectionProps } from './section.ts';

/**
 * The event SLOs and their burn-rate alerts, thresholds derived for this event's window
 * (budget fraction × event window ÷ alert window); edited in the YAML section.
 */
export function SlosSection({ plan }: SectionProps) {
  if (plan.slos.length === 0) return null;
  const w = planWindowOrNull(plan); // null while the header is being edited
  const windowMs = w === null ? null : w.endMs - w.startMs;
  return (
    <section className="plan-section" aria-labelledby="plan-slos">
      <h2 id="plan-slos">Event SLOs{windowMs === null ? '' : ` over the ${formatDuration(windowMs)} event window`}</h2>
      <table className="plan-table">
        <thead>
          <tr>
            <th>SLO</th>
            <th>Objective</th>
            <th>Error budget</th>
            <th>Burn alerts (derived)</th>
          </tr>
        </thead>
        <tbody>
          {plan.slos.map((slo) => (
            <tr key={slo.id} data-testid={`slo-${slo.id}`}>
              <td>{slo.name}</td>
              <td>{(slo.objective * 100).toFixed(2)}%</td>
              <td>{windowMs === null ? '—' : `${formatDuration(Math.round((1 - slo.objective) * windowMs))} of full outage`}</td>
              <td>
                {windowMs === null
                  ? '—'
                  : eventBurnAlerts(slo, windowMs)
                      .map((a) => `${a.severity}: ${a.threshold.toFixed(1)}× over ${formatDuration(a.longWindowMs)} (and ${formatDuration(a.shortWindowMs)}), ${Math.round(a.budgetFraction * 100)}% of the budget`)
                      .join(' · ') || 'none fit the window'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
