import type { Ref } from 'react';
import type { PlanIssueView } from '../transport/plans.ts';
import { capped, fieldInWords } from './issue-words.ts';

/** A refused save: how many fields need a change and each of them, or the hub's message when it named none. */
export function PlanIssues({ error, issues, testId, ref }: { error: string; issues: readonly PlanIssueView[]; testId: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} tabIndex={-1} className="plan-issues" role="alert" data-testid={testId}>
      {/* The hub's message lists the issues too: with the list below, say each once. */}
      <p>{issues.length > 0 ? `Not saved: ${issues.length === 1 ? 'one field needs' : `${issues.length} fields need`} a change.` : capped(error)}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i, n) => (
            <li key={n} data-testid="plan-issue">
              {/* From the YAML: its own words, the path and the line. */}
              {i.line ? `line ${i.line}: ${i.field || 'plan'}` : fieldInWords(i.field)}: {capped(i.message)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
