/**
 * The timeline in the order things happened (shared/domain/incidents/time-order.ts: an entry
 * stored late, e.g. typed while its console was cut off, is placed by its time and says when it was
 * logged; an edited entry keeps the seq of its first version), each kind by colour, icon and word; the time it happened in the room's zone with UTC beside it;
 * who wrote it where; edited (history one click away), deleted (kept, struck through), pinned.
 * Entries this console has not yet delivered are placed by their time too, marked as not yet sent (a snapshot with its
 * picture from the outbox). Text is untrusted and rendered as React text only.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject, type UIEvent } from 'react';
import { entryHistory, reviseEntry, samePerson } from '../../shared/domain/incidents/timeline.ts';
import { impactStartOf } from '../../shared/domain/incidents/bookkeeping.ts';
import { beforeImpact } from '../../shared/domain/incidents/change-lookback.ts';
import { byHappened, storedLate, type Placed } from '../../shared/domain/incidents/time-order.ts';
import type { TimelineView, VisibleEntry } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { IncidentCommand } from '../../shared/protocol/incidents.ts';
import { useApp } from '../state/react.tsx';
import type { OutboxItem } from '../transport/outbox.ts';
import { useIncidents } from './context.tsx';
import { EDITOR_ROLES, holds } from './Roles.tsx';
import { lineEditable } from './scribe.ts';
import { LocalSnapshotImage, SnapshotImage } from './Snapshots.tsx';
import { clock, entryWords, kindLook, utcText } from './words.ts';

const META = { id: '', author: '', console: '' };

type Row =
  | { type: 'entry'; key: string; position: number; entry: VisibleEntry; changePending: boolean; late: boolean }
  | { type: 'deleted'; key: string; position: number; first: TimelineEntry; tombstone: TimelineEntry }
  | { type: 'pending'; key: string; item: Extract<OutboxItem, { type: 'command' | 'snapshot' }> };

/** Where a row goes: when it happened, then the hub's order (this console's unsent ones after the stored ones of the same moment). */
function placeOf(row: Row): Placed {
  if (row.type === 'entry') return { at: row.entry.occurredAt, seq: row.position, recordedAt: row.entry.createdAt };
  if (row.type === 'deleted') return { at: row.first.occurredAt, seq: row.position, recordedAt: row.first.recordedAt };
  return { at: row.item.payload.occurredAt, seq: Number.MAX_SAFE_INTEGER, recordedAt: row.item.queuedAt };
}

/** The rows in the order things happened: stored entries, and this console's unsent ones among them. */
export function timelineRows(view: TimelineView, outbox: readonly OutboxItem[]): Row[] {
  const pendingTargets = new Set<string>();
  const pendingNew: Extract<OutboxItem, { type: 'command' | 'snapshot' }>[] = [];
  for (const item of outbox) {
    if (item.type === 'declare' || item.refused) continue;
    if (view.rootOf[item.id] !== undefined) continue; // stored already; the ack is on its way
    if (item.type === 'command' && item.payload.supersedes !== undefined) pendingTargets.add(view.rootOf[item.payload.supersedes] ?? item.payload.supersedes);
    else pendingNew.push(item);
  }
  const late = storedLate(view.entries.map((e) => ({ at: e.occurredAt, seq: e.position, recordedAt: e.createdAt })));
  const rows: Row[] = view.entries.map((entry) => ({
    type: 'entry' as const,
    key: entry.rootId,
    position: entry.position,
    entry,
    changePending: pendingTargets.has(entry.rootId),
    late: late.has(entry.position),
  }));
  for (const [rootId, versions] of Object.entries(view.history)) {
    const head = versions.at(-1)!;
    if (head.deleted) rows.push({ type: 'deleted', key: rootId, position: versions[0]!.seq, first: versions[0]!, tombstone: head });
  }
  rows.push(...pendingNew.map((item) => ({ type: 'pending' as const, key: item.id, item })));
  const placed = rows.map((row) => ({ row, place: placeOf(row) }));
  placed.sort((a, b) => byHappened(a.place, b.place) || (a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0));
  return placed.map((p) => p.row);
}

function When({ at, timeZone, recordedAt, late = false }: { at: number; timeZone: string; recordedAt?: number; late?: boolean }) {
  return (
    <span className="entry-when">
      <time dateTime={new Date(at).toISOString()} title={`${utcText(at)}${recordedAt !== undefined ? ` · recorded ${utcText(recordedAt)}` : ''}`} data-testid="entry-time">
        {clock(at, timeZone)}
      </time>
      <span className="entry-utc">{clock(at, 'UTC').slice(0, 5)} UTC</span>
      {late && recordedAt !== undefined && (
        <span className="entry-late" data-testid="entry-late" title="Stored after entries that happened later, or long after it happened: typed while its console was cut off from the hub, or backdated">
          logged {clock(recordedAt, timeZone)}
        </span>
      )}
    </span>
  );
}

function Kind({ kind }: { kind: TimelineEntry['kind'] }) {
  const look = kindLook[kind];
  return (
    <span className="entry-kind">
      <span aria-hidden="true">{look.icon}</span> {look.word}
    </span>
  );
}

function EntryRow({
  entry,
  view,
  timeZone,
  impactStart,
  changePending,
  late,
  onEdit,
}: {
  entry: VisibleEntry;
  view: TimelineView;
  timeZone: string;
  impactStart: number | null;
  changePending: boolean;
  late: boolean;
  onEdit: (e: VisibleEntry) => void;
}) {
  const incidents = useIncidents();
  const me = useApp((s) => s.identity.person);
  const [showHistory, setShowHistory] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const root = view.history[entry.rootId]?.[0] ?? entry;
  const mayChange = me !== null && (samePerson(root.author, me) || EDITOR_ROLES.some((r) => holds(view, r, me)));
  const versions = showHistory ? entryHistory(view, entry.id) : [];
  const hypothesisState = entry.kind === 'hypothesis' && entry.data.state !== 'open' ? (entry.data.state === 'confirmed' ? ' ✓ confirmed' : ' ✖ ruled out') : '';
  const act = (what: Promise<unknown>) => void what.catch(() => undefined);

  return (
    <li className="entry" data-kind={entry.kind} data-testid="entry" data-seq={entry.position} data-pinned={entry.pinned === true} data-entry-id={entry.rootId}>
      <When at={entry.occurredAt} timeZone={timeZone} recordedAt={entry.createdAt} late={late} />
      <Kind kind={entry.kind} />
      <span className="entry-text" data-testid="entry-text">
        {entryWords(entry)}
        {hypothesisState && <span className="entry-state">{hypothesisState}</span>}
        {entry.kind === 'change' && beforeImpact(entry.occurredAt, impactStart) && (
          <span className="entry-state" data-testid="entry-before-impact">
            {' '}
            · before impact
          </span>
        )}
      </span>
      <span className="entry-meta">
        <span className="entry-author">
          @{root.author}
          <span className="muted"> · {root.console}</span>
          {!samePerson(root.author, entry.author) && <span className="muted"> · changed by @{entry.author}</span>}
        </span>
        {entry.edited && (
          <button type="button" className="link-button" onClick={() => setShowHistory(!showHistory)} data-testid="entry-edited">
            edited ({(view.history[entry.rootId]?.length ?? 1) - 1})
          </button>
        )}
        {changePending && <span className="pending-badge">◌ change not yet sent</span>}
        <button
          type="button"
          className="icon-button pin"
          aria-pressed={entry.pinned === true}
          title={entry.pinned ? 'Key moment (click to unpin)' : 'Pin as a key moment'}
          data-testid="entry-pin"
          onClick={() => act(incidents.revise(reviseEntry(entry, { pinned: !entry.pinned }, META)))}
        >
          {entry.pinned ? '★' : '☆'}
        </button>
        {mayChange && lineEditable(entry) && (
          <button type="button" className="icon-button" title="Edit (or ↑ in the scribe line for your last entry)" onClick={() => onEdit(entry)}>
            ✎
          </button>
        )}
        {mayChange &&
          entry.kind !== 'bookkeeping' &&
          entry.kind !== 'link' &&
          (confirmDelete ? (
            <span className="confirm-inline">
              Delete?{' '}
              <button
                type="button"
                className="danger small"
                onClick={() => {
                  setConfirmDelete(false);
                  act(incidents.revise(reviseEntry(entry, { deleted: true }, META)));
                }}
              >
                Delete
              </button>
              <button type="button" className="small" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="icon-button" title="Delete (kept in the history)" onClick={() => setConfirmDelete(true)}>
              ✕
            </button>
          ))}
      </span>
      {entry.kind === 'snapshot' && (
        <div className="entry-snapshot">
          <SnapshotImage incidentId={entry.incidentId} assetId={entry.data.assetId} alt={entry.text} />
        </div>
      )}
      {showHistory && (
        <ol className="entry-history" data-testid="entry-history">
          {versions.map((v) => (
            <li key={v.id}>
              <span className="muted">
                #{v.seq} {clock(v.recordedAt, timeZone)} @{v.author}:
              </span>{' '}
              {v.deleted ? <em>deleted</em> : entryWords(v)}
              {v.pinned ? ' ★' : ''} <span className="muted">(happened {clock(v.occurredAt, timeZone)})</span>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

export function Timeline({ view, outbox, timeZone, onEdit }: { view: TimelineView; outbox: readonly OutboxItem[]; timeZone: string; onEdit: (e: VisibleEntry) => void }) {
  const rows = useMemo(() => timelineRows(view, outbox), [view, outbox]);
  // Changes copied in from before impact started (or logged backdated) say so.
  const impactStart = useMemo(() => impactStartOf(view), [view]);
  const listRef = useRef<HTMLOListElement>(null);
  const follow = useFollowBottom(listRef, rows);

  return (
    <ol className="timeline" ref={listRef} data-testid="timeline" data-following={follow.following ? 'true' : 'false'} onScroll={follow.onScroll}>
      {rows.length === 0 && <li className="muted timeline-empty">Nothing logged yet. Type below; Enter logs.</li>}
      {rows.map((row) => {
        if (row.type === 'entry') {
          return <EntryRow key={row.key} entry={row.entry} view={view} timeZone={timeZone} impactStart={impactStart} changePending={row.changePending} late={row.late} onEdit={onEdit} />;
        }
        if (row.type === 'deleted') {
          return (
            <li key={row.key} className="entry" data-kind={row.first.kind} data-deleted="true" data-testid="entry-deleted">
              <When at={row.first.occurredAt} timeZone={timeZone} />
              <Kind kind={row.first.kind} />
              <span className="entry-text">
                <s>{entryWords(row.first)}</s>
              </span>
              <span className="entry-meta muted">
                deleted by @{row.tombstone.author} at {clock(row.tombstone.recordedAt, timeZone).slice(0, 5)}
              </span>
            </li>
          );
        }
        const cmd = row.item.payload as IncidentCommand;
        const png = row.item.type === 'snapshot' ? row.item.png : null;
        return (
          <li key={row.key} className="entry" data-kind={cmd.kind} data-pending="true" data-testid="entry-pending">
            <When at={cmd.occurredAt} timeZone={timeZone} />
            <Kind kind={cmd.kind} />
            <span className="entry-text" data-testid="entry-text">
              {entryWords(cmd)}
            </span>
            <span className="entry-meta">
              <span className="entry-author">@{cmd.author}</span>
              {cmd.pinned && <span aria-label="key moment"> ★</span>}
              <span className="pending-badge">◌ not yet sent</span>
            </span>
            {png && (
              <div className="entry-snapshot">
                <LocalSnapshotImage png={png} alt={cmd.text ?? ''} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** How near the bottom still counts as "at the bottom" (a row's worth of slack). */
const AT_BOTTOM_PX = 40;

/**
 * Follow the newest entry while the reader is at the bottom; leave them alone once they scroll up.
 * Content that grows under a reader at the bottom (a snapshot's picture loading, an entry edited
 * longer, the column getting shorter when a card appears above) keeps them there: only a scroll
 * the reader made, with the content unchanged, decides whether they still follow.
 */
function useFollowBottom(listRef: RefObject<HTMLOListElement | null>, rows: readonly unknown[]) {
  const state = useRef({ stick: true, height: 0 });
  const [following, setFollowing] = useState(true);
  const toBottom = useCallback(() => {
    const el = listRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    state.current.height = el.scrollHeight;
  }, [listRef]);

  // A new entry: follow it.
  useLayoutEffect(() => {
    if (state.current.stick) toBottom();
  }, [rows, toBottom]);

  // Rows and the list itself changing size: keep the reader at the bottom if they were there.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (state.current.stick) toBottom();
      else state.current.height = el.scrollHeight;
    });
    observer.observe(el);
    for (const child of Array.from(el.children)) observer.observe(child);
    return () => observer.disconnect();
  }, [listRef, rows, toBottom]);

  const onScroll = useCallback(
    (event: UIEvent<HTMLOListElement>) => {
      const el = event.currentTarget;
      if (el.scrollHeight !== state.current.height) {
        // The content changed under the reader (the browser moved the view to keep its place): not their scroll.
        if (state.current.stick) toBottom();
        else state.current.height = el.scrollHeight;
        return;
      }
      const stick = el.scrollHeight - el.scrollTop - el.clientHeight < AT_BOTTOM_PX;
      state.current.stick = stick;
      setFollowing(stick);
    },
    [toBottom],
  );
  return { following, onScroll };
}
