/**
 * Event plans over the hub's REST API (beside the socket, with the same token): list, read,
 * create, save, move, check in, decide, push lessons, download documents; and a subscription to
 * the running plans that refetches when the hub says a plan changed ("plan:changed") and every
 * POLL_MS anyway (check-ins fall due by the clock, not by events).
 */
import type { CheckIn, Plan, PlanState } from '../../shared/model/plan.ts';
import type { LivePlansReply, PlanRecord, PlanSummary, TemplateSummary, TriggerFired } from '../../shared/protocol/plans.ts';
import type { HubClient } from './hub.ts';

export interface PlanIssueView {
  readonly field: string;
  readonly message: string;
  readonly line?: number | null;
}

/** A refusal from the hub, in words, with each bad field when the plan was refused. */
export class PlanRequestError extends Error {
  readonly status: number;
  readonly issues: readonly PlanIssueView[];
  constructor(status: number, message: string, issues: readonly PlanIssueView[] = []) {
    super(message);
    this.status = status;
    this.issues = issues;
  }
}

export type PlanDocument = 'report.md' | 'calendar.ics' | 'weekend-readiness.md' | 'weekend-report.md' | 'plan.yaml';

export type GoNoGoOutcome = 'go' | 'no_go' | 'go_with_conditions';

export interface PlansApi {
  list(): Promise<PlanSummary[]>;
  templates(): Promise<TemplateSummary[]>;
  get(id: string): Promise<PlanRecord>;
  /** `by`: who creates or saves it (the person acting); '' or none: the hub records the token's name. */
  create(body: { template: string } | { copyOf: string } | string, event?: { name?: string; start?: string; timezone?: string }, by?: string): Promise<PlanRecord>;
  save(id: string, plan: Plan | string, revision: number, by?: string): Promise<PlanRecord>;
  setState(id: string, state: PlanState, by: string): Promise<PlanRecord>;
  /** `override`: why "go" is recorded with something still open (the hub refuses it without). */
  decide(id: string, outcome: GoNoGoOutcome, by: string, extra?: { conditions?: string; override?: string }): Promise<PlanRecord>;
  pushLessons(id: string, by: string): Promise<{ template: string; version: number; added: string[] }>;
  checkIn(id: string, body: { scheduleId: string; by: string; service: string; status: 'green' | 'amber' | 'red'; note: string }): Promise<CheckIn>;
  checkIns(id: string): Promise<CheckIn[]>;
  /** Record the incident a fired trigger was declared as. */
  /** `firedAt`: the firing declared (LiveTrigger.firedAt); null or none: the latest. */
  linkIncident(id: string, riskId: string, incidentId: string, firedAt?: number | null): Promise<void>;
  live(): Promise<LivePlansReply>;
  /** A document's text (for the printable view). */
  text(id: string, doc: PlanDocument): Promise<string>;
  /** Save a document as a file (the calendar: only one person's check-ins, when named). */
  download(id: string, doc: PlanDocument, person?: string): Promise<void>;
}

function saveWithLink(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createPlansApi(hub: Pick<HubClient, 'hubUrl' | 'token'>, doFetch: typeof fetch = (...args) => fetch(...args)): PlansApi {
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const base = (hub.hubUrl() ?? '').replace(/\/$/, '');
    const token = hub.token();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const response = await doFetch(`${base}${path}`, { ...init, headers });
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      let issues: PlanIssueView[] = [];
      try {
        const body = (await response.json()) as { message?: string; issues?: PlanIssueView[] };
        message = body.message ?? message;
        issues = body.issues ?? [];
      } catch {
        // not JSON
      }
      throw new PlanRequestError(response.status, message, issues);
    }
    return response;
  };
  const json = async <T,>(path: string, init?: RequestInit): Promise<T> => (await (await call(path, init)).json()) as T;
  const post = <T,>(path: string, body: unknown): Promise<T> =>
    json<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const plan = (id: string) => `/api/v1/plans/${encodeURIComponent(id)}`;
  // The body is the plan itself: who changes it rides in the query, as `?revision=` does.
  const byQuery = (sep: '?' | '&', by: string | undefined) => (by?.trim() ? `${sep}by=${encodeURIComponent(by.trim())}` : '');

  return {
    list: async () => (await json<{ plans: PlanSummary[] }>('/api/v1/plans')).plans,
    templates: async () => (await json<{ templates: TemplateSummary[] }>('/api/v1/plan-templates')).templates,
    get: (id) => json<PlanRecord>(plan(id)),
    create: (body, event, by) =>
      typeof body === 'string'
        ? json<PlanRecord>(`/api/v1/plans${byQuery('?', by)}`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body })
        : post<PlanRecord>(`/api/v1/plans${byQuery('?', by)}`, event ? { ...body, event } : body),
    save: (id, p, revision, by) =>
      typeof p === 'string'
        ? json<PlanRecord>(`${plan(id)}?revision=${revision}${byQuery('&', by)}`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: p })
        : post<PlanRecord>(`${plan(id)}?revision=${revision}${byQuery('&', by)}`, p),
    setState: (id, state, by) => post<PlanRecord>(`${plan(id)}/state`, { state, by }),
    decide: (id, outcome, by, extra = {}) => post<PlanRecord>(`${plan(id)}/decision`, { outcome, by, ...extra }),
    pushLessons: (id, by) => post(`${plan(id)}/lessons`, { by }),
    checkIn: async (id, body) => (await post<{ checkIn: CheckIn }>(`${plan(id)}/check-ins`, body)).checkIn,
    checkIns: async (id) => (await json<{ checkIns: CheckIn[] }>(`${plan(id)}/check-ins`)).checkIns,
    linkIncident: async (id, riskId, incidentId, firedAt) => {
      await post(`${plan(id)}/fired/${encodeURIComponent(riskId)}/incident`, { incidentId, ...(firedAt != null ? { firedAt } : {}) });
    },
    live: async () => {
      const reply = await json<Partial<LivePlansReply>>('/api/v1/live-plans');
      return { plans: reply.plans ?? [], upcoming: reply.upcoming ?? [] }; // an older hub sends no upcoming
    },
    text: async (id, doc) => (await call(`${plan(id)}/${doc}`)).text(),
    download: async (id, doc, person) =>
      saveWithLink(await (await call(`${plan(id)}/${doc}${person ? `?person=${encodeURIComponent(person)}` : ''}`)).blob(), `${id}${person ? `-${person.replace(/[^\w-]/g, '')}` : ''}-${doc}`),
  };
}

/** How often the running plans are fetched again without being told. */
export const POLL_MS = 15_000;

/**
 * Keep `onPlans` fed with the running plans, and `onTrigger` with triggers as they fire. Returns
 * the stop function (clears the timer and the socket listeners).
 */
export function watchLivePlans(
  hub: Pick<HubClient, 'onSocket' | 'hubUrl' | 'token'>,
  api: PlansApi,
  onPlans: (reply: LivePlansReply) => void,
  onTrigger: (fired: TriggerFired) => void,
): () => void {
  let stopped = false;
  let inFlight = false;
  let again = false;
  const refresh = () => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    api
      .live()
      .then((reply) => {
        if (!stopped) onPlans(reply);
      })
      .catch(() => {
        // Not signed in yet, or the hub is away: the next poll or change tries again.
      })
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  const timer = setInterval(refresh, POLL_MS);
  const changed = () => refresh();
  const fired = (f: TriggerFired) => {
    onTrigger(f);
    refresh();
  };
  let socket: Parameters<Parameters<HubClient['onSocket']>[0]>[0] = null;
  const off = hub.onSocket((s) => {
    socket?.off('plan:changed', changed);
    socket?.off('plan:trigger', fired);
    socket = s;
    s?.on('plan:changed', changed);
    s?.on('plan:trigger', fired);
    if (s) refresh();
  });
  refresh();
  return () => {
    stopped = true;
    clearInterval(timer);
    off();
    socket?.off('plan:changed', changed);
    socket?.off('plan:trigger', fired);
  };
}

/** Call `onChange(planId)` whenever the hub says a plan, its check-ins or its triggers changed. */
export function watchPlanChanges(hub: Pick<HubClient, 'onSocket'>, onChange: (planId: string) => void): () => void {
  const changed = ({ planId }: { planId: string }) => onChange(planId);
  let socket: Parameters<Parameters<HubClient['onSocket']>[0]>[0] = null;
  const off = hub.onSocket((s) => {
    socket?.off('plan:changed', changed);
    socket = s;
    s?.on('plan:changed', changed);
  });
  return () => {
    off();
    socket?.off('plan:changed', changed);
  };
}
