import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../state/react.tsx';
import type { OutboxItem } from '../transport/outbox.ts';
import { useIncidents } from './context.tsx';
import { LocalSnapshotImage } from './Snapshots.tsx';
import { entryWords } from './words.ts';

export function itemWords(item: OutboxItem): string {
  if (item.type === 'declare') return `declare “${item.payload.title}”`;
  if (item.type === 'snapshot') return `snapshot “${item.payload.text ?? ''}”`;
  return entryWords(item.payload) || item.payload.kind;
}

/**
 * What this console still holds: "3 entries not yet sent" (and why), the ones the hub refused
 * with its reason (until dismissed; a refused snapshot with its picture, so the person knows
 * which one), and a warning when nothing would survive a reload.
 */
export function OutboxStatus({ incidentId = null }: { incidentId?: string | null }) {
  const items = useApp(useShallow((s) => (incidentId === null ? s.incidents.outbox : s.incidents.outbox.filter((i) => i.incidentId === incidentId))));
  const connected = useApp((s) => s.connection.status === 'connected');
  const caughtUp = useApp((s) => s.incidents.caughtUp);
  const journal = useApp((s) => s.incidents.journal);
  const journalError = useApp((s) => s.incidents.journalError);
  const incidents = useIncidents();
  const readOnly = useApp((s) => s.connection.role === 'viewer');
  const pending = items.filter((i) => !i.refused);
  const refused = items.filter((i) => i.refused);

  const why = !connected ? 'the hub is unreachable; kept on this machine and sent when it is back' : !caughtUp ? 'catching up with the hub…' : 'sending…';
  return (
    <div className="outbox" data-testid="outbox">
      <p className="outbox-pending" data-testid="outbox-pending" data-count={pending.length} data-state={pending.length === 0 ? 'empty' : connected ? 'sending' : 'offline'}>
        {pending.length === 0 ? (
          <>
            <span aria-hidden="true">✓ </span>All entries sent
          </>
        ) : (
          <>
            <span aria-hidden="true">◌ </span>
            <strong>
              {pending.length} {pending.length === 1 ? 'entry' : 'entries'} not yet sent
            </strong>{' '}
            <span className="muted">· {why}</span>
          </>
        )}
      </p>
      {readOnly && (
        <p className="outbox-warning" data-testid="read-only">
          ▲ This screen is signed in with a wall (viewer) token: it can follow incidents but not log. Sign in with a responder token to log.
        </p>
      )}
      {journal === 'memory' && (
        <p className="outbox-warning" data-testid="journal-memory">
          ▲ This browser cannot keep entries on disk{journalError ? ` (${journalError})` : ''}: unsent entries are lost if the page closes.
        </p>
      )}
      {journal !== 'memory' && journalError && <p className="outbox-warning">▲ {journalError}</p>}
      {refused.length > 0 && (
        <ul className="outbox-refused" data-testid="outbox-refused">
          {refused.map((item) => (
            <li key={item.id} data-type={item.type}>
              <span aria-hidden="true">✖ </span>
              <strong>{item.type === 'snapshot' && !item.uploaded ? 'Snapshot not kept by the hub:' : 'Refused by the hub:'}</strong> {item.refused!.message}{' '}
              <span className="muted">— {itemWords(item)}</span>{' '}
              <button type="button" onClick={() => void incidents.dismiss(item.id)}>
                Dismiss
              </button>
              {item.type === 'snapshot' && (
                <div className="entry-snapshot">
                  <LocalSnapshotImage png={item.png} alt={item.payload.text ?? ''} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
