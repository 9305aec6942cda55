import { useState } from 'react';
import { nextUpdatesFor } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { audiences } from '../../shared/model/incident.ts';
import type { Audience } from '../../shared/model/incident.ts';
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { WebhookDeliveries } from './Deliveries.tsx';
import { draftStatusUpdate } from './draft.ts';
import { useCadencePolicy } from './hooks.ts';
import { clock, countdown } from './words.ts';

/** Countdowns to the next update owed to each audience (overdue in red, flashing). */
export function NextUpdates({ view, now, timeZone, compact = false }: { view: TimelineView; now: number; timeZone: string; compact?: boolean }) {
  const policy = useCadencePolicy();
  const due = nextUpdatesFor(view, now, policy).filter((u) => u.dueAt !== null);
  if (due.length === 0) return <span className="muted">No status update due</span>;
  return (
    <ul className="next-updates" data-testid="next-updates" data-compact={compact}>
      {due.map((u) => {
        const detail = `${clock(u.dueAt!, timeZone).slice(0, 5)}${u.everyMs ? `, every ${formatDuration(u.everyMs)}` : ''}`;
        return (
          <li key={u.audience} data-audience={u.audience} data-overdue={u.overdue} className="update-due" title={`due ${detail}`}>
            <span className="audience">{u.audience}</span>{' '}
            {u.overdue ? <strong>overdue {countdown(now - u.dueAt!)}</strong> : <strong>in {countdown(u.inMs!)}</strong>}
            {!compact && <span className="muted"> ({detail})</span>}
          </li>
        );
      })}
    </ul>
  );
}

interface Form {
  audience: Audience;
  conditions: string;
  actions: string;
  needs: string;
}

/** A status update in the Conditions / Actions / Needs form, drafted from the timeline; Send logs it. */
export function StatusUpdatePanel({ incidentId, view, timeZone }: { incidentId: string; view: TimelineView; timeZone: string }) {
  const incidents = useIncidents();
  const now = useHubNow();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const policy = useCadencePolicy();
  const soonest = nextUpdatesFor(view, now, policy)
    .filter((u) => u.dueAt !== null)
    .sort((a, b) => a.dueAt! - b.dueAt!)[0]?.audience;

  const draft = (audience: Audience) => {
    const d = draftStatusUpdate(view, audience, now, timeZone);
    setForm({ audience, conditions: d.conditions, actions: d.actions, needs: d.needs });
  };

  const send = async () => {
    if (!form) return;
    try {
      const sentAt = now;
      const first = form.conditions.split('\n')[0] ?? '';
      await incidents.log({
        incidentId,
        kind: 'status_update',
        text: `${form.audience} update: ${first}`.slice(0, 500),
        occurredAt: sentAt,
        data: { audience: form.audience, conditions: form.conditions.slice(0, 4000), actions: form.actions.slice(0, 4000), needs: form.needs.slice(0, 4000), sentAt },
      });
      setForm(null);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const sent = view.entries.filter((e) => e.kind === 'status_update' && e.data.sentAt !== undefined).slice(-5).reverse();
  return (
    <section className="side-card updates" data-testid="status-updates">
      <h3>Status updates</h3>
      <NextUpdates view={view} now={now} timeZone={timeZone} />
      {form === null ? (
        <div className="update-start">
          <button type="button" className="primary" data-testid="update-draft" onClick={() => draft(soonest ?? 'internal')}>
            ✉ Draft {soonest ?? 'internal'} update
          </button>{' '}
          {audiences
            .filter((a) => a !== (soonest ?? 'internal'))
            .map((a) => (
              <button key={a} type="button" className="small" onClick={() => draft(a)}>
                {a}
              </button>
            ))}
        </div>
      ) : (
        <form
          className="can-form"
          data-testid="update-form"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <label>
            Audience{' '}
            <select value={form.audience} onChange={(e) => setForm({ ...form, audience: e.target.value as Audience })} data-testid="update-audience">
              {audiences.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label>
            Conditions <span className="muted">— what is true now</span>
            <textarea rows={4} value={form.conditions} onChange={(e) => setForm({ ...form, conditions: e.target.value })} data-testid="update-conditions" />
          </label>
          <label>
            Actions <span className="muted">— what we did since the last update</span>
            <textarea rows={4} value={form.actions} onChange={(e) => setForm({ ...form, actions: e.target.value })} data-testid="update-actions" />
          </label>
          <label>
            Needs <span className="muted">— what we need, from whom</span>
            <textarea rows={3} value={form.needs} onChange={(e) => setForm({ ...form, needs: e.target.value })} data-testid="update-needs" />
          </label>
          <div className="can-actions">
            <button type="submit" className="primary" data-testid="update-send">
              Send {form.audience} update
            </button>
            <button type="button" onClick={() => draft(form.audience)}>
              Redraft from timeline
            </button>
            <button type="button" onClick={() => setForm(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {sent.length > 0 && (
        <details>
          <summary>Sent ({sent.length})</summary>
          <ul>
            {sent.map((e) =>
              e.kind === 'status_update' ? (
                <li key={e.rootId}>
                  {clock(e.data.sentAt!, timeZone).slice(0, 5)} {e.data.audience} — @{e.author}
                </li>
              ) : null,
            )}
          </ul>
        </details>
      )}
      <WebhookDeliveries incidentId={incidentId} timeZone={timeZone} />
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
