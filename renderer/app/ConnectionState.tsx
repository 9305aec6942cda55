import { formatAge } from '../../shared/domain/freshness.ts';
import { useApp, useNow } from '../state/react.tsx';
import { connectionIcon, connectionWord } from './status-words.ts';

/** The connection to the hub in icon + word (+ for how long, and why, when it is down). */
export function ConnectionState({ compact = false }: { compact?: boolean }) {
  const status = useApp((s) => s.connection.status);
  const since = useApp((s) => s.connection.since);
  const attempt = useApp((s) => s.connection.attempt);
  const lastError = useApp((s) => s.connection.lastError);
  const subscribeError = useApp((s) => s.connection.subscribeError);
  const now = useNow();
  const down = status === 'disconnected' || status === 'connecting';
  const detail = [
    down && since > 0 ? `for ${formatAge(now - since)}` : null,
    status === 'disconnected' && attempt > 0 ? `retry ${attempt}` : null,
    !compact && status === 'disconnected' ? lastError : null,
    !compact && status === 'connected' ? subscribeError : null,
  ].filter((part): part is string => Boolean(part));
  return (
    <span className="connection-state" data-testid="connection-state" data-state={status} title={lastError ?? undefined}>
      <span className="connection-icon" aria-hidden="true">
        {connectionIcon[status]}
      </span>
      <span className="connection-word">{connectionWord[status]}</span>
      {detail.length > 0 && <span className="connection-detail"> · {detail.join(' · ')}</span>}
    </span>
  );
}
