/**
 * The tokeniser: one pass over a post's char codes into token arrays that are reused from call to
 * call (JavaScript runs one call at a time), so tokenising allocates only the token strings. Each
 * token carries its lower-case word, its lexicon entry (lexicon-index.ts), its flags and where it
 * stands in the text; the rules in scorer.ts read these arrays (and add flags of their own) after
 * each tokenise().
 */
import { laughterProxy } from './informal.ts';
import { LEXICON, superlativeBase, type Entry } from './lexicon-index.ts';

// Token flags, one Uint16 per token. The tokeniser sets UPPER, ELONG, BOUNDARY, QUESTION and
// EMOTICON; the rules (scorer.ts) set the others on the same array as they read the tokens.
export const T_UPPER = 1;
export const T_ELONG = 2;
export const T_CONSUMED = 4; // a non-head word of a phrase
export const T_NEG = 8; // a negation word standing on its own
export const T_INLEX = 16; // counts as a sentiment word for the modifier windows
export const T_SKIP = 32; // scores 0 ("kind" of "kind of")
export const T_NO = 64; // the word "no" standing on its own
export const T_BOUNDARY = 128; // a sentence boundary (. ! ? ; …) stands between this token and the one before
export const T_QUESTION = 256; // in a sentence that ends with '?'
export const T_EMOTICON = 512; // an emoji or emoticon: a signal of its own, not negated or boosted

// The tokeniser's own state during one tokenise().
let cur = ''; // the text being tokenised
let lastEnd = 0; // end of the last token pushed
let sentStart = 0; // first token of the current sentence
let afterEmoji = false; // an emoji closes a clause: "i can't even 🙄 buffering" negates nothing

// The token arrays, filled by tokenise() and read by the rules (scorer.ts). Exported as live
// bindings: grow() replaces the typed arrays, so importers must not keep a copy across calls.
/** Length of the token arrays (they grow by doubling, and never shrink). */
export let capacity = 0;
export const words: string[] = [];
export const entries: (Entry | undefined)[] = [];
export let tflags = new Uint16Array(0);
export let starts = new Int32Array(0);
export let ends = new Int32Array(0); // end of the unit (a phrase head's covers the phrase)
/** Number of tokens. */
export let n = 0;
export let upperCount = 0; // tokens in ALL CAPS
export let exclamations = 0; // '!' in the post
export let questions = 0; // '?' in the post

function grow(): void {
  capacity = capacity === 0 ? 64 : capacity * 2;
  const f = new Uint16Array(capacity);
  f.set(tflags);
  tflags = f;
  const s = new Int32Array(capacity);
  s.set(starts);
  starts = s;
  const e = new Int32Array(capacity);
  e.set(ends);
  ends = e;
}
grow();

function push(word: string, e: Entry | undefined, flags: number, start: number, end: number): void {
  if (n === capacity) grow();
  if (n > 0) {
    let q = false;
    let bd = false;
    for (let k = lastEnd; k < start; k++) {
      const c = cur.charCodeAt(k);
      if (c === 46 || c === 33 || c === 63 || c === 59 || c === 0x2026 || c === 10) {
        bd = true;
        if (c === 63) q = true;
      }
    }
    if (q) for (let k = sentStart; k < n; k++) tflags[k]! |= T_QUESTION;
    if (bd) {
      flags |= T_BOUNDARY;
      sentStart = n;
    }
  }
  if (afterEmoji) {
    flags |= T_BOUNDARY;
    afterEmoji = false;
  }
  lastEnd = end;
  words[n] = word;
  entries[n] = e;
  tflags[n] = flags;
  starts[n] = start;
  ends[n] = end;
  if (flags & T_UPPER) upperCount++;
  n++;
}

// posts scraped from HTML carry entities: "&lt;3" is a heart, "&gt;" is not the word "gt"
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ' };
const ENTITY = /&(?:amp|lt|gt|quot|#39|apos|nbsp);/g;
/** The post with its HTML entities read as characters (the same string when it has none). */
export function decodeEntities(text: string): string {
  return text.indexOf('&') >= 0 ? text.replace(ENTITY, (m) => ENTITIES[m]!) : text;
}

// Tokeniser: whitespace-separated tokens, URLs and @mentions dropped, emoji split off as tokens of
// their own, leading/trailing punctuation stripped (emoticons in the lexicon kept whole), inner
// punctuation that separates words split ("great,thanks" / "slow...again"), '#' of a hashtag
// dropped (camel-case tags split into words), curly apostrophes straightened, elongated words
// ("sooo") matched to their lexicon form.

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
/** ASCII punctuation (Python's string.punctuation) plus typographic quotes, dashes and ellipsis. */
function isPunct(c: number): boolean {
  if (c < 128) return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
  return c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x2026 || c === 0xab || c === 0xbb || c === 0x2013 || c === 0x2014;
}
/** Punctuation that separates words even without a space. */
function isSeparator(c: number): boolean {
  return (
    c === 33 || c === 63 || c === 44 || c === 59 || c === 34 || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125 ||
    c === 124 || c === 0x2026 || c === 126 || c === 42 || c === 43 || c === 61 || c === 60 || c === 62 || c === 94 || c === 47 || c === 0x201c || c === 0x201d
  );
}
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Emoji presentation code points (pictographs, dingbats, misc symbols). */
function isEmoji(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2300 && cp <= 0x23ff) || (cp >= 0x2b00 && cp <= 0x2bff);
}
/** Joiners, variation selectors, keycaps and skin tones: parts of an emoji with no meaning alone. */
function isEmojiModifier(cp: number): boolean {
  return cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

/** Tokenise one post into the token arrays above (n tokens). */
export function tokenise(text: string): void {
  n = 0;
  cur = text;
  lastEnd = 0;
  sentStart = 0;
  afterEmoji = false;
  upperCount = 0;
  exclamations = 0;
  questions = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    let c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // one whitespace-delimited token [i, j)
    let j = i;
    let punct = false;
    let wide = false;
    while (j < len) {
      const d = text.charCodeAt(j);
      if (d < 128) {
        if (d <= 32) break;
        if (d === 33) exclamations++;
        else if (d === 63) questions++;
        if (!punct && isPunct(d)) punct = true;
      } else {
        if (isSpace(d)) break;
        if (d >= 0x2300) wide = true;
        else if (!punct && isPunct(d)) punct = true;
      }
      j++;
    }
    if (isUrlOrMention(text, i, j)) {
      i = j;
      continue;
    }
    if (!wide) {
      // no emoji in this token (the usual case)
      if (punct) part(text, i, j);
      else word(text, i, j, false);
      i = j;
      continue;
    }
    // split off emoji
    let a = i;
    let k = i;
    while (k < j) {
      c = text.charCodeAt(k);
      let cp = c;
      let w = 1;
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < j) {
        cp = ((c - 0xd800) << 10) + (text.charCodeAt(k + 1) - 0xdc00) + 0x10000;
        w = 2;
      }
      if (isEmoji(cp) || isEmojiModifier(cp)) {
        if (k > a) part(text, a, k);
        if (!isEmojiModifier(cp)) {
          const emoji = w === 1 ? text[k]! : text.slice(k, k + 2);
          push(emoji, LEXICON.get(emoji), T_EMOTICON, k, k + w);
          afterEmoji = true;
        }
        a = k + w;
      }
      k += w;
    }
    if (j > a) part(text, a, j);
    i = j;
  }
  for (let k = lastEnd; k < len; k++) {
    if (text.charCodeAt(k) === 63) {
      for (let t = sentStart; t < n; t++) tflags[t]! |= T_QUESTION;
      break;
    }
  }
}

function isUrlOrMention(text: string, i: number, j: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 64) return j - i > 1; // @mention
  if (j - i < 8) return false;
  const c0 = c | 32;
  if (c0 === 104) {
    // http:// or https://
    return (text.charCodeAt(i + 1) | 32) === 116 && (text.charCodeAt(i + 2) | 32) === 116 && (text.charCodeAt(i + 3) | 32) === 112 &&
      (text.charCodeAt(i + 4) === 58 || ((text.charCodeAt(i + 4) | 32) === 115 && text.charCodeAt(i + 5) === 58));
  }
  if (c0 === 119) return (text.charCodeAt(i + 1) | 32) === 119 && (text.charCodeAt(i + 2) | 32) === 119 && text.charCodeAt(i + 3) === 46;
  return false;
}

/** A run of non-space, non-emoji characters. */
function part(text: string, a: number, b: number): void {
  // An emoticon or other lexicon entry made of punctuation (":)", ":-D", "</3") stays whole.
  let punct = false;
  for (let k = a; k < b; k++) {
    if (isPunct(text.charCodeAt(k))) {
      punct = true;
      break;
    }
  }
  if (!punct) {
    word(text, a, b, false);
    return;
  }
  let letters = 0;
  for (let k = a; k < b && letters <= 2; k++) {
    const c = text.charCodeAt(k) | 32;
    if (c >= 97 && c <= 122) letters++;
  }
  if (letters <= 2 && b - a <= 12) {
    const raw = text.slice(a, b);
    let e = LEXICON.get(raw);
    if (e === undefined || e.lex !== e.lex) e = LEXICON.get(raw.toLowerCase());
    if (e === undefined || e.lex !== e.lex) e = LEXICON.get(raw.replace(/(.)\1+/g, '$1')); // ":)))" → ":)"
    if (e !== undefined && e.lex === e.lex) {
      push(raw.toLowerCase(), e, (isUpperToken(text, a, b) ? T_UPPER : 0) | T_EMOTICON, a, b);
      return;
    }
  }
  // a word with an emoticon glued on: "match:)))"
  if (letters > 2) {
    for (let k = a + 1; k < b - 1; k++) {
      const c = text.charCodeAt(k);
      if (c !== 58 && c !== 59 && c !== 61 && c !== 60) continue; // : ; = <
      let tail = 0;
      for (let t = k; t < b; t++) if (((text.charCodeAt(t) | 32) >= 97 && (text.charCodeAt(t) | 32) <= 122)) tail++;
      if (tail > 2) continue;
      const raw = text.slice(k, b);
      let e = LEXICON.get(raw);
      if (e === undefined || e.lex !== e.lex) e = LEXICON.get(raw.replace(/(.)\1+/g, '$1'));
      if (e !== undefined && e.lex === e.lex) {
        piece(text, a, k);
        push(raw, e, T_EMOTICON, k, b);
        return;
      }
      break;
    }
  }
  // split at separators, then strip each piece
  let s = a;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    let sep = isSeparator(c);
    if (sep && (c === 44 || c === 47) && k > a && k + 1 < b && isDigit(text.charCodeAt(k - 1)) && isDigit(text.charCodeAt(k + 1))) sep = false; // 3,000  24/7
    if (!sep && c === 46 && k + 1 < b && text.charCodeAt(k + 1) === 46) sep = true; // "..."
    if (sep) {
      if (k > s) piece(text, s, k);
      s = k + 1;
    }
  }
  if (b > s) piece(text, s, b);
}

function piece(text: string, a: number, b: number): void {
  let hashtag = false;
  while (a < b && isPunct(text.charCodeAt(a))) {
    if (text.charCodeAt(a) === 35) hashtag = true;
    a++;
  }
  while (b > a && isPunct(text.charCodeAt(b - 1))) b--;
  if (b > a) word(text, a, b, hashtag);
}

function isUpperToken(text: string, a: number, b: number): boolean {
  let upper = false;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper;
}

/**
 * A run-together hashtag that opens with an evaluation or a negator, or ends in a verdict, is read
 * as those words: #nothappy → not happy, #worstairlineever → worst …, #unitedsucks → … sucks,
 * #badcustomerservice → bad …. Only these heads and tails: a sentiment word elsewhere inside a
 * hashtag (#teaparty) is too often part of a name.
 */
const HASHTAG_HEADS = ['not', 'never', 'no', 'worst', 'bad', 'poor', 'terrible', 'horrible', 'awful', 'best', 'great', 'love', 'good'];
const HASHTAG_TAILS = ['sucks', 'fail', 'fails', 'failure'];
function splitHashtag(w: string, a: number, b: number): boolean {
  for (const head of HASHTAG_HEADS) {
    if (!w.startsWith(head)) continue;
    const rest = w.slice(head.length);
    const re = LEXICON.get(rest);
    const negator = head === 'not' || head === 'never' || head === 'no';
    // a negator needs a sentiment word after it (#nothappy); an evaluation a few more letters (#badservice)
    if (negator ? re === undefined || re.lex !== re.lex : rest.length < 3) continue;
    push(head, LEXICON.get(head), 0, a, a + head.length);
    push(rest, re, 0, a, b); // spans the whole hashtag: the wall shows 'nothappy', not 'happy'
    return true;
  }
  for (const tail of HASHTAG_TAILS) {
    if (!w.endsWith(tail) || w.length - tail.length < 3) continue;
    push(tail, LEXICON.get(tail), 0, a, b);
    return true;
  }
  return false;
}

function word(text: string, a: number, b: number, hashtag: boolean): void {
  let upper = 0;
  let lower = 0;
  let curly = false;
  let elongated = false;
  let run = 1;
  let prev = -1;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c === 0x2019 || c === 0x2018) curly = true;
    else if (c > 127 && text[k]!.toLowerCase() !== text[k]) upper++;
    if ((c | 32) === prev) {
      if (++run === 3 && (c | 32) >= 97 && (c | 32) <= 122) elongated = true;
    } else run = 1;
    prev = c | 32;
  }
  let w = text.slice(a, b);
  if (upper > 0) w = w.toLowerCase();
  if (curly) w = w.replace(/[\u2018\u2019]/g, "'");
  let flags = upper > 0 && lower === 0 ? T_UPPER : 0;
  let e = LEXICON.get(w);
  if (e === undefined && elongated) {
    const two = w.replace(/(.)\1{2,}/g, '$1$1');
    e = LEXICON.get(two);
    if (e !== undefined) w = two;
    else {
      const one = w.replace(/(.)\1{2,}/g, '$1');
      e = LEXICON.get(one);
      if (e !== undefined) w = one;
    }
    if (e !== undefined) flags |= T_ELONG;
  }
  if (e === undefined && w.length >= 4) {
    const laugh = laughterProxy(w);
    if (laugh !== undefined) e = LEXICON.get(laugh);
  }
  if (e === undefined && w.length >= 6 && w.endsWith('est')) e = superlativeBase(w);
  if (e === undefined && hashtag && w.length > 5 && splitHashtag(w, a, b)) return;
  if (e === undefined && hashtag && upper > 0 && lower > 0) {
    // #EpicFail → epic fail
    let s = a;
    for (let k = a + 1; k <= b; k++) {
      const c = k < b ? text.charCodeAt(k) : 65;
      const p = text.charCodeAt(k - 1);
      if (k === b || (c >= 65 && c <= 90 && p >= 97 && p <= 122)) {
        const sub = text.slice(s, k).toLowerCase();
        push(sub, LEXICON.get(sub), 0, s, k);
        s = k;
      }
    }
    return;
  }
  push(w, e, flags, a, b);
}
