import { useState } from 'react';
import { briefingFor, samePerson } from '../../shared/domain/incidents/timeline.ts';
import type { HandoffView, TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { roleNames, sharedRoles } from '../../shared/model/incident.ts';
import type { RoleName } from '../../shared/model/incident.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { HANDLE } from '../transport/incidents.ts';
import { useIncidents } from './context.tsx';
import { useCadencePolicy } from './hooks.ts';
import { clock, countdown, roleLabel } from './words.ts';

/** Who may correct anyone's entries (the hub enforces the same list). */
export const EDITOR_ROLES: readonly RoleName[] = ['commander', 'deputy', 'scribe'];

export function holds(view: TimelineView, role: RoleName, person: string | null): boolean {
  return person !== null && view.roles[role].some((p) => samePerson(p, person));
}

const stateWord: Record<HandoffView['state'], string> = {
  pending: 'waiting for an answer',
  accepted: 'accepted',
  declined: 'declined',
  expired: 'lapsed (no answer)',
  cancelled: 'withdrawn',
};
const stateIcon: Record<HandoffView['state'], string> = { pending: '◌', accepted: '✓', declined: '✖', expired: '⊘', cancelled: '↶' };

export function RolesPanel({ incidentId, view, timeZone }: { incidentId: string; view: TimelineView; timeZone: string }) {
  const incidents = useIncidents();
  const me = useApp((s) => s.identity.person);
  const now = useHubNow();
  const policy = useCadencePolicy();
  const myRoles = roleNames.filter((r) => holds(view, r, me));
  const [role, setRole] = useState<RoleName | ''>('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const offerRole = role === '' ? (myRoles[0] ?? '') : role;
  const hm = (ms: number) => clock(ms, timeZone).slice(0, 5);

  const run = async (what: () => Promise<unknown>) => {
    try {
      await what();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const offer = () =>
    run(async () => {
      const person = to.trim().replace(/^@/, '');
      if (!offerRole) throw new Error('You hold no role to hand over');
      if (!HANDLE.test(person)) throw new Error('Hand it to one person: their @name');
      if (me && samePerson(person, me)) throw new Error('You already hold it');
      // The receiver reads this before accepting: generated from the timeline, not remembered.
      const briefing = briefingFor(view, now, policy);
      await incidents.log({ incidentId, kind: 'handoff', text: '', occurredAt: now, data: { step: 'offer', role: offerRole, from: me!, to: person, briefing } });
      setTo('');
    });

  const take = (r: RoleName) =>
    run(() => incidents.log({ incidentId, kind: 'role', text: '', occurredAt: now, data: { role: r, person: me!, action: 'assign' } }));
  const release = (r: RoleName) =>
    run(() => incidents.log({ incidentId, kind: 'role', text: '', occurredAt: now, data: { role: r, person: me!, action: 'release' } }));
  const withdraw = (h: HandoffView) => run(() => incidents.log({ incidentId, kind: 'handoff', text: '', occurredAt: now, data: { step: 'cancel', offerId: h.offerId } }));

  const handoffs = [...view.handoffs].sort((a, b) => b.offeredAt - a.offeredAt);
  return (
    <section className="side-card roles" data-testid="roles">
      <h3>Roles</h3>
      <ul className="role-list">
        {roleNames.map((r) => {
          const holders = view.roles[r];
          const mine = holds(view, r, me);
          const open = holders.length === 0 || sharedRoles.includes(r);
          if (holders.length === 0 && r !== 'commander' && r !== 'deputy' && r !== 'scribe' && !mine) return null;
          return (
            <li key={r} data-testid={`role-${r}`} data-holder={holders.join(',')}>
              <span className="role-name">{roleLabel(r)}</span>{' '}
              <span className="role-holder">{holders.length ? holders.map((p) => `@${p}`).join(', ') : <span className="muted">nobody</span>}</span>
              {me && mine && (
                <button type="button" className="small" onClick={() => void release(r)}>
                  release
                </button>
              )}
              {me && !mine && open && (
                <button type="button" className="small" onClick={() => void take(r)} data-testid={`role-take-${r}`}>
                  take
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <details className="role-others">
        <summary>Other roles</summary>
        <ul className="role-list">
          {roleNames
            .filter((r) => view.roles[r].length === 0 && r !== 'commander' && r !== 'deputy' && r !== 'scribe')
            .map((r) => (
              <li key={r}>
                <span className="role-name">{roleLabel(r)}</span> <span className="muted">nobody</span>
                {me && (
                  <button type="button" className="small" onClick={() => void take(r)}>
                    take
                  </button>
                )}
              </li>
            ))}
        </ul>
      </details>

      {myRoles.length > 0 && (
        <form
          className="handoff-form"
          data-testid="handoff-form"
          onSubmit={(event) => {
            event.preventDefault();
            void offer();
          }}
        >
          <label>
            Hand over{' '}
            <select value={offerRole} onChange={(e) => setRole(e.target.value as RoleName)} data-testid="handoff-role">
              {myRoles.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            to <input value={to} onChange={(e) => setTo(e.target.value)} placeholder="@name" maxLength={65} data-testid="handoff-to" />
          </label>{' '}
          <button type="submit" data-testid="handoff-offer-send">
            Offer with briefing
          </button>
          <p className="hint">The role moves only when they accept on their console.</p>
        </form>
      )}
      {error && <p className="form-error">{error}</p>}

      {handoffs.length > 0 && (
        <>
          <h4>Handoffs</h4>
          <ul className="handoff-list" data-testid="handoff-list">
            {handoffs.map((h) => {
              const lapsed = h.state === 'pending' && now > h.expiresAt;
              const state = lapsed ? 'expired' : h.state;
              return (
                <li key={h.offerId} data-state={state} data-testid="handoff-item">
                  <span aria-hidden="true">{stateIcon[state]} </span>
                  {roleLabel(h.role)}: @{h.from} → @{h.to} <span className="muted">at {hm(h.offeredAt)}</span> · <strong>{stateWord[state]}</strong>
                  {state === 'pending' && <span className="muted"> · lapses in {countdown(h.expiresAt - now)}</span>}
                  {h.reason && <span className="muted"> · {h.reason}</span>}
                  {state === 'pending' && me && samePerson(h.from, me) && (
                    <button type="button" className="small" onClick={() => void withdraw(h)}>
                      withdraw
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}

      <details className="role-history" data-testid="role-history">
        <summary>Role history ({view.roleHistory.length})</summary>
        <ul>
          {view.roleHistory.map((span, i) => (
            <li key={`${span.entryId}-${i}`}>
              {roleLabel(span.role)}: @{span.person} {hm(span.from)}–{span.to === null ? 'now' : hm(span.to)}{' '}
              <span className="muted">
                ({span.via === 'handoff' ? 'accepted a handoff' : 'took it'}
                {span.endedBy ? `; ${span.endedBy === 'handoff' ? 'handed over' : 'released'}` : ''})
              </span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
