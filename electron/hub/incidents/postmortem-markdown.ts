/** The postmortem as Markdown (CommonMark + GFM tables). Every piece of user text is escaped. */
import { postmortemSectionLabels, postmortemSections, type PostmortemSection } from '../../../shared/model/incident.ts';
import { block, inline, row } from './markdown.ts';
import type { Postmortem, PostmortemTime, PostmortemVersion } from './postmortem.ts';
import { readable } from './times.ts';

const NONE = '—';

/** A follow-up's state in words and a shape, so it reads without colour. */
const FOLLOW_UP_STATE_WORDS: Record<Postmortem['actionItems'][number]['state'], string> = {
  open: '☐ open',
  overdue: '▲ overdue',
  closed_on_time: '✓ closed on time',
  closed_late: '✓ closed late',
};

/** A ticket link as an autolink when nothing in it could end the link or the table cell early; else as text. */
const link = (url: string | null): string => (url === null ? NONE : /^https?:\/\/[^\s<>|`\\]+$/.test(url) ? `<${url}>` : inline(url));

type Line = (...lines: string[]) => void;
type Table = (head: string[], rows: string[][]) => void;
interface Clocks {
  utc: (t: PostmortemTime | null) => string;
  local: (t: PostmortemTime | null) => string;
  zone: string;
}

/** What a version said, for the history: its words, or that it was a deletion. */
const versionWords = (v: PostmortemVersion): string =>
  v.progress !== null ? `_${inline(v.progress)}_` : (v.deleted ? '_deleted_' : inline(v.text)) + (v.pinned && !v.deleted ? ' ★' : '');

/**
 * The whole log in the hub's order: pinned rows in bold with a star, deleted ones struck through
 * and attributed, and below the table every edited or deleted entry's versions, oldest first.
 */
function timelineSection(pm: Postmortem, line: Line, table: Table, { utc, local, zone }: Clocks): void {
  line('## Timeline', '', 'Every entry, in the order it happened (★ pinned; # is the order the hub stored it; _logged …_ marks one stored after later entries or long after it happened: typed while its console was cut off, or backdated).', '');
  if (pm.timeline.length === 0) {
    line('_Nothing logged._', '');
    return;
  }
  table(
    ['#', 'UTC', zone, 'Kind', 'Who', 'What'],
    pm.timeline.map((t) => {
      const words = inline(t.text);
      const what = t.deleted
        ? `~~${words}~~ _(deleted by ${inline(t.deleted.by)} at ${utc(t.deleted.at)})_`
        : (t.pinned ? `★ **${words}**` : words) +
          (t.progress.length ? ` _(${t.progress.map((p) => `${p.step} by ${inline(p.by)} ${utc(p.at)}`).join('; ')})_` : '') +
          (t.edited ? ' _(edited)_' : '') +
          (t.storedLate ? ` _(logged ${utc(t.recordedAt)})_` : '');
      return [String(t.seq), utc(t.at), local(t.at), inline(t.kind), `${inline(t.author)} · ${inline(t.console)}`, what];
    }),
  );
  // A task's progress is said on its row, not listed as an edit.
  const revised = pm.timeline.filter((t) => t.edited || t.history.some((v) => v.deleted));
  if (revised.length === 0) return;
  line('### Edits and deletions', '');
  for (const t of revised) {
    line(`- **#${t.seq}** ${inline(t.kind)} by ${inline(t.author)}:`);
    for (const v of t.history) line(`  - #${v.seq} recorded ${utc(v.recordedAt)} by ${inline(v.author)}: ${versionWords(v)}`);
  }
  line('');
}

export type PostmortemSnapshot = Postmortem['snapshots'][number];

/**
 * How a snapshot's picture appears in the document. The hub's own .md links the PNG on the hub
 * (it needs a token to open); the self-contained export points at a copy beside the document.
 */
export type SnapshotLink = (snapshot: PostmortemSnapshot) => string;

/** A link to the PNG on the hub. */
export const hubSnapshotLink: SnapshotLink = (p) => `[PNG](${p.url})`;

export function postmortemMarkdown(pm: Postmortem, snapshotLink: SnapshotLink = hubSnapshotLink): string {
  const zone = inline(pm.timeZone);
  const utc = (t: PostmortemTime | null) => (t ? `${readable(t.utc)} UTC` : NONE);
  const local = (t: PostmortemTime | null) => (t ? `${readable(t.local)} ${zone}` : NONE);
  const both = (t: PostmortemTime | null) => (t ? `${utc(t)} (${local(t)})` : NONE);
  const text = (value: string | null) => (value === null || value.trim() === '' ? NONE : inline(value));
  const stateWords = (a: Postmortem['actionItems'][number]): string => {
    const closed = a.closedAt ? ` ${utc(a.closedAt)}${a.closedBy ? ` by ${inline(a.closedBy)}` : ''}` : '';
    return `${FOLLOW_UP_STATE_WORDS[a.state]}${closed}`;
  };
  const out: string[] = [];
  const line = (...lines: string[]) => out.push(...lines);
  const table = (head: string[], rows: string[][]) => line(row(head), row(head.map(() => '---')), ...rows.map(row), '');
  const section = (id: PostmortemSection, numbered = false) => {
    const items = pm.sections[id];
    line(`## ${postmortemSectionLabels[id]}`, '');
    if (items.length === 0) line('_Not written yet._', '');
    else line(...items.map((item, i) => `${numbered ? `${i + 1}.` : '-'} ${block(item.text, numbered ? '   ' : '  ')}`), '');
  };

  const i = pm.incident;
  line(`# Postmortem: ${inline(i.title)}`, '');
  table(
    ['', ''],
    [
      ['Incident', inline(i.id)],
      ['Severity', i.severity],
      ['Priority', i.priority ?? NONE],
      ['Status', i.status],
      ['Declared', both(i.declaredAt)],
      ['Declared by', inline(i.declaredBy)],
      ['Commander', text(i.commander)],
      ['Room time zone', zone],
      ['Generated', `${readable(pm.generatedAt)} UTC`],
    ],
  );

  section('summary');

  const m = pm.impact;
  line('## Impact', '');
  table(
    ['', ''],
    [
      ['Impact', text(m.description)],
      ['Started', both(m.startedAt)],
      ['Ended', both(m.endedAt)],
      ['Duration', m.duration ?? NONE],
      ['Affected service', text(m.service)],
      ['Affected region', text(m.region)],
      ['Affected platform', text(m.platform)],
      ['Root-cause category', text(m.rootCauseCategory)],
      ['Responsible property', text(m.responsibleProperty)],
    ],
  );

  line('## Durations', '');
  table(
    ['Measure', 'From', 'To', 'Duration'],
    pm.durations.map((d) => [d.label, d.from, d.to, d.duration ?? `${NONE} (${inline(d.reason ?? 'unknown')})`]),
  );
  if (pm.markers.length) table(['Marker', 'UTC', zone], pm.markers.map((k) => [k.label, utc(k.at), local(k.at)]));

  line('## Key moments', '', 'Pinned moments, in the order they happened.', '');
  if (pm.keyMoments.length === 0) line('_Nothing pinned._', '');
  else table(['UTC', zone, 'Kind', 'Who', 'What'], pm.keyMoments.map((t) => [utc(t.at), local(t.at), inline(t.kind), inline(t.author), inline(t.text) + (t.edited ? ' _(edited)_' : '')]));

  timelineSection(pm, line, table, { utc, local, zone });

  line('## Tasks', '');
  if (pm.tasks.length === 0) line('_None._', '');
  else {
    table(
      ['Task', 'Owner', 'Given (UTC)', 'Due (UTC)', 'Acknowledged (UTC)', 'State'],
      pm.tasks.map((k) => [inline(k.text), inline(k.owner), utc(k.createdAt), utc(k.dueAt), k.acknowledgedAt ? `${utc(k.acknowledgedAt)} by ${inline(k.acknowledgedBy ?? k.owner)}` : NONE, k.done ? `done ${utc(k.doneAt)}` : k.overdue ? '▲ overdue' : 'open']),
    );
  }

  line('## Changes and deploys', '', 'Recorded during the incident, and those from the look-back window before impact started.', '');
  if (pm.changes.length === 0) line('_None recorded._', '');
  else {
    table(
      ['UTC', 'When', 'Service', 'Kind', 'What', 'Ref'],
      pm.changes.map((c) => [utc(c.at), c.beforeImpact ? 'before impact' : 'during', text(c.service), text(c.source), inline(c.text), c.url ? link(c.url) : text(c.ref)]),
    );
  }

  line('## Impact snapshots', '');
  if (pm.snapshots.length === 0) line('_None._', '');
  else line(...pm.snapshots.map((p) => `- ${utc(p.at)} · ${inline(p.author)} · ${p.panelId ? `${inline(p.panelId)}: ` : ''}${inline(p.text || 'snapshot')} — ${snapshotLink(p)}`), '');

  line('## Linked incidents', '');
  if (pm.linkedIncidents.length === 0) line('_None._', '');
  else table(['Incident', 'Note', 'Linked by', 'When (UTC)'], pm.linkedIncidents.map((l) => [inline(l.title), text(l.note || null), inline(l.linkedBy), utc(l.linkedAt)]));

  line('## Roles', '');
  if (pm.roles.length === 0) line('_Nobody held a role._', '');
  else table(['Role', 'Person', 'From (UTC)', 'To (UTC)', 'How'], pm.roles.map((r) => [r.role, inline(r.person), utc(r.from), r.to ? utc(r.to) : 'still holds it', r.via]));
  if (pm.handoffs.length) {
    table(
      ['Handoff', 'Offered (UTC)', 'Answer', 'Answered (UTC)'],
      pm.handoffs.map((h) => [`${h.role}: ${inline(h.from)} → ${inline(h.to)}`, utc(h.offeredAt), h.state + (h.reason ? ` (${inline(h.reason)})` : ''), utc(h.settledAt)]),
    );
  }

  line('## Status updates sent', '');
  if (pm.statusUpdates.length === 0) line('_None._', '');
  for (const u of pm.statusUpdates) {
    line(`### ${utc(u.sentAt)} · ${u.audience} · ${inline(u.author)}`, '');
    if (u.text.trim()) line(block(u.text), '');
    for (const [name, value] of [['Conditions', u.conditions], ['Actions', u.actions], ['Needs', u.needs]] as const) {
      if (value.trim()) line(`- **${name}:** ${block(value, '  ')}`);
    }
    line('');
  }

  section('five_whys', true);
  for (const id of postmortemSections) if (id !== 'summary' && id !== 'five_whys') section(id);

  line('## Action items', '');
  if (pm.actionItems.length === 0) line('_None._', '');
  else {
    table(
      ['Action', 'Owner', 'Due (UTC)', 'State', 'Type', 'Priority', 'Ticket'],
      pm.actionItems.map((a) => [inline(a.text), text(a.owner), utc(a.dueAt), stateWords(a), a.type ?? NONE, a.priority ?? NONE, link(a.ticketUrl)]),
    );
  }

  if (pm.problems.length) {
    line('## Entries that could not apply', '');
    line(...pm.problems.map((p) => `- ${inline(p.entryId)}: ${inline(p.message)}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
