/**
 * For the console's unit tests: stored timeline entries of one incident, and commands waiting in
 * the outbox, with every field a test does not care about filled in.
 */
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { IncidentCommand } from '../../shared/protocol/incidents.ts';
import { newId } from '../transport/outbox.ts';
import type { OutboxItem } from '../transport/outbox.ts';

export function testIncident(incidentId: string, at: number) {
  let seq = 0;
  /** A stored entry, next in seq order (by ann at `at` unless told). */
  const entry = (fields: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind'>): TimelineEntry =>
    ({ id: newId(), incidentId, text: '', occurredAt: at, author: 'ann', console: 'c', data: {}, seq: ++seq, recordedAt: fields.occurredAt ?? at, ...fields }) as TimelineEntry;
  /** A command in the outbox (by cat, on another console), refused for good if told. */
  const queued = (payload: Partial<IncidentCommand>, refused = false): OutboxItem =>
    ({
      id: newId(),
      type: 'command',
      incidentId,
      queuedAt: at,
      attempts: 0,
      payload: { id: newId(), incidentId, author: 'cat', console: 'c2', occurredAt: at, text: '', ...payload },
      ...(refused ? { refused: { code: 'invalid', message: 'no' } } : {}),
    }) as OutboxItem;
  /** A revision as the hub stores it (`reviseEntry`'s result with its own id and author). */
  const stored = (revision: object, author = 'ann'): TimelineEntry => ({ ...revision, id: newId(), author, console: 'c', seq: ++seq, recordedAt: at }) as unknown as TimelineEntry;
  return { entry, queued, stored };
}
