/**
 * Where the incident's messages went: each delivery to the workspace's webhooks (Slack and the
 * like) with its state by icon, colour and word. A failed or retrying one is listed open, with
 * the hub's reason; delivered ones fold away. Nothing here blocks logging.
 */
import { useShallow } from 'zustand/react/shallow';
import type { DeliveryState } from '../../shared/protocol/webhooks.ts';
import { useApp } from '../state/react.tsx';
import { clock } from './words.ts';

const look: Record<DeliveryState, { icon: string; word: string }> = {
  pending: { icon: '◌', word: 'sending' },
  retrying: { icon: '↻', word: 'retrying' },
  delivered: { icon: '✓', word: 'delivered' },
  failed: { icon: '✖', word: 'failed' },
};

export function WebhookDeliveries({ incidentId, timeZone }: { incidentId: string; timeZone: string }) {
  const deliveries = useApp(useShallow((s) => s.incidents.deliveries.filter((d) => d.incidentId === incidentId)));
  if (deliveries.length === 0) return null;
  const troubled = deliveries.filter((d) => d.state === 'failed' || d.state === 'retrying');
  const row = (d: (typeof deliveries)[number]) => (
    <li key={d.id} data-testid="delivery" data-state={d.state}>
      <span aria-hidden="true">{look[d.state].icon} </span>
      <strong>{look[d.state].word}</strong> → {d.webhook} <span className="muted">· {d.summary}</span>
      {d.lastError && <span className="delivery-error"> — {d.lastError}</span>}
      {d.state === 'retrying' && d.nextAttemptAt !== null && <span className="muted"> (next try {clock(d.nextAttemptAt, timeZone)})</span>}
      {d.state === 'failed' && <span className="muted"> after {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}</span>}
    </li>
  );
  return (
    <div className="deliveries" data-testid="deliveries">
      {troubled.length > 0 && (
        <ul className="deliveries-troubled" data-testid="deliveries-troubled">
          {troubled.map(row)}
        </ul>
      )}
      <details>
        <summary>
          Webhook deliveries ({deliveries.filter((d) => d.state === 'delivered').length}/{deliveries.length} delivered)
        </summary>
        <ul>{deliveries.map(row)}</ul>
      </details>
    </div>
  );
}
