import { useState } from 'react';
import { useApp } from '../state/react.tsx';
import { useIncidents } from './context.tsx';

/** The name every entry is signed with, entered once and kept on this machine. */
export function IdentityBar({ compact = false }: { compact?: boolean }) {
  const identity = useApp((s) => s.identity);
  const incidents = useIncidents();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (identity.person && !editing) {
    return (
      <div className="identity" data-testid="identity">
        <span className="muted">You are</span> <strong data-testid="identity-name">@{identity.person}</strong>
        {!compact && <span className="muted"> at {identity.console}</span>}{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setName(identity.person ?? '');
            setEditing(true);
          }}
        >
          change
        </button>
      </div>
    );
  }

  const save = () => {
    try {
      incidents.setPerson(name);
      setError(null);
      setEditing(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      className="identity identity-form"
      data-testid="identity-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label>
        <span>Your name, as others @mention you</span>
        <input
          data-testid="identity-input"
          value={name}
          autoFocus
          placeholder="e.g. maria"
          maxLength={64}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={error !== null}
        />
      </label>
      <button type="submit">Save</button>
      {identity.person && (
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      )}
      {error && <span className="form-error">{error}</span>}
      {!identity.person && <span className="hint">Every entry you log is signed with it; it stays on this machine.</span>}
    </form>
  );
}
