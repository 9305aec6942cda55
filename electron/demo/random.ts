// Seeded, stateless randomness for the demo.
// Why hash-based rather than a PRNG stream: a value must be the same whichever order things are
// evaluated in (knot 412 of a curve, post number 9000), so each value is a hash of (seed, coordinates).

/** A well-mixed 32-bit unsigned hash of a few integers (murmur3-style mixing). */
export function hash32(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // final avalanche
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic number in [0, 1) for the given coordinates. */
export function unit(...parts: readonly number[]): number {
  return hash32(...parts) / 0x1_0000_0000;
}

/** A deterministic number in [-1, 1) for the given coordinates. */
export function signedUnit(...parts: readonly number[]): number {
  return unit(...parts) * 2 - 1;
}

/** A small seeded PRNG stream (mulberry32), for sequences such as canary outcomes. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** Pick one element of a non-empty list with a number in [0, 1). */
export function pick<T>(items: readonly T[], r: number): T {
  const item = items[Math.min(items.length - 1, Math.floor(r * items.length))];
  if (item === undefined) throw new RangeError('pick() from an empty list');
  return item;
}
