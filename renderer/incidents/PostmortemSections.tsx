/**
 * The postmortem's own sections, written in the console: five whys, root causes, contributing
 * factors, what went well and wrong, where we got lucky, the summary. Each item is a note with
 * `data.section` (what the postmortem reads); an edit supersedes it, a removal is its tombstone —
 * through the outbox like any entry, so it is offline-safe, append-only and broadcast.
 */
import { useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { samePerson } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { postmortemSectionLabels } from '../../shared/model/incident.ts';
import type { PostmortemSection } from '../../shared/model/incident.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { useOutboxFor } from './hooks.ts';
import { cardSections, editedItem, MAX_SECTION_TEXT, removedItem, sectionHints, sectionItems, sectionWrite } from './postmortem-sections.ts';
import type { SectionItem } from './postmortem-sections.ts';
import { EDITOR_ROLES, holds } from './Roles.tsx';
import './record.css';

/** Ctrl/⌘+Enter in a section's text saves it (Enter alone is a new line). */
const isSubmit = (event: KeyboardEvent) => event.key === 'Enter' && (event.ctrlKey || event.metaKey);

function Item({ item, view, section, onError }: { item: SectionItem; view: TimelineView; section: PostmortemSection; onError: (message: string | null) => void }) {
  const incidents = useIncidents();
  const me = useApp((s) => s.identity.person);
  const [editing, setEditing] = useState<string | null>(null);
  const entry = item.entry;
  const root = entry ? (view.history[entry.rootId]?.[0] ?? entry) : null;
  const mayChange = me !== null && entry !== null && !item.pending && (samePerson(root!.author, me) || EDITOR_ROLES.some((r) => holds(view, r, me)));

  const send = async (what: 'edit' | 'remove') => {
    if (!entry) return;
    try {
      if (what === 'remove') {
        await incidents.revise(removedItem(entry));
      } else {
        const write = sectionWrite(editing ?? '', entry.text);
        if (write.kind === 'invalid') return onError(write.message);
        if (write.kind === 'write') await incidents.revise(editedItem(entry, write.text));
        else if ((editing ?? '').trim() === '') return onError('An item cannot be blank: remove it instead');
      }
      setEditing(null);
      onError(null);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <li className="pm-item" data-testid="pm-item" data-section={section} data-pending={item.pending}>
      {editing === null ? (
        <>
          <span className="pm-item-text" data-testid="pm-item-text">
            {item.text}
          </span>{' '}
          <span className="pm-item-meta">
            — @{item.author}
            {item.pending && <span className="pending-badge"> ◌ not yet sent</span>}
          </span>
          {mayChange && (
            <span className="task-actions">
              <button type="button" className="small" data-testid="pm-item-edit" onClick={() => setEditing(entry!.text)}>
                ✎ Edit
              </button>
              <button type="button" className="small danger" data-testid="pm-item-remove" onClick={() => void send('remove')}>
                Remove
              </button>
            </span>
          )}
        </>
      ) : (
        <form
          className="pm-add"
          onSubmit={(event) => {
            event.preventDefault();
            void send('edit');
          }}
        >
          <textarea
            rows={2}
            value={editing}
            maxLength={MAX_SECTION_TEXT}
            aria-label={`Edit this ${postmortemSectionLabels[section].toLowerCase()} item`}
            data-testid="pm-item-input"
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (isSubmit(e)) {
                e.preventDefault();
                void send('edit');
              } else if (e.key === 'Escape') setEditing(null);
            }}
          />
          <span className="task-actions">
            <button type="submit" className="small primary" data-testid="pm-item-save">
              Save
            </button>
            <button type="button" className="small" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </span>
        </form>
      )}
    </li>
  );
}

export function PostmortemCard({ incidentId, view }: { incidentId: string; view: TimelineView }) {
  const incidents = useIncidents();
  const outbox = useOutboxFor(incidentId);
  const me = useApp((s) => s.identity.person);
  const now = useHubNow();
  const items = useMemo(() => sectionItems(view, outbox), [view, outbox]);
  const [section, setSection] = useState<PostmortemSection>('five_whys');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async () => {
    const write = sectionWrite(text);
    if (write.kind === 'none') return setError(`Write the ${postmortemSectionLabels[section].toLowerCase()} item first`);
    if (write.kind === 'invalid') return setError(write.message);
    try {
      await incidents.log({ incidentId, kind: 'note', text: write.text, occurredAt: now, data: { section } });
      setText('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const written = cardSections.filter((s) => items[s].length > 0);
  const empty = cardSections.filter((s) => items[s].length === 0);
  return (
    <section className="side-card pm-card" data-testid="postmortem-card">
      <h3>Postmortem</h3>
      {written.map((s) => {
        const List = s === 'five_whys' ? 'ol' : 'ul';
        return (
          <div key={s} className="pm-section" data-testid={`pm-section-${s}`}>
            <h4>{postmortemSectionLabels[s]}</h4>
            <List className="pm-items">
              {items[s].map((item) => (
                <Item key={item.key} item={item} view={view} section={s} onError={setError} />
              ))}
            </List>
          </div>
        );
      })}
      {empty.length > 0 && <p className="pm-hint">Not written yet: {empty.map((s) => postmortemSectionLabels[s]).join(', ')}</p>}
      <form
        className="pm-section"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <select value={section} aria-label="Postmortem section" data-testid="pm-section" onChange={(e) => setSection(e.target.value as PostmortemSection)} disabled={!me}>
          {cardSections.map((s) => (
            <option key={s} value={s}>
              {postmortemSectionLabels[s]}
            </option>
          ))}
        </select>
        <p className="pm-hint">{sectionHints[section]}</p>
        <div className="pm-add">
          <textarea
            rows={2}
            value={text}
            maxLength={MAX_SECTION_TEXT}
            placeholder="One item; Ctrl+Enter adds it"
            aria-label={`New ${postmortemSectionLabels[section].toLowerCase()} item`}
            data-testid="pm-text"
            disabled={!me}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (isSubmit(e)) {
                e.preventDefault();
                void add();
              }
            }}
          />
          <button type="submit" className="primary" data-testid="pm-add" disabled={!me}>
            Add
          </button>
        </div>
      </form>
      {error && (
        <p className="form-error" data-testid="pm-error">
          {error}
        </p>
      )}
    </section>
  );
}
