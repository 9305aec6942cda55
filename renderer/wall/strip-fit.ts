/**
 * Which strip sections fit the wall's width. Sections are shown whole or not at all (no section is
 * cut to a few letters); a fired trigger and the event first, then the countdown, then sections in trouble (missed
 * check-ins, not ready, forecast exceeded…), then the calm ones, each group in order of importance.
 * What does not fit is named in a "+N more" box at the end.
 */
export interface StripItem {
  readonly key: string;
  /** Its natural width in px, as laid out. */
  readonly width: number;
  /** Lower shows first. */
  readonly priority: number;
  /** Its group (fired, event and countdown, trouble, calm): once one drops, no later group gets its room. */
  readonly group: number;
  /** Shown even when it alone fills the row (a fired trigger, the event). */
  readonly must?: boolean;
}

/** The keys to show in a row `available` px wide with `gap` px between boxes. */
export function fitStrip(items: readonly StripItem[], available: number, gap: number, moreWidth: number): Set<string> {
  const all = items.reduce((sum, i) => sum + i.width, 0) + gap * Math.max(0, items.length - 1);
  if (all <= available) return new Set(items.map((i) => i.key));
  const budget = available - moreWidth - gap;
  const shown = new Set<string>();
  let used = 0;
  let droppedGroup = Infinity;
  for (const item of [...items].sort((a, b) => a.priority - b.priority)) {
    const need = (shown.size > 0 ? gap : 0) + item.width;
    // A narrower one of the same group may still fit where a wider one did not; a calm one never
    // takes the room a section in trouble needed.
    if (item.must || (item.group <= droppedGroup && used + need <= budget)) {
      shown.add(item.key);
      used += need;
    } else droppedGroup = Math.min(droppedGroup, item.group);
  }
  return shown;
}

/**
 * Whether the event stands above "+N more" beside the one trigger fired (the stacked strip,
 * planner.css): when nothing but the event fits beside it, however wide the row, the event's
 * column goes to the fired one, which then wraps fewer lines. Two or more fired are a line each,
 * shorter than the event over "+N more", so they stay side by side.
 */
export function stacksEvent(firedCount: number, shown: ReadonlySet<string>): boolean {
  return firedCount === 1 && shown.size === 2 && shown.has('event');
}
