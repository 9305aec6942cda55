/**
 * The console's prompt while an event runs: the check-ins due or overdue for the person acting
 * on this screen (all of them when nobody is named), with the form to send one.
 */
import { planCheckIns } from '../../shared/domain/planning/check-ins.ts';
import { useLivePlans } from '../state/live-plans.ts';
import { useHubNow } from '../state/react.tsx';
import { CheckInForm } from './CheckInForm.tsx';
import { StateChip } from './StateChip.tsx';
import { usePerson, usePlansApi } from './usePlans.ts';
import { slotWords } from './words.ts';
import './planner.css';

/** Needs a live-plans feed mounted (EventPrompts mounts one). */
export function CheckInPrompt() {
  const plans = useLivePlans((s) => s.plans);
  const api = usePlansApi();
  const [person] = usePerson();
  const now = useHubNow();
  const me = person.trim().toLowerCase();
  const due = plans.flatMap((live) =>
    planCheckIns(live.plan, live.checkIns, now)
      .attention.filter((s) => me === '' || s.who.toLowerCase() === me)
      .map((slot) => ({ live, slot })),
  );
  if (due.length === 0) return null;
  const { live } = due[0]!;
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
      <CheckInForm api={api} planId={live.id} plan={live.plan} person={person} onSent={() => {}} />
    </section>
  );
}
