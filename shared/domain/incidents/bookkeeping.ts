/**
 * An incident's record (its bookkeeping) folded from its `bookkeeping` entries in timeline order:
 * per field, the last entry that gave it (null clears it), with who gave it and when. The hub's
 * row and the console's Record card both read it, so they agree by construction.
 */
import type { BookkeepingData } from '../../model/incident.ts';
import type { TimelineView } from './timeline.ts';

export interface BookkeepingSetting {
  readonly value: unknown;
  readonly by: string;
  readonly at: number;
}

export type BookkeepingSettings = Partial<Record<keyof BookkeepingData, BookkeepingSetting>>;

export function bookkeepingSettings(view: Pick<TimelineView, 'entries'>): BookkeepingSettings {
  const out: Record<string, BookkeepingSetting> = {};
  for (const entry of view.entries) {
    if (entry.kind !== 'bookkeeping') continue;
    for (const [key, value] of Object.entries(entry.data)) {
      if (value !== undefined) out[key] = { value, by: entry.author, at: entry.occurredAt };
    }
  }
  return out as BookkeepingSettings;
}

/**
 * When impact started, as the hub's record has it (the record's start, else the "impact started"
 * marker), else the declaration: the moment "before the incident" is measured from.
 */
export function impactStartOf(view: Pick<TimelineView, 'entries' | 'markers' | 'declaredAt'>): number | null {
  const started = bookkeepingSettings(view).startedAt?.value;
  return typeof started === 'number' ? started : (view.markers.impact_started ?? view.declaredAt);
}
