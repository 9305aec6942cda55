import { eventTypes } from '../../shared/model/plan.ts';
import { ListInput } from './ListInput.tsx';
import type { SectionProps } from './section.ts';

export function HeaderSection({ plan, edit }: SectionProps) {
  const e = plan.event;
  return (
    <section className="plan-section" aria-labelledby="plan-header">
      <h2 id="plan-header">Event</h2>
      <form onSubmit={(ev) => ev.preventDefault()}>
        <label>
          Name
          <input value={e.name} onChange={(x) => edit((d) => void (d.event.name = x.target.value))} data-testid="plan-name" />
        </label>
        <label>
          Type
          <select value={e.type} onChange={(x) => edit((d) => void (d.event.type = x.target.value as typeof e.type))}>
            {eventTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Tier
          <select value={e.tier} onChange={(x) => edit((d) => void (d.event.tier = Number(x.target.value) as 1 | 2 | 3))}>
            {[1, 2, 3].map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Starts (local)
          <input value={e.start} onChange={(x) => edit((d) => void (d.event.start = x.target.value))} data-testid="plan-start" />
        </label>
        <label>
          Ends (local)
          <input value={e.end} onChange={(x) => edit((d) => void (d.event.end = x.target.value))} data-testid="plan-end" />
        </label>
        <label>
          Time zone
          <input value={e.timezone} onChange={(x) => edit((d) => void (d.event.timezone = x.target.value))} />
        </label>
        <label>
          Owner
          <input
            value={e.owner}
            onChange={(x) =>
              edit((d) => {
                // The template's go/no-go decider is its owner: a new owner decides, unless someone else was named.
                if (d.goNoGo && d.goNoGo.decider === d.event.owner) d.goNoGo.decider = x.target.value;
                d.event.owner = x.target.value;
              })
            }
            data-testid="plan-owner"
          />
        </label>
        <label>
          Walls in event mode (ids, comma-separated; empty: all)
          <ListInput
            value={e.walls ?? []}
            onChange={(walls) =>
              edit((d) => {
                if (walls.length > 0) d.event.walls = walls;
                else delete d.event.walls;
              })
            }
            testId="plan-walls"
          />
        </label>
        <label style={{ flexBasis: '100%' }}>
          Success criteria (one a line)
          <textarea
            value={e.successCriteria.join('\n')}
            onChange={(x) => edit((d) => void (d.event.successCriteria = x.target.value.split('\n')))}
          />
        </label>
      </form>
    </section>
  );
}
