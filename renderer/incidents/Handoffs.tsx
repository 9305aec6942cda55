/**
 * Handoff with acknowledgement: the receiver's console shows the offer with its briefing, and the
 * role moves only when they accept. Offers waiting for me show on the incidents page and in the
 * incident; every offer, answer, withdrawal and lapse is in the timeline and in the roles panel.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { samePerson } from '../../shared/domain/incidents/timeline.ts';
import type { HandoffView } from '../../shared/domain/incidents/timeline.ts';
import type { Briefing } from '../../shared/model/incident.ts';
import { routeHash } from '../app/router.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { useIncidentView, useRoomTimeZone, useSummary } from './hooks.ts';
import { clock, countdown, roleLabel, sevText, titleWords } from './words.ts';

export function BriefingView({ briefing, timeZone, now }: { briefing: Briefing; timeZone: string; now: number }) {
  const hm = (ms: number) => clock(ms, timeZone).slice(0, 5);
  return (
    <div className="briefing" data-testid="briefing">
      <p>
        <strong>Now:</strong> {briefing.severity ? `${sevText(briefing.severity)}, ` : ''}
        {briefing.status} <span className="muted">(briefing made {hm(briefing.generatedAt)})</span>
      </p>
      <div className="briefing-grid">
        <section>
          <h4>Open tasks ({briefing.openTasks.length})</h4>
          {briefing.openTasks.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul>
              {briefing.openTasks.map((t) => (
                <li key={t.id} data-overdue={t.dueAt !== null && t.dueAt < now}>
                  @{t.owner}: {t.text}
                  {t.dueAt !== null && <span className="muted"> · due {hm(t.dueAt)}</span>}
                  {t.dueAt !== null && t.dueAt < now && <span className="overdue-word"> ▲ overdue</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h4>Live hypotheses ({briefing.liveHypotheses.length})</h4>
          {briefing.liveHypotheses.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul>
              {briefing.liveHypotheses.map((h) => (
                <li key={h.id}>{h.text}</li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h4>Last status update</h4>
          {briefing.lastStatusUpdate ? (
            <div className="can-readout">
              <p className="muted">
                {briefing.lastStatusUpdate.audience} at {hm(briefing.lastStatusUpdate.sentAt)}
              </p>
              <p>
                <strong>Conditions:</strong> {briefing.lastStatusUpdate.conditions}
              </p>
              <p>
                <strong>Actions:</strong> {briefing.lastStatusUpdate.actions}
              </p>
              <p>
                <strong>Needs:</strong> {briefing.lastStatusUpdate.needs}
              </p>
            </div>
          ) : (
            <p className="muted">None sent yet</p>
          )}
        </section>
        <section>
          <h4>Next updates due</h4>
          {briefing.nextUpdates.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul>
              {briefing.nextUpdates.map((u) => (
                <li key={u.audience} data-overdue={u.dueAt < now}>
                  {u.audience}: {hm(u.dueAt)} {u.dueAt < now ? <span className="overdue-word">▲ overdue</span> : <span className="muted">in {countdown(u.dueAt - now)}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h4>Comms sent ({briefing.commsSent?.length ?? 0})</h4>
          {!briefing.commsSent || briefing.commsSent.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul data-testid="briefing-comms">
              {briefing.commsSent.map((u) => (
                <li key={u.id}>
                  <span className="muted">
                    {hm(u.sentAt)} · {u.audience}:
                  </span>{' '}
                  {u.text}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h4>Follow-ups without owner ({briefing.pendingTodos.length})</h4>
          {briefing.pendingTodos.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul>
              {briefing.pendingTodos.map((t) => (
                <li key={t.id}>{t.text}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

/** One offer to me: the briefing, Accept / Decline. */
export function OfferCard({ incidentId, offer, showIncident }: { incidentId: string; offer: HandoffView; showIncident: boolean }) {
  const incidents = useIncidents();
  const summary = useSummary(incidentId);
  const timeZone = useRoomTimeZone();
  const now = useHubNow();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const left = offer.expiresAt - now;

  const answer = async (step: 'accept' | 'decline') => {
    try {
      await incidents.log({
        incidentId,
        kind: 'handoff',
        text: '',
        occurredAt: now,
        data: step === 'accept' ? { step, offerId: offer.offerId } : { step, offerId: offer.offerId, ...(reason.trim() ? { reason: reason.trim().slice(0, 500) } : {}) },
      });
      setDeclining(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="offer-card" data-testid="handoff-offer" data-role={offer.role}>
      <h3>
        <span aria-hidden="true">⇆ </span>@{offer.from} offers you <strong>{roleLabel(offer.role)}</strong>
        {showIncident && summary && (
          <>
            {' '}
            of <a href={routeHash({ name: 'incident', incidentId })}>{titleWords(summary.title)}</a>
          </>
        )}
        <span className="muted"> · {left > 0 ? `lapses in ${countdown(left)}` : 'lapsing'}</span>
      </h3>
      {offer.briefing ? <BriefingView briefing={offer.briefing} timeZone={timeZone} now={now} /> : <p className="muted">No briefing came with the offer.</p>}
      <div className="offer-actions">
        <button type="button" className="primary" data-testid="handoff-accept" onClick={() => void answer('accept')}>
          ✓ Accept — I am {roleLabel(offer.role).toLowerCase()} now
        </button>
        {declining ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void answer('decline');
            }}
          >
            <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why not? (optional)" maxLength={500} autoFocus data-testid="handoff-decline-reason" />
            <button type="submit" data-testid="handoff-decline-confirm">
              Decline
            </button>
            <button type="button" onClick={() => setDeclining(false)}>
              Back
            </button>
          </form>
        ) : (
          <button type="button" data-testid="handoff-decline" onClick={() => setDeclining(true)}>
            ✖ Decline
          </button>
        )}
      </div>
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

function IncidentOffers({ incidentId, me, showIncident }: { incidentId: string; me: string; showIncident: boolean }) {
  const { view } = useIncidentView(incidentId);
  const now = useHubNow();
  const mine = view.handoffs.filter((h) => h.state === 'pending' && now <= h.expiresAt && samePerson(h.to, me));
  return (
    <>
      {mine.map((offer) => (
        <OfferCard key={offer.offerId} incidentId={incidentId} offer={offer} showIncident={showIncident} />
      ))}
    </>
  );
}

/** Offers waiting for this console's person: in one incident, or (null) in any. */
export function MyOffers({ incidentId }: { incidentId: string | null }) {
  const me = useApp((s) => s.identity.person);
  const candidates = useApp(
    useShallow((s) => {
      if (!me) return [];
      const ids = incidentId === null ? Object.keys(s.incidents.entries) : [incidentId];
      return ids.filter((id) => (s.incidents.entries[id] ?? []).some((e) => e.kind === 'handoff' && e.data.step === 'offer' && samePerson(e.data.to, me)));
    }),
  );
  if (!me || candidates.length === 0) return null;
  return (
    <div className="my-offers" data-testid="my-offers">
      {candidates.map((id) => (
        <IncidentOffers key={id} incidentId={id} me={me} showIncident={incidentId === null} />
      ))}
    </div>
  );
}
