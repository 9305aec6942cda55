/**
 * Incident text in the postmortem on a real hub: a title and an entry carrying a right-to-left
 * override and zero-width characters are stored as typed (the record is evidence), and the .md and
 * the .html show the override as a visible marker, so "…gnp.exe" never reads as "exe.png".
 */
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';

let t: TestHub;
afterEach(async () => t?.close());

const json = { 'content-type': 'application/json' };
const RLO = '\u202E';
const ZWSP = '\u200B';

describe('invisible text-direction characters in the postmortem', () => {
  it('are kept in the store and shown as markers in the .md and the .html', async () => {
    t = await startTestHub(minimalWorkspaceYaml('Shown text'));
    const title = `Malware in invoice ${RLO}gnp.exe`;
    const declared = await t.http('/api/v1/incidents', { method: 'POST', token: t.adminToken, headers: json, body: JSON.stringify({ title, severity: 2 }) });
    const { incident } = (await declared.json()) as { incident: IncidentSummary };
    const text = `customer opened ${RLO}fdp.exe and dep${ZWSP}loy rolled back`;
    const logged = await t.http(`/api/v1/incidents/${incident.id}/entries`, { method: 'POST', token: t.adminToken, headers: { ...json, 'idempotency-key': ulid() }, body: JSON.stringify({ kind: 'note', text }) });
    expect(logged.status).toBe(200);

    // Stored as typed.
    const timeline = (await (await t.http(`/api/v1/incidents/${incident.id}/timeline`, { token: t.adminToken })).json()) as { entries: { text: string | null }[] };
    expect(timeline.entries.map((e) => e.text)).toContain(text);
    expect(incident.title).toBe(title);

    const md = await (await t.http(`/api/v1/incidents/${incident.id}/postmortem.md`, { token: t.adminToken })).text();
    const html = await (await t.http(`/api/v1/incidents/${incident.id}/postmortem.html`, { token: t.adminToken })).text();
    for (const doc of [md, html]) {
      expect(doc).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/u);
      expect(doc).toContain('Malware in invoice ⟨RLO⟩gnp.exe');
      expect(doc).toContain('customer opened ⟨RLO⟩fdp.exe and deploy rolled back');
    }
    expect(html).toContain('<title>Postmortem: Malware in invoice ⟨RLO⟩gnp.exe</title>');
  });
});
