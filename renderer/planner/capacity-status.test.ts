import { describe, expect, it } from 'vitest';
import { nextCapacityStatus } from './capacity-status.ts';

describe('the one-click status of a pre-scale step', () => {
  it('walks planned → scaled → validated → scaled down, then offers nothing', () => {
    expect(nextCapacityStatus('planned')).toEqual({ status: 'scaled', action: 'Mark scaled' });
    expect(nextCapacityStatus('scaled')).toEqual({ status: 'validated', action: 'Mark validated' });
    expect(nextCapacityStatus('validated')).toEqual({ status: 'scaled_down', action: 'Mark scaled down' });
    expect(nextCapacityStatus('scaled_down')).toBeNull();
  });

  it('offers nothing for a skipped step', () => {
    expect(nextCapacityStatus('skipped')).toBeNull();
  });
});
