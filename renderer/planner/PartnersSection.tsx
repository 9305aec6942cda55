import { safeExternalUrl } from '../../shared/domain/external-url.ts';
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { partnerKinds, type Rag } from '../../shared/model/plan.ts';
import { newId, setOptional, type SectionProps } from './section.ts';
import { NEEDS_PERSON } from './usePlans.ts';

/**
 * The partners for the night (CDNs, DRM, cloud, care…): who to call, the bridge, the support case
 * opened for the event, who to go to next, and when someone last tested that the contact answers.
 */
export function PartnersSection({ plan, edit, now, by }: SectionProps & { by: string }) {
  return (
    <section className="plan-section" aria-labelledby="plan-partners">
      <h2 id="plan-partners">Partners</h2>
      {plan.partners.length === 0 && <p className="muted">No partners in this plan.</p>}
      {plan.partners.map((p, i) => {
        const tested = p.lastContactTest ? Date.parse(p.lastContactTest.at) : null;
        const badBridge = p.bridgeUrl !== undefined && safeExternalUrl(p.bridgeUrl) === null;
        return (
          <fieldset key={p.id} className="plan-card" data-testid={`partner-${p.id}`}>
            <legend>{p.name || 'New partner'}</legend>
            <form onSubmit={(ev) => ev.preventDefault()}>
              <label>
                Name
                <input value={p.name} onChange={(x) => edit((d) => void (d.partners[i]!.name = x.target.value))} data-testid={`partner-name-${p.id}`} />
              </label>
              <label>
                Kind
                <select value={p.kind} onChange={(x) => edit((d) => void (d.partners[i]!.kind = x.target.value as typeof p.kind))}>
                  {partnerKinds.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
              </label>
              <label>
                Contact name
                <input value={p.contact.name} onChange={(x) => edit((d) => void (d.partners[i]!.contact.name = x.target.value))} />
              </label>
              <label>
                Contact phone
                <input type="tel" value={p.contact.phone ?? ''} onChange={(x) => edit((d) => setOptional(d.partners[i]!.contact, 'phone', x.target.value))} />
              </label>
              <label>
                Contact email
                <input type="email" value={p.contact.email ?? ''} onChange={(x) => edit((d) => setOptional(d.partners[i]!.contact, 'email', x.target.value))} />
              </label>
              <label>
                Bridge URL
                <input
                  value={p.bridgeUrl ?? ''}
                  placeholder="https://…"
                  aria-invalid={badBridge}
                  onChange={(x) => edit((d) => setOptional(d.partners[i]!, 'bridgeUrl', x.target.value))}
                  data-testid={`partner-bridge-${p.id}`}
                />
                {badBridge && <span className="form-error">expected an http(s) URL</span>}
              </label>
              <label>
                Dial-in
                <input value={p.dialIn ?? ''} onChange={(x) => edit((d) => setOptional(d.partners[i]!, 'dialIn', x.target.value))} />
              </label>
              <label>
                Support case
                <input value={p.supportCase ?? ''} onChange={(x) => edit((d) => setOptional(d.partners[i]!, 'supportCase', x.target.value))} data-testid={`partner-case-${p.id}`} />
              </label>
              <label>
                Their status on the night
                <select
                  value={p.status ?? ''}
                  onChange={(x) => edit((d) => (x.target.value ? void (d.partners[i]!.status = x.target.value as Rag) : void delete d.partners[i]!.status))}
                  data-testid={`partner-status-${p.id}`}
                >
                  <option value="">not reported</option>
                  <option value="green">green — all well</option>
                  <option value="amber">amber — degraded</option>
                  <option value="red">red — down</option>
                </select>
              </label>
              <label style={{ flexBasis: '100%' }}>
                Escalation, in order (one a line)
                <textarea value={p.escalation.join('\n')} rows={2} onChange={(x) => edit((d) => void (d.partners[i]!.escalation = x.target.value ? x.target.value.split('\n') : []))} />
              </label>
            </form>
            <p className="plan-summary">
              <span data-testid={`partner-last-test-${p.id}`}>
                Last contact test:{' '}
                {p.lastContactTest && tested !== null && !Number.isNaN(tested)
                  ? `${formatDuration(Math.max(0, now - tested))} ago by ${p.lastContactTest.by}${p.lastContactTest.ok ? '' : ', no answer'}`
                  : 'never'}
              </span>
              <button
                type="button"
                disabled={by === ''}
                title={by === '' ? NEEDS_PERSON : 'I called the contact just now and they answered'}
                onClick={() => edit((d) => void (d.partners[i]!.lastContactTest = { at: new Date().toISOString(), by, ok: true }))}
                data-testid={`partner-tested-${p.id}`}
              >
                Tested now
              </button>
              {p.lastContactTest && (
                <label className="inline">
                  <input type="checkbox" checked={!p.lastContactTest.ok} onChange={(x) => edit((d) => void (d.partners[i]!.lastContactTest!.ok = !x.target.checked))} />
                  nobody answered
                </label>
              )}
              <button type="button" onClick={() => edit((d) => void d.partners.splice(i, 1))}>
                Remove the partner
              </button>
            </p>
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() => edit((d) => void d.partners.push({ id: newId('partner', d.partners), name: 'New partner', kind: 'other', contact: { name: 'Support desk' }, escalation: [] }))}
        data-testid="partner-add"
      >
        Add a partner
      </button>
    </section>
  );
}
