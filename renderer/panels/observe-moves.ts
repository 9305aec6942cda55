/**
 * Tells when an element moves on screen, whatever moved it (a banner pushing the grid down, a
 * page change, a transform), without polling. A ResizeObserver sees only changes of size; this
 * aims an IntersectionObserver whose root is the viewport shrunk to the element's box, so that as
 * soon as the element leaves that box less of it is inside and the observer calls back (the
 * technique of Floating UI's autoUpdate). Aim it again at the box measured after each move.
 */
export interface MoveWatch {
  /** Watch for moves away from `box`, the element's box as just measured (a no-op if it is the same). */
  aim(box: DOMRectReadOnly): void;
  stop(): void;
}

const sameBox = (a: DOMRectReadOnly, b: DOMRectReadOnly) => a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;

/** A 1 px move of a 10,000 px element; far above the rounding noise of a ratio. */
const RATIO_HAIR = 1e-4;

export function observeMoves(el: Element, onMove: () => void): MoveWatch {
  const viewport = el.ownerDocument.documentElement;
  let observer: IntersectionObserver | null = null;
  let aimed: { box: DOMRectReadOnly; width: number; height: number } | null = null;

  const movedSinceAimed = () => aimed === null || !sameBox(aimed.box, el.getBoundingClientRect());

  const watch = (rootMargin: string, thresholds: number[]) => {
    observer?.disconnect();
    let first = true;
    observer = new IntersectionObserver(
      (entries) => {
        if (!first) return onMove();
        first = false;
        // Its first report says how much of it is seen, unless it moved before the observer looked.
        if (movedSinceAimed()) return onMove();
        const ratio = entries[entries.length - 1]!.intersectionRatio;
        // An ancestor clips part of it: a move shows in the share that is seen changing instead
        // (thresholds a hair either side, as the same ratio computed again may differ in its last bits).
        if (thresholds.length === 1 && ratio > 0 && ratio < 1) watch(rootMargin, [Math.max(0, ratio - RATIO_HAIR), Math.min(1, ratio + RATIO_HAIR)]);
      },
      { rootMargin, threshold: thresholds },
    );
    observer.observe(el);
  };

  return {
    aim(box) {
      const width = viewport.clientWidth;
      const height = viewport.clientHeight;
      if (aimed && aimed.width === width && aimed.height === height && sameBox(aimed.box, box)) return;
      aimed = { box, width, height };
      observer?.disconnect();
      observer = null;
      if (box.width === 0 || box.height === 0) return; // nothing to see; it shows up resized first
      // Insets rounded down: the shrunk root contains the whole box, so it starts fully inside.
      const insets = [box.top, width - box.right, height - box.bottom, box.left];
      watch(insets.map((px) => `${-Math.floor(px)}px`).join(' '), [1]);
    },
    stop() {
      observer?.disconnect();
      observer = null;
    },
  };
}
