/**
 * Feed bytes to text, trusting the bytes over what the feed says about them.
 *
 * The declared encoding is, in order: a byte-order mark, the HTTP Content-Type charset (RFC 7303
 * gives it precedence), the XML declaration, else UTF-8. Publishers get this wrong both ways:
 * - declared ISO-8859-1 / Windows-1252 (often a web server's default charset) but the bytes are
 *   UTF-8 — read as Latin-1 it would show "CafÃ©": valid UTF-8 with multi-byte sequences is
 *   practically never real Latin-1 text, so it is read as UTF-8;
 * - declared (or defaulting to) UTF-8 but the bytes are not valid UTF-8 — a CMS writing
 *   Windows-1252: it is read as Windows-1252 instead of filling the text with "�".
 * Each correction is reported in words. Text that was already mangled upstream (UTF-8 read as
 * Latin-1 and encoded again: "â€™") cannot be told from intent with certainty; it is reported,
 * not changed.
 */

export interface DecodedFeed {
  text: string;
  /** The encoding the text was read with (WHATWG name, e.g. "utf-8", "windows-1252"). */
  encoding: string;
  /** What the response claimed: the BOM, the HTTP charset, the XML declaration. */
  declared: { bom: string | null; http: string | null; xml: string | null };
  warnings: string[];
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** The charset parameter of a Content-Type header. */
export function httpCharset(contentType: string | null | undefined): string | null {
  return contentType ? (CHARSET.exec(contentType)?.[1] ?? null) : null;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** The encoding named in `<?xml … encoding="…"?>`, read from the first bytes as ASCII (or UTF-16 without BOM). */
function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  let head: string;
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) head = new TextDecoder('utf-16be').decode(bytes.subarray(0, 512));
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) head = new TextDecoder('utf-16le').decode(bytes.subarray(0, 512));
  else head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 512));
  const decl = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return decl?.[1] ?? null;
}

/** The WHATWG name for a label ("ISO-8859-1" → "windows-1252"), or null when no decoder knows it. */
function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const SINGLE_BYTE = /^(windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|ibm866|x-mac-cyrillic)$/;
// UTF-8 read as Windows-1252 and re-encoded: "Ã©" (é), "â€™" (’), "Â " (no-break space).
const MOJIBAKE = /Ã[\u00A0-\u00BF\u0080-\u009F\u2018-\u203A\u0152\u0153\u0160\u0161\u0178\u017D\u017E]|â€[\u0080-\u00BF™œž“”˜–—¦•¢]|Â[\u00A0-\u00BF]/g;

export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null): DecodedFeed {
  const warnings: string[] = [];
  const bom = bomEncoding(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const http = httpCharset(contentType);
  const xml = xmlDeclaredEncoding(body);
  const declared = { bom: bom?.encoding ?? null, http, xml };

  if (bom) {
    const text = new TextDecoder(bom.encoding).decode(body);
    return { text, encoding: bom.encoding, declared, warnings };
  }

  let label = http ?? xml ?? 'utf-8';
  let encoding = canonicalEncoding(label);
  if (encoding === null) {
    warnings.push(`unknown character encoding "${label}" declared; read as UTF-8`);
    label = 'utf-8';
    encoding = 'utf-8';
  }
  const claim = http !== null && xml !== null && canonicalEncoding(xml) !== canonicalEncoding(http)
    ? `HTTP says ${http}, the XML declaration says ${xml}`
    : `declared ${label}`;

  // UTF-16 has no "wrong but plausible" reading to check; pure ASCII reads the same in any
  // ASCII-compatible encoding.
  if (encoding === 'utf-16le' || encoding === 'utf-16be' || !hasHighBytes(body)) {
    return { text: new TextDecoder(encoding).decode(body), encoding, declared, warnings };
  }

  const invalidAt = firstInvalidUtf8(body);
  let chosen = encoding;
  if (encoding === 'utf-8' && invalidAt >= 0) {
    chosen = 'windows-1252';
    warnings.push(`${claim} but the bytes are not UTF-8 (byte 0x${body[invalidAt]!.toString(16).toUpperCase()} at offset ${invalidAt}); read as Windows-1252`);
  } else if (SINGLE_BYTE.test(encoding) && invalidAt === -1) {
    chosen = 'utf-8';
    warnings.push(`${claim} but the bytes are UTF-8; read as UTF-8`);
  } else if (claim.startsWith('HTTP says') && encoding !== 'utf-8') {
    warnings.push(`${claim}; read as ${encoding} (HTTP wins)`);
  }
  const text = new TextDecoder(chosen).decode(body);
  const mangled = text.match(MOJIBAKE)?.length ?? 0;
  if (mangled >= 2) warnings.push(`the text looks double-encoded (${mangled} sequences like "Ã©" or "â€™"): UTF-8 read as Latin-1 before it was published; shown as sent`);
  return { text, encoding: chosen, declared, warnings };
}
