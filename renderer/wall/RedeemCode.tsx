/** On the not-enrolled screen: enter a code an admin created in Settings, for the wall's own token. */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useHub } from '../app/hub-context.tsx';
import { redeemEnrolment } from '../transport/enrol.ts';

export function RedeemCode({ onEnrolled }: { onEnrolled: (name: string) => void }) {
  const hub = useHub();
  const inputId = useId();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    redeemEnrolment(hub.hubUrl() ?? '', code).then(
      ({ token, name }) => {
        onEnrolled(name);
        hub.signIn(token);
      },
      (e: unknown) => {
        setError((e as Error).message);
        setBusy(false);
      },
    );
  };
  return (
    <form className="enrol-redeem" onSubmit={submit} data-testid="enrol-redeem">
      <label htmlFor={inputId}>Have a code from Settings? Enter it</label>
      <input
        id={inputId}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        placeholder="K7P 4XW"
        data-testid="enrol-redeem-input"
      />
      <button type="submit" disabled={busy || !code.trim()} data-testid="enrol-redeem-submit">
        Enrol this screen
      </button>
      {error && (
        <p role="alert" className="enrol-redeem-error" data-testid="enrol-redeem-error">
          ✖ {error}
        </p>
      )}
    </form>
  );
}
