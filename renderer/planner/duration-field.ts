/**
 * A duration typed in a plan form ("5m", "1h", "90s"), read the way the plan schema reads it:
 * the milliseconds to store, nothing (an optional field left empty), or why it is not one.
 */
import { formatDurationText } from '../../shared/domain/planning/plan-io.ts';
import { parseDuration } from '../../shared/model/duration.ts';

export type DurationField = { ok: true; ms: number | undefined } | { ok: false; message: string };

export function readDurationField(text: string, optional: boolean): DurationField {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? { ok: true, ms: undefined } : { ok: false, message: 'expected a duration such as "5m"' };
  const ms = parseDuration(trimmed);
  if (ms === null || ms <= 0) return { ok: false, message: 'expected a duration such as "30s", "5m", "1h" or "2d"' };
  return { ok: true, ms };
}

/** The text a stored duration is shown as ("" for none). */
export const durationFieldText = (ms: number | undefined): string => (ms === undefined ? '' : formatDurationText(ms));
