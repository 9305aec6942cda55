import { describe, expect, it } from 'vitest';
import { initialRotation, nextPage, rotate, type PageHealth, type RotationState } from './rotation.ts';

const ok: PageHealth = { failed: false, alerts: [] };
const broken: PageHealth = { failed: true, alerts: [] };
const alert = (id: string): PageHealth => ({ failed: false, alerts: [{ id, why: `${id} is critical` }] });

/** Run the rotation second by second and record the page shown each second. */
function run(pages: (t: number) => PageHealth[], seconds: number, holds: (t: number) => string[] = () => []): number[] {
  let state: RotationState = initialRotation(0);
  const shown: number[] = [];
  for (let t = 1; t <= seconds; t++) {
    state = rotate(state, { now: t * 1000, intervalMs: 3000, pages: pages(t), holds: holds(t) }).state;
    shown.push(state.index);
  }
  return shown;
}

describe('wall rotation', () => {
  it('shows each page for its interval, in order, round and round', () => {
    expect(run(() => [ok, ok, ok], 10)).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 0, 0]);
  });

  it('skips a failed page, and never stops even when every page fails', () => {
    expect(run(() => [ok, broken, ok], 10)).toEqual([0, 0, 2, 2, 2, 0, 0, 0, 2, 2]);
    expect(run(() => [broken, broken, broken], 7)).toEqual([0, 0, 1, 1, 1, 2, 2]);
    expect(nextPage(0, 1, [ok])).toBe(0);
    expect(nextPage(0, -1, [ok, broken, ok])).toBe(2);
  });

  it('leaves a page that fails while shown at once, when a working one exists', () => {
    expect(run((t) => [t >= 2 ? broken : ok, ok], 4)).toEqual([0, 1, 1, 1]);
  });

  it('holds on an alert page, says why, and resumes one interval after the alert clears', () => {
    const pages = (t: number) => [ok, ok, t >= 2 && t < 8 ? alert('errors') : ok];
    expect(run(pages, 12)).toEqual([0, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0]);
    const view = rotate(initialRotation(0), { now: 1000, intervalMs: 3000, pages: [ok, alert('errors')], holds: [] });
    expect(view.state.index).toBe(1);
    expect(view.heldBecause).toEqual(['errors is critical']);
  });

  it('lets an operator release an alert hold; the same alert holds again only after it cleared', () => {
    const pages = [ok, alert('errors')];
    const input = (now: number, p = pages) => ({ now, intervalMs: 3000, pages: p, holds: [] });
    let view = rotate(initialRotation(0), input(1000));
    expect(view.state.index).toBe(1);
    view = rotate(view.state, input(2000), 'release');
    expect(view.heldBecause).toEqual([]);
    view = rotate(view.state, input(5000));
    expect(view.state.index).toBe(0); // rotating again despite the alert
    view = rotate(view.state, input(6000, [ok, ok])); // cleared
    expect(view.state.released).toEqual([]);
    view = rotate(view.state, input(7000));
    expect(view.state.index).toBe(1);
    expect(view.heldBecause).toEqual(['errors is critical']);
  });

  it('keeps a release while the alert is only unsettled (no data for a moment), so its coming back does not hold again', () => {
    const input = (now: number, pages: PageHealth[], unsettled: string[] = []) => ({ now, intervalMs: 3000, pages, holds: [], unsettled });
    let view = rotate(initialRotation(0), input(1000, [ok, alert('errors')]), 'release');
    view = rotate(view.state, input(2000, [ok, ok], ['errors']));
    expect(view.state.released).toEqual(['errors']);
    expect(rotate(view.state, input(3000, [ok, alert('errors')])).heldBecause).toEqual([]);
    // Seen clear (neither alerting nor unsettled): forgotten, the next one holds.
    view = rotate(view.state, input(4000, [ok, ok]));
    expect(rotate(view.state, input(5000, [ok, alert('errors')])).heldBecause).toEqual(['errors is critical']);
  });

  it('stays on the shown page while another feature or the operator holds it; next and prev still move', () => {
    const holds = (t: number) => (t >= 2 && t <= 8 ? ['paused by the operator'] : []);
    expect(run(() => [ok, ok], 12, holds)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    const held = rotate(initialRotation(0), { now: 500, intervalMs: 3000, pages: [ok, broken, ok], holds: ['complaint spike'] }, 'next');
    expect(held.state.index).toBe(2);
    expect(held.heldBecause).toEqual(['complaint spike']);
    expect(rotate(held.state, { now: 600, intervalMs: 3000, pages: [ok, broken, ok], holds: [] }, 'prev').state.index).toBe(0);
  });

  it('an alert of no page in particular holds whatever is shown, gives way to one that calls for its page, and is released by r', () => {
    const sev1 = [{ id: 'incident:1', why: 'SEV1 open: Outage' }];
    const held = rotate({ index: 2, since: 0, released: [] }, { now: 10_000, intervalMs: 3000, pages: [ok, ok, ok], holds: [], anywhere: sev1 });
    expect(held.state.index).toBe(2);
    expect(held.heldBecause).toEqual(['SEV1 open: Outage']);
    const both = rotate(held.state, { now: 11_000, intervalMs: 3000, pages: [ok, alert('canary'), ok], holds: [], anywhere: sev1 });
    expect(both.state.index).toBe(1);
    expect(both.heldBecause).toEqual(['canary is critical', 'SEV1 open: Outage']);
    const released = rotate(held.state, { now: 12_000, intervalMs: 3000, pages: [ok, ok, ok], holds: [], anywhere: sev1 }, 'release');
    expect(released.heldBecause).toEqual([]);
    expect(rotate(released.state, { now: 20_000, intervalMs: 3000, pages: [ok, ok, ok], holds: [], anywhere: sev1 }).heldBecause).toEqual([]);
    // Once it cleared, the next one holds again.
    const cleared = rotate(released.state, { now: 21_000, intervalMs: 3000, pages: [ok, ok, ok], holds: [] });
    expect(rotate(cleared.state, { now: 22_000, intervalMs: 3000, pages: [ok, ok, ok], holds: [], anywhere: sev1 }).heldBecause).toEqual(['SEV1 open: Outage']);
  });
});
