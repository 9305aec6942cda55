import type { CanaryTimings } from '../../shared/protocol/canaries.ts';
import { ms, phaseParts } from './board-view.ts';

/** The last run's phases as one stacked bar (DNS, connect, TLS, first byte, transfer) and the total. */
export function PhaseBar({ timings }: { timings: CanaryTimings | null }) {
  if (!timings) return <span className="canary-phases muted">–</span>;
  const parts = phaseParts(timings);
  const words = parts.map((p) => `${p.name} ${ms(p.ms)}`).join(' · ');
  return (
    <span className="canary-phases" title={`${words} · total ${ms(timings.totalMs)}`}>
      <span className="canary-phase-bar" aria-hidden="true">
        {parts.map((p) => (
          <span key={p.name} className="canary-phase" data-phase={p.name} style={{ width: `${Math.max(2, p.share * 100)}%` }} />
        ))}
      </span>
      <span className="canary-phase-total">{ms(timings.totalMs)}</span>
    </span>
  );
}
