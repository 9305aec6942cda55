import { newId, setOptional, type SectionProps } from './section.ts';
import { NEEDS_PERSON } from './usePlans.ts';

/** Action items after the event; the ones marked as lessons go back into the template. */
export function ActionsSection({ plan, edit, needsPerson, onPushLessons }: SectionProps & { needsPerson: boolean; onPushLessons: (() => void) | null }) {
  return (
    <section className="plan-section" aria-labelledby="plan-actions">
      <h2 id="plan-actions">Action items and lessons</h2>
      <table className="plan-table">
        <thead>
          <tr>
            <th>Action</th>
            <th>Owner</th>
            <th>Status</th>
            <th>Lesson for the template</th>
          </tr>
        </thead>
        <tbody>
          {plan.actionItems.map((a, i) => (
            <tr key={a.id}>
              <td>
                <input value={a.text} onChange={(x) => edit((d) => void (d.actionItems[i]!.text = x.target.value))} aria-label="Action" />
              </td>
              <td>
                <input
                  value={a.owner ?? ''}
                  onChange={(x) => edit((d) => setOptional(d.actionItems[i]!, 'owner', x.target.value))}
                  aria-label="Owner"
                />
              </td>
              <td>
                <select
                  value={a.status}
                  onChange={(x) =>
                    edit((d) => {
                      const item = d.actionItems[i]!;
                      item.status = x.target.value as 'open' | 'done';
                      if (item.status === 'done') item.closedAt = new Date().toISOString();
                      else delete item.closedAt;
                    })
                  }
                  aria-label="Status"
                >
                  <option>open</option>
                  <option>done</option>
                </select>
              </td>
              <td>
                <input type="checkbox" checked={a.toTemplate} onChange={(x) => edit((d) => void (d.actionItems[i]!.toTemplate = x.target.checked))} aria-label="Lesson for the template" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="plan-summary">
        <button type="button" onClick={() => edit((d) => void d.actionItems.push({ id: newId('action', d.actionItems), text: 'New action', status: 'open', toTemplate: false }))}>
          Add an action
        </button>
        {onPushLessons && (
          <button type="button" onClick={onPushLessons} disabled={needsPerson || !plan.actionItems.some((a) => a.toTemplate)} title={needsPerson ? NEEDS_PERSON : undefined}>
            Push lessons into template {plan.basedOn?.template}
          </button>
        )}
      </div>
    </section>
  );
}
