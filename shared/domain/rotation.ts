/**
 * Wall page rotation, pure: which page a wall shows and why it is held. Playlists that stop, or
 * that sit on a broken page, are what wall users suffer from; so a failed page is skipped and the
 * rotation never stops by itself. It holds on a page whose configured panel is critical (until
 * that clears or an operator releases it), on whatever is shown while an alert of no page in
 * particular lasts (an open incident), and while anything else asks it to (operator pause...),
 * always with the reasons in words.
 */

export interface PageAlert {
  /** Stable while the alert lasts (the panel id), so a release sticks until it clears. */
  readonly id: string;
  /** In words, for the banner: "Entitlement 403s is critical". */
  readonly why: string;
}

export interface PageHealth {
  /** Every data panel of the page failing, or the page itself failed to draw. */
  readonly failed: boolean;
  /** Hold-on panels of the page that are critical now. */
  readonly alerts: readonly PageAlert[];
}

export interface RotationState {
  readonly index: number;
  /** When the shown page was put up (ms). */
  readonly since: number;
  /** Alert ids an operator released: ignored until they clear. */
  readonly released: readonly string[];
}

export interface RotationInput {
  readonly now: number;
  readonly intervalMs: number;
  readonly pages: readonly PageHealth[];
  /** Other reasons to stay on the shown page (operator pause…), in words. */
  readonly holds: readonly string[];
  /**
   * Alerts that hold whatever page is shown (an open incident, whose banner is on every page),
   * unless an alert calls for its own page: then that page, held for both. Released like alerts.
   */
  readonly anywhere?: readonly PageAlert[];
  /**
   * Alert ids that hold nothing now but are not known to have cleared either (a trigger whose
   * metric has no data for a moment, a failing canary gone stale): a release of them is kept, so
   * their coming back is not a new alert.
   */
  readonly unsettled?: readonly string[];
}

export type RotationAction = 'next' | 'prev' | 'release';

export interface RotationView {
  readonly state: RotationState;
  /** Why the rotation is not moving on, in words; empty when it rotates. */
  readonly heldBecause: readonly string[];
}

export function initialRotation(now: number): RotationState {
  return { index: 0, since: now, released: [] };
}

/**
 * The next page from `from` in direction `dir` that has not failed. When every other page failed
 * it still moves one step (and so keeps rotating), unless there is only one page.
 */
export function nextPage(from: number, dir: 1 | -1, pages: readonly Pick<PageHealth, 'failed'>[]): number {
  const n = pages.length;
  if (n <= 1) return 0;
  for (let step = 1; step < n; step++) {
    const i = (((from + dir * step) % n) + n) % n;
    if (!pages[i]!.failed) return i;
  }
  return (((from + dir) % n) + n) % n;
}

function activeAlerts(pages: readonly PageHealth[], released: readonly string[]): { page: number; alert: PageAlert }[] {
  return pages.flatMap((p, page) => p.alerts.filter((a) => !released.includes(a.id)).map((alert) => ({ page, alert })));
}

/** Advance the rotation to `input.now` (call it every second), or apply an operator's key. */
export function rotate(prev: RotationState, input: RotationInput, action?: RotationAction): RotationView {
  const { now, pages } = input;
  const n = Math.max(1, pages.length);
  let index = Math.min(prev.index, n - 1);
  let since = prev.since;
  const anywhereAll = input.anywhere ?? [];
  // A released alert that has cleared is forgotten, so its next occurrence holds again; one only
  // unsettled (not seen clear) stays released.
  const alerting = new Set([...pages.flatMap((p) => p.alerts.map((a) => a.id)), ...anywhereAll.map((a) => a.id), ...(input.unsettled ?? [])]);
  let released = prev.released.filter((id) => alerting.has(id));

  if (action === 'release' || action === 'next' || action === 'prev') {
    // An operator moving on releases the alerts that hold the wall now.
    const active = [...activeAlerts(pages, released).map((a) => a.alert.id), ...anywhereAll.filter((a) => !released.includes(a.id)).map((a) => a.id)];
    released = [...released, ...active];
  }
  if (action === 'next' || action === 'prev') {
    index = nextPage(index, action === 'next' ? 1 : -1, pages);
    since = now;
  }

  const alerts = activeAlerts(pages, released);
  const anywhere = anywhereAll.filter((a) => !released.includes(a.id)).map((a) => a.why);
  if (alerts.length > 0) {
    // Hold on an alert page: the shown one if it has an alert, else the first that does.
    if (!alerts.some((a) => a.page === index)) index = alerts[0]!.page;
    const onPage = alerts.filter((a) => a.page === index).map((a) => a.alert.why);
    // While held, the page's time restarts: when the hold ends it stays one more interval.
    return { state: { index, since: now, released }, heldBecause: [...onPage, ...anywhere, ...input.holds] };
  }
  const holds = [...anywhere, ...input.holds];
  if (holds.length > 0) return { state: { index, since: now, released }, heldBecause: holds };

  const due = now - since >= input.intervalMs;
  // A failed page is not left up for a whole interval when a working one exists.
  const skip = pages[index]?.failed === true && nextPage(index, 1, pages) !== index && !pages[nextPage(index, 1, pages)]!.failed;
  if (n > 1 && (due || skip)) {
    index = nextPage(index, 1, pages);
    since = now;
  }
  return { state: { index, since, released }, heldBecause: [] };
}
