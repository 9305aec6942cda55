import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ingestScopes } from '../../shared/model/auth.ts';
import type { IngestScope, Role, TokenInfo } from '../../shared/model/auth.ts';
import { ROLES } from '../app/constants.ts';
import { useHub } from '../app/hub-context.tsx';
import { loginLink } from '../app/login.ts';
import { roomTimeZone } from '../state/incidents.ts';
import { useApp } from '../state/react.tsx';
import { roomDateTime } from './room-time.ts';

const CONFIRM_TIMEOUT_MS = 6000;

function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <button type="button" onClick={() => void copy()} data-testid={testId}>
      {copied === 'copied' ? '✓ Copied' : copied === 'failed' ? 'Copy failed: select the text' : label}
    </button>
  );
}

/** Revoke in two steps, inline: the first click arms, the second within 6 s revokes. */
function RevokeButton({ token, onRevoke }: { token: TokenInfo; onRevoke: (id: string) => Promise<void> }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy'>('idle');
  useEffect(() => {
    if (step !== 'confirm') return;
    const timer = setTimeout(() => setStep('idle'), CONFIRM_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [step]);
  if (token.revokedAt !== null) return null;
  if (step === 'idle') {
    return (
      <button type="button" onClick={() => setStep('confirm')} data-testid={`revoke-${token.id}`}>
        Revoke
      </button>
    );
  }
  return (
    <span className="confirm-inline">
      <button
        type="button"
        className="danger"
        disabled={step === 'busy'}
        data-testid={`revoke-confirm-${token.id}`}
        onClick={() => {
          setStep('busy');
          void onRevoke(token.id).finally(() => setStep('idle'));
        }}
      >
        {step === 'busy' ? 'Revoking…' : `Yes, revoke “${token.name}”`}
      </button>
      <button type="button" onClick={() => setStep('idle')} disabled={step === 'busy'}>
        Cancel
      </button>
    </span>
  );
}

export function TokensAdmin() {
  const timeZone = useApp(roomTimeZone);
  const when = (ms: number | null) => roomDateTime(ms, timeZone, 'never');
  const hub = useHub();
  const [tokens, setTokens] = useState<readonly TokenInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [scopes, setScopes] = useState<readonly IngestScope[]>([]);
  const [created, setCreated] = useState<{ token: TokenInfo; secret: string } | null>(null);
  const nameId = useId();
  const roleId = useId();

  const load = useCallback(async () => {
    const result = await hub.request('tokens:list', {});
    if (result.ok) {
      setTokens(result.tokens);
      setError(null);
    } else setError(result.error.message);
  }, [hub]);

  useEffect(() => {
    // Loading on mount is the point of this effect; the state it sets comes back asynchronously.
    void load();
  }, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const result = await hub.request('tokens:create', { name: name.trim(), role, scopes: [...scopes] });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setCreated({ token: result.token, secret: result.secret });
    setName('');
    setScopes([]);
    await load();
  };

  const revoke = async (id: string) => {
    const result = await hub.request('tokens:revoke', { id });
    if (!result.ok) setError(result.error.message);
    await load();
  };

  const hubUrl = hub.hubUrl();
  const link = created && hubUrl ? loginLink(hubUrl, created.secret, created.token.role === 'viewer' ? '/wall' : undefined) : null;

  return (
    <section className="card tokens" data-testid="tokens-admin">
      <h2>Access tokens</h2>
      {error && (
        <p className="form-error" role="alert" data-testid="tokens-error">
          ▲ {error}
        </p>
      )}

      <form className="token-create" onSubmit={(e) => void create(e)}>
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. wall-left-tv"
          data-testid="token-name"
        />
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="token-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <fieldset className="token-scopes">
          <legend>May also post (ingest scopes)</legend>
          {ingestScopes.map((scope) => (
            <label key={scope}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
                data-testid={`token-scope-${scope}`}
              />
              {scope}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={!name.trim()} data-testid="token-create">
          Create token
        </button>
      </form>

      {created && (
        <div className="secret-once" role="status" data-testid="token-secret-panel">
          <p className="warning">
            ▲ Copy the secret of “{created.token.name}” now: it is shown only once and cannot be recovered.
          </p>
          <code className="secret" data-testid="token-secret">
            {created.secret}
          </code>
          <div className="secret-actions">
            <CopyButton text={created.secret} label="Copy secret" testId="token-secret-copy" />
            {link && <CopyButton text={link} label="Copy login link" testId="token-link-copy" />}
            <button type="button" onClick={() => setCreated(null)} data-testid="token-secret-dismiss">
              I have copied it
            </button>
          </div>
        </div>
      )}

      {tokens === null ? (
        <p className="muted">Loading the tokens…</p>
      ) : (
        <table className="tokens-table" data-testid="tokens-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Ingest scopes</th>
              <th>Created</th>
              <th>Last used</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-testid={`token-row-${token.id}`} data-revoked={token.revokedAt !== null}>
                <td>{token.name}</td>
                <td>{token.role}</td>
                <td>{token.scopes.length ? token.scopes.join(', ') : '—'}</td>
                <td>{when(token.createdAt)}</td>
                <td>{when(token.lastUsedAt)}</td>
                <td>{token.revokedAt === null ? '✓ active' : `✖ revoked ${when(token.revokedAt)}`}</td>
                <td>
                  <RevokeButton token={token} onRevoke={revoke} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
