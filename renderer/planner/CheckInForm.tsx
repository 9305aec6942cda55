import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Plan } from '../../shared/model/plan.ts';
import type { PlansApi } from '../transport/plans.ts';
import { ragWords } from './words.ts';

const NEEDS_NAME = 'Give your name first ("Acting as" on the planner, or the name this console signs entries with): a check-in is recorded with who sent it';

/** A check-in: a short structured status (service, green/amber/red, note), sent by a responder. */
export function CheckInForm({
  api,
  planId,
  plan,
  person,
  onSent,
  scheduleId: initialScheduleId,
}: {
  api: PlansApi;
  planId: string;
  plan: Plan;
  person: string;
  onSent: () => void;
  /** The schedule the check-in is for (the one that is due); the plan's first by default. */
  scheduleId?: string;
}) {
  const [scheduleId, setScheduleId] = useState(initialScheduleId ?? plan.checkIns[0]?.id ?? '');
  const schedule = plan.checkIns.find((s) => s.id === scheduleId);
  const [service, setService] = useState('');
  const [status, setStatus] = useState<'green' | 'amber' | 'red'>('green');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (plan.checkIns.length === 0) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSent(false);
    api
      .checkIn(planId, { scheduleId, by: person.trim(), service: service.trim() || schedule?.service || schedule?.reports.slice(0, 120) || 'service', status, note })
      .then(() => {
        setNote('');
        setSent(true);
        onSent();
      })
      .catch((err: unknown) => setError((err as Error).message));
  };
  return (
    <form onSubmit={submit} aria-label="Check in" data-testid="check-in-form">
      <label>
        For
        <select value={scheduleId} onChange={(e) => setScheduleId(e.target.value)} data-testid="check-in-schedule">
          {plan.checkIns.map((s) => (
            <option key={s.id} value={s.id}>
              {s.who}: {s.reports}
            </option>
          ))}
        </select>
      </label>
      <label>
        Service
        <input value={service} placeholder={schedule?.service ?? ''} onChange={(e) => setService(e.target.value)} />
      </label>
      <fieldset className="rag-choice">
        <legend>Status</legend>
        {(['green', 'amber', 'red'] as const).map((r) => (
          <label key={r} className="state-chip" data-tone={ragWords[r].tone}>
            <input type="radio" name="rag" value={r} checked={status === r} onChange={() => setStatus(r)} data-testid={`check-in-${r}`} /> {ragWords[r].icon} {ragWords[r].word}
          </label>
        ))}
      </fieldset>
      <label style={{ flex: 1 }}>
        Note
        <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} data-testid="check-in-note" />
      </label>
      {/* Sent by whoever is named, not by the schedule's person in their place. */}
      <button type="submit" className="primary" disabled={person.trim() === ''} title={person.trim() === '' ? NEEDS_NAME : undefined} data-testid="check-in-send">
        Check in
      </button>
      {sent && <span data-testid="check-in-sent">Sent ✔</span>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
