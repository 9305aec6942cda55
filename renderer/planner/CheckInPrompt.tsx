/**
 * The console's prompt while an event runs: the check-ins due or overdue for the person acting
 * on this screen (all of them when nobody is named), with the form to send one.
 */
import { planCheckIns } from '../../shared/domain/planning/check-ins.ts';
import { useLivePlans } from '../state/live-plans.ts';
import { useHubNow } from '../state/react.tsx';
import { CheckInForm } from './CheckInForm.tsx';
import { StateChip } from './StateChip.tsx';
import { useActingPerson, usePlansApi } from './usePlans.ts';
import { slotWords } from './words.ts';
import './planner.css';

/** Needs a live-plans feed mounted (EventPrompts mounts one). */
/** "@Ann" and "ann" are the same person. */
const sameName = (name: string): string => name.trim().toLowerCase().replace(/^@/, '');

export function CheckInPrompt() {
  const plans = useLivePlans((s) => s.plans);
  const api = usePlansApi();
  // The name given in the planner, else the one this console writes incident entries as.
  const { acting: person } = useActingPerson();
  const now = useHubNow();
  const me = sameName(person);
  const due = plans.flatMap((live) =>
    planCheckIns(live.plan, live.checkIns, now)
      .attention.filter((s) => me === '' || sameName(s.who) === me)
      .map((slot) => ({ live, slot })),
  );
  if (due.length === 0) return null;
  // The form answers the first slot listed: its schedule, not the plan's first.
  const { live, slot: first } = due[0]!;
  return (
    <section className="plan-section planner" style={{ display: 'block' }} role="alert" data-testid="check-in-prompt">
      <h2>Check-in {due.some((d) => d.slot.state === 'overdue') ? 'overdue' : 'due'}</h2>
      <ul>
        {due.slice(0, 6).map(({ live: l, slot }) => (
          <li key={`${l.id}:${slot.scheduleId}:${slot.index}`} className={slot.state === 'overdue' ? 'overdue' : undefined}>
            <StateChip state={slotWords[slot.state]} /> {slot.who}: {slot.reports} — <a href={`#/plans/${encodeURIComponent(l.id)}`}>{l.plan.event.name}</a>
          </li>
        ))}
      </ul>
      <CheckInForm key={`${live.id}:${first.scheduleId}`} api={api} planId={live.id} plan={live.plan} person={person} scheduleId={first.scheduleId} onSent={() => {}} />
    </section>
  );
}
