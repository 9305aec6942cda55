/**
 * Where a desktop embed's page may be drawn (pure geometry). Its view is a native layer above the
 * whole wall page, so it must keep out of anything the wall draws over its tile: it takes the
 * largest rectangle of the tile's visible body that no overlay touches, or hides while that is
 * less than half the body (a sliver of a dashboard tells the room nothing; the tile says why in
 * words meanwhile).
 */

/** Window coordinates in CSS pixels (the device-independent pixels a view's bounds are in). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface EmbedPlacement {
  /** Where the page is drawn; while hidden, the visible body, so the page keeps its layout size. */
  readonly bounds: Rect;
  readonly visible: boolean;
}

/** Below this share of its visible body, a clipped page is hidden rather than squeezed. */
export const MIN_SHOWN_SHARE = 0.5;
/** More overlays than this over one tile: hidden (and the search below stays small). */
export const MAX_OVERLAYS = 8;

export function intersection(a: Rect, b: Rect): Rect | null {
  const left = Math.max(a.x, b.x);
  const top = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > left && bottom > top ? { x: left, y: top, width: right - left, height: bottom - top } : null;
}

const area = (r: Rect) => r.width * r.height;

/** Whole pixels, each edge rounded on its own so neighbouring edges stay where they were. */
export function snapToPixels(r: Rect): Rect {
  const x = Math.round(r.x);
  const y = Math.round(r.y);
  return { x, y, width: Math.max(0, Math.round(r.x + r.width) - x), height: Math.max(0, Math.round(r.y + r.height) - y) };
}

/** The largest rectangle inside `space` that overlaps none of `overlays`; null when none is left. */
export function largestUncovered(space: Rect, overlays: readonly Rect[]): Rect | null {
  const blocking = overlays.flatMap((o) => intersection(space, o) ?? []);
  if (blocking.length === 0) return space;
  if (blocking.length > MAX_OVERLAYS) return null;
  // Each side of the best rectangle lies on the space's edge or on an overlay's facing edge (else it
  // could grow), so trying every such combination finds it: at most (MAX_OVERLAYS + 1)^4 candidates.
  const lefts = [space.x, ...blocking.map((o) => o.x + o.width)];
  const rights = [space.x + space.width, ...blocking.map((o) => o.x)];
  const tops = [space.y, ...blocking.map((o) => o.y + o.height)];
  const bottoms = [space.y + space.height, ...blocking.map((o) => o.y)];
  let best: Rect | null = null;
  for (const left of lefts) {
    for (const right of rights) {
      if (right <= left) continue;
      for (const top of tops) {
        for (const bottom of bottoms) {
          if (bottom <= top || (best !== null && (right - left) * (bottom - top) <= area(best))) continue;
          const candidate = { x: left, y: top, width: right - left, height: bottom - top };
          if (blocking.every((o) => intersection(candidate, o) === null)) best = candidate;
        }
      }
    }
  }
  return best;
}

/**
 * The view's placement: `body` is the tile's body, `clips` what cuts it off (the window, ancestors
 * that hide their overflow), `overlays` what the wall draws above the tiles.
 */
export function embedPlacement(body: Rect, clips: readonly Rect[], overlays: readonly Rect[]): EmbedPlacement {
  let visibleBody: Rect | null = body;
  for (const clip of clips) visibleBody = visibleBody && intersection(visibleBody, clip);
  if (visibleBody === null) return { bounds: snapToPixels(body), visible: false };
  const free = largestUncovered(visibleBody, overlays);
  const visible = free !== null && area(free) >= MIN_SHOWN_SHARE * area(visibleBody);
  return { bounds: snapToPixels(visible ? free : visibleBody), visible };
}

export function samePlacement(a: EmbedPlacement, b: EmbedPlacement): boolean {
  return a.visible === b.visible && a.bounds.x === b.bounds.x && a.bounds.y === b.bounds.y && a.bounds.width === b.bounds.width && a.bounds.height === b.bounds.height;
}
