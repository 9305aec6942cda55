import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { UnsentUntilSignedIn } from '../incidents/OutboxStatus.tsx';
import { useApp } from '../state/react.tsx';
import { useHub } from './hub-context.tsx';
import { navigate, parseRoute, useRoute } from './router.ts';

export function reasonText(reason: 'no-token' | 'refused' | null, detail: string | null): string {
  if (reason !== 'refused') return 'No access token is stored on this screen.';
  // The hub's own words when it gave any ("This token was revoked."), not just "unauthorized".
  const said = detail && detail !== 'unauthorized' ? ` The hub said: “${detail}”` : '';
  return `The hub refused the token this screen had: it was revoked or is unknown.${said}`;
}

/** On a console: paste a token. */
export function SignInForm() {
  const hub = useHub();
  const reason = useApp((s) => s.connection.unauthorizedReason);
  const detail = useApp((s) => s.connection.lastError);
  const status = useApp((s) => s.connection.status);
  const route = useRoute();
  const [token, setToken] = useState('');
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) hub.signIn(token.trim());
    setToken('');
    // Opened on purpose ("sign in again" beside an upload the hub refused): go back where it was.
    if (route.name === 'login' && token.trim()) navigate(route.next ? parseRoute(`#${route.next}`) : { name: 'console' }, { replace: true });
  };
  return (
    <main className="page sign-in" data-testid="sign-in">
      <h1>Sign in to the hub</h1>
      {status === 'unauthorized' && <p className="lead">{reasonText(reason, detail)}</p>}
      <UnsentUntilSignedIn />
      <form onSubmit={submit} className="sign-in-form">
        <label htmlFor={inputId}>Access token</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          placeholder="Paste the token an admin gave you"
          data-testid="sign-in-token"
        />
        <button type="submit" disabled={!token.trim()} data-testid="sign-in-submit">
          Sign in
        </button>
      </form>
      <p className="hint">
        Or open the login link the hub printed when it started (<code>…/#/login?token=…</code>). An admin creates tokens in
        Settings → Access tokens.
      </p>
    </main>
  );
}
