import { useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';
import { rowsAboveNote } from './list-fit.ts';

/**
 * How many rows of a list that never scrolls fit whole above its "+N more" line, measured once
 * drawn (only ever fewer, so it settles). All rows again, measured afresh, when the rows change or
 * one of `around` changes size: the elements that set the list's room (the panel's body, the
 * figures above the list), never a list whose height follows the rows shown. Every fit is made
 * before the paint, so no frame shows a row cut off.
 */
export function useWholeRows(
  list: RefObject<HTMLElement | null>,
  around: readonly RefObject<HTMLElement | null>[],
  rowsKey: string,
  rowSelector: string,
  noteSelector: string,
): number {
  const [fit, setFit] = useState(Number.POSITIVE_INFINITY);
  const sizes = useRef(new Map<Element, string>());
  const observer = useRef<ResizeObserver | null>(null);
  const selectors = useRef({ rowSelector, noteSelector });
  selectors.current = { rowSelector, noteSelector };
  useLayoutEffect(() => setFit(Number.POSITIVE_INFINITY), [rowsKey]);
  // One observer for the panel's life (walls re-render on every frame)...
  useLayoutEffect(() => {
    const watching = sizes.current;
    const o = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const size = `${entry.contentRect.width}x${entry.contentRect.height}`;
        const was = watching.get(entry.target);
        if (was && was !== size) changed = true; // '' (or none): its first report
        watching.set(entry.target, size);
      }
      if (!changed) return;
      // Refitted now, in the observer's callback, which runs after layout and before the paint: set
      // as usual, the new rows would be drawn a task later, after a frame with the old rows in the
      // new room (its last row cut off when the room shrank). All rows again, then trimmed here
      // too: when all were shown already, nothing is drawn anew to trim them after.
      flushSync(() => setFit(Number.POSITIVE_INFINITY));
      const whole = wholeRowsDrawn(list.current, selectors.current.rowSelector, selectors.current.noteSelector);
      if (whole !== null) flushSync(() => setFit((prev) => (whole < prev ? whole : prev)));
    });
    observer.current = o;
    return () => {
      o.disconnect();
      observer.current = null;
      watching.clear();
    };
  }, [list]);
  // ...kept on the elements of `around` drawn now: one drawn later (the feeds line) is watched
  // too, and one gone is let go, so nothing detached is held for days.
  useLayoutEffect(() => {
    const o = observer.current;
    if (!o) return;
    const drawn = new Set(around.map((ref) => ref.current).filter((el): el is HTMLElement => el !== null));
    for (const el of sizes.current.keys()) {
      if (!drawn.has(el as HTMLElement)) {
        o.unobserve(el);
        sizes.current.delete(el);
      }
    }
    for (const el of drawn) {
      if (!sizes.current.has(el)) {
        sizes.current.set(el, ''); // its first report is its size, not a change
        o.observe(el);
      }
    }
  });
  // After every render, before paint: rows running past the list's bottom give way, the note whole under the rest.
  useLayoutEffect(() => {
    const whole = wholeRowsDrawn(list.current, rowSelector, noteSelector);
    if (whole !== null) setFit((prev) => (whole < prev ? whole : prev));
  });
  return fit;
}

/**
 * When the rows drawn in `list` run past its bottom: how many of them fit whole with the note line
 * (`noteSelector`, or one line of the list's type before it is drawn) under them; else null.
 */
export function wholeRowsDrawn(list: HTMLElement | null, rowSelector: string, noteSelector: string): number | null {
  if (!list || list.clientHeight === 0 || list.scrollHeight <= list.clientHeight + 1) return null;
  const top = list.getBoundingClientRect().top;
  const rows = [...list.querySelectorAll<HTMLElement>(rowSelector)].map((row) => row.getBoundingClientRect().bottom - top);
  const note = list.querySelector<HTMLElement>(noteSelector);
  const style = getComputedStyle(list);
  const noteHeight = (note ? note.getBoundingClientRect().height : parseFloat(style.fontSize) * 1.5) + (parseFloat(style.rowGap) || 0);
  return Math.min(rows.length, rowsAboveNote(rows, list.clientHeight, noteHeight));
}
