import { planWindowOrNull } from '../../shared/domain/planning/timeline.ts';
import type { Plan } from '../../shared/model/plan.ts';
import { setOptional, type SectionProps } from './section.ts';
import { WhenLocal } from './WhenLocal.tsx';

/**
 * One end of a standby's window; the window goes when both ends are emptied (none: the whole
 * event). One end typed alone is left for the hub's validation to name.
 */
function setWindow(standby: Plan['people']['standby'][number], end: 'from' | 'to', value: string): void {
  const window = { from: standby.window?.from ?? '', to: standby.window?.to ?? '', [end]: value };
  if (window.from.trim() === '' && window.to.trim() === '') delete standby.window;
  else standby.window = window;
}

/** Who is on standby for each service: the primary, a secondary, their team, and when (default: the whole event). */
export function StandbySection({ plan, edit }: SectionProps) {
  // null while the header is being edited: times show once it resolves
  const anchor = planWindowOrNull(plan);
  return (
    <section className="plan-section" aria-labelledby="plan-standby">
      <h2 id="plan-standby">Standby</h2>
      <table className="plan-table">
        <thead>
          <tr>
            <th>Service</th>
            <th>Primary</th>
            <th>Secondary</th>
            <th>Team</th>
            <th>From (T-offset or local)</th>
            <th>To</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.people.standby.map((s, i) => (
            <tr key={i} data-testid={`standby-${i}`}>
              <td>
                <input value={s.service} onChange={(x) => edit((d) => void (d.people.standby[i]!.service = x.target.value))} aria-label="Service" data-testid={`standby-service-${i}`} />
              </td>
              <td>
                <input value={s.primary} onChange={(x) => edit((d) => void (d.people.standby[i]!.primary = x.target.value))} aria-label="Primary" />
              </td>
              <td>
                <input
                  value={s.secondary ?? ''}
                  onChange={(x) => edit((d) => setOptional(d.people.standby[i]!, 'secondary', x.target.value))}
                  aria-label="Secondary"
                  data-testid={`standby-secondary-${i}`}
                />
              </td>
              <td>
                <input
                  value={s.team ?? ''}
                  onChange={(x) => edit((d) => setOptional(d.people.standby[i]!, 'team', x.target.value))}
                  aria-label="Team"
                />
              </td>
              {(['from', 'to'] as const).map((end) => (
                <td key={end}>
                  <input
                    value={s.window?.[end] ?? ''}
                    placeholder={end === 'from' ? 'event start' : 'event end'}
                    onChange={(x) => edit((d) => setWindow(d.people.standby[i]!, end, x.target.value))}
                    aria-label={end === 'from' ? 'Standby from' : 'Standby to'}
                    data-testid={`standby-${end}-${i}`}
                  />
                  {s.window?.[end] && <WhenLocal when={s.window[end]} anchor={anchor} />}
                </td>
              ))}
              <td>
                <button type="button" onClick={() => edit((d) => void d.people.standby.splice(i, 1))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => edit((d) => void d.people.standby.push({ service: 'service', primary: '@someone' }))}>
        Add a standby
      </button>
    </section>
  );
}
