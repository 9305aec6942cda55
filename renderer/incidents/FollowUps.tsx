/**
 * The incident's follow-ups (`todo:` lines): owner, due date (its own, or the workspace's default
 * N days after it was logged), and where each stands, by word and shape as well as colour. Close
 * and Reopen write a new version of the todo entry, like every other console command; they stay
 * available after the incident is closed, which is when most follow-ups get done.
 */
import { useState } from 'react';
import { effectiveDueAt, followUpClosure, followUpEntry, followUpStateAt } from '../../shared/domain/incidents/follow-ups.ts';
import { samePerson, type FollowUpView, type TimelineView } from '../../shared/domain/incidents/timeline.ts';
import type { FollowUpState } from '../../shared/domain/review/follow-ups.ts';
import { DEFAULT_FOLLOW_UP_DAYS } from '../../shared/model/incident-settings.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { EDITOR_ROLES, holds } from './Roles.tsx';
import { utcText } from './words.ts';

const META = { id: '', author: '', console: '' };

export const followUpStateLook: Record<FollowUpState, { icon: string; word: string }> = {
  open: { icon: '☐', word: 'open' },
  overdue: { icon: '▲', word: 'overdue' },
  closed_on_time: { icon: '✓', word: 'closed on time' },
  closed_late: { icon: '✓', word: 'closed late' },
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** "Mon 7 Dec" in the room's zone: a due date is a day, not a minute. */
function day(ms: number, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) dateFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' })));
  return f.format(ms);
}

export function FollowUpsPanel({ view, timeZone }: { view: TimelineView; timeZone: string }) {
  const incidents = useIncidents();
  const me = useApp((s) => s.identity.person);
  const days = useApp((s) => s.workspace.workspace?.incidents?.followUpDays) ?? DEFAULT_FOLLOW_UP_DAYS;
  const now = useHubNow();
  const [error, setError] = useState<string | null>(null);

  const setClosed = async (followUp: FollowUpView, closedAt: number | null) => {
    const entry = followUpEntry(view, followUp.id);
    if (!entry) return;
    try {
      await incidents.revise(followUpClosure(entry, closedAt, META));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  // The hub lets the owner, the author and the record keepers close one; others would be refused.
  const mayClose = (f: FollowUpView) =>
    me !== null && ((f.owner !== undefined && samePerson(f.owner, me)) || samePerson(view.history[f.id]?.[0]?.author ?? '', me) || EDITOR_ROLES.some((r) => holds(view, r, me)));
  const openCount = view.followUps.filter((f) => f.closedAt === null).length;

  return (
    <section className="side-card follow-ups" data-testid="follow-ups">
      <h3>
        Follow-ups <span className="count-badge">{openCount}</span>
      </h3>
      {view.followUps.length === 0 ? (
        <p className="muted">None yet. “todo: …” logs one.</p>
      ) : (
        <ul className="follow-up-list">
          {view.followUps.map((f) => {
            const state = followUpStateAt(f, now, days);
            const look = followUpStateLook[state];
            const due = effectiveDueAt(f, days);
            return (
              <li key={f.id} data-testid="follow-up" data-state={state}>
                <div>
                  <span className="follow-up-state" data-testid="follow-up-state">
                    <span aria-hidden="true">{look.icon}</span> {look.word}
                  </span>{' '}
                  {f.text}
                </div>
                <div className="task-meta">
                  {f.owner ? <strong>@{f.owner}</strong> : <span className="warn-word">no owner</span>} · due{' '}
                  <span title={utcText(due)}>{day(due, timeZone)}</span>
                  {f.dueAt === undefined && <span className="muted"> (default: {days} days after it was logged)</span>}
                  {f.closedAt !== null && (
                    <span>
                      {' '}
                      · closed <span title={utcText(f.closedAt)}>{day(f.closedAt, timeZone)}</span>
                      {f.closedBy && ` by @${f.closedBy}`}
                    </span>
                  )}
                </div>
                {mayClose(f) && (
                  <div className="task-actions">
                    {f.closedAt === null ? (
                      <button type="button" className="small" data-testid="follow-up-close" onClick={() => void setClosed(f, now)}>
                        ✓ Close
                      </button>
                    ) : (
                      <button type="button" className="small" data-testid="follow-up-reopen" onClick={() => void setClosed(f, null)}>
                        ↶ Reopen
                      </button>
                    )}
                  </div>
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
