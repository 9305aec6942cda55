import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './testing/fake-electron.ts';
import type { FakeBrowserWindow, FakeDisplay } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const { CURSOR_IDLE_MS, HIDE_CURSOR_CSS, cursorStep, placeWalls, planWallChanges, startWalls } = await import('./walls.ts');
const { WEB_PREFERENCES } = await import('./window-factory.ts');

const laptop: FakeDisplay = { id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const left: FakeDisplay = { id: 2, label: 'Left TV', bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };
const right: FakeDisplay = { id: 3, label: 'Right TV', bounds: { x: 5760, y: 0, width: 3840, height: 2160 } };

describe('placeWalls', () => {
  const assignments = [
    { wallId: 'main', displayId: 2 },
    { wallId: 'cdn', displayId: 3 },
  ];

  it('puts each wall on its display with the display’s bounds', () => {
    expect(placeWalls(assignments, [laptop, left, right])).toEqual([
      { wallId: 'main', displayId: 2, bounds: left.bounds },
      { wallId: 'cdn', displayId: 3, bounds: right.bounds },
    ]);
  });

  it('leaves out walls whose display is unplugged, and brings them back when it returns', () => {
    expect(placeWalls(assignments, [laptop, left])).toEqual([{ wallId: 'main', displayId: 2, bounds: left.bounds }]);
    expect(placeWalls(assignments, [laptop, left, right])).toHaveLength(2);
  });

  it('gives a display to the first wall assigned to it', () => {
    expect(placeWalls([{ wallId: 'a', displayId: 2 }, { wallId: 'b', displayId: 2 }], [left])).toEqual([
      { wallId: 'a', displayId: 2, bounds: left.bounds },
    ]);
  });

  it('opens no wall without an assignment, however many displays there are', () => {
    expect(placeWalls([], [laptop, left, right])).toEqual([]);
  });
});

describe('planWallChanges', () => {
  const main = { wallId: 'main', displayId: 2, bounds: left.bounds };
  const cdn = { wallId: 'cdn', displayId: 3, bounds: right.bounds };

  it('does nothing when nothing changed', () => {
    expect(planWallChanges([main, cdn], [main, cdn])).toEqual({ open: [], move: [], close: [] });
  });
  it('closes the wall of an unplugged display', () => {
    expect(planWallChanges([main, cdn], [main])).toEqual({ open: [], move: [], close: [3] });
  });
  it('opens the wall of a plugged-in display', () => {
    expect(planWallChanges([main], [main, cdn])).toEqual({ open: [cdn], move: [], close: [] });
  });
  it('moves a wall whose display changed resolution or position', () => {
    const resized = { ...main, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } };
    expect(planWallChanges([main], [resized])).toEqual({ open: [], move: [resized], close: [] });
  });
  it('replaces the window when a display gets another wall', () => {
    const other = { ...main, wallId: 'other' };
    expect(planWallChanges([main], [other])).toEqual({ open: [other], move: [], close: [2] });
  });
});

describe('cursorStep', () => {
  it('hides the pointer after 3 s without movement and shows it on the first move', () => {
    let step = cursorStep(null, { x: 5, y: 5 }, 0);
    expect(step.change).toBeNull();
    step = cursorStep(step.state, { x: 5, y: 5 }, CURSOR_IDLE_MS - 1);
    expect(step.change).toBeNull();
    step = cursorStep(step.state, { x: 5, y: 5 }, CURSOR_IDLE_MS);
    expect(step.change).toBe('hide');
    step = cursorStep(step.state, { x: 5, y: 5 }, CURSOR_IDLE_MS + 5_000);
    expect(step.change).toBeNull(); // already hidden
    step = cursorStep(step.state, { x: 6, y: 5 }, CURSOR_IDLE_MS + 6_000);
    expect(step.change).toBe('show');
    step = cursorStep(step.state, { x: 7, y: 5 }, CURSOR_IDLE_MS + 6_500);
    expect(step.change).toBeNull();
  });
});

describe('startWalls', () => {
  let walls: ReturnType<typeof startWalls> | undefined;
  const windows = () => fake.BrowserWindow.instances.filter((w) => !w.destroyed);
  const byDisplay = (id: number) =>
    windows().find((w) => w.bounds.x === fake.screen.displays.find((d) => d.id === id)?.bounds.x) as FakeBrowserWindow;

  beforeEach(() => {
    vi.useFakeTimers();
    fake.reset();
    fake.screen.displays = [laptop, left, right];
  });
  afterEach(() => {
    walls?.stop();
    walls = undefined;
    vi.useRealTimers();
  });

  it('opens one frameless full-screen wall window per assigned display, kept awake', () => {
    walls = startWalls([
      { wallId: 'main', displayId: 2 },
      { wallId: 'cdn health', displayId: 3 },
    ]);
    expect(windows()).toHaveLength(2);
    const main = byDisplay(2);
    expect(main.options).toMatchObject({ ...left.bounds, frame: false, fullscreen: true });
    expect(main.options.webPreferences).toEqual({ ...WEB_PREFERENCES });
    expect(main.loadedUrl).toBe('app://mission-control/#/wall/main?kiosk');
    expect(byDisplay(3).loadedUrl).toBe('app://mission-control/#/wall/cdn%20health?kiosk');
    expect([...fake.powerSaveBlocker.running.values()]).toEqual(['prevent-display-sleep']);
  });

  it('opens nothing (and keeps nothing awake) without assignments', () => {
    walls = startWalls([]);
    expect(windows()).toEqual([]);
    expect(fake.powerSaveBlocker.running.size).toBe(0);
  });

  it('re-plans when a display is unplugged and plugged back in', () => {
    walls = startWalls([
      { wallId: 'main', displayId: 2 },
      { wallId: 'cdn', displayId: 3 },
    ]);
    const first = byDisplay(3);

    fake.screen.displays = [laptop, left];
    fake.screen.emit('display-removed', {}, right);
    fake.screen.emit('display-metrics-changed', {}, left, ['bounds']); // bursts settle into one re-plan
    vi.advanceTimersByTime(500);
    expect(first.destroyed).toBe(true);
    expect(walls.openWalls().map((w) => w.wallId)).toEqual(['main']);

    fake.screen.displays = [laptop, left, right];
    fake.screen.emit('display-added', {}, right);
    vi.advanceTimersByTime(500);
    expect(walls.openWalls().map((w) => w.wallId).sort()).toEqual(['cdn', 'main']);
    expect(byDisplay(3)).not.toBe(first);
  });

  it('moves a wall when its display changes geometry', () => {
    walls = startWalls([{ wallId: 'main', displayId: 2 }]);
    const win = byDisplay(2);
    const moved = { ...left, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } };
    fake.screen.displays = [laptop, moved];
    fake.screen.emit('display-metrics-changed', {}, moved, ['bounds']);
    vi.advanceTimersByTime(500);
    expect(win.destroyed).toBe(false);
    expect(win.bounds).toEqual(moved.bounds);
    expect(win.calls).toEqual(['setFullScreen:false', 'setBounds', 'setFullScreen:true']);
  });

  it('lets the display sleep once the last wall is gone', () => {
    walls = startWalls([{ wallId: 'main', displayId: 2 }]);
    expect(fake.powerSaveBlocker.running.size).toBe(1);
    byDisplay(2).close();
    expect(fake.powerSaveBlocker.running.size).toBe(0);
  });

  it('hides the pointer on walls after 3 s still, and shows it again on movement', async () => {
    walls = startWalls([{ wallId: 'main', displayId: 2 }]);
    const contents = byDisplay(2).webContents;
    fake.screen.cursor = { x: 100, y: 100 };
    await vi.advanceTimersByTimeAsync(1_000);
    expect(contents.insertedCss.size).toBe(0);
    await vi.advanceTimersByTimeAsync(3_000);
    expect([...contents.insertedCss.values()]).toEqual([HIDE_CURSOR_CSS]);
    fake.screen.cursor = { x: 101, y: 100 };
    await vi.advanceTimersByTimeAsync(1_000);
    expect(contents.insertedCss.size).toBe(0);
  });

  it('reloads a wall whose renderer crashed', () => {
    walls = startWalls([{ wallId: 'main', displayId: 2 }]);
    const contents = byDisplay(2).webContents;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    vi.advanceTimersByTime(1_000);
    expect(contents.reloads).toBe(1);
  });

  it('takes new assignments at once: opens, moves to another display, closes; absent displays wait', () => {
    walls = startWalls([{ wallId: 'main', displayId: 2 }]);
    const main = byDisplay(2);
    walls.setAssignments([
      { wallId: 'main', displayId: 2 },
      { wallId: 'cdn', displayId: 3 },
      { wallId: 'pulse', displayId: 42 },
    ]);
    expect(byDisplay(2)).toBe(main); // unchanged: not reopened
    expect(byDisplay(3).loadedUrl).toBe('app://mission-control/#/wall/cdn?kiosk');
    expect(walls.assignments()).toEqual([
      { wallId: 'main', displayId: 2 },
      { wallId: 'cdn', displayId: 3 },
      { wallId: 'pulse', displayId: 42 },
    ]);
    walls.setAssignments([{ wallId: 'cdn', displayId: 2 }]);
    expect(main.destroyed).toBe(true);
    expect(windows().map((w) => [w.loadedUrl, w.bounds])).toEqual([['app://mission-control/#/wall/cdn?kiosk', left.bounds]]);
    walls.setAssignments([]);
    expect(windows()).toEqual([]);
    expect(fake.powerSaveBlocker.running.size).toBe(0);
  });

  it('closes every wall and releases the display on stop', () => {
    walls = startWalls([{ wallId: 'main', displayId: 2 }]);
    walls.stop();
    expect(windows()).toEqual([]);
    expect(fake.powerSaveBlocker.running.size).toBe(0);
    fake.screen.emit('display-added', {}, right);
    vi.advanceTimersByTime(500);
    expect(windows()).toEqual([]);
  });
});
