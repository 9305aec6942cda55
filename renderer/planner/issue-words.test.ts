import { describe, expect, it } from 'vitest';
import { capped, fieldInWords } from './issue-words.ts';

describe('a refused field in the form\'s words', () => {
  it('names the section, the row from 1 and the column label', () => {
    expect(fieldInWords('keyMoments[1].at')).toBe('Key moments, row 2, At');
    expect(fieldInWords('capacity[1].when')).toBe('Pre-scale (capacity), row 2, Done by');
    expect(fieldInWords('event.name')).toBe('Event, Name');
    expect(fieldInWords('partners[0].bridgeUrl')).toBe('Partners, row 1, Bridge URL');
    expect(fieldInWords('risks[2].contingency.trigger.panel')).toBe('Risks, row 3, Panel watched');
    expect(fieldInWords('people.roster[0].shift.to')).toBe('People, row 1, Shift to');
    expect(fieldInWords('people.standby[1].window.to')).toBe('Standby, row 2, To');
    expect(fieldInWords('goNoGo.criteria[3].text')).toBe('Go / no-go, Criteria 4, Text');
  });
  it('keeps the path of what has no form, and says where it is', () => {
    expect(fieldInWords('freeze.from')).toBe('freeze.from (in the YAML)');
    expect(fieldInWords('')).toBe('The plan');
  });
  it('caps a long message', () => {
    expect(capped('x'.repeat(1000), 10)).toBe('xxxxxxxxxx… (990 more characters)');
  });
});
