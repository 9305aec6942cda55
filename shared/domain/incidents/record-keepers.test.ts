import { describe, expect, it } from 'vitest';
import { keepsRecord, keptFieldsRefusal } from './record-keepers.ts';

const roles = { commander: ['ann'], deputy: [], scribe: ['Cy'], comms: [], liaison: [] } as never;

describe('record keepers', () => {
  it('are the commander, deputy and scribe (any case), and admins', () => {
    expect(keepsRecord({ roles }, 'ANN', false)).toBe(true);
    expect(keepsRecord({ roles }, 'cy', false)).toBe(true);
    expect(keepsRecord({ roles }, 'bob', false)).toBe(false);
    expect(keepsRecord({ roles }, 'bob', true)).toBe(true);
    expect(keepsRecord({ roles }, null, false)).toBe(false);
  });

  it('leave the record open while nobody holds a keeper role (an incident not yet taken)', () => {
    const untaken = { commander: [], deputy: [], scribe: [], comms: ['dee'], liaison: [] } as never;
    expect(keepsRecord({ roles: untaken }, 'bob', false)).toBe(true);
    expect(keptFieldsRefusal({ roles: untaken }, 'bob', ['impact'], false)).toBeNull();
  });

  it('refuse cause and impact from anyone else, in words; the other fields are open', () => {
    expect(keptFieldsRefusal({ roles }, 'bob', ['rootCauseCategory', 'impact', 'region'], false)).toBe(
      'bob may not set the root cause category or the impact: the commander (ann), the deputy or the scribe (Cy) records it, or an admin; propose yours with a note or a follow-up',
    );
    expect(keptFieldsRefusal({ roles }, 'bob', ['region', 'title', 'service'], false)).toBeNull();
    expect(keptFieldsRefusal({ roles }, 'cy', ['impact'], false)).toBeNull();
  });
});
