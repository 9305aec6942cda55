import type { Plan } from '../../shared/model/plan.ts';
import type { LiveTrigger } from '../../shared/protocol/plans.ts';
import { firedTriggerStripLine } from '../../shared/domain/planning/fired-trigger.ts';
import { StateChip } from '../planner/StateChip.tsx';
import { triggerWords } from '../planner/words.ts';

/**
 * A fired trigger on the strip: what fired and the contingency (two lines at most), then who
 * decides and who is told on a line of its own, so the clamp never cuts the decision owner.
 */
export function FiredTrigger({ trigger, plan }: { trigger: LiveTrigger; plan: Plan }) {
  const who = firedTriggerStripLine(plan, trigger.riskId);
  return (
    <div className="fired" data-testid="trigger-fired">
      <span className="fired-what">
        <StateChip state={triggerWords.fired} /> {trigger.description} → {trigger.contingency}
      </span>
      {who && (
        <span className="line fired-who" data-testid="trigger-fired-who">
          {who}
        </span>
      )}
    </div>
  );
}
