import { describe, expect, it } from 'vitest';
import { newId } from '../transport/outbox.ts';
import { testIncident } from './test-entries.ts';
import { entryWords, titleWords } from './words.ts';

describe('entryWords', () => {
  it("says which incident's console logged a change copied into this one", () => {
    const { entry } = testIncident(newId(), 0);
    const from = { incident: newId(), title: 'Entitlement <b>500s</b>' };
    expect(entryWords(entry({ kind: 'change', text: 'shield off', console: 'ingest', data: { source: 'feature_flag', from } }))).toBe('shield off — logged in "Entitlement <b>500s</b>"');
    expect(entryWords(entry({ kind: 'change', text: 'shield off', data: { source: 'feature_flag' } }))).toBe('shield off');
  });

  it('shows a bidi override as a marker and drops zero-width characters, in the words and in data carried with them', () => {
    const { entry } = testIncident(newId(), 0);
    expect(entryWords(entry({ kind: 'note', text: 'opened \u202Efdp.exe' }))).toBe('opened ⟨RLO⟩fdp.exe');
    const from = { incident: newId(), title: 'Edge \u2067403s\u2069' };
    expect(entryWords(entry({ kind: 'change', text: 'dep\u200Bloy', data: { source: 'deploy', from } }))).toBe('deploy — logged in "Edge ⟨RLI⟩403s⟨PDI⟩"');
    expect(titleWords('Malware in invoice \u202Egnp.exe')).toBe('Malware in invoice ⟨RLO⟩gnp.exe');
  });
});
