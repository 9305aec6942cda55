/**
 * The incident's record: title, affected service, priority, region, platform, root-cause
 * category, impact and responsible property, each with who set it. What the postmortem's header,
 * the weekly review's counts by cause and service, the pages' team and "last time this happened"
 * are made of. A save is one `bookkeeping` entry with the fields that changed, through the outbox
 * like any entry (offline-safe, append-only, broadcast to every console).
 */
import { useMemo, useState } from 'react';
import { KEPT_FIELDS, keepsRecord, recordKeepersWords } from '../../shared/domain/incidents/record-keepers.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { priorities } from '../../shared/model/incident.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { useOutboxFor } from './hooks.ts';
import { causeChoices, currentRecord, recordChange, recordFieldLabels, recordFields, serviceChoices, withKnownCause } from './record.ts';
import type { RecordEdits, RecordField, ServiceChoice } from './record.ts';
import { clock } from './words.ts';
import './record.css';

const NO_TEAMS: never[] = [];
const isKept = (field: RecordField): boolean => (KEPT_FIELDS as readonly string[]).includes(field);

/** The services of the workspace's teams, to pick from (anything else may be typed). */
export function useServiceChoices(): ServiceChoice[] {
  const teams = useApp((s) => s.workspace.workspace?.teams ?? NO_TEAMS);
  return useMemo(() => serviceChoices(teams), [teams]);
}

/** The causes to offer: the workspace's, then those recorded in the room's incidents. */
function useCauseChoices(): string[] {
  const causes = useApp((s) => s.workspace.workspace?.incidents?.causes);
  const summaries = useApp((s) => s.incidents.summaries);
  return useMemo(() => causeChoices(causes, Object.values(summaries).map((i) => i.rootCauseCategory)), [causes, summaries]);
}

export function ServiceOptions({ id, choices }: { id: string; choices: readonly ServiceChoice[] }) {
  return (
    <datalist id={id}>
      {choices.map((c) => (
        <option key={c.service} value={c.service}>
          {c.team}
        </option>
      ))}
    </datalist>
  );
}

const MAX_LENGTH: Readonly<Record<RecordField, number>> = {
  title: 200,
  service: 120,
  priority: 2,
  region: 120,
  platform: 120,
  rootCauseCategory: 120,
  impact: 4000,
  responsibleProperty: 120,
};

const PLACEHOLDER: Partial<Record<RecordField, string>> = {
  region: 'e.g. eu-west',
  platform: 'e.g. web, iOS, smart TV',
  rootCauseCategory: 'e.g. change, capacity',
  impact: 'Who was hurt and how: viewers, streams, regions, tickets',
  responsibleProperty: 'The system or vendor at fault',
};

export function RecordCard({ incidentId, view, timeZone }: { incidentId: string; view: TimelineView; timeZone: string }) {
  const incidents = useIncidents();
  const outbox = useOutboxFor(incidentId);
  const me = useApp((s) => s.identity.person);
  const admin = useApp((s) => s.connection.role === 'admin');
  // Cause and impact are the record keepers' (the hub refuses them from anyone else, saying why).
  const keeper = keepsRecord(view, me, admin);
  const now = useHubNow();
  const services = useServiceChoices();
  const causes = useCauseChoices();
  const current = useMemo(() => currentRecord(view, outbox), [view, outbox]);
  const [edits, setEdits] = useState<RecordEdits>({});
  const [error, setError] = useState<string | null>(null);
  // A keeper's role handed on mid-edit: the open fields still go, the kept ones are not sent to be refused.
  const sendable = keeper ? edits : Object.fromEntries(Object.entries(edits).filter(([f]) => !isKept(f as RecordField)));
  const change = recordChange(current, withKnownCause(sendable, causes));
  const listId = (what: string) => `record-${what}-${incidentId}`;

  const save = async () => {
    if (change.kind !== 'change') return;
    try {
      await incidents.log({ incidentId, kind: 'bookkeeping', text: change.text, occurredAt: now, data: change.data });
      setEdits({});
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const input = (field: RecordField) => {
    const common = {
      id: listId(`input-${field}`),
      'data-testid': `record-input-${field}`,
      value: edits[field] ?? current[field].value ?? '',
      disabled: !me || (!keeper && isKept(field)),
    };
    const set = (value: string) => setEdits({ ...edits, [field]: value });
    if (field === 'priority') {
      return (
        <select {...common} onChange={(e) => set(e.target.value)}>
          <option value="">—</option>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      );
    }
    if (field === 'impact') return <textarea {...common} rows={3} maxLength={MAX_LENGTH.impact} placeholder={PLACEHOLDER.impact} onChange={(e) => set(e.target.value)} />;
    const list = field === 'service' ? listId('services') : field === 'rootCauseCategory' ? listId('causes') : undefined;
    return <input {...common} maxLength={MAX_LENGTH[field]} list={list} placeholder={PLACEHOLDER[field]} onChange={(e) => set(e.target.value)} />;
  };

  return (
    <section className="side-card record-card" data-testid="record-card">
      <h3>Record</h3>
      <form
        className="record-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {recordFields.map((field) => {
          const v = current[field];
          const edited = edits[field] !== undefined && (edits[field]!.trim() || null) !== v.value;
          return (
            <div key={field} className="record-field" data-field={field} data-testid={`record-${field}`} data-edited={edited} data-pending={v.pending}>
              <label htmlFor={listId(`input-${field}`)}>{recordFieldLabels[field]}</label>
              {input(field)}
              <span className="record-by" data-testid={`record-by-${field}`}>
                {v.by === null ? 'not set' : `${v.value === null ? 'cleared' : 'set'} by @${v.by}${v.at !== null ? ` at ${clock(v.at, timeZone).slice(0, 5)}` : ''}`}
                {v.pending && <span className="pending-badge"> ◌ not yet sent</span>}
              </span>

            </div>
          );
        })}
        <ServiceOptions id={listId('services')} choices={services} />
        <datalist id={listId('causes')}>
          {causes.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <div className="can-actions">
          <button type="submit" className="primary" data-testid="record-save" disabled={!me || change.kind !== 'change'}>
            Save record
          </button>
          <button type="button" data-testid="record-undo" disabled={Object.keys(edits).length === 0} onClick={() => setEdits({})}>
            Undo edits
          </button>
        </div>
        {change.kind === 'invalid' && (
          <p className="form-error" data-testid="record-invalid">
            {change.message}
          </p>
        )}
        {error && <p className="form-error">{error}</p>}
        {!me && <p className="hint">Enter your name above to fill the record.</p>}
        {me && !keeper && (
          <p className="hint" data-testid="record-kept">
            Root cause and impact are set by {recordKeepersWords(view)}; propose yours with a note or a follow-up.
          </p>
        )}
      </form>
    </section>
  );
}
