/**
 * The planner's and the event strip's states in words and tones: every state shown by colour AND
 * an icon AND a word (walls are read across a room, and not everyone sees colour).
 */
import type { SlotState } from '../../shared/domain/planning/check-ins.ts';
import type { ReadinessState } from '../../shared/domain/planning/readiness.ts';
import type { RiskBand } from '../../shared/domain/planning/risk.ts';
import type { PlanState } from '../../shared/model/plan.ts';

export type Tone = 'ok' | 'warning' | 'critical' | 'unknown' | 'info';

export interface StateWord {
  readonly word: string;
  readonly icon: string;
  readonly tone: Tone;
}

export const readinessWords: Record<ReadinessState, StateWord> = {
  green: { word: 'ready', icon: '✔', tone: 'ok' },
  amber: { word: 'needs attention', icon: '▲', tone: 'warning' },
  red: { word: 'not ready', icon: '✖', tone: 'critical' },
  open: { word: 'open, not yet due', icon: '○', tone: 'unknown' },
  n_a: { word: 'not applicable', icon: '–', tone: 'unknown' },
};

export const riskWords: Record<RiskBand, StateWord> = {
  low: { word: 'low', icon: '○', tone: 'ok' },
  medium: { word: 'medium', icon: '◆', tone: 'info' },
  high: { word: 'high', icon: '▲', tone: 'warning' },
  critical: { word: 'critical', icon: '✖', tone: 'critical' },
};

export const planStateWords: Record<PlanState, StateWord> = {
  draft: { word: 'draft', icon: '✎', tone: 'unknown' },
  planned: { word: 'planned', icon: '◇', tone: 'info' },
  ready: { word: 'ready', icon: '✔', tone: 'ok' },
  live: { word: 'LIVE', icon: '●', tone: 'critical' },
  closed: { word: 'closed', icon: '■', tone: 'unknown' },
};

export const slotWords: Record<SlotState, StateWord> = {
  upcoming: { word: 'upcoming', icon: '○', tone: 'unknown' },
  due: { word: 'due now', icon: '◆', tone: 'warning' },
  overdue: { word: 'OVERDUE', icon: '✖', tone: 'critical' },
  kept: { word: 'kept', icon: '✔', tone: 'ok' },
  late: { word: 'late', icon: '▲', tone: 'warning' },
  missed: { word: 'missed', icon: '✖', tone: 'critical' },
};

export const ragWords: Record<'green' | 'amber' | 'red', StateWord> = {
  green: { word: 'green', icon: '✔', tone: 'ok' },
  amber: { word: 'amber', icon: '▲', tone: 'warning' },
  red: { word: 'red', icon: '✖', tone: 'critical' },
};

export const triggerWords: Record<'fired' | 'pending' | 'clear' | 'no_data', StateWord> = {
  fired: { word: 'FIRED', icon: '✖', tone: 'critical' },
  pending: { word: 'pending', icon: '▲', tone: 'warning' },
  clear: { word: 'clear', icon: '✔', tone: 'ok' },
  no_data: { word: 'no data', icon: '?', tone: 'unknown' },
};

/** An event SLO's burn-rate alert state (page, ticket, ok, or no data yet). */
export const sloAlertWords: Record<'page' | 'ticket' | 'ok' | 'no_data', StateWord> = {
  page: { word: 'PAGE', icon: '✖', tone: 'critical' },
  ticket: { word: 'TICKET', icon: '▲', tone: 'warning' },
  ok: { word: 'OK', icon: '✔', tone: 'ok' },
  no_data: { word: 'NO DATA', icon: '?', tone: 'unknown' },
};

/** Demand above the forecast's range on the event strip (its box shown, not only named in "+N more"). */
export const aboveForecastWords: StateWord = { word: 'above forecast', icon: '▲', tone: 'warning' };
