/**
 * The postmortem's own sections (five whys, root causes, what went well…) as the console writes
 * them: notes with `data.section`, as the hub's postmortem reads them (electron/hub/incidents/
 * postmortem.ts), in timeline order; an edit supersedes the note, a removal is its tombstone. This
 * console's unsent ones are shown with them, marked, until the hub has them.
 */
import { reviseEntry } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineView, VisibleEntryOf } from '../../shared/domain/incidents/timeline.ts';
import { postmortemSections } from '../../shared/model/incident.ts';
import type { NewTimelineEntry, PostmortemSection } from '../../shared/model/incident.ts';
import type { OutboxItem } from '../transport/outbox.ts';

/** The order of the card: the analysis first, then the lessons; the summary last (written once the rest is known). */
export const cardSections: readonly PostmortemSection[] = ['five_whys', 'root_causes', 'contributing_factors', 'went_well', 'went_wrong', 'lucky', 'summary'];

/** What each section asks, as the field's hint. */
export const sectionHints: Readonly<Record<PostmortemSection, string>> = {
  summary: 'What happened, to whom, for how long, in a few lines',
  five_whys: 'Why did it happen? Then why that? One why per item',
  root_causes: 'A cause that, fixed, prevents this class of incident',
  contributing_factors: 'What made it worse or slower to fix',
  went_well: 'What helped: keep doing it',
  went_wrong: 'What hurt: change it',
  lucky: 'What saved us by chance',
};

export interface SectionItem {
  /** Stable across edits: the note's first id, or the unsent command's id. */
  readonly key: string;
  readonly text: string;
  readonly author: string;
  /** The stored note (to edit or remove); null while only this console has it. */
  readonly entry: VisibleEntryOf<'note'> | null;
  /** An edit, removal or the note itself waits in this console's outbox. */
  readonly pending: boolean;
}

export type SectionItems = Readonly<Record<PostmortemSection, readonly SectionItem[]>>;

/** Every section's items in timeline order, this console's unsent notes and edits applied (a removed one gone). */
export function sectionItems(view: TimelineView, outbox: readonly OutboxItem[] = []): SectionItems {
  const out = Object.fromEntries(postmortemSections.map((s) => [s, [] as SectionItem[]])) as Record<PostmortemSection, SectionItem[]>;
  const where = new Map<string, { section: PostmortemSection; index: number }>();
  for (const entry of view.entries) {
    if (entry.kind !== 'note' || !entry.data.section) continue;
    const list = out[entry.data.section];
    where.set(entry.id, { section: entry.data.section, index: list.length });
    list.push({ key: entry.rootId, text: entry.text, author: entry.author, entry, pending: false });
  }
  const removed = new Set<string>();
  for (const item of outbox) {
    if (item.refused || item.type !== 'command' || item.payload.kind !== 'note') continue;
    if (view.rootOf[item.id] !== undefined) continue; // stored already: the hub's broadcast came before its ack
    const { payload } = item;
    if (payload.supersedes !== undefined) {
      const at = where.get(payload.supersedes);
      if (!at) continue;
      const stored = out[at.section][at.index]!;
      if (payload.deleted) removed.add(stored.key);
      out[at.section][at.index] = { ...stored, text: payload.text ?? stored.text, pending: true };
    } else if (payload.data?.section) {
      out[payload.data.section].push({ key: payload.id, text: payload.text ?? '', author: payload.author, entry: null, pending: true });
    }
  }
  for (const section of postmortemSections) out[section] = out[section].filter((i) => !removed.has(i.key));
  return out;
}

export type SectionWrite =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'write'; readonly text: string };

/** Entry text may hold 10,000 characters; a section item is a paragraph at most. */
export const MAX_SECTION_TEXT = 4000;

/** What typing `typed` into an item of a section means: nothing (blank, or unchanged), too long, or this text. */
export function sectionWrite(typed: string, previous: string | null = null): SectionWrite {
  const text = typed.trim();
  if (text === '' || text === previous) return { kind: 'none' };
  if (text.length > MAX_SECTION_TEXT) return { kind: 'invalid', message: `At most ${MAX_SECTION_TEXT} characters per item (this is ${text.length}): split it` };
  return { kind: 'write', text };
}

const META = { id: '', author: '', console: '' };

/** The new version of a stored item with other text (it stays in its section and place). */
export const editedItem = (entry: VisibleEntryOf<'note'>, text: string): NewTimelineEntry => reviseEntry(entry, { text }, META);

/** The tombstone of a stored item: gone from the postmortem, kept in the history. */
export const removedItem = (entry: VisibleEntryOf<'note'>): NewTimelineEntry => reviseEntry(entry, { deleted: true }, META);
