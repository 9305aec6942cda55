/**
 * The platform's condition in words ("Stable", "High Care", "ICU") from the workspace's rules.
 * A rule over data that is not live cannot clear the platform: the radiator says it is unsure
 * rather than showing "Stable" on stale numbers.
 */
import type { Condition, PanelState, StatusConfig } from '../model/workspace.ts';
import { atLeast } from './thresholds.ts';

export interface PanelReading {
  value: number | null;
  state: PanelState | null;
  /** Only live data can confirm that a condition does not hold. */
  live: boolean;
}

export interface RadiatorVerdict {
  level: string;
  tone: 'ok' | 'warning' | 'critical' | 'unknown';
  description?: string;
  /** The conditions that put the platform in this level, in words. */
  reasons: string[];
  /** Panels whose data was not live, so the verdict could not be confirmed. */
  unverified: string[];
}

function holds(c: Condition, r: PanelReading | undefined): boolean | 'unknown' {
  if (!r || r.value === null) return 'unknown';
  let result: boolean;
  if (c.above !== undefined) result = r.value > c.above;
  else if (c.below !== undefined) result = r.value < c.below;
  else result = atLeast(r.state, c.state!);
  // A true condition on old data is still shown (better safe); a false one is only trusted live.
  return result || r.live ? result : 'unknown';
}

function describe(c: Condition): string {
  if (c.above !== undefined) return `${c.panel} above ${c.above}`;
  if (c.below !== undefined) return `${c.panel} below ${c.below}`;
  return `${c.panel} ${c.state}`;
}

export function evaluateStatus(config: StatusConfig | undefined, readings: ReadonlyMap<string, PanelReading>): RadiatorVerdict {
  const otherwise = config?.otherwise ?? { level: 'Stable', tone: 'ok' as const };
  const unverified = new Set<string>();
  for (const level of config?.levels ?? []) {
    const reasons: string[] = [];
    for (const c of level.when) {
      const result = holds(c, readings.get(c.panel));
      if (result === true) reasons.push(describe(c));
      else if (result === 'unknown') unverified.add(c.panel);
    }
    if (reasons.length > 0) {
      return { level: level.level, tone: level.tone, description: level.description, reasons, unverified: [...unverified] };
    }
  }
  if (unverified.size > 0) {
    return {
      level: `${otherwise.level}?`,
      tone: 'unknown',
      description: 'Not confirmed: some signals are not live',
      reasons: [],
      unverified: [...unverified],
    };
  }
  return { level: otherwise.level, tone: otherwise.tone, description: otherwise.description, reasons: [], unverified: [] };
}
