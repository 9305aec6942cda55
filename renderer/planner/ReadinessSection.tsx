import { readinessCategories, readinessStatuses } from '../../shared/model/plan.ts';
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { readinessSummary } from '../../shared/domain/planning/readiness.ts';
import { newId, type SectionProps } from './section.ts';
import { StateChip } from './StateChip.tsx';
import { readinessWords } from './words.ts';

/** The checklist: each item's state by colour and word, its evidence and when it was last verified. */
export function ReadinessSection({ plan, edit, now }: SectionProps) {
  let summary: ReturnType<typeof readinessSummary> | null = null;
  try {
    summary = readinessSummary(plan, now);
  } catch {
    // times not resolvable while the header is being edited
  }
  return (
    <section className="plan-section" aria-labelledby="plan-readiness">
      <h2 id="plan-readiness">Readiness</h2>
      {summary && (
        <p className="plan-summary" data-testid="readiness-summary">
          Overall <StateChip state={readinessWords[summary.overall]} /> {summary.counts.green} ready · {summary.counts.amber} need attention · {summary.counts.red} not ready ·{' '}
          {summary.counts.open} open
        </p>
      )}
      <table className="plan-table">
        <thead>
          <tr>
            <th>State</th>
            <th>Item</th>
            <th>Category</th>
            <th>Owner</th>
            <th>Due</th>
            <th>Status</th>
            <th>Evidence (link)</th>
            <th>Last verified</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.readiness.map((r, i) => {
            const a = summary?.items[i];
            const verified = r.verifiedAt ? Date.parse(r.verifiedAt) : null;
            return (
              <tr key={r.id} data-testid={`readiness-${r.id}`}>
                <td>{a && <StateChip state={readinessWords[a.state]} testId={`readiness-state-${r.id}`} title={a.reason ?? undefined} />}</td>
                <td>
                  <input className="wide" value={r.item} title={r.item} onChange={(x) => edit((d) => void (d.readiness[i]!.item = x.target.value))} aria-label="Item" />
                  {a?.reason && <div className="hint">{a.reason}</div>}
                </td>
                <td>
                  <select value={r.category} onChange={(x) => edit((d) => void (d.readiness[i]!.category = x.target.value as typeof r.category))} aria-label="Category">
                    {readinessCategories.map((c) => (
                      <option key={c}>{c}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input value={r.owner} onChange={(x) => edit((d) => void (d.readiness[i]!.owner = x.target.value))} aria-label="Owner" />
                </td>
                <td>
                  <input className="narrow" value={r.due} onChange={(x) => edit((d) => void (d.readiness[i]!.due = x.target.value))} aria-label="Due" />
                </td>
                <td>
                  <select value={r.status} onChange={(x) => edit((d) => void (d.readiness[i]!.status = x.target.value as typeof r.status))} aria-label="Status" data-testid={`readiness-status-${r.id}`}>
                    {readinessStatuses.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    value={r.evidence ?? ''}
                    placeholder="https://…"
                    onChange={(x) =>
                      edit((d) => {
                        const v = x.target.value.trim();
                        if (v) d.readiness[i]!.evidence = v;
                        else delete d.readiness[i]!.evidence;
                      })
                    }
                    aria-label="Evidence"
                    data-testid={`readiness-evidence-${r.id}`}
                  />
                </td>
                <td data-testid={`readiness-verified-${r.id}`}>{verified === null || Number.isNaN(verified) ? 'never' : `${formatDuration(Math.max(0, now - verified))} ago`}</td>
                <td>
                  <button
                    type="button"
                    disabled={!r.evidence}
                    title={r.evidence ? 'I checked the evidence just now' : 'Link the evidence first'}
                    onClick={() =>
                      edit((d) => {
                        d.readiness[i]!.verifiedAt = new Date().toISOString();
                        d.readiness[i]!.status = 'done';
                      })
                    }
                    data-testid={`readiness-verify-${r.id}`}
                  >
                    Verified now
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => edit((d) => void d.readiness.push({ id: newId('item', d.readiness), item: 'New item', category: 'other', owner: d.event.owner, due: 'T-1d', status: 'todo' }))}
      >
        Add an item
      </button>
    </section>
  );
}
