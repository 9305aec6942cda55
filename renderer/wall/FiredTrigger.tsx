import type { Plan } from '../../shared/model/plan.ts';
import type { LiveTrigger } from '../../shared/protocol/plans.ts';
import { firedTriggerStripLine } from '../../shared/domain/planning/fired-trigger.ts';
import { StateChip } from '../planner/StateChip.tsx';
import { triggerWords } from '../planner/words.ts';

/**
 * A fired trigger on the strip, whole: what fired, the contingency (what to do) and who decides and
 * who is told, each starting a line of its own and wrapping rather than being cut (on the compact
 * strip and the stacked one, what fired and what to do flow as one paragraph). `compact` (two
 * or more fired at once): one line, what fired then what to do, so together they do not take the
 * panels' room; the whole text is its tooltip and on the console's prompt.
 */
export function FiredTrigger({ trigger, plan, compact = false }: { trigger: LiveTrigger; plan: Plan; compact?: boolean }) {
  if (compact) {
    return (
      <div className="fired fired-line" data-testid="trigger-fired" data-compact="true" title={`${trigger.description} → ${trigger.contingency}`}>
        <StateChip state={triggerWords.fired} /> <span className="fired-what">{trigger.description}</span> <span className="fired-do">→ {trigger.contingency}</span>
      </div>
    );
  }
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
