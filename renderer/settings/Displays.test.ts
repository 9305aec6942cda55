import { describe, expect, it } from 'vitest';
import type { WallAssignmentsState } from '../../shared/bridge.ts';
import { nextAssignments } from './Displays.tsx';

const display = (id: number, x: number) => ({ id, label: `D${id}`, bounds: { x, y: 0, width: 1920, height: 1080 }, primary: id === 1 });
const state: WallAssignmentsState = {
  assignments: [
    { wallId: 'main', displayId: 1 },
    { wallId: 'ops', displayId: 9 }, // not connected
  ],
  displays: [display(1, 0), display(2, 1920)],
  open: [{ wallId: 'main', displayId: 1 }],
  file: '/x/settings.json',
};

describe('nextAssignments (what Save sends)', () => {
  it('is what was saved when nothing was touched', () => {
    expect(nextAssignments(state, new Map(), new Set())).toEqual(state.assignments);
  });
  it('takes each connected display’s choice ("" is none) and keeps the absent displays’ assignments', () => {
    expect(nextAssignments(state, new Map([[1, ''], [2, 'main']]), new Set())).toEqual([
      { wallId: 'main', displayId: 2 },
      { wallId: 'ops', displayId: 9 },
    ]);
  });
  it('leaves out a forgotten assignment of an absent display', () => {
    expect(nextAssignments(state, new Map(), new Set(['9:ops']))).toEqual([{ wallId: 'main', displayId: 1 }]);
  });
});
