import { z } from 'zod';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** Parse "500ms", "5s", "1.5m", "2h", "7d" into milliseconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!]!);
}

/** A duration in the workspace: a number of milliseconds or a string like "5s". Parsed to ms. */
export const durationMs = z
  .union([
    z.number().int().positive(),
    z.string().regex(DURATION, { message: 'expected a duration such as "500ms", "5s", "1m" or "2h"' }),
  ])
  .transform((value) => (typeof value === 'number' ? value : parseDuration(value)!));
