/**
 * Keeps a desktop embed's placement (embed-placement.ts) current, cheaply: the tile's body, what
 * clips it and the overlays above it are measured only when one of them may have changed, and
 * the caller hears only of a placement that did change. What may change it: the body resized
 * (ResizeObserver) or moved (observe-moves.ts), the window resized, an overlay came, went or
 * resized.
 *
 * Overlays are the elements marked OVER_EMBEDS_ATTRIBUTE: whatever the wall draws over its tiles.
 * Today those are a tile's own words over its body (PanelFrame: "Loading…", "old page"); anything
 * that floats over tiles later (a dialog, a popup) must carry the mark too, or an embed's page
 * will be drawn over it.
 */
import { embedPlacement, samePlacement, type EmbedPlacement, type Rect } from './embed-placement.ts';
import { observeMoves } from './observe-moves.ts';

export const OVER_EMBEDS_ATTRIBUTE = 'data-over-embeds';
/** Spread on an element drawn over tiles: `<div {...OVER_EMBEDS_MARK}>`. */
export const OVER_EMBEDS_MARK = { [OVER_EMBEDS_ATTRIBUTE]: '' };
const OVER_EMBEDS = `[${OVER_EMBEDS_ATTRIBUTE}]`;

/** Calls `onChange` now and whenever the placement changes; returns the function that stops it all. */
export function watchEmbedPlacement(body: HTMLElement, onChange: (placement: EmbedPlacement) => void): () => void {
  const doc = body.ownerDocument;
  let last: EmbedPlacement | null = null;
  let overlays = new Set<Element>();
  let stopped = false;

  const measure = () => {
    if (stopped) return;
    const found = new Set(doc.querySelectorAll(OVER_EMBEDS));
    for (const el of overlays) if (!found.has(el)) sizes.unobserve(el);
    for (const el of found) if (!overlays.has(el)) sizes.observe(el);
    overlays = found;
    const box = body.getBoundingClientRect();
    moves.aim(box);
    const placement = embedPlacement(box, clipsOf(body), [...found].map((el) => el.getBoundingClientRect()));
    if (last !== null && samePlacement(last, placement)) return;
    last = placement;
    onChange(placement);
  };

  const sizes = new ResizeObserver(measure);
  const moves = observeMoves(body, measure);
  const arrivals = new MutationObserver((records) => {
    if (records.some(touchesOverlay)) measure();
  });
  sizes.observe(body);
  arrivals.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: [OVER_EMBEDS_ATTRIBUTE] });
  window.addEventListener('resize', measure);
  measure();

  return () => {
    stopped = true;
    sizes.disconnect();
    moves.stop();
    arrivals.disconnect();
    window.removeEventListener('resize', measure);
  };
}

/** An overlay added or removed (itself or inside what was), or an element marked or unmarked. */
function touchesOverlay(record: MutationRecord): boolean {
  if (record.type === 'attributes') return true;
  for (const nodes of [record.addedNodes, record.removedNodes]) {
    for (const node of nodes) {
      if (node instanceof Element && (node.matches(OVER_EMBEDS) || node.querySelector(OVER_EMBEDS) !== null)) return true;
    }
  }
  return false;
}

/** What cuts the body off: the window, and each ancestor that hides its overflow (its padding box). */
function clipsOf(el: Element): Rect[] {
  const root = el.ownerDocument.documentElement;
  const clips: Rect[] = [{ x: 0, y: 0, width: root.clientWidth, height: root.clientHeight }];
  for (let up = el.parentElement; up !== null && up !== root; up = up.parentElement) {
    const style = getComputedStyle(up);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const box = up.getBoundingClientRect();
    clips.push({ x: box.left + up.clientLeft, y: box.top + up.clientTop, width: up.clientWidth, height: up.clientHeight });
  }
  return clips;
}
