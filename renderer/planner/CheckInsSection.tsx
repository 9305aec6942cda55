import { planCheckIns } from '../../shared/domain/planning/check-ins.ts';
import { formatLocal } from '../../shared/domain/planning/markdown.ts';
import type { CheckIn } from '../../shared/model/plan.ts';
import type { SectionProps } from './section.ts';
import { newId } from './section.ts';
import { StateChip } from './StateChip.tsx';
import { ragWords, slotWords } from './words.ts';

/** The check-in schedule (who reports on what, how often, from when) and what came in. */
export function CheckInsSection({ plan, edit, now, checkIns }: SectionProps & { checkIns: readonly CheckIn[] }) {
  let status: ReturnType<typeof planCheckIns> | null = null;
  try {
    status = planCheckIns(plan, checkIns, now);
  } catch {
    // times unresolvable while editing
  }
  const c = status?.counts;
  return (
    <section className="plan-section" aria-labelledby="plan-checkins">
      <h2 id="plan-checkins">Check-in schedule</h2>
      {c && (
        <p className="plan-summary" data-testid="check-in-counts">
          {c.kept} kept · {c.late} late · {c.missed} missed · {c.due} due · {c.overdue} overdue · {c.upcoming} upcoming
        </p>
      )}
      <table className="plan-table">
        <thead>
          <tr>
            <th>Who</th>
            <th>Reports on</th>
            <th>Every (min)</th>
            <th>From</th>
            <th>Until</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.checkIns.map((s, i) => (
            <tr key={s.id}>
              <td>
                <select value={s.who} onChange={(x) => edit((d) => void (d.checkIns[i]!.who = x.target.value))} aria-label="Who">
                  {[...new Set([s.who, ...plan.people.roster.map((r) => r.person)])].map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
              </td>
              <td>
                <input value={s.reports} onChange={(x) => edit((d) => void (d.checkIns[i]!.reports = x.target.value))} aria-label="Reports on" />
              </td>
              <td>
                <input className="narrow" type="number" min={1} value={Math.round(s.every / 60_000)} onChange={(x) => edit((d) => void (d.checkIns[i]!.every = Math.max(1, Number(x.target.value) || 1) * 60_000))} aria-label="Every (minutes)" />
              </td>
              <td>
                <input className="narrow" value={s.from} onChange={(x) => edit((d) => void (d.checkIns[i]!.from = x.target.value))} aria-label="From" />
              </td>
              <td>{s.until ?? 'the end'}</td>
              <td>
                <button type="button" onClick={() => edit((d) => void d.checkIns.splice(i, 1))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          edit((d) => void d.checkIns.push({ id: newId('check-in', d.checkIns), who: d.people.roster[0]!.person, reports: 'Service health', every: 30 * 60_000, from: 'T-1h', grace: 5 * 60_000 }))
        }
      >
        Add a schedule
      </button>
      {checkIns.length > 0 && (
        <>
          <h3>Received</h3>
          <ul data-testid="check-ins-received">
            {[...checkIns]
              .reverse()
              .slice(0, 20)
              .map((k, i) => (
                <li key={i}>
                  {formatLocal(k.at, plan.event.timezone)} · {k.by} · {k.service} <StateChip state={ragWords[k.status]} /> {k.note}
                </li>
              ))}
          </ul>
        </>
      )}
      {status && status.attention.length > 0 && (
        <p data-testid="check-ins-attention">
          Now:{' '}
          {status.attention.map((s) => (
            <span key={`${s.scheduleId}:${s.index}`}>
              {s.who} ({s.reports}) <StateChip state={slotWords[s.state]} />{' '}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
