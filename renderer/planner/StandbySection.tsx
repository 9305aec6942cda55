import { setOptional, type SectionProps } from './section.ts';

/** Who is on standby for each service: the primary, a secondary, their team. */
export function StandbySection({ plan, edit }: SectionProps) {
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
