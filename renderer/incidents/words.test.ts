import { describe, expect, it } from 'vitest';
import { newId } from '../transport/outbox.ts';
import { testIncident } from './test-entries.ts';
import { entryWords } from './words.ts';

describe('entryWords', () => {
  it("says which incident's console logged a change copied into this one", () => {
    const { entry } = testIncident(newId(), 0);
    const from = { incident: newId(), title: 'Entitlement <b>500s</b>' };
    expect(entryWords(entry({ kind: 'change', text: 'shield off', console: 'ingest', data: { source: 'feature_flag', from } }))).toBe('shield off — logged in "Entitlement <b>500s</b>"');
    expect(entryWords(entry({ kind: 'change', text: 'shield off', data: { source: 'feature_flag' } }))).toBe('shield off');
  });
});
