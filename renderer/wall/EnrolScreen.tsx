/**
 * A wall without a valid token: full screen, readable across the room, never a login form. It
 * asks the hub for a one-time code, shows it big, and polls until an admin has entered it in
 * Settings; then it signs in with its own viewer token. An expired code is replaced by itself.
 * Or someone types a code an admin created in Settings into it.
 */
import { useEffect, useState } from 'react';
import { ENROL_CODE_LENGTH } from '../../shared/protocol/walls.ts';
import { useHub } from '../app/hub-context.tsx';
import { reasonText } from '../app/SignIn.tsx';
import { useApp } from '../state/react.tsx';
import { claimEnrolment, startEnrolment } from '../transport/enrol.ts';
import { RedeemCode } from './RedeemCode.tsx';
import './enrol.css';

export const CLAIM_POLL_MS = 2000;
/** After a failure (hub down), try again this often: the wall never gives up. */
export const RETRY_MS = 10_000;

type EnrolState = { step: 'asking' } | { step: 'showing'; code: string } | { step: 'failed'; why: string } | { step: 'approved'; name: string };

/** "K7P4XW" → "K7P 4XW": read aloud in two halves. */
export const spacedCode = (code: string): string => `${code.slice(0, ENROL_CODE_LENGTH / 2)} ${code.slice(ENROL_CODE_LENGTH / 2)}`;

export function EnrolScreen() {
  const hub = useHub();
  const reason = useApp((s) => s.connection.unauthorizedReason);
  const detail = useApp((s) => s.connection.lastError);
  const [state, setState] = useState<EnrolState>({ step: 'asking' });

  useEffect(() => {
    const base = hub.hubUrl() ?? '';
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = (fn: () => void, ms: number) => {
      if (!stopped) timer = setTimeout(fn, ms);
    };
    const begin = () => {
      setState({ step: 'asking' });
      startEnrolment(base).then(
        ({ code, claimSecret }) => {
          if (stopped) return;
          setState({ step: 'showing', code });
          const poll = () =>
            claimEnrolment(base, claimSecret).then(
              (reply) => {
                if (stopped) return;
                if (reply.status === 'approved' && reply.token) {
                  setState({ step: 'approved', name: reply.name ?? 'this wall' });
                  hub.signIn(reply.token);
                } else if (reply.status === 'expired') begin();
                else later(poll, CLAIM_POLL_MS);
              },
              () => later(poll, CLAIM_POLL_MS * 2),
            );
          later(poll, CLAIM_POLL_MS);
        },
        (error: unknown) => {
          if (stopped) return;
          setState({ step: 'failed', why: (error as Error).message });
          later(begin, RETRY_MS);
        },
      );
    };
    begin();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [hub]);

  return (
    <main className="fullscreen-message not-enrolled" data-testid="not-enrolled" data-step={state.step}>
      <p className="fullscreen-icon" aria-hidden="true">
        ✖
      </p>
      <h1>
        Not enrolled
        {state.step === 'showing' && (
          <>
            : code <span className="enrol-code" data-testid="enrol-code">{spacedCode(state.code)}</span>
          </>
        )}
      </h1>
      <p className="fullscreen-detail">{reasonText(reason, detail)}</p>
      {state.step === 'showing' && (
        <ol className="enrol-steps">
          <li>On a console, an admin opens Settings → Wall devices.</li>
          <li>
            They enter the code <strong>{spacedCode(state.code)}</strong> and a name for this screen.
          </li>
          <li>This screen then starts by itself. The code changes every 15 minutes.</li>
        </ol>
      )}
      {state.step === 'asking' && <p className="fullscreen-detail">Asking the hub for a code…</p>}
      {state.step === 'failed' && <p className="fullscreen-detail">The hub gave no code ({state.why}); trying again in {RETRY_MS / 1000} s.</p>}
      {state.step === 'approved' && <p className="fullscreen-detail">Enrolled as “{state.name}”: starting…</p>}
      {state.step !== 'approved' && <RedeemCode onEnrolled={(name) => setState({ step: 'approved', name })} />}
    </main>
  );
}
