import { planWindowOrNull } from '../../shared/domain/planning/timeline.ts';
import { capacityStatuses } from '../../shared/model/plan.ts';
import { nextCapacityStatus } from './capacity-status.ts';
import { DurationInput } from './DurationInput.tsx';
import { newId, type SectionProps } from './section.ts';
import { WhenLocal } from './WhenLocal.tsx';

/** The pre-scale schedule: what is scaled to what by when, how it is checked, and its status on the night. */
export function CapacitySection({ plan, edit }: SectionProps) {
  // null while the header is being edited: times show once it resolves
  const anchor = planWindowOrNull(plan);
  return (
    <section className="plan-section" aria-labelledby="plan-capacity">
      <h2 id="plan-capacity">Pre-scale (capacity)</h2>
      <table className="plan-table">
        <thead>
          <tr>
            <th>Component</th>
            <th>Target</th>
            <th>Done by</th>
            <th>Lead time</th>
            <th>Owner</th>
            <th>Validation</th>
            <th>Scale down</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.capacity.map((c, i) => {
            const next = nextCapacityStatus(c.status);
            return (
              <tr key={c.id} data-testid={`capacity-${c.id}`}>
                <td>
                  <input value={c.component} title={c.component} onChange={(x) => edit((d) => void (d.capacity[i]!.component = x.target.value))} aria-label="Component" />
                </td>
                <td>
                  <input value={c.target} title={c.target} onChange={(x) => edit((d) => void (d.capacity[i]!.target = x.target.value))} aria-label="Target" />
                </td>
                <td>
                  <input className="narrow" value={c.when} onChange={(x) => edit((d) => void (d.capacity[i]!.when = x.target.value))} aria-label="Done by" />
                  <div>
                    <WhenLocal when={c.when} anchor={anchor} />
                  </div>
                </td>
                <td>
                  <DurationInput
                    value={c.leadTime}
                    optional
                    label="Lead time"
                    onChange={(ms) =>
                      edit((d) => {
                        if (ms === undefined) delete d.capacity[i]!.leadTime;
                        else d.capacity[i]!.leadTime = ms;
                      })
                    }
                  />
                </td>
                <td>
                  <input value={c.owner} onChange={(x) => edit((d) => void (d.capacity[i]!.owner = x.target.value))} aria-label="Owner" />
                </td>
                <td>
                  <input value={c.validation} title={c.validation} onChange={(x) => edit((d) => void (d.capacity[i]!.validation = x.target.value))} aria-label="Validation" />
                </td>
                <td>
                  <input className="narrow" value={c.scaleDown} onChange={(x) => edit((d) => void (d.capacity[i]!.scaleDown = x.target.value))} aria-label="Scale down" />
                  <div>
                    <WhenLocal when={c.scaleDown} anchor={anchor} />
                  </div>
                </td>
                <td>
                  <select value={c.status} onChange={(x) => edit((d) => void (d.capacity[i]!.status = x.target.value as typeof c.status))} aria-label="Status" data-testid={`capacity-status-${c.id}`}>
                    {capacityStatuses.map((s) => (
                      <option key={s} value={s}>
                        {s.replace('_', ' ')}
                      </option>
                    ))}
                  </select>
                  {next && (
                    <button type="button" onClick={() => edit((d) => void (d.capacity[i]!.status = next.status))} data-testid={`capacity-next-${c.id}`}>
                      {next.action}
                    </button>
                  )}
                </td>
                <td>
                  <button type="button" onClick={() => edit((d) => void d.capacity.splice(i, 1))}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          edit((d) => void d.capacity.push({ id: newId('step', d.capacity), component: 'New component', target: '2× baseline', when: 'T-2h', owner: d.event.owner, validation: 'Load test at the target', scaleDown: 'T+1d', status: 'planned' }))
        }
      >
        Add a pre-scale step
      </button>
    </section>
  );
}
