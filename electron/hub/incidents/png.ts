/**
 * What the hub checks of an uploaded PNG before keeping it: the signature, an IHDR header with a
 * sane size, and the IEND chunk at the end (a truncated upload is refused, not stored half).
 * Nothing is decoded: the bytes are served back as they came, as image/png.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
/** Wider than any wall; a bigger "chart" is something else. */
export const MAX_PNG_SIDE = 8192;

export type PngCheck = { ok: true; width: number; height: number } | { ok: false; message: string };

const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));

export function checkPng(bytes: Uint8Array): PngCheck {
  if (bytes.length < SIGNATURE.length + 25 + IEND.length || SIGNATURE.some((v, i) => bytes[i] !== v)) {
    return { ok: false, message: 'not a PNG: the body must start with the PNG signature (89 50 4E 47 0D 0A 1A 0A)' };
  }
  if (u32(bytes, 8) !== 13 || ascii(bytes, 12, 4) !== 'IHDR') return { ok: false, message: 'not a valid PNG: the first chunk must be a 13-byte IHDR' };
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  if (width === 0 || height === 0 || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE) {
    return { ok: false, message: `PNG of ${width}×${height} pixels: each side must be 1 to ${MAX_PNG_SIDE}` };
  }
  const tail = bytes.subarray(bytes.length - IEND.length);
  if (IEND.some((v, i) => tail[i] !== v)) return { ok: false, message: 'truncated PNG: it does not end with the IEND chunk' };
  return { ok: true, width, height };
}
