import type { CanaryAndon } from '../../shared/protocol/canaries.ts';

/** The andon prompts to show: the latest of each canary, not dismissed since, newest first (at most 3). */
export function openAndons(andons: readonly CanaryAndon[], dismissed: Readonly<Record<string, number>>): CanaryAndon[] {
  return andons
    .filter((a) => (dismissed[a.id] ?? -1) < a.at)
    .slice(-3)
    .reverse();
}
