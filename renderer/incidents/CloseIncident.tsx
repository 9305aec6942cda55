/**
 * Closing an incident. The hub refuses while a follow-up has no owner or no due date, so the
 * console checks first (counting the edits it still holds, which go before the close): instead of
 * sending a close that would come back refused, it says which follow-ups and what each needs, with
 * the editor open on the first, and offers the close again once none is missing. A close the hub
 * refused anyway (a follow-up logged elsewhere meanwhile) opens the same list, with its words.
 */
import { useState } from 'react';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { closingBlockers, refusedClose, stillNeeds } from './follow-up-edit.ts';
import { EditButton, FollowUpEditor, useFollowUps, useMayEdit } from './FollowUps.tsx';
import { useOutboxFor } from './hooks.ts';

/** Close the incident, or say what stops it: `onBlocked` when follow-ups lack an owner or a due date. */
export function useCloseIncident(incidentId: string, view: TimelineView) {
  const incidents = useIncidents();
  const now = useHubNow();
  const outbox = useOutboxFor(incidentId);
  const blockers = closingBlockers(useFollowUps(incidentId, view));
  const refused = refusedClose(outbox);
  const close = async (): Promise<boolean> => {
    if (blockers.length > 0) return false;
    await incidents.log({ incidentId, kind: 'status', text: '', occurredAt: now, data: { status: 'closed', from: view.status } });
    // The earlier refusal is answered by this close.
    if (refused) await incidents.dismiss(refused.id);
    return true;
  };
  return { blockers, refused, close };
}

export function CloseIncidentButton({ incidentId, view, onBlocked }: { incidentId: string; view: TimelineView; onBlocked: () => void }) {
  const { close } = useCloseIncident(incidentId, view);
  return (
    <button type="button" onClick={() => void close().then((closed) => closed || onBlocked(), () => undefined)} data-testid="incident-close">
      Close incident
    </button>
  );
}

/**
 * "The incident cannot close yet": each follow-up that stops it, what it needs and its editor,
 * one after the other; then the close, focused, so Enter does it.
 */
export function ClosingCheck({ incidentId, view, timeZone, asked, onDismiss }: { incidentId: string; view: TimelineView; timeZone: string; asked: boolean; onDismiss: () => void }) {
  const incidents = useIncidents();
  const { blockers, refused, close } = useCloseIncident(incidentId, view);
  const mayEdit = useMayEdit(view);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if ((!asked && !refused) || view.status === 'closed') return null;

  // The first follow-up this person may fix is open to edit, one after the other, unless they chose another or left with Esc ('').
  const open = editing === '' ? null : (editing ?? blockers.find(mayEdit)?.id ?? null);
  const dismiss = () => {
    if (refused) void incidents.dismiss(refused.id);
    setEditing(null);
    onDismiss();
  };
  const closeNow = () =>
    void close().then(
      (closed) => closed && onDismiss(),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );

  return (
    <section className="closing-check" data-testid="closing-check" aria-live="polite" data-blocked={blockers.length > 0}>
      {blockers.length > 0 ? (
        <>
          <p className="closing-check-head" data-testid="closing-check-head">
            <span aria-hidden="true">▲ </span>
            <strong>The incident cannot close yet:</strong>{' '}
            {blockers.length === 1 ? '1 follow-up needs' : `${blockers.length} follow-ups need`} an owner and a due date, so that somebody does them by a day.
          </p>
          {refused && (
            <p className="muted" data-testid="closing-check-refused">
              The hub refused this console’s close: {refused.refused!.message}
            </p>
          )}
          <ul className="closing-check-list">
            {blockers.map((f) => (
              <li key={f.id} data-testid="closing-blocker" data-follow-up-id={f.id}>
                <span>
                  <span data-testid="follow-up-text">{f.text}</span> —{' '}
                  <strong className="follow-up-needs" data-testid="follow-up-needs">
                    needs {stillNeeds(f).join(', ')}
                  </strong>
                </span>{' '}
                {!mayEdit(f) ? (
                  <span className="muted">its author, the commander, the deputy or the scribe can set these</span>
                ) : open === f.id ? (
                  <FollowUpEditor key={f.id} view={view} followUp={f} timeZone={timeZone} onDone={(saved) => setEditing(saved ? null : '')} />
                ) : (
                  <EditButton followUp={f} onClick={() => setEditing(f.id)} />
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="closing-check-head" data-testid="closing-check-head">
          <span aria-hidden="true">✓ </span>Every follow-up has an owner and a due date.{' '}
          {view.status === 'resolved' ? (
            <button type="button" className="primary" data-testid="closing-check-close" autoFocus onClick={closeNow}>
              Close incident
            </button>
          ) : (
            <span className="muted">The incident is {view.status}: resolve it first.</span>
          )}
        </p>
      )}
      <p className="closing-check-actions">
        <button type="button" className="small" data-testid="closing-check-dismiss" onClick={dismiss}>
          Not now
        </button>
        {error && <span className="form-error"> {error}</span>}
      </p>
    </section>
  );
}
