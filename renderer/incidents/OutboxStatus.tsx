import { useShallow } from 'zustand/react/shallow';
import { routeHash, useRoute } from '../app/router.ts';
import { useApp, useNow } from '../state/react.tsx';
import type { OutboxItem } from '../transport/outbox.ts';
import { useIncidents } from './context.tsx';
import { attemptWords, failureWords, itemWords, unsentCount } from './outbox-words.ts';
import { LocalSnapshotImage } from './Snapshots.tsx';

/** The oldest unsent item, which everything else waits behind (maybe another incident's). */
const useHeadOfQueue = (): OutboxItem | undefined => useApp((s) => s.incidents.outbox.find((i) => !i.refused));

/** "Sign in again", coming back here afterwards: the token was not accepted or may not do this. */
function SignInAgain() {
  const here = routeHash(useRoute()).slice(1);
  return (
    <a href={routeHash({ name: 'login', token: null, next: here.startsWith('/incidents') ? here : '/incidents' })} data-testid="outbox-sign-in">
      sign in again
    </a>
  );
}

/** Why the queue is stuck, from its head's last failed attempt; ticks the "next try in" each second. */
function LastFailure({ head }: { head: OutboxItem }) {
  const now = useNow();
  return (
    <span className="outbox-failure" data-testid="outbox-failure" data-sign-in={head.lastFailure?.signIn === true}>
      {failureWords(head)}
      {head.lastFailure?.signIn && (
        <>
          {' '}
          — <SignInAgain />
        </>
      )}{' '}
      <span className="muted" data-testid="outbox-attempts">
        · {attemptWords(head, now)}
      </span>
    </span>
  );
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
  const catchUpError = useApp((s) => s.incidents.catchUpError);
  const journal = useApp((s) => s.incidents.journal);
  const journalError = useApp((s) => s.incidents.journalError);
  const incidents = useIncidents();
  const readOnly = useApp((s) => s.connection.role === 'viewer');
  const head = useHeadOfQueue();
  const pending = items.filter((i) => !i.refused);
  const refused = items.filter((i) => i.refused);

  // The connection explains most waits; while connected, the last failure (if any) says the rest.
  const failing = connected && caughtUp && head?.lastFailure !== undefined;
  const catchingUp = `catching up with the hub…${catchUpError ? ` (the last try failed: ${catchUpError})` : ''}`;
  const why = !connected ? 'the hub is unreachable; kept on this machine and sent when it is back' : !caughtUp ? catchingUp : 'sending…';
  const state = pending.length === 0 ? 'empty' : !connected ? 'offline' : failing ? 'retrying' : 'sending';
  return (
    <div className="outbox" data-testid="outbox">
      <p className="outbox-pending" data-testid="outbox-pending" data-count={pending.length} data-state={state}>
        {pending.length === 0 ? (
          <>
            <span aria-hidden="true">✓ </span>All entries sent
          </>
        ) : (
          <>
            <span aria-hidden="true">{failing ? '▲ ' : '◌ '}</span>
            <strong>{unsentCount(pending)} not yet sent</strong>{' '}
            {failing && head ? (
              <>
                · <LastFailure head={head} />
              </>
            ) : (
              <span className="muted">· {why}</span>
            )}
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

/**
 * On the sign-in page: what this console still holds and why its last try failed, so nobody
 * takes it for sent. Nothing goes until a token is accepted.
 */
export function UnsentUntilSignedIn() {
  const pending = useApp(useShallow((s) => s.incidents.outbox.filter((i) => !i.refused)));
  const head = pending[0];
  if (!head) return null;
  return (
    <p className="outbox-warning" data-testid="sign-in-unsent">
      ▲ This screen holds {unsentCount(pending)} not yet sent, kept on this machine: {pending.length === 1 ? 'it goes' : 'they go'} once you sign in.
      {head.lastFailure && (
        <>
          {' '}
          The last try failed: {failureWords(head)} ({head.attempts} {head.attempts === 1 ? 'attempt' : 'attempts'}).
        </>
      )}
    </p>
  );
}
