import { DurationInput } from './DurationInput.tsx';
import { setOptional, type SectionProps } from './section.ts';

/** Escalation paths: per service ("*" for the rest), who is next when nobody answers for how long. */
export function EscalationSection({ plan, edit }: SectionProps) {
  return (
    <section className="plan-section" aria-labelledby="plan-escalation">
      <h2 id="plan-escalation">Escalation paths</h2>
      {plan.people.escalation.map((path, p) => (
        <fieldset key={p} className="plan-card" data-testid={`escalation-${p}`}>
          <legend>{path.service === '*' ? 'Every other service' : path.service}</legend>
          <form onSubmit={(ev) => ev.preventDefault()}>
            <label>
              Service (“*” for every other)
              <input value={path.service} onChange={(x) => edit((d) => void (d.people.escalation[p]!.service = x.target.value))} />
            </label>
            <button type="button" onClick={() => edit((d) => void d.people.escalation.splice(p, 1))}>
              Remove the path
            </button>
          </form>
          <table className="plan-table">
            <thead>
              <tr>
                <th>Step</th>
                <th>After no answer for</th>
                <th>Who</th>
                <th>Contact</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {path.steps.map((step, s) => (
                <tr key={s}>
                  <td>{s + 1}</td>
                  <td>
                    {s === 0 ? (
                      <span className="muted">at once</span>
                    ) : (
                      <DurationInput
                        value={step.after}
                        optional
                        label={`Step ${s + 1}: after no answer for`}
                        onChange={(ms) =>
                          edit((d) => {
                            if (ms === undefined) delete d.people.escalation[p]!.steps[s]!.after;
                            else d.people.escalation[p]!.steps[s]!.after = ms;
                          })
                        }
                        testId={`escalation-after-${p}-${s}`}
                      />
                    )}
                  </td>
                  <td>
                    <input value={step.who} onChange={(x) => edit((d) => void (d.people.escalation[p]!.steps[s]!.who = x.target.value))} aria-label={`Step ${s + 1}: who`} />
                  </td>
                  <td>
                    <input
                      value={step.contact ?? ''}
                      onChange={(x) => edit((d) => setOptional(d.people.escalation[p]!.steps[s]!, 'contact', x.target.value))}
                      aria-label={`Step ${s + 1}: contact`}
                    />
                  </td>
                  <td>
                    <button type="button" disabled={path.steps.length === 1} onClick={() => edit((d) => void d.people.escalation[p]!.steps.splice(s, 1))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => edit((d) => void d.people.escalation[p]!.steps.push({ after: 10 * 60_000, who: 'next in line' }))}>
            Add a step
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => edit((d) => void d.people.escalation.push({ service: '*', steps: [{ who: 'on-call engineer of the service' }] }))}>
        Add an escalation path
      </button>
    </section>
  );
}
