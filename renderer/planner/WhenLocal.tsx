import { formatLocal } from '../../shared/domain/planning/markdown.ts';
import { resolveWhen } from '../../shared/domain/planning/t-minus.ts';
import type { PlanWindow } from '../../shared/domain/planning/timeline.ts';

/** A plan time ("T-2h" or a local date-time) as the local time it names, or why it names none. */
export function WhenLocal({ when, anchor }: { when: string; anchor: PlanWindow | null }) {
  const at = anchor ? resolveWhen(when, anchor) : null;
  return at?.ok ? <span className="muted">{formatLocal(at.ms, anchor!.timeZone)}</span> : <span className="form-error">{at ? at.message : '—'}</span>;
}
