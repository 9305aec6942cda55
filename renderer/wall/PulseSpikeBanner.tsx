/**
 * A complaint spike on every wall, readable from across the room and explaining itself:
 * "43 complaints/min about access, 6× normal", with the words people use and the detector's full
 * explanation beneath. Shown while the hub's spike detector holds a spike on.
 */
import { safeText } from '../../shared/domain/safe-text.ts';
import { usePulse } from '../panels/pulse/usePulse.ts';
import { useHubNow } from '../state/react.tsx';
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import '../panels/pulse/pulse.css';
import { spikeHeadline } from './spike-words.ts';

export function PulseSpikeBanner() {
  const { spike } = usePulse(1);
  const now = useHubNow();
  // The rotation's response to a spike (bring up the pulse page, hold) is WallPages'.
  if (!spike) return null;
  const terms = spike.topTerms.map((t) => safeText(t.term, { singleLine: true, maxGraphemes: 30 }).text);
  return (
    <section className="spike-banner" data-testid="spike-banner" data-spike-id={spike.id} aria-live="polite">
      <span className="spike-icon" aria-hidden="true">
        ▲
      </span>
      <div className="spike-words">
        <span className="spike-title">
          Complaint spike: <strong data-testid="spike-headline">{spikeHeadline(spike)}</strong>
        </span>
        <span className="spike-detail" data-testid="spike-explanation">
          {terms.length > 0 && <>People say: {terms.map((t) => `“${t}”`).join(', ')} · </>}
          {safeText(spike.explanation, { singleLine: true, maxGraphemes: 300 }).text}
        </span>
      </div>
      <span className="spike-age">for {formatDuration(Math.max(0, now - spike.startedAt))}</span>
    </section>
  );
}
