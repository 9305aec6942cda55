import type { Plan } from '../../shared/model/plan.ts';
import type { LiveTrigger } from '../../shared/protocol/plans.ts';
import { firedTriggerStripLine } from '../../shared/domain/planning/fired-trigger.ts';
import { StateChip } from '../planner/StateChip.tsx';
import { triggerWords } from '../planner/words.ts';

/**
 * A fired trigger on the strip, whole: what fired, the contingency (what to do) and who decides and
 * who is told, each starting a line of its own and wrapping rather than being cut.
 */
export function FiredTrigger({ trigger, plan }: { trigger: LiveTrigger; plan: Plan }) {
  const who = firedTriggerStripLine(plan, trigger.riskId);
  return (
    <div className="fired" data-testid="trigger-fired">
      <span className="fired-what">
        <StateChip state={triggerWords.fired} /> {trigger.description}
      </span>{' '}
      <span className="fired-do" data-testid="trigger-fired-do">
        → {trigger.contingency}
      </span>
      {who && (
        <span className="line fired-who" data-testid="trigger-fired-who">
          {who}
        </span>
      )}
    </div>
  );
}
