/**
 * The plan's reports as Markdown, generated from plain data (the hub gathers it; nothing here
 * fetches): the post-event report, the Friday weekend-readiness report and the Monday weekend
 * report. Every piece of user text goes through ./markdown.ts, so no title, note or name can
 * break the document's structure. Times are shown on the event's clock: the header names its zone
 * and offset for the tables, and a time standing alone in a sentence carries its zone and UTC.
 */
import type { CheckIn, Plan, Risk } from '../../model/plan.ts';
import type { Change } from '../../protocol/incidents.ts';
import { formatDuration } from '../incidents/durations.ts';
import { incidentDurationsMs, type IncidentRecord } from '../review/incident-trends.ts';
import { pagerBandLabels, type TeamWeekLoad } from '../review/pager-load.ts';
import type { CountBucket } from '../review/slo.ts';
import { planCheckIns, type SlotCounts } from './check-ins.ts';
import { escalationPath, partnerContact, partnerEscalation } from './contacts.ts';
import { eventSloStatus } from './event-slo.ts';
import { forecastVsActual } from './forecast.ts';
import { changesInFreeze, freezeWindow } from './freeze.ts';
import { appLink, bullets, count, doc, escapeBlock, escapeInline, formatLocal, formatZoned, heading, link, percent, table, utcOffsetLabel } from './markdown.ts';
import { readinessSummary, type ReadinessState } from './readiness.ts';
import { compareRisks, isOpenRisk, riskBand, riskScore } from './risk.ts';
import { describeOffset, parseInstant, whenMs } from './t-minus.ts';
import { planWindow, type PlanWindow } from './timeline.ts';
import { platformConcerns, platformStateSection, type PlatformState } from './platform-state.ts';

/** A contingency trigger that fired during the event. */
export interface FiredTrigger {
  readonly riskId: string;
  readonly at: number;
  readonly note?: string;
  /** The incident it was declared as, if any. */
  readonly incidentId?: string;
}

/** A fix shipped since the last weekend (for the Friday report). */
export interface Fix {
  readonly title: string;
  readonly closedAt: number;
  readonly owner?: string;
  readonly service?: string;
  readonly url?: string;
}

const e = (text: string): string => escapeInline(text);
const MAX_LISTED = 20;
const dur = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

/**
 * The event, its window and whose it is. The plan's zone need not be the room's (a weekend template
 * on Johannesburg's clock in a London room), so the zone is named with its offset, and the time the
 * document was made carries UTC too.
 */
function header(title: string, plan: Plan, w: PlanWindow, now: number): string {
  const atStart = utcOffsetLabel(w.startMs, w.timeZone);
  const atEnd = utcOffsetLabel(w.endMs, w.timeZone);
  const offset = atStart === atEnd ? atStart : `${atStart} at the start, ${atEnd} at the end`;
  const lines = [
    `**Event:** ${e(plan.event.name)} (${e(plan.event.type)}, tier ${plan.event.tier})`,
    `**Window:** ${formatLocal(w.startMs, w.timeZone)} – ${formatLocal(w.endMs, w.timeZone)} (${e(w.timeZone)})`,
    `**Times:** in ${e(w.timeZone)} (${offset}), the event's clock, unless marked UTC`,
    `**Owner:** ${e(plan.event.owner)}${plan.event.commander ? ` · **Commander:** ${e(plan.event.commander)}` : ''} · **State:** ${plan.event.state}`,
    `**Generated:** ${formatZoned(now, w.timeZone)}`,
  ];
  return `${heading(1, title)}\n\n${lines.join('  \n')}`;
}

/** "event", or "weekend" for a weekend plan: the word the documents use for what the plan covers. */
const coveredBy = (plan: Plan): string => (plan.event.type === 'weekend' ? 'weekend' : 'event');

/**
 * Before the start, or while it runs, the document says so first: a report run a week early
 * must not read as an account of what happened.
 */
function phaseLine(plan: Plan, w: PlanWindow, now: number): string | null {
  const what = coveredBy(plan);
  if (now < w.startMs) return `**This ${what} has not started:** it starts ${formatZoned(w.startMs, w.timeZone)}, in ${formatDuration(w.startMs - now)}.`;
  if (now < w.endMs) return `**This ${what} is still running:** it ends ${formatZoned(w.endMs, w.timeZone)}, in ${formatDuration(w.endMs - now)}; what follows is so far.`;
  return null;
}

const capacityStatusWords: Record<Plan['capacity'][number]['status'], string> = {
  planned: 'planned',
  scaled: 'scaled',
  validated: '✓ validated',
  scaled_down: 'scaled down',
  skipped: 'skipped',
};

/** The pre-scale schedule: what is scaled, to what, by when and by whom, how it is checked, and its state. */
function capacitySection(plan: Plan, w: PlanWindow, now: number): string | null {
  if (plan.capacity.length === 0) return null;
  const rows = [...plan.capacity]
    .map((c) => ({ c, done: whenMs(c.when, w) }))
    .sort((a, b) => a.done - b.done)
    .map(({ c, done }) => {
      // Past its time and still only planned: the row says so rather than looking on track.
      const late = c.status === 'planned' && now > done ? ' — ▲ overdue' : '';
      return [
        e(c.component),
        e(c.target),
        `${e(c.when)} (${formatLocal(done, w.timeZone)})`,
        e(c.owner),
        c.validationUrl ? link(c.validation, c.validationUrl) : e(c.validation),
        `${e(c.scaleDown)} (${formatLocal(whenMs(c.scaleDown, w), w.timeZone)})`,
        `${capacityStatusWords[c.status]}${late}`,
      ];
    });
  return `${heading(2, 'Capacity and pre-scale')}\n\n${table(['Component', 'Target', 'Done by', 'Owner', 'Validation', 'Scale down', 'Status'], rows)}`;
}

/** The incidents whose impact started within the plan's window. */
const inPlanWindow = (incidents: readonly IncidentRecord[], w: PlanWindow): IncidentRecord[] => incidents.filter((i) => i.startedAt >= w.startMs && i.startedAt < w.endMs);

function incidentsSection(plan: Plan, incidents: readonly IncidentRecord[], w: PlanWindow, now: number, appUrl?: string): string {
  if (incidents.length === 0) return `${heading(2, 'Incidents')}\n\n${now < w.startMs ? `Not started: the ${coveredBy(plan)} has not started.` : 'No incidents.'}`;
  const rows = [...incidents]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((i) => {
      const d = incidentDurationsMs(i);
      return [
        appLink(i.title, appUrl, `#/incidents/${encodeURIComponent(i.id)}`),
        `SEV${i.severity}`,
        e(i.service ?? ''),
        e(i.cause ?? ''),
        formatLocal(i.startedAt, w.timeZone),
        dur(d.detect),
        dur(d.mitigate),
        dur(d.resolve),
      ];
    });
  return `${heading(2, 'Incidents')}\n\n${table(['Incident', 'Severity', 'Service', 'Cause', 'Impact started', 'Detect', 'Mitigate', 'Resolve'], rows)}`;
}

function checkInSection(plan: Plan, checkIns: readonly CheckIn[], now: number): string | null {
  if (plan.checkIns.length === 0) return null;
  const startMs = planWindow(plan).startMs;
  const status = planCheckIns(plan, checkIns, now);
  const c = status.counts;
  const past = c.kept + c.late + c.missed;
  const first = status.slots[0];
  // Nothing due yet (a report run before the first slot): say when the first is, not "0 of 0".
  const noneYet = past === 0 && c.due === 0 && c.overdue === 0 && first !== undefined;
  const summary = noneYet
    ? `No check-in was due yet: the first is due ${formatLocal(first.dueAt, plan.event.timezone)} (${describeOffset(first.dueAt, startMs)}), ${e(first.who)}.`
    : `Kept ${c.kept} of ${past} on time (${percent(past === 0 ? null : c.kept / past, 0)}), ${c.late} late, ${c.missed} missed${c.overdue > 0 ? `, ${c.overdue} overdue now` : ''}.`;
  const rows = Object.entries(status.byPerson)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([person, k]: [string, SlotCounts]) => [e(person), String(k.kept), String(k.late), String(k.missed), String(k.overdue + k.due), String(k.upcoming)]);
  const missed = status.slots.filter((s) => s.state === 'missed');
  const shown = missed.slice(0, MAX_LISTED);
  const missedList =
    missed.length === 0
      ? null
      : `Missed:\n\n${bullets([
          ...shown.map((s) => `${formatLocal(s.dueAt, plan.event.timezone)} (${describeOffset(s.dueAt, startMs)}): ${e(s.who)}, ${e(s.reports)}`),
          ...(missed.length > shown.length ? [`and ${missed.length - shown.length} more`] : []),
        ])}`;
  return doc([heading(2, 'Check-ins'), summary, table(['Who', 'Kept', 'Late', 'Missed', 'Due or overdue', 'Upcoming'], rows, ['left', 'right', 'right', 'right', 'right', 'right']), missedList]).trimEnd();
}

function firedSection(plan: Plan, fired: readonly FiredTrigger[], w: PlanWindow, now: number): string | null {
  if (fired.length === 0) return `${heading(2, 'Risks that fired')}\n\n${now < w.startMs ? `Not started: no contingency trigger has fired, and the ${coveredBy(plan)} has not started.` : 'No contingency trigger fired.'}`;
  const byId = new Map(plan.risks.map((r) => [r.id, r]));
  const rows = [...fired]
    .sort((a, b) => a.at - b.at)
    .map((f) => {
      const risk = byId.get(f.riskId);
      return [
        e(risk?.title ?? f.riskId),
        risk ? `${riskScore(risk)} (${riskBand(riskScore(risk))})` : '',
        e(risk?.contingency?.trigger.description ?? ''),
        formatLocal(f.at, w.timeZone),
        e(risk?.contingency?.plan ?? ''),
        e(f.note ?? ''),
      ];
    });
  return `${heading(2, 'Risks that fired')}\n\n${table(['Risk', 'Score', 'Trigger', 'Fired', 'Contingency', 'Note'], rows)}`;
}

function riskRows(risks: readonly Risk[]): string[][] {
  return [...risks]
    .sort(compareRisks)
    .map((r) => [e(r.title), e(r.category), `${r.likelihood}×${r.impact} = ${riskScore(r)}`, riskBand(riskScore(r)), String(r.effort), e(r.owner), r.status, e(r.mitigation)]);
}

function actionItemsSection(plan: Plan, w: PlanWindow): string {
  if (plan.actionItems.length === 0) return `${heading(2, 'Action items')}\n\nNone recorded.`;
  const rows = plan.actionItems.map((a) => {
    const due = a.due === undefined ? null : parseInstant(a.due);
    return [e(a.text), e(a.owner ?? '(no owner)'), e(a.team ?? ''), due === null ? '' : formatLocal(due, w.timeZone), a.status, a.toTemplate ? 'yes' : ''];
  });
  return `${heading(2, 'Action items')}\n\n${table(['Action', 'Owner', 'Team', 'Due', 'Status', 'Into the template'], rows)}`;
}

const stateLabel: Readonly<Record<ReadinessState, string>> = { green: 'green', amber: 'amber', red: 'red', open: 'not yet due', n_a: 'n/a' };

function readinessCounts(plan: Plan, now: number, previous?: Partial<Record<ReadinessState, number>>): string {
  const s = readinessSummary(plan, now);
  const parts = (['green', 'amber', 'red', 'open'] as const).map((k) => {
    const was = previous?.[k];
    return `${s.counts[k]} ${stateLabel[k]}${was !== undefined && was !== s.counts[k] ? ` (was ${was})` : ''}`;
  });
  return `${parts.join(', ')}${s.counts.n_a > 0 ? `, ${s.counts.n_a} n/a` : ''}.`;
}

/**
 * The go/no-go criteria and the decision: what, by whom, when, its conditions, and the gates that
 * were open when it was taken (overridden, for a "go" recorded with an override). A missing
 * decision is reported as missing only once it was due; before that, as due.
 */
function goNoGoSection(plan: Plan, w: PlanWindow, now: number): string {
  const g = plan.goNoGo;
  if (!g) return `${heading(2, 'Go/no-go')}\n\nThe plan had no go/no-go.`;
  const criteria = bullets(g.criteria.map((c) => `${c.met === true ? '[x]' : '[ ]'} ${e(c.text)}`));
  const dueMs = whenMs(g.at, w);
  const due = `${formatZoned(dueMs, w.timeZone)}, ${e(g.at)}, by ${e(g.decider)}`;
  const d = g.decision;
  if (!d) return `${heading(2, 'Go/no-go')}\n\n${criteria}\n\n${now >= dueMs ? `No decision was recorded; it was due ${due}.` : `Not due yet: the decision is due ${due}.`}`;
  const at = parseInstant(d.at);
  const decision = `Decision: **${d.outcome.replace(/_/g, ' ')}** by ${e(d.by)}${at === null ? '' : ` at ${formatZoned(at, w.timeZone)}`}${d.conditions ? `; conditions: ${e(d.conditions)}` : ''}.${
    d.override ? ` **Override** (recorded although not everything was signed off): ${e(d.override)}.` : ''
  }${d.note ? ` Note: ${e(d.note)}.` : ''}`;
  const open = d.open?.length ? `\n\n${d.override ? 'Gates overridden' : 'Open when decided'}:\n\n${bullets(d.open.map((o) => e(o)))}` : '';
  return `${heading(2, 'Go/no-go')}\n\n${criteria}\n\n${decision}${open}`;
}

/** One line of the event's timeline. */
interface TimelineRow {
  readonly at: number;
  /** Orders rows at the same minute: what was planned, then what happened. */
  readonly order: number;
  readonly what: string;
  readonly detail: string;
}

/**
 * The planned key moments beside the incidents declared and the triggers fired, in one time-ordered
 * list, so the reader sees what happened at which moment of the night.
 */
function timelineSection(plan: Plan, incidents: readonly IncidentRecord[], fired: readonly FiredTrigger[], w: PlanWindow, appUrl?: string): string {
  const risks = new Map(plan.risks.map((r) => [r.id, r]));
  const rows: TimelineRow[] = [
    ...plan.keyMoments.map((m) => ({ at: whenMs(m.at, w), order: 0, what: 'Key moment (planned)', detail: e(m.label) })),
    ...incidents.map((i) => ({
      at: i.declaredAt ?? i.startedAt,
      order: 1,
      what: `Incident declared (SEV${i.severity})`,
      detail: appLink(i.title, appUrl, `#/incidents/${encodeURIComponent(i.id)}`),
    })),
    ...fired.map((f) => ({ at: f.at, order: 2, what: 'Trigger fired', detail: e(risks.get(f.riskId)?.title ?? f.riskId) })),
  ];
  if (rows.length === 0) return `${heading(2, 'Timeline')}\n\nNo key moments were planned, no incident was declared and no trigger fired.`;
  const sorted = rows.sort((a, b) => a.at - b.at || a.order - b.order);
  return `${heading(2, 'Timeline')}\n\n${table(
    ['Time', 'T', 'What', 'Detail'],
    sorted.map((r) => [formatLocal(r.at, w.timeZone), describeOffset(r.at, w.startMs), r.what, r.detail]),
  )}`;
}

/** Changes and deploys recorded inside the change freeze (domain/planning/freeze.ts), or that there were none. */
function freezeSection(plan: Plan, changes: readonly Change[], w: PlanWindow, now: number, total?: number): string {
  const title = heading(2, 'Changes during the freeze');
  const f = freezeWindow(plan);
  if (!plan.freeze || !f) return `${title}\n\nThe plan had no change freeze.`;
  const span = `Freeze: ${formatLocal(f.fromMs, w.timeZone)} – ${formatLocal(f.toMs, w.timeZone)}; scope: ${e(plan.freeze.scope.replace(/[.\s]+$/, ''))}; exceptions by ${e(plan.freeze.exceptionApprover)}.`;
  const during = changesInFreeze(plan, changes);
  const n = Math.max(total ?? 0, during.length);
  if (n === 0) return `${title}\n\n${span}\n\n${now < f.fromMs ? 'Not started: the freeze has not begun.' : 'No change was recorded during the freeze.'}`;
  const shown = during.slice(0, MAX_LISTED * 5);
  const rows = shown.map((c) => [formatLocal(c.at, w.timeZone), e(c.service), c.kind.replace(/_/g, ' '), link(c.description, c.url), e(c.author ?? '(not recorded)')]);
  const more = n > shown.length ? `\n\nand ${n - shown.length} more.` : '';
  return `${title}\n\n${span}\n\n**${n} change${n === 1 ? '' : 's'} recorded during the freeze.**\n\n${table(['Time', 'Service', 'Kind', 'Summary', 'Who'], rows)}${more}`;
}

/**
 * The partners and how to reach them: contact with phone and e-mail, who to go to next when they
 * do not answer, the bridge, the support case, the last contact test and their status on the night.
 */
function partnersSection(plan: Plan, now: number): string | null {
  if (plan.partners.length === 0) return null;
  const rows = plan.partners.map((p) => {
    const tested = p.lastContactTest ? parseInstant(p.lastContactTest.at) : null;
    return [
      e(p.name),
      e(p.kind),
      e(partnerContact(p)),
      e(partnerEscalation(p)),
      [p.bridgeUrl ? link('bridge', p.bridgeUrl) : '', p.dialIn ? e(p.dialIn) : ''].filter(Boolean).join(' · '),
      e(p.supportCase ?? ''),
      tested === null ? 'never' : `${formatDuration(Math.max(0, now - tested))} ago${p.lastContactTest!.ok ? '' : ' (no answer)'}`,
      p.status ?? '',
    ];
  });
  return `${heading(2, 'Partners')}\n\n${table(['Partner', 'Kind', 'Contact', 'Escalation', 'Bridge', 'Support case', 'Last contact test', 'Status'], rows)}`;
}

// ---- post-event report ----------------------------------------------------------------------

export interface PostEventReportInput {
  readonly plan: Plan;
  /** When the report is generated. */
  readonly now: number;
  /** Samples of the forecast's metric ([epochMs, value]) over the event (all are compared). */
  readonly actual?: readonly (readonly [number, number])[];
  readonly incidents: readonly IncidentRecord[];
  readonly checkIns: readonly CheckIn[];
  readonly firedTriggers?: readonly FiredTrigger[];
  /** Changes recorded around the freeze (those inside it are listed; others are ignored). */
  readonly changes?: readonly Change[];
  /** How many changes the freeze saw in all, when `changes` holds only the first of them. */
  readonly freezeChangeCount?: number;
  /** Good/total buckets per event SLO id. */
  readonly sloBuckets?: Readonly<Record<string, readonly CountBucket[]>>;
  /** The app's base URL, for links to incidents and the plan. */
  readonly appUrl?: string;
  readonly planId?: string;
}

/**
 * The go/no-go decision, the timeline of the night, forecast vs actual, event SLOs met or missed,
 * incidents and their durations, changes during the freeze, check-ins, risks that fired, action items.
 */
export function postEventReport(input: PostEventReportInput): string {
  const { plan, now } = input;
  const w = planWindow(plan);
  const before = now < w.startMs;
  const sections: (string | null)[] = [header(`Post-event report: ${plan.event.name}`, plan, w, now), phaseLine(plan, w, now)];
  if (input.planId) sections.push(appLink('Open the plan in Mission Control', input.appUrl, `#/plans/${encodeURIComponent(input.planId)}`));
  sections.push(`${heading(2, 'Success criteria')}\n\n${bullets(plan.event.successCriteria.map((c) => e(c)))}`);
  sections.push(goNoGoSection(plan, w, now));
  const incidents = inPlanWindow(input.incidents, w);
  sections.push(timelineSection(plan, incidents, input.firedTriggers ?? [], w, input.appUrl));

  if (plan.forecast) {
    const f = plan.forecast;
    const r = forecastVsActual(f, input.actual ?? []);
    const rows = [
      ['Peak', count(f.peak), count(r.actualPeak), r.ratio === null ? '' : `${(r.ratio * 100).toFixed(0)}% of forecast`],
      ['Multiplier over baseline', `${r.forecastMultiplier.toFixed(1)}×`, r.actualMultiplier === null ? '' : `${r.actualMultiplier.toFixed(1)}×`, ''],
      ['Steepest ramp per minute', count(r.forecastRampPerMinute), count(r.steepestRampPerMinute), ''],
      ['Built for (peak + headroom)', count(r.builtFor), '', r.capacityExceeded === null ? '' : r.capacityExceeded ? 'exceeded' : 'not exceeded'],
    ];
    const verdict =
      r.verdict === null
        ? before
          ? 'Not started: no actual figures before the event.'
          : 'No actual figures were recorded.'
        : `The actual peak was ${r.verdict === 'within' ? 'within' : r.verdict} the forecast${f.peakRange ? ' range' : ' (±10%)'}${r.actualPeakAt === null ? '' : `, at ${formatLocal(r.actualPeakAt, w.timeZone)} (${describeOffset(r.actualPeakAt, w.startMs)})`}.`;
    sections.push(`${heading(2, `Forecast vs actual: ${f.metric}`)}\n\n${table(['Measure', 'Forecast', 'Actual', 'Note'], rows, ['left', 'right', 'right', 'left'])}\n\n${verdict}`);
  }

  if (plan.slos.length > 0 && before) {
    // Nothing is counted before the start: no figure, no projection.
    const rows = plan.slos.map((slo) => [e(slo.name), percent(slo.objective, 2), 'not started', '', 'not started']);
    sections.push(`${heading(2, 'Event SLOs')}\n\n${table(['SLO', 'Objective', 'Actual', 'Budget burned', 'Result'], rows, ['left', 'right', 'right', 'right', 'left'])}\n\nThe event has not started: each budget is counted from its start.`);
  } else if (plan.slos.length > 0) {
    const rows = plan.slos.map((slo) => {
      const status = eventSloStatus(plan, slo, input.sloBuckets?.[slo.id] ?? [], now);
      const b = status.budget;
      // Too little of the event counted to project its budget (as on the strip): no figure, no verdict, whether or not it is over.
      if (status.tooEarly) {
        const why = `too little counted to judge (${formatDuration(status.coveredMs)} of the event, needs ${formatDuration(status.neededMs)})`;
        return [e(slo.name), percent(slo.objective, 2), percent(b.availability!, 3), 'too early', why];
      }
      // Met only once the event is over: until then the budget is projected from the rate so far, and may yet be spent.
      const result = b.consumed === null ? 'no data' : b.consumed > 1 ? 'missed' : now >= w.endMs ? 'met' : `within budget so far (projected from ${formatDuration(b.coverage * status.windowMs)})`;
      return [e(slo.name), percent(slo.objective, 2), b.availability === null ? 'no data' : percent(b.availability, 3), percent(b.consumed), result];
    });
    // Mid-event, a few minutes' traffic stands for the whole night: say what the budget rests on.
    const running = now < w.endMs ? `\n\nThe event is still running: each budget is the whole event's, projected from the request rate so far; until enough of the event is counted it is not projected ("too early").` : '';
    sections.push(`${heading(2, 'Event SLOs')}\n\n${table(['SLO', 'Objective', 'Actual', 'Budget burned', 'Result'], rows, ['left', 'right', 'right', 'right', 'left'])}${running}`);
  } else {
    sections.push(`${heading(2, 'Event SLOs')}\n\nThe plan had no event SLOs.`);
  }

  sections.push(capacitySection(plan, w, now));
  sections.push(incidentsSection(plan, incidents, w, now, input.appUrl));
  sections.push(freezeSection(plan, input.changes ?? [], w, now, input.freezeChangeCount));
  sections.push(partnersSection(plan, now));
  sections.push(checkInSection(plan, input.checkIns, now));
  sections.push(firedSection(plan, input.firedTriggers ?? [], w, now));
  sections.push(`${heading(2, now < w.endMs ? 'Readiness now' : 'Readiness at the close')}\n\n${readinessCounts(plan, now)}`);
  sections.push(actionItemsSection(plan, w));
  const lessons = plan.actionItems.filter((a) => a.toTemplate);
  if (lessons.length > 0 && plan.basedOn) {
    sections.push(`${heading(2, 'Lessons for the template')}\n\nTo push back into ${e(plan.basedOn.template)} (version ${plan.basedOn.version}):\n\n${bullets(lessons.map((l) => e(l.text)))}`);
  }
  if (plan.notes) sections.push(`${heading(2, 'Notes')}\n\n${escapeBlock(plan.notes)}`);
  return doc(sections);
}

/** Pager load per team and week: page events (de-duplicated, banded) beside the raw pages. */
function pagerLoadSection(title: string, load: readonly TeamWeekLoad[]): string {
  return `${heading(2, title)}\n\n${
    load.length === 0
      ? 'No teams in the workspace, and no pages.'
      : table(
          ['Team', 'Week', 'Page events', 'Raw pages', 'Band', 'Woke someone'],
          load.map((p) => [e(p.team), p.week, String(p.pages), String(p.rawPages), pagerBandLabels[p.band], String(p.offHours)]),
          ['left', 'left', 'right', 'right', 'left', 'right'],
        )
  }\n\nPage events count duplicates within 30 minutes once. Bands per week: fewer than 2 healthy, 2–5 walking the edge, more than 5 unhealthy.`;
}

// ---- Friday: weekend readiness --------------------------------------------------------------

export interface WeekendReadinessInput {
  readonly plan: Plan;
  readonly now: number;
  readonly fixesSinceLastWeekend: readonly Fix[];
  /** This week's pager load so far, per team. */
  readonly pagerLoad?: readonly TeamWeekLoad[];
  /** Incidents, canaries, SLOs and follow-ups as the weekend starts (none without a hub). */
  readonly platform?: PlatformState;
  /** Last Friday's figures, to show what changed. */
  readonly previous?: { readonly readiness?: Partial<Record<ReadinessState, number>>; readonly openRisks?: number };
  readonly appUrl?: string;
  readonly planId?: string;
}

/** The Friday report: are we ready for the weekend, and who is on. */
export function weekendReadinessReport(input: WeekendReadinessInput): string {
  const { plan, now } = input;
  const w = planWindow(plan);
  const ready = readinessSummary(plan, now);
  const openRisks = plan.risks.filter((r) => isOpenRisk(r.status));
  const serious = openRisks.filter((r) => ['high', 'critical'].includes(riskBand(riskScore(r))));
  const sections: (string | null)[] = [header(`Weekend readiness: ${plan.event.name}`, plan, w, now), phaseLine(plan, w, now)];
  const platformIssues = input.platform ? platformConcerns(input.platform) : [];
  // Items still to do, none late (a report run days ahead): on track, not yet READY.
  const verdict =
    ready.overall === 'red' ? 'NOT READY'
    : ready.overall === 'amber' || serious.length > 0 || platformIssues.length > 0 ? 'READY WITH GAPS'
    : ready.overall === 'open' ? `ON TRACK (${count(ready.counts.open)} to do, none late)`
    : 'READY';
  const wasRisks = input.previous?.openRisks;
  const decided = plan.goNoGo?.decision;
  // A Go beside a NOT READY verdict is the first thing the reader must see.
  const goAgainstVerdict =
    decided && decided.outcome !== 'no_go' && verdict === 'NOT READY'
      ? `⚠ **${decided.outcome === 'go' ? 'Go' : 'Go with conditions'} was recorded** by ${e(decided.by)}${parseInstant(decided.at) === null ? '' : ` on ${formatZoned(parseInstant(decided.at)!, w.timeZone)}`} although the verdict is ${verdict}${decided.override ? `; override: ${e(decided.override)}` : ''}.`
      : null;
  sections.push(
    `${heading(2, `Verdict: ${verdict}`)}\n\n${goAgainstVerdict ? `${goAgainstVerdict}\n\n` : ''}${bullets([
      `Readiness: ${readinessCounts(plan, now, input.previous?.readiness)}`,
      `Open risks: ${openRisks.length}${wasRisks !== undefined && wasRisks !== openRisks.length ? ` (was ${wasRisks})` : ''}, ${serious.length} high or critical.`,
      plan.freeze ? `Change freeze: ${formatLocal(whenMs(plan.freeze.from, w), w.timeZone)} – ${formatLocal(whenMs(plan.freeze.to, w), w.timeZone)}; exceptions by ${e(plan.freeze.exceptionApprover)}.` : 'No change freeze.',
      `Fixes since last weekend: ${input.fixesSinceLastWeekend.length}.`,
    ])}`,
  );

  if (input.platform) sections.push(platformStateSection(input.platform, w.timeZone));

  const attention = ready.items.filter((a) => a.state === 'red' || a.state === 'amber' || a.expiresBeforeStart);
  sections.push(
    `${heading(2, 'Readiness needing attention')}\n\n${
      attention.length === 0
        ? 'Nothing: every item is green or not yet due.'
        : table(
            ['Item', 'State', 'Why', 'Owner', 'Due', 'Evidence'],
            attention.map((a) => [e(a.item.item), a.state, e(a.reason ?? ''), e(a.item.owner), `${e(a.item.due)} (${formatLocal(a.dueAt, w.timeZone)})`, a.item.evidence ? link('evidence', a.item.evidence) : 'none']),
          )
    }`,
  );
  sections.push(capacitySection(plan, w, now));
  sections.push(`${heading(2, 'Open risks')}\n\n${openRisks.length === 0 ? 'None.' : table(['Risk', 'Category', 'L×I', 'Band', 'Effort', 'Owner', 'Status', 'Mitigation'], riskRows(openRisks))}`);
  sections.push(
    `${heading(2, 'Fixes since last weekend')}\n\n${
      input.fixesSinceLastWeekend.length === 0
        ? 'None.'
        : table(
            ['Fix', 'Service', 'Owner', 'Closed'],
            [...input.fixesSinceLastWeekend].sort((a, b) => a.closedAt - b.closedAt).map((f) => [link(f.title, f.url), e(f.service ?? ''), e(f.owner ?? ''), formatLocal(f.closedAt, w.timeZone)]),
          )
    }`,
  );
  if (input.pagerLoad) sections.push(pagerLoadSection('Pager load this week', input.pagerLoad));
  sections.push(
    `${heading(2, 'Who is on')}\n\n${table(
      ['Who', 'Role', 'Team', 'Contact', 'From', 'To'],
      plan.people.roster.map((r) => [e(r.person), e(r.role), e(r.team ?? ''), e(r.contact ?? ''), formatLocal(whenMs(r.shift.from, w), w.timeZone), formatLocal(whenMs(r.shift.to, w), w.timeZone)]),
    )}${
      plan.people.standby.length === 0
        ? ''
        : `\n\n${heading(3, 'Standby')}\n\n${table(['Service', 'Primary', 'Secondary', 'Team'], plan.people.standby.map((s) => [e(s.service), e(s.primary), e(s.secondary ?? ''), e(s.team ?? '')]))}`
    }${
      plan.people.escalation.length === 0
        ? ''
        : `\n\n${heading(3, 'Escalation')}\n\n${table(['Service', 'Path'], plan.people.escalation.map((x) => [e(x.service), e(escalationPath(x.steps))]))}`
    }`,
  );
  sections.push(partnersSection(plan, now));
  if (plan.checkIns.length > 0) {
    sections.push(
      `${heading(2, 'Check-in schedule')}\n\n${table(
        ['Who', 'Reports on', 'Every', 'From', 'Until'],
        plan.checkIns.map((c) => [
          e(c.who),
          e(c.reports),
          dur(c.every),
          `${e(c.from)} (${formatLocal(whenMs(c.from, w), w.timeZone)})`,
          `${c.until ? e(c.until) : 'the end'} (${formatLocal(c.until ? whenMs(c.until, w) : w.endMs, w.timeZone)})`,
        ]),
      )}`,
    );
  }
  if (plan.goNoGo) sections.push(goNoGoSection(plan, w, now));
  if (input.planId) sections.push(appLink('Open the plan in Mission Control', input.appUrl, `#/plans/${encodeURIComponent(input.planId)}`));
  return doc(sections);
}

// ---- Monday: the weekend report -------------------------------------------------------------

export interface WeekendReportInput {
  readonly plan: Plan;
  readonly now: number;
  readonly incidents: readonly IncidentRecord[];
  readonly checkIns: readonly CheckIn[];
  readonly pagerLoad: readonly TeamWeekLoad[];
  readonly firedTriggers?: readonly FiredTrigger[];
  readonly appUrl?: string;
  readonly planId?: string;
}

/** The Monday report: what happened over the weekend. */
export function weekendReport(input: WeekendReportInput): string {
  const { plan, now } = input;
  const w = planWindow(plan);
  const inWindow = inPlanWindow(input.incidents, w);
  const status = planCheckIns(plan, input.checkIns, now);
  const worst = input.pagerLoad.reduce<TeamWeekLoad | null>((a, b) => (a === null || b.pages > a.pages || (b.pages === a.pages && b.rawPages > a.rawPages) ? b : a), null);
  const sections: (string | null)[] = [header(`Weekend report: ${plan.event.name}`, plan, w, now), phaseLine(plan, w, now)];
  // Before the start there is nothing to count: "not started", not a row of zeros that reads as a quiet weekend.
  const before = now < w.startMs;
  const fired = (input.firedTriggers ?? []).length;
  const c = status.counts;
  sections.push(
    `${heading(2, 'Summary')}\n\n${bullets([
      before && inWindow.length === 0 ? 'Incidents: not started.' : `Incidents: ${inWindow.length}${inWindow.length === 0 ? '' : ` (worst SEV${Math.min(...inWindow.map((i) => i.severity))})`}.`,
      c.kept + c.late + c.missed === 0 && before ? 'Check-ins: not started.' : `Check-ins: ${c.kept} kept, ${c.late} late, ${c.missed} missed.`,
      worst === null ? 'Pager load: no pages.' : `Pager load: busiest team ${e(worst.team)} with ${worst.pages} page event(s), ${pagerBandLabels[worst.band]}.`,
      before && fired === 0 ? 'Contingency triggers fired: not started.' : `Contingency triggers fired: ${fired}.`,
    ])}`,
  );
  sections.push(incidentsSection(plan, inWindow, w, now, input.appUrl));
  sections.push(checkInSection(plan, input.checkIns, now));
  sections.push(pagerLoadSection('Pager load', input.pagerLoad));
  sections.push(firedSection(plan, input.firedTriggers ?? [], w, now));
  const lapsed = readinessSummary(plan, now).items.filter((a) => a.state === 'red' || a.state === 'amber');
  if (lapsed.length > 0) sections.push(`${heading(2, 'Readiness that lapsed')}\n\n${bullets(lapsed.map((a) => `${e(a.item.item)}: ${a.state}, ${e(a.reason ?? '')} (${e(a.item.owner)})`))}`);
  sections.push(actionItemsSection(plan, w));
  if (input.planId) sections.push(appLink('Open the plan in Mission Control', input.appUrl, `#/plans/${encodeURIComponent(input.planId)}`));
  return doc(sections);
}
