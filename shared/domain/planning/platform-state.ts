/**
 * The platform as it enters the weekend, for the Friday readiness report: incidents still open,
 * canaries not passing, SLO alerts and budgets, follow-ups overdue. A plan can be green on every
 * readiness item while a SEV2 is still open or the login canary fails; Friday's report must say so
 * (and the verdict cannot be READY while it does).
 */
import type { CanaryStatus } from '../../model/canary.ts';
import { severityLabel, type Severity } from '../../model/incident.ts';
import type { AlertSeverity } from '../review/slo.ts';
import { bullets, escapeInline as e, formatLocal, heading, table } from './markdown.ts';

export interface PlatformIncident {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: string;
  readonly declaredAt: number;
}

export interface PlatformCanary {
  readonly name: string;
  readonly status: CanaryStatus;
  readonly critical: boolean;
  /** Failing since, when failing. */
  readonly since: number | null;
  /** The last run's message, if any. */
  readonly message: string | null;
}

export interface PlatformSlo {
  readonly name: string;
  readonly alert: AlertSeverity | 'ok' | null;
  /** Share of the window's budget left; null without data. */
  readonly remaining: number | null;
  /** "over the 3 d with data, of 28 d" when only part of the window has data. */
  readonly coverage: string | null;
  /** Why it could not be evaluated. */
  readonly error: string | null;
}

export interface PlatformState {
  readonly openIncidents: readonly PlatformIncident[];
  readonly canaries: { readonly total: number; readonly notPassing: readonly PlatformCanary[] };
  readonly slos: readonly PlatformSlo[];
  readonly overdueFollowUps: number;
}

/** Canary states that are not a concern on a Friday: passing, or nothing due yet. */
const CALM_CANARY: ReadonlySet<CanaryStatus> = new Set(['passing', 'pending']);
export const isCalmCanary = (status: CanaryStatus): boolean => CALM_CANARY.has(status);

/** The SEV1/SEV2 incidents, critical canaries failing and SLOs paging: each one bars "READY". */
export function platformConcerns(state: PlatformState): string[] {
  const out: string[] = [];
  for (const i of state.openIncidents) if (i.severity <= 2) out.push(`${severityLabel(i.severity)} open: ${i.title}`);
  for (const c of state.canaries.notPassing) if (c.critical && (c.status === 'failing-confirmed' || c.status === 'acknowledged')) out.push(`critical canary failing: ${c.name}`);
  for (const s of state.slos) if (s.alert === 'page') out.push(`SLO paging: ${s.name}`);
  return out;
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** The "Platform entering the weekend" section. */
export function platformStateSection(state: PlatformState, timeZone: string): string {
  const concerns = platformConcerns(state);
  const failing = state.canaries.notPassing;
  const slosAlerting = state.slos.filter((s) => s.alert === 'page' || s.alert === 'ticket');
  const parts = [
    heading(2, 'Platform entering the weekend'),
    bullets([
      `Open incidents: ${state.openIncidents.length}.`,
      `Canaries: ${state.canaries.total - failing.length} of ${state.canaries.total} passing or not yet due.`,
      `SLOs: ${state.slos.length === 0 ? 'none in the workspace' : `${slosAlerting.length} of ${state.slos.length} alerting`}.`,
      `Follow-ups overdue: ${state.overdueFollowUps}.`,
      concerns.length === 0 ? 'Nothing that bars READY.' : `Bars READY: ${concerns.map((c) => e(c)).join('; ')}.`,
    ]),
  ];
  if (state.openIncidents.length > 0) {
    parts.push(
      heading(3, 'Open incidents'),
      table(
        ['Incident', 'Severity', 'Status', 'Declared'],
        state.openIncidents.map((i) => [`${e(i.id)} ${e(i.title)}`, severityLabel(i.severity), e(i.status), formatLocal(i.declaredAt, timeZone)]),
      ),
    );
  }
  if (failing.length > 0) {
    parts.push(
      heading(3, 'Canaries not passing'),
      table(
        ['Canary', 'State', 'Critical', 'Since', 'Last message'],
        failing.map((c) => [e(c.name), c.status, c.critical ? 'yes' : '', c.since === null ? '' : formatLocal(c.since, timeZone), e(c.message ?? '')]),
      ),
    );
  }
  if (state.slos.length > 0) {
    parts.push(
      heading(3, 'SLOs'),
      table(
        ['SLO', 'Alert', 'Budget left'],
        state.slos.map((s) => [
          e(s.name),
          s.error !== null ? 'error' : s.alert === null ? 'no data' : s.alert.toUpperCase(),
          s.error !== null ? e(s.error) : s.remaining === null ? '—' : `${pct(s.remaining)}${s.coverage ? ` (${e(s.coverage)})` : ''}`,
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}
