/**
 * The scribe line: one always-focused input where a prefix sets the kind of entry, so nobody
 * opens a dialog during an outage.
 *
 *   roll back started             a note
 *   d: / a: / h: / f: / todo:     decision, action taken, hypothesis, finding, follow-up
 *   todo: @bob 7d …               a follow-up owned by bob, due in 7 days (2w, due:2026-12-20)
 *   deploy: / rollback: / flag: / change:   a change, also kept in the hub's change log;
 *   rollback: #entitlement-api to 4.2.0     "#name" names its service (else the incident's)
 *   !sev 1  !status mitigated  !mark impact
 *   @maria 10m check CDN logs     a task for maria, time-boxed to 10 minutes
 *   -3m …  or  @14:05 …           backdate (before or after the prefix)
 *
 * The time of an entry is the first keystroke, not Enter: by the time a sentence is typed the
 * moment it describes is already a minute old.
 */
import {
  canTransition,
  incidentStatuses,
  markerKinds,
  markerLabels,
  MAX_ENTRY_TEXT,
  severityLabel,
  statusTransitions,
  type IncidentStatus,
  type MarkerKind,
  type Severity,
} from '../../model/incident.ts';
import type { ChangeKind } from '../../protocol/incidents.ts';
import { formatDuration, statusMarkers } from './durations.ts';
import { markerStatuses } from './marker-status.ts';
import { dueDayWords, readDue } from './follow-up-due.ts';
import { addDays, formatClock, instantsAt, sameDay, wallClockAt } from './zoned-time.ts';

export interface ScribeContext {
  /** When the first character of this line was typed (hub clock). */
  firstKeystrokeAt: number;
  /** Now (hub clock): Enter, or the moment of the preview. */
  now: number;
  /** The room's IANA time zone, in which "@14:05" is read. */
  timeZone: string;
  /** When known, `!status` is checked against the lifecycle from here. */
  currentStatus?: IncidentStatus;
}

interface Parsed {
  ok: true;
  /** The rest of the line, trimmed. */
  text: string;
  occurredAt: number;
  /** How far before the first keystroke the entry was placed, when it was backdated. */
  backdatedBy?: number;
}

/** A parsed line. `data` is valid entry data for its kind (see model/incident.ts). */
export type ParsedLine =
  | (Parsed & { kind: 'note' | 'decision' | 'action' | 'finding'; data: Record<string, never> })
  | (Parsed & { kind: 'todo'; data: { owner?: string; dueAt?: number } })
  | (Parsed & { kind: 'hypothesis'; data: { state: 'open' } })
  | (Parsed & { kind: 'change'; data: { source: ChangeKind; service?: string } })
  | (Parsed & { kind: 'severity'; data: { severity: Severity } })
  | (Parsed & { kind: 'status'; data: { status: IncidentStatus; from?: IncidentStatus } })
  | (Parsed & { kind: 'marker'; data: { marker: MarkerKind } })
  | (Parsed & { kind: 'task'; data: { owner: string; timeboxMs?: number; dueAt?: number; done: false } })
  | { ok: false; error: string };

export type ScribeKind = Extract<ParsedLine, { ok: true }>['kind'];

/** The statuses a scribe may set. Declared is how an incident starts; closing is done from the console. */
export const scribeStatuses = incidentStatuses.filter((s) => s !== 'declared' && s !== 'closed');

const PREFIXES: Record<string, ScribeKind> = { d: 'decision', a: 'action', h: 'hypothesis', f: 'finding', todo: 'todo' };
/**
 * The change prefixes and the kind of change each records (as the change webhook's `kind`).
 * "change:" is any other change: a config push, an infra change. ("config:" is not one: a note
 * such as "config: TTL is 5s" must stay a note.)
 */
export const CHANGE_PREFIXES: Readonly<Record<string, ChangeKind>> = { deploy: 'deploy', rollback: 'rollback', flag: 'feature_flag', change: 'config' };
/** "#entitlement-api" names a change's service: a letter first, so "PR #4711" stays words. */
const SERVICE_TAG = /(?:^|\s)#([\p{L}][\p{L}\p{N}._-]*)/u;
const COMMANDS: Record<string, 'severity' | 'status' | 'marker'> = {
  sev: 'severity',
  severity: 'severity',
  status: 'status',
  mark: 'marker',
  marker: 'marker',
};
const NEEDS_WORDS: Partial<Record<ScribeKind, string>> = {
  decision: 'a decision needs some words, e.g. "d: roll back the CDN config"',
  action: 'an action needs some words, e.g. "a: restarted the edge pods"',
  hypothesis: 'a hypothesis needs some words, e.g. "h: the new CDN config drops the auth header"',
  finding: 'a finding needs some words, e.g. "f: the 403s are only on the EU edge"',
  todo: 'a follow-up needs some words, e.g. "todo: alert on the 403 rate per edge"',
  change: 'a change needs some words, e.g. "rollback: #entitlement-api back to 4.2.0"',
};

const MAX_BACK = 86_400_000;
const MAX_TIMEBOX = 86_400_000;
/** "@14:05" up to this far in the future is today (clocks differ); further, it was yesterday. */
const FUTURE_SLACK = 60_000;

/** "30s", "10m", "10min", "1h", "1h30m" → ms; null when it is not a span. */
export function parseSpan(token: string): number | null {
  const m = /^(?:(\d+)h)?(?:(\d+)m(?:in)?)?(?:(\d+)s)?$/i.exec(token);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  return Number(m[1] ?? 0) * 3_600_000 + Number(m[2] ?? 0) * 60_000 + Number(m[3] ?? 0) * 1000;
}

type TimeMark = { token: string } & ({ type: 'back'; ms: number } | { type: 'clock'; hour: number; minute: number; second: number });

/** A backdating token, an error for something that looks like a time but is not, or null. */
function timeMark(token: string): TimeMark | { error: string } | null {
  if (token.startsWith('-')) {
    const ms = parseSpan(token.slice(1));
    if (ms === null) return null; // "-1 for that idea" is a note
    if (ms > MAX_BACK) return { error: `"${token}" is more than a day back: backdating is limited to 24 h` };
    return { token, type: 'back', ms };
  }
  if (/^@\d/.test(token)) {
    const m = /^@(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(token);
    if (!m) return { error: `"${token}" is not a time: write @14:05 (or @14:05:30), or @name for a task` };
    const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) return { error: `"${token}" is not a time of day` };
    return { token, type: 'clock', hour, minute, second };
  }
  return null;
}

/**
 * The instant "@14:05" means: that wall-clock time today in the room, or yesterday when today's
 * is still more than a minute away. Around a DST change the latest such instant that is not in
 * the future wins (on the night the clocks go back, 01:10 typed at 01:20 GMT means ten minutes
 * ago, not seventy).
 */
function clockToInstant(mark: Extract<TimeMark, { type: 'clock' }>, now: number, timeZone: string): number {
  const today = wallClockAt(now, timeZone);
  const candidates = [0, -1].flatMap((days) => instantsAt({ ...addDays(today, days), hour: mark.hour, minute: mark.minute, second: mark.second }, timeZone).instants);
  return Math.max(...candidates.filter((t) => t <= now + FUTURE_SLACK));
}

/** Matches an owner: letters first, then letters, digits, ".", "_" or "-"; a trailing ":" or "," is allowed. */
const OWNER = /^@([\p{L}_][\p{L}\p{N}._-]*?)[:,]?$/u;

function matchIn<T extends string>(word: string, options: readonly T[], aliases: Record<string, T> = {}): T | null {
  const w = word.toLowerCase().replace(/-/g, '_');
  if (aliases[w]) return aliases[w];
  if ((options as readonly string[]).includes(w)) return w as T;
  // A unique prefix of three letters or more: "!status mit", "!mark ack".
  const hits = w.length >= 3 ? options.filter((o) => o.startsWith(w)) : [];
  return hits.length === 1 ? hits[0]! : null;
}

export function parseScribeLine(line: string, ctx: ScribeContext): ParsedLine {
  const parsed = parseLine(line, ctx);
  // Said before Enter and refused, never cut: the hub keeps MAX_ENTRY_TEXT characters at most.
  if (parsed.ok && parsed.text.length > MAX_ENTRY_TEXT) return { ok: false, error: tooLong(parsed.text.length) };
  return parsed;
}

/** "10,000 characters at most: 1,317 would be cut …" */
export function tooLong(length: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(MAX_ENTRY_TEXT)} characters at most: ${n(length - MAX_ENTRY_TEXT)} of these ${n(length)} would be cut, so nothing is logged. Shorten it, or keep the whole text elsewhere (a ticket, a paste) and log its link`;
}

function parseLine(line: string, ctx: ScribeContext): ParsedLine {
  let rest = line.trim();
  if (rest === '') return { ok: false, error: 'nothing to log: type a note, or start with d: a: h: f: todo: deploy: rollback: flag: change: !sev !status !mark or @name' };

  const peek = (): string => /^\S+/.exec(rest)?.[0] ?? '';
  const take = (length: number): void => {
    rest = rest.slice(length).trimStart();
  };

  let time: TimeMark | undefined;
  /** Consumes a backdating token at the cursor; returns an error, or whether it took one. */
  const takeTime = (): string | boolean => {
    const token = peek();
    const mark = timeMark(token);
    if (mark === null) return false;
    if ('error' in mark) return mark.error;
    if (time) return `two times given ("${time.token}" and "${token}"): keep one`;
    time = mark;
    take(token.length);
    return true;
  };

  let kind: ScribeKind | undefined;
  let command: string | undefined;
  let arg: string | undefined;
  let owner: string | undefined;
  let timeboxMs: number | undefined;
  let dueAt: number | undefined;
  let changeKind: ChangeKind | undefined;

  // The head: time marks, then a prefix / command / owner, each in any order the scribe types them.
  for (;;) {
    const timed = takeTime();
    if (typeof timed === 'string') return { ok: false, error: timed };
    if (timed) continue;
    if (kind) break;

    const changePrefix = /^(deploy|rollback|flag|change)\s*:/i.exec(rest);
    if (changePrefix) {
      kind = 'change';
      changeKind = CHANGE_PREFIXES[changePrefix[1]!.toLowerCase()]!;
      take(changePrefix[0].length);
      continue;
    }
    const prefix = /^(todo|d|a|h|f)\s*:/i.exec(rest);
    if (prefix) {
      kind = PREFIXES[prefix[1]!.toLowerCase()]!;
      take(prefix[0].length);
      if (kind !== 'todo') continue;
      // Its owner and due date, in either order, a time mark allowed among them ("todo: @bob 7d …").
      for (;;) {
        const t = takeTime();
        if (typeof t === 'string') return { ok: false, error: t };
        if (t) continue;
        const token = peek();
        const at = OWNER.exec(token);
        if (at) {
          if (owner !== undefined) return { ok: false, error: `a follow-up has one owner (@${owner}, ${token}): log one per person` };
          owner = at[1]!;
          take(token.length);
          continue;
        }
        // A bare "7d" / "2w"; a date only after "due:", so a line may start with one ("todo: 2026-12-20 review").
        const labelled = /^due:/i.test(token);
        if (!labelled && !/^\d+[dw]$/i.test(token)) break;
        const due = readDue(labelled ? token.slice(4) : token, ctx.now, ctx.timeZone);
        if (due === null || dueAt !== undefined) {
          return { ok: false, error: dueAt !== undefined ? `two due dates given ("${token}"): keep one` : `"${token}" is not a due date: write 7d, 2w or due:2026-12-20` };
        }
        if ('error' in due) return { ok: false, error: due.error };
        dueAt = due.dueAt;
        take(token.length);
      }
      continue;
    }
    const bang = /^!([a-z_]+)/i.exec(rest);
    if (bang) {
      command = bang[1]!.toLowerCase();
      const k = COMMANDS[command];
      if (!k) return { ok: false, error: `unknown command "!${command}": use !sev, !status or !mark` };
      kind = k;
      take(bang[0].length);
      // Its argument, with a time mark allowed on either side ("!mark -3m mitigated").
      const before = takeTime();
      if (typeof before === 'string') return { ok: false, error: before };
      arg = peek() || undefined;
      if (arg) take(arg.length);
      continue;
    }
    const at = OWNER.exec(peek());
    if (at) {
      kind = 'task';
      owner = at[1]!;
      take(peek().length);
      // The time box, with a time mark allowed on either side ("@maria -3m 10m …").
      for (;;) {
        const t = takeTime();
        if (typeof t === 'string') return { ok: false, error: t };
        if (t) continue;
        const token = peek();
        if (OWNER.test(token)) return { ok: false, error: `a task has one owner (@${owner}, ${token}): send one line per person` };
        const span = timeboxMs === undefined ? parseSpan(token) : null;
        if (span === null) break;
        if (span === 0) return { ok: false, error: `a time box must be longer than zero ("${token}")` };
        if (span > MAX_TIMEBOX) return { ok: false, error: `a time box over a day ("${token}") is a follow-up: use todo:` };
        timeboxMs = span;
        take(token.length);
      }
      continue;
    }
    kind = 'note';
    break;
  }

  const text = rest.trim();
  let occurredAt = ctx.firstKeystrokeAt;
  if (time?.type === 'back') occurredAt = ctx.firstKeystrokeAt - time.ms;
  else if (time?.type === 'clock') occurredAt = clockToInstant(time, ctx.now, ctx.timeZone);
  const backdatedBy = time && ctx.firstKeystrokeAt - occurredAt > 0 ? ctx.firstKeystrokeAt - occurredAt : undefined;
  const base = { ok: true as const, text, occurredAt, ...(backdatedBy !== undefined ? { backdatedBy } : {}) };

  switch (kind) {
    case 'severity': {
      if (!arg) return { ok: false, error: 'which severity? e.g. "!sev 1" (1 is the most severe, 4 the least)' };
      const m = /^(?:sev)?([1-4])$/i.exec(arg);
      if (!m) return { ok: false, error: `unknown severity "${arg}": use 1 (most severe), 2, 3 or 4` };
      return { ...base, kind, data: { severity: Number(m[1]) as Severity } };
    }
    case 'status': {
      if (!arg) return { ok: false, error: `which status? use one of ${scribeStatuses.join(', ')}` };
      const status = matchIn(arg, incidentStatuses);
      if (status === 'closed') return { ok: false, error: 'close the incident from the console: it checks every follow-up has an owner and a due date first' };
      if (status === 'declared') return { ok: false, error: 'an incident is declared once, when it starts: use one of ' + scribeStatuses.join(', ') };
      if (!status) return { ok: false, error: `unknown status "${arg}": use one of ${scribeStatuses.join(', ')}` };
      const from = ctx.currentStatus;
      if (from !== undefined) {
        if (from === status) return { ok: false, error: `the incident is already ${status}` };
        if (!canTransition(from, status)) {
          const targets = statusTransitions[from].filter((s) => s !== 'closed');
          return {
            ok: false,
            error: targets.length
              ? `the incident is ${from}: from there it can go to ${targets.join(', ')}`
              : `the incident is ${from}: its status can no longer change`,
          };
        }
      }
      return { ...base, kind, data: from !== undefined ? { status, from } : { status } };
    }
    case 'marker': {
      if (!arg) return { ok: false, error: `which marker? use one of impact, ${markerKinds.slice(1).join(', ')}` };
      const marker = matchIn(arg, markerKinds, { impact: 'impact_started', start: 'impact_started', ack: 'acknowledged' });
      if (!marker) return { ok: false, error: `unknown marker "${arg}": use one of impact, ${markerKinds.slice(1).join(', ')}` };
      return { ...base, kind, data: { marker } };
    }
    case 'task': {
      if (!text) return { ok: false, error: `what should @${owner} do? e.g. "@${owner} 10m check the CDN logs"` };
      // The time box runs from when the owner hears it (Enter), or from the backdated moment.
      const dueAt = timeboxMs === undefined ? undefined : (time ? occurredAt : ctx.now) + timeboxMs;
      return { ...base, kind, data: { owner: owner!, ...(timeboxMs !== undefined ? { timeboxMs, dueAt } : {}), done: false } };
    }
    case 'hypothesis':
      if (!text) return { ok: false, error: NEEDS_WORDS.hypothesis! };
      return { ...base, kind, data: { state: 'open' } };
    case 'note':
      if (!text) return { ok: false, error: `nothing to log after "${time?.token ?? ''}": type what happened` };
      return { ...base, kind, data: {} };
    case 'change': {
      if (!text) return { ok: false, error: NEEDS_WORDS.change! };
      // The tag names the service and stays in the words, without its "#": "rolled out entitlement-api 4.2.1".
      const tag = SERVICE_TAG.exec(text);
      const words = tag ? `${text.slice(0, tag.index)}${tag[0].replace('#', '')}${text.slice(tag.index + tag[0].length)}` : text;
      return { ...base, kind, text: words, data: { source: changeKind!, ...(tag ? { service: tag[1]!.slice(0, 120) } : {}) } };
    }
    case 'todo':
      if (!text) return { ok: false, error: NEEDS_WORDS.todo! };
      return { ...base, kind, data: { ...(owner !== undefined ? { owner } : {}), ...(dueAt !== undefined ? { dueAt } : {}) } };
    default:
      if (!text) return { ok: false, error: NEEDS_WORDS[kind!]! };
      return { ...base, kind: kind!, data: {} };
  }
}

const LABELS: Record<ScribeKind, string> = {
  note: 'Note',
  decision: 'Decision',
  action: 'Action taken',
  hypothesis: 'Hypothesis',
  finding: 'Finding',
  todo: 'Follow-up',
  severity: 'Severity',
  status: 'Status',
  marker: 'Marker',
  task: 'Task',
  change: 'Change',
};

/**
 * What the line will log, in words, shown under the input as the scribe types: "Decision at
 * 14:03:12 — roll back the CDN config". An error is shown as is. With `now`, an entry that lands
 * on the previous day says so.
 */
export function previewScribeLine(parsed: ParsedLine, timeZone: string, now?: number): string {
  if (!parsed.ok) return parsed.error;
  const day = now !== undefined && parsed.occurredAt < now && !sameDay(parsed.occurredAt, now, timeZone) ? ' yesterday' : '';
  const back = parsed.backdatedBy !== undefined && parsed.backdatedBy >= 1000 ? ` (backdated ${formatDuration(parsed.backdatedBy)})` : '';
  const at = `at ${formatClock(parsed.occurredAt, timeZone)}${day}${back}`;
  const words = parsed.text ? ` — ${parsed.text}` : '';
  switch (parsed.kind) {
    case 'severity':
      return `Severity: ${severityLabel(parsed.data.severity)} ${at}${words}`;
    case 'status': {
      const marker = statusMarkers[parsed.data.status];
      const marks = marker ? ` (and the "${markerLabels[marker]}" marker, if none yet)` : '';
      return `Status: ${parsed.data.from ? `${parsed.data.from} → ` : ''}${parsed.data.status} ${at}${marks}${words}`;
    }
    case 'marker': {
      const status = markerStatuses[parsed.data.marker];
      const sets = status ? ` (and the status ${status}, unless further along)` : '';
      return `Marker: ${markerLabels[parsed.data.marker]} ${at}${sets}${words}`;
    }
    case 'task': {
      const { owner, dueAt, timeboxMs } = parsed.data;
      if (dueAt === undefined || timeboxMs === undefined) return `Task for @${owner}, no time box${words}`;
      if (parsed.backdatedBy !== undefined) return `Task for @${owner} ${at}, due ${formatClock(dueAt, timeZone)}${words}`;
      return `Task for @${owner}, due in ${formatDuration(timeboxMs)}${words}`;
    }
    case 'change': {
      const { source, service } = parsed.data;
      return `Change (${source.replace('_', ' ')}${service ? ` of ${service}` : ''}) ${at}${words} · also a marker on the charts`;
    }
    case 'todo': {
      const { owner, dueAt } = parsed.data;
      const who = owner !== undefined ? `, owner @${owner}` : '';
      const due = dueAt !== undefined ? `, due ${dueDayWords(dueAt, timeZone)}` : '';
      const needs = [owner === undefined && '@owner', dueAt === undefined && 'due date (7d, 2w, due:2026-12-20)'].filter(Boolean).join(' and ');
      return `Follow-up ${at}${who}${due}${words}${needs ? ` · still needs ${needs} before the incident can close` : ''}`;
    }
    default:
      return `${LABELS[parsed.kind]} ${at}${words}`;
  }
}
