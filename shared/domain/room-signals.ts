/**
 * The room's other states as status-radiator signals: open incidents, canaries confirmed failing,
 * SLO alerts, a complaint spike, and the running event's fired risk triggers and changes recorded
 * during its change freeze. A wall saying "Stable" while a SEV1 is open is wrong, so these
 * raise the radiator beside the workspace's data rules. Like a data rule, a signal the wall has
 * not received (yet) cannot clear the platform: it makes the verdict "Stable?" ("not live: …").
 */
import type { Severity } from '../model/incident.ts';
import type { StatusConfig, Workspace } from '../model/workspace.ts';
import { safeText } from './safe-text.ts';
import type { RadiatorVerdict } from './status-radiator.ts';

/** The room states a radiator can count (`status.include` in the workspace). */
export const roomSignalKinds = ['incidents', 'canaries', 'slos', 'pulse', 'event'] as const;
export type RoomSignalKind = (typeof roomSignalKinds)[number];

export interface RoomSignal {
  readonly kind: RoomSignalKind;
  readonly tone: 'warning' | 'critical';
  /** In words, for the header: "SEV1 open: Entitlement 403s". */
  readonly reason: string;
}

/**
 * What the wall knows of each included state; a kind left out is not counted. `known` is false
 * until the wall has received it and while it is not current (the link went, the hub refused).
 */
export interface RoomInputs {
  readonly incidents?: { readonly known: boolean; readonly open: readonly { readonly title: string; readonly severity: Severity }[] };
  readonly canaries?: {
    readonly known: boolean;
    readonly entries: readonly { readonly name: string; readonly critical: boolean; readonly health: string; readonly status: string }[];
  };
  /**
   * Each SLO with its alert (null: not evaluated, or its evaluation is not current). `absent`: the
   * hub runs no Prometheus for it on purpose (the demo without one), so it is no signal at all.
   */
  readonly slos?: {
    readonly known: boolean;
    readonly statuses: readonly { readonly name: string; readonly alert: 'page' | 'ticket' | 'ok' | null; readonly absent?: boolean }[];
  };
  readonly pulse?: { readonly known: boolean; readonly spike: { readonly ratio: number } | null };
  /**
   * The event the wall runs: its risk triggers fired (what fired, the most urgent first) and the
   * changes recorded during its change freeze (0 outside a freeze).
   */
  readonly event?: { readonly known: boolean; readonly fired: readonly string[]; readonly freezeChanges: number };
}

export interface RoomReading {
  /** Worst first. */
  readonly signals: readonly RoomSignal[];
  /** States that could not be confirmed calm, in words ("incidents", "SLO playback"). */
  readonly unknown: readonly string[];
}

/** "2 changes during the freeze", as the event strip says it. */
export const freezeWords = (changes: number): string => `${changes} ${changes === 1 ? 'change' : 'changes'} during the freeze`;

/** "6.2", "14": how many times normal, as the spike banner says it. */
export function formatTimesNormal(ratio: number): string {
  return ratio >= 10 ? Math.round(ratio).toString() : ratio.toFixed(1).replace(/\.0$/, '');
}

/** Untrusted names (incident titles, canary names) on one short line. */
const oneLine = (text: string) => safeText(text, { singleLine: true, maxGraphemes: 60 }).text;

/** "trigger fired: CDN miss ratio above 20%" */
export const firedWords = (description: string): string => `trigger fired: ${oneLine(description)}`;

/** "SEV1 open: Entitlement 403s" */
export const incidentWords = (i: { readonly title: string; readonly severity: Severity }): string => `SEV${i.severity} open: ${oneLine(i.title)}`;

/** "canary Checkout API failing" */
export const canaryWords = (c: { readonly name: string }): string => `canary ${oneLine(c.name)} failing`;

/**
 * Levels: an open SEV1/SEV2 is critical, SEV3/4 a warning; a critical canary confirmed failing is
 * critical (acknowledged or not: it is still failing), another one a warning; an SLO at PAGE is
 * critical, at TICKET a warning; a complaint spike is a warning (customers say something is wrong,
 * but a detector on posts is not proof of an outage: evidence from the platform makes it critical);
 * a fired risk trigger of the running event is a warning (its contingency is due: the plan says what
 * to do), as is a change recorded during its change freeze (the approver must hear of it).
 */
export function readRoom(inputs: RoomInputs): RoomReading {
  const signals: RoomSignal[] = [];
  const unknown: string[] = [];
  const { incidents, canaries, slos, pulse, event } = inputs;
  if (incidents) {
    for (const i of [...incidents.open].sort((a, b) => a.severity - b.severity)) {
      signals.push({ kind: 'incidents', tone: i.severity <= 2 ? 'critical' : 'warning', reason: incidentWords(i) });
    }
    if (!incidents.known && incidents.open.length === 0) unknown.push('incidents');
  }
  if (canaries) {
    // In a maintenance window a failure is expected: not counted.
    const failing = canaries.entries.filter((e) => e.health === 'failing-confirmed' && e.status !== 'maintenance');
    for (const e of [...failing].sort((a, b) => Number(b.critical) - Number(a.critical))) {
      signals.push({ kind: 'canaries', tone: e.critical ? 'critical' : 'warning', reason: canaryWords(e) });
    }
    if (!canaries.known && failing.length === 0) unknown.push('canaries');
  }
  // Only SLOs the room has (none defined, or none with a Prometheus run here: no signal at all).
  const sloStatuses = slos?.statuses.filter((s) => !s.absent) ?? [];
  if (slos && sloStatuses.length > 0) {
    for (const s of sloStatuses) {
      if (s.alert === 'page' || s.alert === 'ticket') {
        signals.push({ kind: 'slos', tone: s.alert === 'page' ? 'critical' : 'warning', reason: `SLO ${oneLine(s.name)}: ${s.alert.toUpperCase()}` });
      }
    }
    const unevaluated = sloStatuses.filter((s) => s.alert === null);
    const alerting = sloStatuses.some((s) => s.alert === 'page' || s.alert === 'ticket');
    // One word for all of them (Prometheus down) rather than a list the header cannot hold.
    if (!slos.known || (unevaluated.length === sloStatuses.length && unevaluated.length > 1)) {
      if (!alerting) unknown.push('SLOs');
    } else unknown.push(...unevaluated.map((s) => `SLO ${oneLine(s.name)}`));
  }
  if (pulse) {
    if (pulse.spike) signals.push({ kind: 'pulse', tone: 'warning', reason: `complaint spike ${formatTimesNormal(pulse.spike.ratio)}×` });
    else if (!pulse.known) unknown.push('customer pulse');
  }
  if (event) {
    for (const description of event.fired) signals.push({ kind: 'event', tone: 'warning', reason: firedWords(description) });
    if (event.freezeChanges > 0) signals.push({ kind: 'event', tone: 'warning', reason: freezeWords(event.freezeChanges) });
    if (!event.known && event.fired.length === 0 && event.freezeChanges === 0) unknown.push('event plan');
  }
  // Stable sort: critical first, each kind in the order above.
  signals.sort((a, b) => toneRank[b.tone] - toneRank[a.tone]);
  return { signals, unknown };
}

const toneRank: Record<RadiatorVerdict['tone'], number> = { unknown: 0, ok: 0, warning: 1, critical: 2 };

/** The words a level of this tone has in the workspace (its first such level), or plain ones. */
function levelOf(config: StatusConfig | undefined, tone: 'warning' | 'critical'): { level: string; description?: string } {
  const configured = config?.levels.find((l) => l.tone === tone);
  if (configured) return { level: configured.level, description: configured.description };
  return { level: tone === 'critical' ? 'Critical' : 'Warning' };
}

/**
 * The data rules' verdict with the room's states counted: the worse of the two wins (a room state
 * worse than the data takes the workspace's first level of its tone, e.g. "ICU"), every reason is
 * listed worst first, and a room state not known keeps the verdict from saying it is calm.
 */
export function withRoomSignals(verdict: RadiatorVerdict, room: RoomReading, config: StatusConfig | undefined): RadiatorVerdict {
  const unverified = [...verdict.unverified, ...room.unknown];
  const worst = room.signals[0];
  if (!worst) {
    if (room.unknown.length === 0) return verdict;
    if (verdict.tone !== 'ok') return { ...verdict, unverified };
    // Calm data, but a room state the wall has not received: not confirmed.
    return { level: `${verdict.level}?`, tone: 'unknown', description: 'Not confirmed: some signals are not live', reasons: [], unverified };
  }
  if (toneRank[worst.tone] > toneRank[verdict.tone]) {
    const { level, description } = levelOf(config, worst.tone);
    const top = room.signals.filter((s) => s.tone === worst.tone).map((s) => s.reason);
    const lesser = room.signals.filter((s) => s.tone !== worst.tone).map((s) => s.reason);
    return { level, tone: worst.tone, description, reasons: [...top, ...verdict.reasons, ...lesser], unverified };
  }
  return { ...verdict, reasons: [...verdict.reasons, ...room.signals.map((s) => s.reason)], unverified };
}

/**
 * The room states this workspace's radiator counts: those `status.include` names (all by default),
 * less the ones the workspace has nothing of (no `slos`, no `pulse` section). Canaries always
 * count when included: clients are not sent the checks, and suites may report without them; so
 * does the event (plans live in the store, not in the workspace).
 */
export function countedRoomKinds(workspace: Pick<Workspace, 'status' | 'slos' | 'pulse'>): ReadonlySet<RoomSignalKind> {
  const include = workspace.status?.include ?? roomSignalKinds;
  return new Set(include.filter((kind) => (kind === 'slos' ? (workspace.slos?.length ?? 0) > 0 : kind === 'pulse' ? workspace.pulse !== undefined : true)));
}
