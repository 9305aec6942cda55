/** A wall's pages and each page's health for the rotation (pure over the store's frames). */
import { panelValue } from '../../shared/domain/panel-value.ts';
import { mostUrgentFirst } from '../../shared/domain/planning/fired-trigger.ts';
import { canaryWords, firedWords, incidentWords } from '../../shared/domain/room-signals.ts';
import type { PageAlert, PageHealth } from '../../shared/domain/rotation.ts';
import { valueState } from '../../shared/domain/value-mapping.ts';
import { isDataPanel } from '../../shared/model/workspace.ts';
import type { CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import type { LiveTrigger } from '../../shared/protocol/plans.ts';
import type { SloStatus } from '../../shared/protocol/review.ts';
import type { PanelConfig, WallConfig } from '../../shared/model/workspace.ts';
import type { FrameEntry } from '../state/frames.ts';
import { panelEntries } from '../canaries/board-view.ts';
import { runningFirst } from './event-plans.ts';
import { panelFrameKey } from './model.ts';
import { spikeHeadline } from './spike-words.ts';
import type { RoomState } from './useRoomState.ts';

export interface ShownPage {
  readonly id: string;
  readonly title: string;
  readonly panels: readonly PanelConfig[];
}

/** The wall's pages with their panels; a wall without pages is one page of every panel. */
export function wallPages(wall: WallConfig): ShownPage[] {
  if (!wall.pages) return [{ id: wall.id, title: wall.title, panels: wall.panels }];
  const byId = new Map(wall.panels.map((p) => [p.id, p]));
  return wall.pages.map((page) => ({ id: page.id, title: page.title, panels: page.panels.flatMap((id) => byId.get(id) ?? []) }));
}

/** A page that shows the customers' voice: where a complaint spike brings the rotation. */
export const showsPulse = (page: ShownPage): boolean => page.panels.some((p) => p.type === 'pulse' || p.type === 'posts');

/**
 * Which pages show a room state: a canary's, those with a canaries panel covering its service and
 * journey; a complaint spike's, those with a pulse or posts panel; a fired trigger's, those with
 * the panel it watches (null: its risk is gone from the plan); an incident's, every page (its
 * banner is on every page, and no panel type shows incidents).
 */
export type AlertPlace =
  | { readonly kind: 'canary'; readonly service: string | null; readonly journey: string | null }
  | { readonly kind: 'pulse' }
  | { readonly kind: 'panel'; readonly panel: string | null }
  | { readonly kind: 'every page' };

/** A room state that holds a rotating wall, with what decides the page that shows it. */
export interface RoomAlert extends PageAlert {
  readonly place: AlertPlace;
}

const canaryAlertId = (canary: string) => `canary:${canary}`;
/**
 * A trigger's alert is its firing episode's (LiveTrigger.firedAt): the same through gaps in one
 * firing, a new one for a firing after it was seen clear, even a clear this wall never heard (it
 * was away). A hub without the stamp gives one id per plan and risk, as before.
 */
const triggerAlertId = (plan: string, t: Pick<LiveTrigger, 'riskId' | 'firedAt'>) => `trigger:${plan}:${t.riskId}:${t.firedAt ?? ''}`;

/**
 * What holds the rotation among the room's counted states: a critical canary confirmed failing
 * that nobody has acknowledged (an acknowledgement is the room saying it has seen it), and an open
 * SEV1 or SEV2 incident. The ids stay the same while the state lasts, so `r` releases it until it
 * clears (and a new failure, or a new incident, holds again).
 */
export function roomAlerts(room: {
  readonly counted: RoomState['counted'];
  readonly incidents: { readonly open: readonly Pick<IncidentSummary, 'id' | 'title' | 'severity'>[] };
  readonly canaries: { readonly failing: readonly Pick<CanaryBoardEntry, 'id' | 'name' | 'critical' | 'status' | 'service' | 'journey'>[] };
}): RoomAlert[] {
  const alerts: RoomAlert[] = [];
  if (room.counted.has('canaries')) {
    for (const c of room.canaries.failing) {
      if (c.critical && c.status === 'failing-confirmed') alerts.push({ id: canaryAlertId(c.id), why: `critical ${canaryWords(c)}`, place: { kind: 'canary', service: c.service, journey: c.journey } });
    }
  }
  if (room.counted.has('incidents')) {
    for (const i of [...room.incidents.open].sort((a, b) => a.severity - b.severity)) {
      if (i.severity <= 2) alerts.push({ id: `incident:${i.id}`, why: incidentWords(i), place: { kind: 'every page' } });
    }
  }
  return alerts;
}

/** A complaint spike as it holds the rotation: "complaint spike: 43 complaints/min about access, 6× normal". */
export function spikeAlert(spike: { readonly id: string }, headline: string): RoomAlert {
  return { id: `spike:${spike.id}`, why: `complaint spike: ${headline}`, place: { kind: 'pulse' } };
}

/**
 * The fired risk triggers of the event the wall runs, the most urgent first, when the room counts
 * the event. Only the plan the strip shows (as the radiator): a hold names a trigger the room sees
 * fired on the strip, never one of another plan on this wall that the strip leaves out. The id is
 * the plan's, the risk's and the firing episode's, the same while that firing lasts, so `r`
 * releases it until it stops firing (a new firing holds again, even one whose clear the wall
 * missed).
 */
export function firedTriggerAlerts(room: { readonly counted: RoomState['counted']; readonly plans: Pick<RoomState['plans'], 'running'> }, now: number): RoomAlert[] {
  if (!room.counted.has('event')) return [];
  const shown = runningFirst(room.plans.running, now)[0];
  if (!shown) return [];
  return mostUrgentFirst(shown.plan, shown.triggers.filter((t) => t.state === 'fired')).map((t) => ({
    id: triggerAlertId(shown.id, t),
    why: firedWords(t.description),
    place: { kind: 'panel', panel: shown.plan.risks.find((r) => r.id === t.riskId)?.contingency?.trigger.panel ?? null },
  }));
}

/**
 * The ids of the room's alerts that hold nothing now but have not cleared either, so an operator's
 * release of them outlives the gap (`RotationInput.unsettled`): a trigger of the plan the strip
 * shows that is neither fired nor seen clear (its metric without data for a moment, or pending
 * again: the same firing episode), and a canary confirmed failing that went stale (no result since, its failure still
 * open). A trigger's release ends when it is seen clear or its plan stops running, a canary's
 * when it recovers. And of those `released`, the ones whose kind the wall is catching up on (a
 * reconnection, the board asked again): that gap is the wall's, not the room's.
 */
export function unsettledRoomAlerts(
  room: {
    readonly counted: RoomState['counted'];
    readonly incidents: Pick<RoomState['incidents'], 'known'>;
    readonly canaries: Pick<RoomState['canaries'], 'known' | 'staleFailing'>;
    readonly plans: Pick<RoomState['plans'], 'known' | 'running'>;
    readonly pulse: Pick<RoomState['pulse'], 'ready'>;
  },
  now: number,
  released: readonly string[] = [],
): string[] {
  const canaries = room.counted.has('canaries') ? room.canaries.staleFailing.map(canaryAlertId) : [];
  const shown = room.counted.has('event') ? runningFirst(room.plans.running, now)[0] : undefined;
  const triggers = shown ? shown.triggers.filter((t) => t.state !== 'fired' && t.state !== 'clear').map((t) => triggerAlertId(shown.id, t)) : [];
  const unknown = { 'canary:': !room.canaries.known, 'incident:': !room.incidents.known, 'trigger:': !room.plans.known, 'spike:': !room.pulse.ready };
  const catchingUp = released.filter((id) => Object.entries(unknown).some(([kind, notKnown]) => notKnown && id.startsWith(kind)));
  return [...canaries, ...triggers, ...catchingUp];
}

/** Whether a page shows this room state. */
export function showsAlert(page: ShownPage, place: AlertPlace): boolean {
  if (place.kind === 'every page') return true;
  if (place.kind === 'pulse') return showsPulse(page);
  if (place.kind === 'panel') return page.panels.some((p) => p.id === place.panel);
  return page.panels.some((p) => p.type === 'canaries' && panelEntries([place], p).length > 0);
}

/**
 * Where the room's alerts hold: on the pages that show one; one that every page shows or no page
 * shows (an incident; a canary without a canaries panel for it; a trigger on a panel of no page)
 * holds `anywhere` (whatever is
 * shown, unless another alert calls for its own page) and `r` still releases it.
 */
export function placeRoomAlerts(pages: readonly ShownPage[], alerts: readonly RoomAlert[]): { pages: PageAlert[][]; anywhere: PageAlert[] } {
  const placed = alerts.map((alert) => {
    const showing = pages.filter((page) => showsAlert(page, alert.place));
    return { alert: { id: alert.id, why: alert.why }, on: showing.length === 0 || showing.length === pages.length ? null : new Set(showing) };
  });
  return {
    pages: pages.map((page) => placed.filter((p) => p.on?.has(page)).map((p) => p.alert)),
    anywhere: placed.filter((p) => p.on === null).map((p) => p.alert),
  };
}

/**
 * What the room holds a rotating wall on at `now` (the hub's time: it picks the plan the strip
 * shows): the spike, the canaries, incidents and fired triggers, each on the pages that show it
 * (`placeRoomAlerts`), and each page's hold-on panels that show a room state; and the alerts
 * unsettled (`unsettledRoomAlerts`, of those the operator `released`), whose release is kept.
 */
export function roomHolds(
  pages: readonly ShownPage[],
  holdOn: ReadonlySet<string>,
  room: RoomState,
  now: number,
  released: readonly string[] = [],
): { pages: PageAlert[][]; anywhere: PageAlert[]; unsettled: string[] } {
  const { spike } = room.pulse;
  const placed = placeRoomAlerts(pages, [...(spike ? [spikeAlert(spike, spikeHeadline(spike))] : []), ...roomAlerts(room), ...firedTriggerAlerts(room, now)]);
  return {
    pages: pages.map((page, i) => [...placed.pages[i]!, ...heldRoomPanels(page, holdOn, room)]),
    anywhere: placed.anywhere,
    unsettled: unsettledRoomAlerts(room, now, released),
  };
}

/**
 * The page's hold-on panels that show a room state: a canaries panel while a canary it shows is
 * confirmed failing and unacknowledged (a critical one holds anyway when canaries are counted, so
 * it is not said twice), an slo panel while its SLO is at PAGE. The id is the panel's, as for data.
 */
export function heldRoomPanels(
  page: ShownPage,
  holdOn: ReadonlySet<string>,
  room: {
    readonly counted: RoomState['counted'];
    readonly canaries: { readonly failing: readonly Pick<CanaryBoardEntry, 'name' | 'critical' | 'status' | 'service' | 'journey'>[] };
    readonly slos: { readonly slos: readonly Pick<SloStatus, 'id' | 'alert'>[] | null };
  },
): PageAlert[] {
  return page.panels.flatMap((panel): PageAlert[] => {
    if (!holdOn.has(panel.id)) return [];
    if (panel.type === 'canaries') {
      const failing = panelEntries(room.canaries.failing, panel).filter((c) => c.status === 'failing-confirmed' && !(c.critical && room.counted.has('canaries')));
      return failing.length > 0 ? [{ id: panel.id, why: `${panel.title}: ${failing.map(canaryWords).join(', ')} (page ${page.title})` }] : [];
    }
    if (panel.type === 'slo') {
      const paging = room.slos.slos?.find((s) => s.id === panel.slo)?.alert === 'page';
      return paging ? [{ id: panel.id, why: `${panel.title} is at PAGE (page ${page.title})` }] : [];
    }
    return [];
  });
}

/**
 * A page failed when it failed to draw, or when it has data panels and every one of them reports
 * an error (nothing on it can be trusted). Its alerts: hold-on panels whose value is critical, and
 * its share of the room's alerts (`roomHolds`: a complaint spike, a canary, an incident, a trigger).
 */
export function pageHealth(
  page: ShownPage,
  holdOn: ReadonlySet<string>,
  frames: Readonly<Record<string, FrameEntry>>,
  threw: boolean,
  room: readonly PageAlert[] = [],
): PageHealth {
  const data = page.panels.filter(isDataPanel);
  const entries = data.map((p) => frames[panelFrameKey(p)]);
  const failed = threw || (data.length > 0 && entries.every((e) => e?.meta.lastError));
  const alerts = data.flatMap((panel, i) => {
    if (!holdOn.has(panel.id)) return [];
    const state = valueState(panelValue(entries[i], panel.query.aggregate), panel);
    return state === 'critical' ? [{ id: panel.id, why: `${panel.title} is critical (page ${page.title})` }] : [];
  });
  alerts.push(...room);
  return { failed: Boolean(failed), alerts };
}
