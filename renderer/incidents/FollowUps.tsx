/**
 * The incident's follow-ups (`todo:` lines): owner, due date (its own, or the workspace's default
 * N days after it was logged), type, priority, ticket, and where each stands, by word and shape as
 * well as colour. What one still needs before the incident can close ("needs owner, due date") is
 * said on it, with the button that sets it: an editor in place, Enter to save, Esc to leave. Every
 * change — the editor's, Close and Reopen — is a new version of the todo entry sent through the
 * outbox like every other console command (kept while the hub is away, shown as not yet sent);
 * Close and Reopen stay available after the incident is closed, which is when most get done.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { dueDayWords, readDue } from '../../shared/domain/incidents/follow-up-due.ts';
import { effectiveDueAt, followUpClosure, followUpEntry, followUpStateAt } from '../../shared/domain/incidents/follow-ups.ts';
import { samePerson, type TimelineView } from '../../shared/domain/incidents/timeline.ts';
import type { FollowUpState } from '../../shared/domain/review/follow-ups.ts';
import { DEFAULT_FOLLOW_UP_DAYS } from '../../shared/model/incident-settings.ts';
import { followUpTypes, priorities } from '../../shared/model/incident.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { changesSomething, closingBlockers, fieldsOf, followUpEdit, peopleIn, readFields, stillNeeds, withQueuedEdits, type FollowUpField, type FollowUpFields, type FollowUpShown } from './follow-up-edit.ts';
import './follow-ups.css';
import { useOutboxFor } from './hooks.ts';
import { EDITOR_ROLES, holds } from './Roles.tsx';
import { utcText } from './words.ts';

const META = { id: '', author: '', console: '' };

export const followUpStateLook: Record<FollowUpState, { icon: string; word: string }> = {
  open: { icon: '☐', word: 'open' },
  overdue: { icon: '▲', word: 'overdue' },
  closed_on_time: { icon: '✓', word: 'closed on time' },
  closed_late: { icon: '✓', word: 'closed late' },
};

/** The follow-ups as this console will have them once its queue is sent (an edit shows at once, marked not yet sent). */
export function useFollowUps(incidentId: string, view: TimelineView): FollowUpShown[] {
  return withQueuedEdits(view, useOutboxFor(incidentId));
}

/** The hub lets a follow-up's author and the record keepers change it; others would be refused. */
export function useMayEdit(view: TimelineView): (f: FollowUpShown) => boolean {
  const me = useApp((s) => s.identity.person);
  return (f) => me !== null && (samePerson(view.history[f.id]?.[0]?.author ?? '', me) || EDITOR_ROLES.some((r) => holds(view, r, me)));
}

/** "▲ needs owner, due date", or nothing once it has both (or is closed). */
export function FollowUpNeeds({ followUp }: { followUp: FollowUpShown }) {
  const needs = stillNeeds(followUp);
  if (needs.length === 0) return null;
  return (
    <span className="follow-up-needs" data-testid="follow-up-needs">
      <span aria-hidden="true">▲ </span>needs {needs.join(', ')}
    </span>
  );
}

/** The button that opens the editor, named after what is missing: "Set owner & due date". */
export function EditButton({ followUp, onClick }: { followUp: FollowUpShown; onClick: () => void }) {
  const needs = stillNeeds(followUp);
  return (
    <button type="button" className={needs.length > 0 ? 'small primary' : 'small'} data-testid="follow-up-edit" onClick={onClick}>
      {needs.length > 0 ? `✎ Set ${needs.join(' & ')}` : '✎ Edit'}
    </button>
  );
}

const LABELS: Record<FollowUpField, string> = { owner: 'Owner', due: 'Due', type: 'Type', priority: 'Priority', ticketUrl: 'Ticket' };

/**
 * Owner, due date, type, priority and ticket of one follow-up, edited in place. Opens on the first
 * thing it still needs; Enter saves, Esc leaves. The due date is typed as on the scribe line (7d,
 * 2w, 2026-12-20) and said back as a day in the room.
 */
export function FollowUpEditor({ view, followUp, timeZone, onDone }: { view: TimelineView; followUp: FollowUpShown; timeZone: string; onDone: (saved: boolean) => void }) {
  const incidents = useIncidents();
  const now = useHubNow();
  const id = useId();
  const [opened] = useState<FollowUpFields>(() => fieldsOf(followUp, timeZone));
  const [fields, setFields] = useState<FollowUpFields>(opened);
  const [errors, setErrors] = useState<Partial<Record<FollowUpField, string>>>({});
  const [sendError, setSendError] = useState<string | null>(null);
  const people = peopleIn(view);
  const first: FollowUpField = followUp.owner === undefined || followUp.dueAt !== undefined ? 'owner' : 'due';

  const set = (field: FollowUpField, value: string) => {
    setFields((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const save = async () => {
    const reading = readFields(fields, followUp, opened, now, timeZone);
    if (!reading.ok) return setErrors(reading.errors);
    const entry = followUpEntry(view, followUp.id);
    if (!entry) return setSendError('this follow-up is no longer in the timeline');
    if (!changesSomething(followUp, reading.data)) return onDone(false);
    try {
      await incidents.revise(followUpEdit(entry, reading.data, META, followUp.data));
      onDone(true);
    } catch (e) {
      setSendError(e instanceof Error ? e.message : String(e));
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onDone(false);
  };

  const due = fields.due.trim();
  const dueReading = due === '' ? null : due === opened.due && followUp.dueAt !== undefined ? { dueAt: followUp.dueAt } : readDue(due, now, timeZone);
  const dueHint = due === '' ? 'none yet: 7d, 2w or 2026-12-20' : dueReading === null ? 'write 7d, 2w or a date (2026-12-20)' : 'error' in dueReading ? dueReading.error : `→ ${dueDayWords(dueReading.dueAt, timeZone)}`;
  const label = (field: FollowUpField) => (
    <label htmlFor={`${id}-${field}`}>
      {LABELS[field]}
      {(field === 'owner' || field === 'due') && <span className="muted"> (to close)</span>}
    </label>
  );
  const choice = (field: 'type' | 'priority', options: readonly string[]) => (
    <select id={`${id}-${field}`} data-testid={`follow-up-${field}`} value={fields[field]} onChange={(e) => set(field, e.target.value)}>
      <option value="">—</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
  const error = (field: FollowUpField) =>
    errors[field] && (
      <span className="form-error" data-testid={`follow-up-error-${field}`} role="alert">
        {errors[field]}
      </span>
    );

  return (
    <form
      className="follow-up-editor"
      data-testid="follow-up-editor"
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {label('owner')}
      <span>
        <input
          id={`${id}-owner`}
          data-testid="follow-up-owner"
          value={fields.owner}
          list={`${id}-people`}
          placeholder="@name"
          autoComplete="off"
          autoFocus={first === 'owner'}
          aria-invalid={errors.owner !== undefined}
          onChange={(e) => set('owner', e.target.value)}
        />
        <datalist id={`${id}-people`}>
          {people.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        {error('owner')}
      </span>
      {label('due')}
      <span>
        <input
          id={`${id}-due`}
          data-testid="follow-up-due"
          value={fields.due}
          placeholder="7d"
          autoComplete="off"
          autoFocus={first === 'due'}
          aria-invalid={errors.due !== undefined}
          aria-describedby={`${id}-due-hint`}
          onChange={(e) => set('due', e.target.value)}
        />{' '}
        <span id={`${id}-due-hint`} className="muted" data-testid="follow-up-due-hint">
          {dueHint}
        </span>
        {error('due')}
      </span>
      {label('type')}
      {choice('type', followUpTypes)}
      {label('priority')}
      {choice('priority', priorities)}
      {label('ticketUrl')}
      <span>
        <input
          id={`${id}-ticketUrl`}
          data-testid="follow-up-ticket"
          type="url"
          value={fields.ticketUrl}
          placeholder="https://…"
          autoComplete="off"
          aria-invalid={errors.ticketUrl !== undefined}
          onChange={(e) => set('ticketUrl', e.target.value)}
        />
        {error('ticketUrl')}
      </span>
      <span className="follow-up-editor-actions">
        <button type="submit" className="small primary" data-testid="follow-up-save">
          Save <span className="muted">↵</span>
        </button>
        <button type="button" className="small" data-testid="follow-up-cancel" onClick={() => onDone(false)}>
          Cancel <span className="muted">Esc</span>
        </button>
        {sendError && <span className="form-error">{sendError}</span>}
      </span>
    </form>
  );
}

/** Owner, due date, type, priority and ticket as the follow-up has them. */
function Details({ followUp: f, timeZone, days }: { followUp: FollowUpShown; timeZone: string; days: number }) {
  const due = effectiveDueAt(f, days);
  return (
    <div className="task-meta">
      {f.owner ? <strong data-testid="follow-up-owner-name">@{f.owner}</strong> : <span className="warn-word">no owner</span>} ·{' '}
      {f.dueAt !== undefined ? (
        <span data-testid="follow-up-due-day">
          due <span title={utcText(f.dueAt)}>{dueDayWords(f.dueAt, timeZone)}</span>
        </span>
      ) : (
        <span>
          <span className="warn-word">no due date</span>{' '}
          <span className="muted" title={utcText(due)}>
            (counted due {dueDayWords(due, timeZone)}, {days} days after it was logged)
          </span>
        </span>
      )}
      {f.type && <span> · {f.type}</span>}
      {f.priority && <span> · {f.priority}</span>}
      {f.ticketUrl && (
        <span>
          {' '}
          ·{' '}
          <a href={f.ticketUrl} target="_blank" rel="noopener noreferrer" data-testid="follow-up-ticket-link">
            ticket ↗
          </a>
        </span>
      )}
      {f.closedAt !== null && (
        <span>
          {' '}
          · closed <span title={utcText(f.closedAt)}>{dueDayWords(f.closedAt, timeZone)}</span>
          {f.closedBy && ` by @${f.closedBy}`}
        </span>
      )}
      {f.queued && (
        <span className="muted" data-testid="follow-up-queued">
          {' '}
          · ◌ change not yet sent
        </span>
      )}
    </div>
  );
}

export function FollowUpsPanel({ incidentId, view, timeZone }: { incidentId: string; view: TimelineView; timeZone: string }) {
  const incidents = useIncidents();
  const me = useApp((s) => s.identity.person);
  const days = useApp((s) => s.workspace.workspace?.incidents?.followUpDays) ?? DEFAULT_FOLLOW_UP_DAYS;
  const now = useHubNow();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const followUps = useFollowUps(incidentId, view);
  const mayEdit = useMayEdit(view);

  const setClosed = async (followUp: FollowUpShown, closedAt: number | null) => {
    const entry = followUpEntry(view, followUp.id);
    if (!entry) return;
    try {
      // On top of any change still held here: a later version replaces an earlier one whole.
      await incidents.revise(followUpClosure({ ...entry, data: followUp.data }, closedAt, META));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  // The hub also lets the owner close or reopen one (and nothing more).
  const mayClose = (f: FollowUpShown) => mayEdit(f) || (me !== null && f.owner !== undefined && samePerson(f.owner, me));
  const openCount = followUps.filter((f) => f.closedAt === null).length;
  const blockers = closingBlockers(followUps);

  return (
    <section className="side-card follow-ups" data-testid="follow-ups">
      <h3>
        Follow-ups <span className="count-badge">{openCount}</span>
      </h3>
      {blockers.length > 0 && (
        <p className="follow-ups-blocking" data-testid="follow-ups-blocking">
          <span aria-hidden="true">▲ </span>
          {blockers.length === 1 ? '1 needs' : `${blockers.length} need`} an owner and a due date before the incident can close
        </p>
      )}
      {followUps.length === 0 ? (
        <p className="muted">None yet. “todo: @name 7d …” logs one with its owner and due date.</p>
      ) : (
        <ul className="follow-up-list">
          {followUps.map((f) => {
            const state = followUpStateAt(f, now, days);
            const look = followUpStateLook[state];
            return (
              <li key={f.id} data-testid="follow-up" data-state={state} data-pending={f.pending} data-follow-up-id={f.id}>
                <div>
                  <span className="follow-up-state" data-testid="follow-up-state">
                    <span aria-hidden="true">{look.icon}</span> {look.word}
                  </span>{' '}
                  <span data-testid="follow-up-text">{f.text}</span> <FollowUpNeeds followUp={f} />
                </div>
                {editing === f.id ? (
                  <FollowUpEditor view={view} followUp={f} timeZone={timeZone} onDone={() => setEditing(null)} />
                ) : (
                  <>
                    <Details followUp={f} timeZone={timeZone} days={days} />
                    <div className="task-actions">
                      {mayEdit(f) && <EditButton followUp={f} onClick={() => setEditing(f.id)} />}
                      {mayClose(f) &&
                        (f.closedAt === null ? (
                          <button type="button" className="small" data-testid="follow-up-close" onClick={() => void setClosed(f, now)}>
                            ✓ Close
                          </button>
                        ) : (
                          <button type="button" className="small" data-testid="follow-up-reopen" onClick={() => void setClosed(f, null)}>
                            ↶ Reopen
                          </button>
                        ))}
                      {!mayEdit(f) && f.pending && <span className="muted">its author, the commander, the deputy or the scribe can set these</span>}
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
