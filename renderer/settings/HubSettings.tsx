/**
 * Settings → Hub, desktop app only: which hub the app uses (its own embedded one, or a shared
 * hub it joined), a form to join the war room's shared hub by URL and token, and a way back to
 * the embedded hub. The main process checks the hub, saves settings.json and restarts the app
 * onto it; this page only asks. The token is typed here once and never shown again. A browser
 * shows nothing: it uses its own origin's hub.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { HubChoice, HubChoiceResult, HubInUse, HubSettingsBridge, HubSettingsState } from '../../shared/bridge.ts';
import { checkHubToken, checkHubUrl } from '../../shared/domain/hub-address.ts';
import { platform } from '../platform/index.ts';

/** The hub in use, in words (never its token). */
export function describeHubInUse(inUse: HubInUse | null): string {
  if (inUse === null) return 'starting…';
  if (inUse.mode === 'remote') return `the shared hub at ${inUse.url} (token saved)`;
  const workspace = inUse.workspace === null ? 'the demo workspace' : `the workspace ${inUse.workspace}`;
  return `the hub inside this app, at ${inUse.url}, with ${workspace}${inUse.demo ? ' and the simulated platform' : ''}`;
}

/** The token in the admin's sign-in link (…/#/login?token=mc_…), which is what many are handed. */
function tokenInLoginLink(url: string): string | null {
  const match = /#\/login\?(?:[^#]*&)?token=([^&#\s]+)/.exec(url);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** What the form sends, or why it cannot send it yet and which field to fix (the same words the app would answer). */
export function joinChoice(url: string, token: string): { ok: true; choice: HubChoice } | { ok: false; error: string; field: 'url' | 'token' } {
  const checkedUrl = checkHubUrl(url);
  if (!checkedUrl.ok) return { ...checkedUrl, field: 'url' };
  const checkedToken = checkHubToken(token.trim() === '' ? (tokenInLoginLink(url) ?? '') : token);
  if (!checkedToken.ok) return { ...checkedToken, field: 'token' };
  return { ok: true, choice: { mode: 'remote', url: checkedUrl.value, token: checkedToken.value } };
}

/** Where "Use the embedded hub again" leads, in words. */
export function embeddedReturn(state: HubSettingsState | null): string {
  const workspace = state?.embedded?.workspace;
  if (workspace === undefined) return '';
  return workspace === null ? 'with the demo workspace' : `with the workspace ${workspace}`;
}

function DesktopHub({ api }: { readonly api: HubSettingsBridge }) {
  const urlId = useId();
  const tokenId = useId();
  const [state, setState] = useState<HubSettingsState | null>(null);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  /** The hub took the token, but it cannot run incidents: what it can and cannot do, and the choice to join with it anyway. */
  const [limited, setLimited] = useState<{ text: string; choice: Extract<HubChoice, { mode: 'remote' }> } | null>(null);
  /** The field a refusal before sending is about: marked invalid, described by the words, focused. */
  const [invalid, setInvalid] = useState<'url' | 'token' | null>(null);
  const resultId = useId();
  const urlInput = useRef<HTMLInputElement>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  const joinAnyway = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (limited) joinAnyway.current?.focus();
  }, [limited]);

  useEffect(() => {
    api.get().then(setState, (error: unknown) => setResult({ ok: false, text: `✖ ${error instanceof Error ? error.message : String(error)}` }));
  }, [api]);

  // While the app checks, buttons are aria-disabled rather than disabled: a disabled button drops
  // the keyboard focus to the page's top, and the answer should be read where the person is.
  const send = (choice: HubChoice) => {
    if (busy) return;
    setBusy(true);
    setResult(null);
    setLimited(null);
    setInvalid(null);
    api.set(choice).then(
      (reply: HubChoiceResult) => {
        if (!reply.ok) {
          setBusy(false);
          if ('limited' in reply) return choice.mode === 'remote' ? setLimited({ text: reply.limited, choice }) : undefined;
          return setResult({ ok: false, text: `✖ Not saved: ${reply.error}` });
        }
        // The app restarts: the form stays disabled, and the token leaves the page.
        setToken('');
        setResult({ ok: true, text: `✓ ${reply.message}` });
      },
      (error: unknown) => {
        setBusy(false);
        setResult({ ok: false, text: `✖ Not saved: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
  };

  const join = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = joinChoice(url, token);
    if (!checked.ok) {
      setLimited(null);
      setInvalid(checked.field);
      (checked.field === 'url' ? urlInput : tokenInput).current?.focus();
      return setResult({ ok: false, text: `✖ ${checked.error}` });
    }
    send(checked.choice);
  };

  const inUse = state?.inUse ?? null;
  return (
    <>
      <dl>
        <dt>In use</dt>
        <dd data-testid="hub-in-use">{describeHubInUse(inUse)}</dd>
        <dt>Saved in</dt>
        <dd>
          <code>{state?.file ?? '–'}</code>
        </dd>
      </dl>
      <h3>{inUse?.mode === 'remote' ? 'Join another shared hub' : 'Join a shared hub'}</h3>
      <p>
        The war room’s hub, by its URL and a token its admin made for you (or paste the sign-in link they sent: the token is taken from
        it). The app checks that the hub answers and takes the token, says what the token can do, saves both, and restarts to join it.
      </p>
      <form className="token-create" onSubmit={join} noValidate data-testid="hub-join">
        <label htmlFor={urlId}>URL</label>
        <input
          id={urlId}
          ref={urlInput}
          type="url"
          value={url}
          aria-invalid={invalid === 'url'}
          aria-describedby={invalid === 'url' ? resultId : undefined}
          onChange={(e) => {
            setUrl(e.target.value);
            setLimited(null);
          }} placeholder="https://hub.example.com" spellCheck={false} data-testid="hub-url" />
        <label htmlFor={tokenId}>Token</label>
        <input
          id={tokenId}
          ref={tokenInput}
          type="password"
          aria-invalid={invalid === 'token'}
          aria-describedby={invalid === 'token' ? resultId : undefined}
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            setLimited(null);
          }}
          placeholder="mc_…"
          autoComplete="off"
          spellCheck={false}
          data-testid="hub-token"
        />
        <button type="submit" aria-disabled={busy} data-testid="hub-join-submit">
          {busy && result === null ? 'Checking…' : 'Check and join'}
        </button>
      </form>
      {limited && (
        <div className="hub-limited" role="status" data-testid="hub-limited">
          <p>
            ▲ The hub at {limited.choice.url} took the token. {limited.text}
          </p>
          <button type="button" ref={joinAnyway} aria-disabled={busy} onClick={() => send({ ...limited.choice, limitedOk: true })} data-testid="hub-join-limited">
            Join with this token anyway
          </button>
        </div>
      )}
      {inUse?.mode === 'remote' && (
        <p>
          <button type="button" aria-disabled={busy} onClick={() => send({ mode: 'embedded' })} data-testid="hub-use-embedded">
            Use the embedded hub again
          </button>{' '}
          <span className="hint" data-testid="hub-embedded-return">
            {embeddedReturn(state)}
          </span>
        </p>
      )}
      {result && (
        <p id={resultId} role={result.ok ? 'status' : 'alert'} data-testid="hub-result" data-ok={result.ok}>
          {result.text}
        </p>
      )}
    </>
  );
}

export function HubSettings() {
  const bridge = platform();
  if (bridge.kind !== 'desktop' || !bridge.hubSettings) return null;
  return (
    <section className="card" data-testid="settings-hub">
      <h2>Hub</h2>
      <DesktopHub api={bridge.hubSettings} />
    </section>
  );
}
