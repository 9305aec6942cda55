/**
 * The scribe line: ONE input, always focused. The entry's time is taken at the first keystroke
 * (shown beside the input), a live preview says what Enter will log (or what is wrong with the
 * line: never a dialog), ↑ edits your last entry, Alt+1…6 log a marker, Ctrl+Enter logs a key
 * moment (pinned).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseScribeLine, previewScribeLine } from '../../shared/domain/incidents/scribe-line.ts';
import type { TimelineView, VisibleEntry } from '../../shared/domain/incidents/timeline.ts';
import { samePerson } from '../../shared/domain/incidents/timeline.ts';
import { incidentNow } from '../state/incidents.ts';
import { useApp, useAppStoreApi } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { commandFromLine, lineEditable, lineOf, markerLine, markerShortcuts, revisionFromLine } from './scribe.ts';
import { clock } from './words.ts';

const TEXT_ENTRY = 'input, textarea, select, [contenteditable="true"]';

const HINTS =
  'd: decision · a: action · h: hypothesis · f: finding · todo: follow-up · deploy: / rollback: / flag: / change: #service a change · !status mitigated · !sev 1 · !mark impact · @name 10m task · -3m or @14:05 backdates';

/** A line taken at Enter that this machine could not keep: its text stays until put back or dismissed. */
interface FailedLine {
  readonly key: string;
  readonly line: string;
  readonly error: string;
}

export interface ScribeLineProps {
  incidentId: string;
  view: TimelineView;
  timeZone: string;
  /** An entry to edit (from the timeline's ✎, or ↑ here); null: a new line. */
  editing: VisibleEntry | null;
  onEditing: (entry: VisibleEntry | null) => void;
}

export function ScribeLine({ incidentId, view, timeZone, editing, onEditing }: ScribeLineProps) {
  const incidents = useIncidents();
  const store = useAppStoreApi();
  const me = useApp((s) => s.identity.person);
  const [text, setText] = useState('');
  const [firstKeystrokeAt, setFirstKeystrokeAt] = useState<number | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [failed, setFailed] = useState<FailedLine[]>([]);
  const [previewNow, setPreviewNow] = useState(() => Date.now());
  const inputRef = useRef<HTMLInputElement>(null);
  const now = useCallback(() => incidentNow(store.getState()), [store]);

  // An edit fills the line with the entry as it would have been typed, timed at the entry's moment.
  useEffect(() => {
    if (!editing) return;
    setText(lineOf(editing) ?? editing.text);
    setFirstKeystrokeAt(editing.occurredAt);
    setFlash(null);
    inputRef.current?.focus();
  }, [editing]);

  // Always focused: typing anywhere but another text field goes here; a click on a button gives focus back.
  useEffect(() => {
    const focusLine = () => inputRef.current?.focus({ preventScroll: true });
    const onKey = (event: KeyboardEvent) => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && active.matches(TEXT_ENTRY)) return;
      if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) focusLine();
    };
    const onClick = (event: MouseEvent) => {
      if (!(event.target instanceof Element) || !event.target.closest('button, summary')) return;
      setTimeout(() => {
        const active = document.activeElement;
        if (!(active instanceof HTMLElement && active.matches(TEXT_ENTRY))) focusLine();
      }, 0);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('click', onClick);
    };
  }, []);

  const reset = () => {
    setText('');
    setFirstKeystrokeAt(null);
    setFlash(null);
    if (editing) onEditing(null);
  };

  const context = (at: number) => ({ firstKeystrokeAt: firstKeystrokeAt ?? at, now: at, timeZone, currentStatus: view.status });

  // The line is taken and cleared at Enter, synchronously: the browser-side save runs behind the
  // typing (awaiting it first let the next line's keys land in the old one). Ids are made at
  // Enter, so the outbox keeps the Enters' order. A save that fails keeps the text, shown below.
  const submit = (line: string, pinned: boolean) => {
    const at = now();
    const parsed = parseScribeLine(line, context(at));
    if (!parsed.ok) {
      setFlash(parsed.error);
      return;
    }
    let saved: Promise<string>;
    try {
      if (editing) {
        const revision = revisionFromLine(editing, parsed, { id: '', author: '', console: '' });
        if ('error' in revision) {
          setFlash(revision.error);
          return;
        }
        saved = incidents.revise(pinned ? { ...revision, pinned: true } : revision);
      } else {
        saved = incidents.log(commandFromLine(parsed, incidentId, pinned));
      }
    } catch (e) {
      setFlash(e instanceof Error ? e.message : String(e));
      return;
    }
    reset();
    saved.catch((e: unknown) => {
      setFailed((list) => [...list, { key: `${at}-${Math.random()}`, line, error: e instanceof Error ? e.message : String(e) }]);
    });
  };

  const putBack = (item: FailedLine) => {
    setFailed((list) => list.filter((f) => f.key !== item.key));
    if (text === '') {
      setText(item.line);
      setFirstKeystrokeAt(now());
    }
    inputRef.current?.focus();
  };

  const logMarker = (digit: string) => {
    const shortcut = markerShortcuts.find((s) => s.digit === digit);
    if (!shortcut || editing) return;
    submit(markerLine(shortcut.marker, inputRef.current?.value ?? text), false);
  };

  // Alt+1…6 work wherever the focus is on this screen.
  const logMarkerRef = useRef(logMarker);
  useEffect(() => {
    logMarkerRef.current = logMarker;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const digit = /^Digit([1-6])$/.exec(event.code)?.[1];
      if (!digit) return;
      event.preventDefault();
      logMarkerRef.current(digit);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // The preview's clock moves while the line waits (a task's "due in", "yesterday").
  useEffect(() => {
    if (!text) return;
    const timer = setInterval(() => setPreviewNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [text]);

  const lastMine = (): VisibleEntry | null => {
    if (!me) return null;
    const mine = view.entries.filter((e) => samePerson(e.author, me) && lineEditable(e));
    return mine.reduce<VisibleEntry | null>((best, e) => (best === null || e.createdAt > best.createdAt || (e.createdAt === best.createdAt && e.position > best.position) ? e : best), null);
  };

  const at = incidentNow(store.getState(), previewNow);
  const parsed = text.trim() ? parseScribeLine(text, context(at)) : null;
  const preview = flash ?? (parsed ? previewScribeLine(parsed, timeZone, at) : null);
  const previewError = flash !== null || (parsed !== null && !parsed.ok);

  return (
    <div className="scribe" data-testid="scribe">
      <div className="marker-keys" aria-label="Marker shortcuts">
        {markerShortcuts.map((s) => (
          <button key={s.marker} type="button" className="marker-key" data-marker={s.marker} data-testid={`marker-${s.marker}`} onClick={() => logMarker(s.digit)} disabled={!me || editing !== null}>
            <kbd>Alt+{s.digit}</kbd> {s.label}
          </button>
        ))}
      </div>
      <div className="scribe-row">
        <span className="scribe-time" data-testid="scribe-time" title={firstKeystrokeAt !== null ? `first keystroke: ${new Date(firstKeystrokeAt).toISOString()}` : undefined}>
          {editing ? '✎ ' : '◷ '}
          {firstKeystrokeAt !== null ? clock(firstKeystrokeAt, timeZone) : '--:--:--'}
        </span>
        <input
          ref={inputRef}
          className="scribe-input"
          data-testid="scribe-input"
          autoFocus
          disabled={!me}
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-label="Scribe line: type and press Enter to log"
          aria-describedby="scribe-preview"
          placeholder={me ? (editing ? 'Edit, Enter saves, Esc cancels' : 'Type what happened. Enter logs it. ↑ edits your last entry.') : 'Enter your name above to log'}
          onChange={(event) => {
            const value = event.target.value;
            setFlash(null);
            if (value === '') {
              if (!editing) setFirstKeystrokeAt(null);
            } else if (text === '' && firstKeystrokeAt === null) {
              // The moment the first character lands is when it happened, not Enter.
              setFirstKeystrokeAt(now());
            }
            setText(value);
            setPreviewNow(Date.now());
          }}
          onKeyDown={(event) => {
            // A key that finishes an input-method composition is not a command.
            if (event.nativeEvent.isComposing) return;
            if (event.key === 'Enter') {
              event.preventDefault();
              submit(event.currentTarget.value, event.ctrlKey || event.metaKey);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              reset();
            } else if (event.key === 'ArrowUp' && text === '' && !editing) {
              const last = lastMine();
              if (last) {
                event.preventDefault();
                onEditing(last);
              } else setFlash('nothing of yours to edit yet in this incident');
            }
          }}
        />
      </div>
      <p id="scribe-preview" className="scribe-preview" data-testid="scribe-preview" data-error={previewError} aria-live="polite">
        {preview ?? HINTS}
      </p>
      {failed.length > 0 && (
        <ul className="scribe-failed" data-testid="scribe-failed" aria-live="assertive">
          {failed.map((item) => (
            <li key={item.key} data-testid="scribe-failed-line">
              <strong>Not kept:</strong> <span className="scribe-failed-text">{item.line}</span> <span className="muted">({item.error})</span>{' '}
              <button type="button" onClick={() => putBack(item)} disabled={text !== ''} title={text !== '' ? 'Log or clear the line first' : undefined}>
                Put back on the line
              </button>{' '}
              <button type="button" onClick={() => setFailed((list) => list.filter((f) => f.key !== item.key))}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="scribe-hint muted">
        {editing ? (
          <>Editing the entry from {clock(editing.occurredAt, timeZone)}: Enter saves a new version (the old one stays in the history), Esc cancels.</>
        ) : (
          <>Enter logs · Ctrl+Enter logs a key moment ★ · ↑ edits your last entry · Esc clears</>
        )}
      </p>
    </div>
  );
}
