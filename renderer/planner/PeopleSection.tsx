import { setOptional, type SectionProps } from './section.ts';

/** The roster by role and shift (standby and escalation have sections of their own). */
export function PeopleSection({ plan, edit }: SectionProps) {
  return (
    <section className="plan-section" aria-labelledby="plan-people">
      <h2 id="plan-people">People</h2>
      <table className="plan-table">
        <thead>
          <tr>
            <th>Person</th>
            <th>Role</th>
            <th>Team</th>
            <th>Shift from</th>
            <th>Shift to</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.people.roster.map((r, i) => (
            <tr key={i}>
              <td>
                <input value={r.person} onChange={(x) => edit((d) => void (d.people.roster[i]!.person = x.target.value))} aria-label="Person" />
              </td>
              <td>
                <input value={r.role} onChange={(x) => edit((d) => void (d.people.roster[i]!.role = x.target.value))} aria-label="Role" />
              </td>
              <td>
                <input
                  value={r.team ?? ''}
                  onChange={(x) => edit((d) => setOptional(d.people.roster[i]!, 'team', x.target.value))}
                  aria-label="Team"
                />
              </td>
              <td>
                <input className="narrow" value={r.shift.from} onChange={(x) => edit((d) => void (d.people.roster[i]!.shift.from = x.target.value))} aria-label="Shift from" />
              </td>
              <td>
                <input className="narrow" value={r.shift.to} onChange={(x) => edit((d) => void (d.people.roster[i]!.shift.to = x.target.value))} aria-label="Shift to" />
              </td>
              <td>
                <button type="button" disabled={plan.people.roster.length === 1} onClick={() => edit((d) => void d.people.roster.splice(i, 1))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => edit((d) => void d.people.roster.push({ person: '@someone', role: 'SME', shift: { from: 'T-1h', to: d.people.roster[0]?.shift.to ?? 'T+3h' } }))}>
        Add a person
      </button>
    </section>
  );
}
