import { Fragment, useState } from 'react';
import { isOpenRisk } from '../../shared/domain/planning/risk.ts';
import type { RiskBacklog } from '../../shared/domain/review/risk-backlog.ts';
import type { StoredRisk } from '../../shared/protocol/risks.ts';
import { RiskForm } from './RiskForm.tsx';

/** The table's columns besides "Change". */
const COLUMNS = 8;

/**
 * The review's top risks; for those who may change the backlog (`canEdit`), an "Add risk" form,
 * an editor on each row, and the risks out of the backlog (mitigated, accepted, closed) to reopen.
 * `allRisks` is every stored risk (GET /api/v1/risks): a new risk's id must not replace one of them.
 */
export function RisksSection({ backlog, allRisks, teams, team, canEdit, onSaved }: { backlog: RiskBacklog<StoredRisk>; allRisks: readonly StoredRisk[]; teams: readonly string[]; team: string | null; canEdit: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const saved = (what: string) => (risk: StoredRisk) => {
    setEditing(null);
    setAdding(false);
    setSaid(`${what} “${risk.title}” (${risk.status}).`);
    onSaved();
  };
  const form = (risk: StoredRisk | null) => (
    <RiskForm risk={risk} taken={allRisks} teams={teams} defaultTeam={team} onSaved={saved(risk ? 'Saved' : 'Added')} onCancel={() => (risk ? setEditing(null) : setAdding(false))} />
  );
  const editButton = (risk: StoredRisk) =>
    canEdit && (
      <button type="button" className="small no-print" aria-expanded={editing === risk.id} aria-label={`Edit risk: ${risk.title}`} data-testid={`risk-edit-${risk.id}`} onClick={() => setEditing(editing === risk.id ? null : risk.id)}>
        ✎ Edit
      </button>
    );
  const closed = allRisks.filter((r) => !isOpenRisk(r.status) && (!team || r.team === team));

  return (
    <section id="review-risks" className="review-section">
      <h2>Top risks</h2>
      {backlog.top.length === 0 ? (
        <p>No open risks.</p>
      ) : (
        <>
          <table className="review-table" data-testid="risk-table">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Risk</th>
                <th>Category</th>
                <th className="num">L×I</th>
                <th>Band</th>
                <th className="num">Effort</th>
                <th>Owner</th>
                <th>Plan</th>
                {canEdit && <th className="no-print">Change</th>}
              </tr>
            </thead>
            <tbody>
              {backlog.top.map((r) => (
                <Fragment key={r.risk.id}>
                  <tr data-testid={`risk-row-${r.risk.id}`}>
                    <td className="num">{r.rank}</td>
                    <td>{r.risk.title}</td>
                    <td>{r.risk.category}</td>
                    <td className="num" data-testid={`risk-score-${r.risk.id}`}>
                      {r.risk.likelihood}×{r.risk.impact} = {r.score}
                    </td>
                    <td>{r.band}</td>
                    <td className="num">{r.risk.effort}</td>
                    <td>{r.risk.owner ?? '—'}</td>
                    <td>{r.hasPlan ? 'yes' : <strong>✖ no plan</strong>}</td>
                    {canEdit && <td className="no-print">{editButton(r.risk)}</td>}
                  </tr>
                  {editing === r.risk.id && (
                    <tr className="no-print">
                      <td colSpan={COLUMNS + 1}>{form(r.risk)}</td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          <p className="review-note">
            {backlog.open} open risks in all; {backlog.topWithoutPlan} of the top {backlog.top.length} without a plan and an owner.
          </p>
        </>
      )}
      {said && (
        <p className="review-note no-print" role="status" data-testid="risk-saved">
          ✓ {said}
        </p>
      )}
      {canEdit && (
        <div className="no-print">
          {adding ? (
            form(null)
          ) : (
            <button type="button" data-testid="risk-add" onClick={() => setAdding(true)}>
              ＋ Add risk
            </button>
          )}
          {closed.length > 0 && (
            <details className="review-closed-risks" data-testid="risk-closed">
              <summary>Out of the backlog ({closed.length}): mitigated, accepted or closed</summary>
              <ul>
                {closed.map((risk) => (
                  <li key={risk.id} data-testid={`risk-closed-${risk.id}`}>
                    {risk.title} — {risk.status} {editButton(risk)}
                    {editing === risk.id && form(risk)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
