/**
 * The postmortem as a projection of the timeline, not a second document to keep in sync: pinned
 * entries make its key moments (sorted by when things happened, in UTC and the room's zone), the
 * whole log its timeline (in the order things happened, those stored late marked, every edit
 * kept as history, every deletion noted, a task's progress said as such, not as edits), markers its durations, notes with `data.section` its five whys, root causes and
 * lessons, tasks and changes their own lists, `todo` entries its action items, and bookkeeping
 * entries its impact record.
 */
import {
  markerLabels,
  postmortemSections,
  roleNames,
  severityLabel,
  type PostmortemSection,
  type TimelineEntry,
} from '../../../shared/model/incident.ts';
import { formatDuration, incidentDurations } from '../../../shared/domain/incidents/durations.ts';
import { beforeImpact } from '../../../shared/domain/incidents/change-lookback.ts';
import type { Problem, TimelineView, VisibleEntry } from '../../../shared/domain/incidents/timeline.ts';
import { byHappened, storedLate } from '../../../shared/domain/incidents/time-order.ts';
import { followUpStateAt } from '../../../shared/domain/incidents/follow-ups.ts';
import { taskProgress } from '../../../shared/domain/incidents/task-progress.ts';
import type { FollowUpState } from '../../../shared/domain/review/follow-ups.ts';
import { DEFAULT_FOLLOW_UP_DAYS } from '../../../shared/model/incident-settings.ts';
import type { IncidentRecord } from '../store/incidents.ts';
import { snapshotPath } from './snapshots.ts';
import { localIso, utcIso } from './times.ts';

/** One instant, as exports show it. */
export interface PostmortemTime {
  utc: string;
  local: string;
}

/** One version of an entry, as the history shows it. */
export interface PostmortemVersion {
  seq: number;
  recordedAt: PostmortemTime;
  at: PostmortemTime;
  author: string;
  console: string;
  text: string;
  pinned: boolean;
  deleted: boolean;
  /** A task's progress ("acknowledged", "done"…), not an edit; null for an edit or a deletion. */
  progress: string | null;
}

export interface PostmortemEntry {
  /** The first version's id: stable across edits. */
  id: string;
  /** The first version's seq: the hub's order (the timeline is listed by `at`, then this). */
  seq: number;
  at: PostmortemTime;
  recordedAt: PostmortemTime;
  kind: string;
  /** Who wrote the first version, at which console. */
  author: string;
  console: string;
  /** The latest version's words (a deleted entry's last words before it was deleted). */
  text: string;
  pinned: boolean;
  /** Rewritten after its first version (a task's progress is not an edit). */
  edited: boolean;
  deleted: { by: string; at: PostmortemTime } | null;
  /** A task's progress, oldest first: acknowledged, more time, done, toil, each by whom and when. */
  progress: { step: string; by: string; at: PostmortemTime }[];
  /** Stored after an entry that happened later, or long after it happened (shared/domain/incidents/time-order.ts). */
  storedLate: boolean;
  /** Every version, oldest first, when there is more than one. */
  history: PostmortemVersion[];
}

export interface Postmortem {
  generatedAt: string;
  timeZone: string;
  incident: {
    id: string;
    title: string;
    severity: string;
    priority: string | null;
    status: string;
    declaredAt: PostmortemTime | null;
    declaredBy: string;
    commander: string | null;
  };
  impact: {
    startedAt: PostmortemTime | null;
    endedAt: PostmortemTime | null;
    duration: string | null;
    durationMs: number | null;
    description: string | null;
    service: string | null;
    region: string | null;
    platform: string | null;
    rootCauseCategory: string | null;
    responsibleProperty: string | null;
  };
  durations: { key: string; label: string; from: string; to: string; ms: number | null; duration: string | null; reason: string | null }[];
  markers: { marker: string; label: string; at: PostmortemTime }[];
  /** The pinned entries, in the order things happened. */
  keyMoments: { id: string; at: PostmortemTime; kind: string; author: string; text: string; edited: boolean }[];
  /** Every entry, in the hub's seq order (an edited entry where its first version stood), deletions included. */
  timeline: PostmortemEntry[];
  tasks: {
    id: string;
    text: string;
    owner: string;
    createdAt: PostmortemTime;
    dueAt: PostmortemTime | null;
    acknowledgedAt: PostmortemTime | null;
    acknowledgedBy: string | null;
    done: boolean;
    doneAt: PostmortemTime | null;
    overdue: boolean;
  }[];
  /** Changes and deploys by when they happened; `beforeImpact`: before impact started (copied from the look-back window, or logged backdated). */
  changes: { id: string; at: PostmortemTime; text: string; service: string | null; source: string | null; ref: string | null; url: string | null; beforeImpact: boolean }[];
  /** Impact snapshots, in the order they were taken; `assetId` names the stored PNG, `url` is its hub path. */
  snapshots: { id: string; at: PostmortemTime; author: string; text: string; panelId: string | null; assetId: string; url: string }[];
  roles: { role: string; person: string; from: PostmortemTime; to: PostmortemTime | null; via: string }[];
  handoffs: { role: string; from: string; to: string; state: string; offeredAt: PostmortemTime; settledAt: PostmortemTime | null; reason: string | null }[];
  statusUpdates: { id: string; audience: string; sentAt: PostmortemTime; text: string; conditions: string; actions: string; needs: string; author: string }[];
  /** The incidents linked to this one ("same CDN origin"), with their titles now. */
  linkedIncidents: { id: string; title: string; note: string; linkedBy: string; linkedAt: PostmortemTime }[];
  sections: Record<PostmortemSection, { id: string; text: string; author: string }[]>;
  actionItems: {
    id: string;
    text: string;
    owner: string | null;
    dueAt: PostmortemTime | null;
    type: string | null;
    priority: string | null;
    ticketUrl: string | null;
    missing: string[];
    /** open / overdue / closed on time / closed late, against its due date (or the default one). */
    state: FollowUpState;
    createdAt: PostmortemTime;
    closedAt: PostmortemTime | null;
    closedBy: string | null;
  }[];
  /** Entries the projection could not apply, so a reader knows the record has a hole. */
  problems: Problem[];
}

const label = (role: string): string => role.replace(/_/g, ' ');

/** What kind of moment an entry is, in a word or three. */
export function kindLabel(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'marker':
      return `marker: ${markerLabels[entry.data.marker]}`;
    case 'status':
      return `status: ${entry.data.status}`;
    case 'severity':
      return severityLabel(entry.data.severity);
    case 'task':
      return `task for ${entry.data.owner}`;
    case 'status_update':
      return `${entry.data.audience} update`;
    case 'todo':
      return 'follow-up';
    case 'role':
    case 'handoff':
      return 'role';
    default:
      return entry.kind.replace(/_/g, ' ');
  }
}

/** The entry's words, or a sentence for the entries that carry only data. */
export function entryText(entry: TimelineEntry): string {
  if (entry.text.trim() !== '') return entry.text;
  switch (entry.kind) {
    case 'marker':
      return markerLabels[entry.data.marker];
    case 'status':
      return `status set to ${entry.data.status}`;
    case 'severity':
      return `severity set to ${severityLabel(entry.data.severity)}`;
    case 'role':
      return `${entry.data.person} ${entry.data.action === 'assign' ? 'takes' : 'releases'} ${label(entry.data.role)}`;
    case 'handoff': {
      const d = entry.data;
      return d.step === 'offer' ? `${d.from} offers ${label(d.role)} to ${d.to}` : `${entry.author}: handoff ${d.step}`;
    }
    case 'snapshot':
      return `impact snapshot${entry.data.panelId ? ` of ${entry.data.panelId}` : ''}`;
    case 'bookkeeping':
      return Object.entries(entry.data)
        .map(([key, value]) => `${key}: ${value ?? '(cleared)'}`)
        .join('; ');
    default:
      return '';
  }
}

export interface PostmortemInput {
  readonly record: IncidentRecord;
  readonly view: TimelineView;
  readonly timeZone: string;
  readonly now: number;
  /** An undated follow-up is due this many days after it was logged. */
  readonly followUpDays?: number;
  /** The title of another incident now (a linked one may have been renamed since). */
  readonly titleOf?: (incidentId: string) => string | null;
}

export function buildPostmortem({ record, view, timeZone, now, followUpDays = DEFAULT_FOLLOW_UP_DAYS, titleOf }: PostmortemInput): Postmortem {
  const at = (ms: number): PostmortemTime => ({ utc: utcIso(ms), local: localIso(ms, timeZone) });
  const maybe = (ms: number | null | undefined): PostmortemTime | null => (ms === null || ms === undefined ? null : at(ms));
  const byOccurrence = (a: VisibleEntry, b: VisibleEntry) => a.occurredAt - b.occurredAt || a.position - b.position;
  // The timeline is read in the order things happened; entries stored late say so.
  const shownVersion = (versions: readonly TimelineEntry[]): TimelineEntry => {
    const head = versions.at(-1)!;
    return head.deleted ? (versions.findLast((v) => !v.deleted) ?? versions[0]!) : head;
  };
  const late = storedLate(Object.values(view.history).map((v) => ({ at: shownVersion(v).occurredAt, seq: v[0]!.seq, recordedAt: v[0]!.recordedAt })));

  const sections = Object.fromEntries(postmortemSections.map((s) => [s, [] as Postmortem['sections'][PostmortemSection]])) as Postmortem['sections'];
  for (const entry of view.entries) {
    if (entry.kind === 'note' && entry.data.section) sections[entry.data.section].push({ id: entry.rootId, text: entry.text, author: entry.author });
  }

  const impactStart = record.startedAt ?? view.declaredAt;
  /** The kind in words, a change before impact started said so (it is listed among later entries, by seq). */
  const kindOf = (e: TimelineEntry): string => (e.kind === 'change' && beforeImpact(e.occurredAt, impactStart) ? 'change (before impact)' : kindLabel(e));
  const impactMs = record.startedAt !== null && record.endedAt !== null && record.endedAt >= record.startedAt ? record.endedAt - record.startedAt : null;
  const durations = Object.values(incidentDurations(view.markers, timeZone));
  const roleOrder = (role: string) => roleNames.indexOf(role as (typeof roleNames)[number]);

  return {
    generatedAt: utcIso(now),
    timeZone,
    incident: {
      id: record.id,
      title: record.title,
      severity: severityLabel(record.severity),
      priority: record.priority,
      status: record.status,
      declaredAt: maybe(view.declaredAt),
      declaredBy: record.createdBy,
      commander: view.roles.commander[0] ?? null,
    },
    impact: {
      startedAt: maybe(record.startedAt),
      endedAt: maybe(record.endedAt),
      duration: impactMs === null ? null : formatDuration(impactMs),
      durationMs: impactMs,
      description: record.impact,
      service: record.service,
      region: record.region,
      platform: record.platform,
      rootCauseCategory: record.rootCauseCategory,
      responsibleProperty: record.responsibleProperty,
    },
    durations: durations.map((d) => ({
      key: d.key,
      label: d.label,
      from: markerLabels[d.from],
      to: markerLabels[d.to],
      ms: d.ms,
      duration: d.ms === null ? null : formatDuration(d.ms),
      reason: d.reason ?? null,
    })),
    markers: (Object.entries(view.markers) as [keyof typeof markerLabels, number][])
      .sort((a, b) => a[1] - b[1])
      .map(([marker, ms]) => ({ marker, label: markerLabels[marker], at: at(ms) })),
    keyMoments: [...view.pinned].sort(byOccurrence).map((e) => ({
      id: e.rootId,
      at: at(e.occurredAt),
      kind: kindLabel(e),
      author: e.author,
      text: entryText(e),
      edited: e.edited,
    })),
    timeline: Object.values(view.history)
      .map((versions) => {
        const first = versions[0]!;
        const head = versions.at(-1)!;
        const shown = shownVersion(versions);
        const steps = versions.map((v, i) => (i === 0 ? null : taskProgress(versions[i - 1]!, v)));
        const version = (v: TimelineEntry, i: number): PostmortemVersion => ({
          seq: v.seq,
          recordedAt: at(v.recordedAt),
          at: at(v.occurredAt),
          author: v.author,
          console: v.console,
          text: v.deleted ? '' : entryText(v),
          pinned: v.pinned === true,
          deleted: v.deleted === true,
          progress: steps[i]?.map((p) => p.step).join(', ') ?? null,
        });
        return {
          id: first.id,
          seq: first.seq,
          at: at(shown.occurredAt),
          recordedAt: at(first.recordedAt),
          kind: kindOf(shown),
          author: first.author,
          console: first.console,
          text: entryText(shown),
          pinned: !head.deleted && head.pinned === true,
          edited: versions.some((v, i) => i > 0 && !v.deleted && steps[i] === null),
          deleted: head.deleted ? { by: head.author, at: at(head.recordedAt) } : null,
          progress: steps.flatMap((s) => s ?? []).map((p) => ({ step: p.step, by: p.by, at: at(p.at) })),
          storedLate: late.has(first.seq),
          history: versions.length > 1 ? versions.map(version) : [],
          placed: { at: shown.occurredAt, seq: first.seq, recordedAt: first.recordedAt },
        };
      })
      .sort((a, b) => byHappened(a.placed, b.placed))
      .map(({ placed: _placed, ...entry }) => entry),
    tasks: view.tasks.map((t) => {
      const entry = view.entries.find((e) => e.rootId === t.id);
      const doneAt = entry?.kind === 'task' ? entry.data.doneAt : undefined;
      return {
        id: t.id,
        text: t.text,
        owner: t.owner,
        createdAt: at(entry?.occurredAt ?? now),
        dueAt: maybe(t.dueAt),
        acknowledgedAt: maybe(t.acknowledgedAt),
        acknowledgedBy: t.acknowledgedBy,
        done: t.done,
        doneAt: maybe(doneAt),
        overdue: t.overdue,
      };
    }),
    changes: view.entries
      .flatMap((e) => (e.kind === 'change' ? [e] : []))
      .sort(byOccurrence)
      .map((e) => ({
        id: e.rootId,
        at: at(e.occurredAt),
        text: e.text,
        service: e.data.service ?? null,
        source: e.data.source ?? null,
        ref: e.data.ref ?? null,
        url: e.data.url ?? null,
        beforeImpact: beforeImpact(e.occurredAt, impactStart),
      })),
    snapshots: view.entries
      .flatMap((e) => (e.kind === 'snapshot' ? [e] : []))
      .sort(byOccurrence)
      .map((e) => ({ id: e.rootId, at: at(e.occurredAt), author: e.author, text: e.text, panelId: e.data.panelId ?? null, assetId: e.data.assetId, url: snapshotPath(e.incidentId, e.data.assetId) })),
    roles: [...view.roleHistory]
      .sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.from - b.from)
      .map((s) => ({ role: label(s.role), person: s.person, from: at(s.from), to: maybe(s.to), via: s.via })),
    handoffs: view.handoffs.map((h) => ({
      role: label(h.role),
      from: h.from,
      to: h.to,
      state: h.state,
      offeredAt: at(h.offeredAt),
      settledAt: maybe(h.settledAt),
      reason: h.reason ?? null,
    })),
    statusUpdates: view.entries
      .flatMap((e) => (e.kind === 'status_update' && e.data.sentAt !== undefined ? [{ e, sentAt: e.data.sentAt }] : []))
      .sort((a, b) => a.sentAt - b.sentAt)
      .map(({ e, sentAt }) => ({
        id: e.rootId,
        audience: e.data.audience,
        sentAt: at(sentAt),
        text: e.text,
        conditions: e.data.conditions,
        actions: e.data.actions,
        needs: e.data.needs,
        author: e.author,
      })),
    linkedIncidents: view.links.map((l) => ({
      id: l.incidentId,
      title: titleOf?.(l.incidentId) ?? l.title ?? l.incidentId,
      note: l.note,
      linkedBy: l.linkedBy,
      linkedAt: at(l.linkedAt),
    })),
    sections,
    actionItems: view.followUps.map((f) => ({
      id: f.id,
      text: f.text,
      owner: f.owner ?? null,
      dueAt: maybe(f.dueAt),
      type: f.type ?? null,
      priority: f.priority ?? null,
      ticketUrl: f.ticketUrl ?? null,
      missing: f.missing,
      state: followUpStateAt(f, now, followUpDays),
      createdAt: at(f.createdAt),
      closedAt: maybe(f.closedAt),
      closedBy: f.closedBy,
    })),
    problems: view.problems,
  };
}
