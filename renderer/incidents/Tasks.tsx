import { useEffect, useRef, useState } from 'react';
import { reviseEntry, samePerson } from '../../shared/domain/incidents/timeline.ts';
import type { TaskView, TimelineView, VisibleEntry } from '../../shared/domain/incidents/timeline.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { formatAge } from '../../shared/domain/freshness.ts';
import { platform } from '../platform/index.ts';
import { EDITOR_ROLES, holds } from './Roles.tsx';
import { checkInsOwed, EXTENSIONS_MS, extendedBy } from './task-check-in.ts';
import { clock, countdown } from './words.ts';

const META = { id: '', author: '', console: '' };

/** Open tasks (owner, time box counting down, overdue in red), with Acknowledge / Done on the owner's console. */
export function TasksPanel({ view, timeZone }: { view: TimelineView; timeZone: string }) {
  const incidents = useIncidents();
  const me = useApp((s) => s.identity.person);
  const now = useHubNow();
  const [error, setError] = useState<string | null>(null);
  const byRoot = new Map(view.entries.map((e) => [e.rootId, e]));
  const open = [...view.openTasks].sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
  const done = view.tasks.filter((t) => t.done);

  const owed = checkInsOwed(view.tasks, me, now);
  /** A step of the task's progress (shared/domain/incidents/task-progress.ts): a new version of its data, never of its words. */
  const update = async (task: TaskView, change: { acknowledgedAt?: number; done?: boolean; doneAt?: number; toil?: boolean; dueAt?: number }) => {
    const entry = byRoot.get(task.id) as VisibleEntry | undefined;
    if (!entry || entry.kind !== 'task') return;
    try {
      await incidents.revise(reviseEntry(entry, { data: { ...entry.data, ...change } }, META));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const canFinish = (task: TaskView) => me !== null && (samePerson(task.owner, me) || EDITOR_ROLES.some((r) => holds(view, r, me)));

  return (
    <section className="side-card tasks" data-testid="tasks">
      <h3>
        Tasks <span className="count-badge">{open.length}</span>
      </h3>
      {owed.map((task) => (
        <TaskCheckIn key={task.id} task={task} now={now} onDone={() => void update(task, { done: true, doneAt: now })} onExtend={(ms) => void update(task, extendedBy(now, ms))} />
      ))}
      {open.length === 0 ? (
        <p className="muted">No open task. Type “@name 10m what to do” to give one.</p>
      ) : (
        <ul className="task-list">
          {open.map((task) => {
            const mine = me !== null && samePerson(task.owner, me);
            const left = task.dueAt === null ? null : task.dueAt - now;
            const overdue = left !== null && left < 0;
            return (
              <li key={task.id} data-testid="task" data-mine={mine} data-overdue={overdue} data-acknowledged={task.acknowledgedAt !== null} data-toil={task.toil}>
                <div className="task-head">
                  <strong>@{task.owner}</strong> {task.text}
                </div>
                <div className="task-meta">
                  {left === null ? (
                    <span className="muted">no time box</span>
                  ) : overdue ? (
                    <span className="overdue-word" data-testid="task-overdue">
                      ▲ overdue {countdown(-left)} — check in
                    </span>
                  ) : (
                    <span>
                      due in {countdown(left)} <span className="muted">({clock(task.dueAt!, timeZone).slice(0, 5)})</span>
                    </span>
                  )}{' '}
                  · {task.acknowledgedAt !== null ? (
                    <span data-testid="task-acknowledged">
                      ✓ acknowledged by @{task.acknowledgedBy} {clock(task.acknowledgedAt, timeZone).slice(0, 5)}
                    </span>
                  ) : (
                    <span className="warn-word">not acknowledged</span>
                  )}
                  {task.toil && <span className="toil-word"> · ⟳ toil</span>}
                </div>
                {(mine || canFinish(task)) && (
                  <div className="task-actions">
                    {mine && task.acknowledgedAt === null && (
                      <button type="button" className="primary small" data-testid="task-ack" onClick={() => void update(task, { acknowledgedAt: now })}>
                        Acknowledge
                      </button>
                    )}
                    <button type="button" className="small" data-testid="task-done" onClick={() => void update(task, { done: true, doneAt: now })}>
                      Done
                    </button>
                    <ToilButton task={task} onChange={(toil) => void update(task, { toil })} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {done.length > 0 && (
        <details>
          <summary>Done ({done.length})</summary>
          <ul className="task-list done">
            {done.map((t) => (
              <li key={t.id} data-testid="task-done-item" data-toil={t.toil}>
                ✓ @{t.owner} {t.text}
                {t.toil && <span className="toil-word"> · ⟳ toil</span>}{' '}
                {canFinish(t) && <ToilButton task={t} onChange={(toil) => void update(t, { toil })} />}
              </li>
            ))}
          </ul>
        </details>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

/**
 * The check-in the owner owes when a task's time box ends: said on the console (and once as a
 * notification, for a console in the background), answered with Done or more time — both logged.
 */
function TaskCheckIn({ task, now, onDone, onExtend }: { task: TaskView; now: number; onDone: () => void; onExtend: (ms: number) => void }) {
  const notified = useRef<number | null>(null);
  useEffect(() => {
    if (notified.current === task.dueAt) return;
    notified.current = task.dueAt;
    void platform()
      .notify('Time box ended', `${task.text}: done, or more time?`)
      .catch(() => undefined);
  }, [task.dueAt, task.text]);
  return (
    <div className="task-check-in" role="alert" data-testid="task-check-in" data-task={task.id}>
      <p>
        <strong>▲ Your time box ended {formatAge(now - task.dueAt!)} ago:</strong> {task.text}
      </p>
      <div className="task-actions">
        <button type="button" className="primary small" data-testid="task-check-in-done" onClick={onDone}>
          ✓ Done
        </button>
        {EXTENSIONS_MS.map((ms) => (
          <button key={ms} type="button" className="small" data-testid={`task-check-in-extend-${ms / 60_000}`} onClick={() => onExtend(ms)}>
            +{ms / 60_000} min
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * Mark a task as toil (or not): its time (time box, or given-to-done once finished) then counts
 * toward the team's toil share in the weekly review. A person's judgement, not a guess.
 */
function ToilButton({ task, onChange }: { task: TaskView; onChange: (toil: boolean) => void }) {
  return (
    <button type="button" className="small" data-testid="task-toil" aria-pressed={task.toil} onClick={() => onChange(!task.toil)} title="Toil: manual, repetitive work a machine could do">
      {task.toil ? '⟳ not toil' : '⟳ toil'}
    </button>
  );
}

/** Live hypotheses, confirmed or ruled out in one click (a superseding entry). */
export function HypothesesPanel({ view }: { view: TimelineView }) {
  const incidents = useIncidents();
  const [error, setError] = useState<string | null>(null);
  const set = async (entry: VisibleEntry, state: 'confirmed' | 'ruled_out') => {
    if (entry.kind !== 'hypothesis') return;
    try {
      await incidents.revise(reviseEntry(entry, { data: { state } }, META));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const settled = view.entries.filter((e) => e.kind === 'hypothesis' && e.data.state !== 'open');
  return (
    <section className="side-card hypotheses" data-testid="hypotheses">
      <h3>
        Hypotheses <span className="count-badge">{view.liveHypotheses.length}</span>
      </h3>
      {view.liveHypotheses.length === 0 ? (
        <p className="muted">None live. “h: …” logs one.</p>
      ) : (
        <ul className="hypothesis-list">
          {view.liveHypotheses.map((h) => (
            <li key={h.rootId} data-testid="hypothesis">
              <span>? {h.text}</span>{' '}
              <span className="hyp-actions">
                <button type="button" className="small" onClick={() => void set(h, 'confirmed')}>
                  ✓ confirmed
                </button>
                <button type="button" className="small" onClick={() => void set(h, 'ruled_out')}>
                  ✖ ruled out
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {settled.length > 0 && (
        <details>
          <summary>Settled ({settled.length})</summary>
          <ul>
            {settled.map((h) => (
              <li key={h.rootId}>
                {h.kind === 'hypothesis' && h.data.state === 'confirmed' ? '✓ confirmed' : '✖ ruled out'}: {h.text}
              </li>
            ))}
          </ul>
        </details>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
