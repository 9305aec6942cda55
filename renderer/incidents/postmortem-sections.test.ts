import { describe, expect, it } from 'vitest';
import { projectTimeline } from '../../shared/domain/incidents/timeline.ts';
import type { IncidentCommand } from '../../shared/protocol/incidents.ts';
import { newId } from '../transport/outbox.ts';
import type { OutboxItem } from '../transport/outbox.ts';
import { editedItem, MAX_SECTION_TEXT, removedItem, sectionItems, sectionWrite } from './postmortem-sections.ts';
import { testIncident } from './test-entries.ts';

const T = Date.UTC(2026, 6, 1, 12, 0, 0);
const incidentId = newId();
const { entry: e, queued, stored } = testIncident(incidentId, T);

const why1 = e({ kind: 'note', text: 'the edge refused signed URLs', data: { section: 'five_whys' } });
const why2 = e({ kind: 'note', text: 'the signing key rotated', author: 'bob', data: { section: 'five_whys' } });
const plain = e({ kind: 'note', text: 'just a note' });
const well = e({ kind: 'note', text: 'the canary caught it', data: { section: 'went_well' } });

describe('postmortem sections on the console', () => {
  it('lists each section in timeline order, edits in place, removals gone, plain notes left out', () => {
    const edit = stored(editedItem({ ...why1, rootId: why1.id, position: why1.seq, createdAt: T, edited: false } as never, 'the edge refused every signed URL'), 'bob');
    const gone = stored(removedItem({ ...well, rootId: well.id, position: well.seq, createdAt: T, edited: false } as never));
    const items = sectionItems(projectTimeline([why1, why2, plain, well, edit, gone], { now: T }));
    expect(items.five_whys.map((i) => [i.key, i.text, i.author])).toEqual([
      [why1.id, 'the edge refused every signed URL', 'bob'],
      [why2.id, 'the signing key rotated', 'bob'],
    ]);
    expect(items.five_whys[0]!.entry?.id).toBe(edit.id);
    expect(items.went_well).toEqual([]);
    expect(items.root_causes).toEqual([]);
  });

  it("shows this console's unsent items, edits and removals, marked; a refused one is not applied", () => {
    const view = projectTimeline([why1, why2, well], { now: T });
    const outbox = [
      queued({ kind: 'note', text: 'nobody owned key rotation', data: { section: 'root_causes' } }),
      queued({ ...editedItem(view.entries[0] as never, 'why 1, edited offline'), kind: 'note' } as Partial<IncidentCommand>),
      queued({ ...removedItem(view.entries[1] as never), kind: 'note' } as Partial<IncidentCommand>),
      queued({ kind: 'note', text: 'refused', data: { section: 'lucky' } }, true),
      queued({ kind: 'note', text: 'a plain note' }),
    ];
    const items = sectionItems(view, outbox);
    expect(items.root_causes).toMatchObject([{ text: 'nobody owned key rotation', author: 'cat', entry: null, pending: true }]);
    expect(items.five_whys).toMatchObject([{ key: why1.id, text: 'why 1, edited offline', pending: true }]);
    expect(items.went_well).toMatchObject([{ text: 'the canary caught it', pending: false }]);
    expect(items.lucky).toEqual([]);
  });

  it('an item the hub has stored and broadcast, its ack not yet in, is listed once, as stored', () => {
    const item = { ...queued({ kind: 'note', text: 'the canary caught it', data: { section: 'went_well' } }), id: well.id } as OutboxItem;
    const items = sectionItems(projectTimeline([well], { now: T }), [item]);
    expect(items.went_well).toMatchObject([{ key: well.id, pending: false }]);
    expect(items.went_well).toHaveLength(1);
  });

  it('a write is trimmed; blank or unchanged is nothing; an overlong one says so', () => {
    expect(sectionWrite('  the canary caught it \n')).toEqual({ kind: 'write', text: 'the canary caught it' });
    expect(sectionWrite('   ')).toEqual({ kind: 'none' });
    expect(sectionWrite('same ', 'same')).toEqual({ kind: 'none' });
    expect(sectionWrite('x'.repeat(MAX_SECTION_TEXT + 1))).toMatchObject({ kind: 'invalid', message: expect.stringContaining('At most 4000 characters') });
  });

  it('an edit and a removal supersede the stored version and keep its section', () => {
    const view = projectTimeline([why1], { now: T });
    const entry = view.entries[0] as never;
    expect(editedItem(entry, 'new words')).toMatchObject({ kind: 'note', supersedes: why1.id, text: 'new words', data: { section: 'five_whys' }, occurredAt: T });
    expect(removedItem(entry)).toMatchObject({ kind: 'note', supersedes: why1.id, deleted: true, data: { section: 'five_whys' } });
  });
});
