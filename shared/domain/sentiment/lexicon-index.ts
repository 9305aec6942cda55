/**
 * The compiled lexicon: one Map from a lower-case word (or emoji, or emoticon) to everything the
 * rules know about it — its VADER valence, booster value, word flags, the topic of a function
 * verb, and the phrases it heads — built once at load from VADER's lexicon and special cases
 * (vader-rules.ts), the operations lexicon (ops-lexicon.ts), emoji (emoji.ts) and informal and
 * complaint words (informal.ts). A token then costs one Map lookup, however many word lists the
 * rules consult.
 */
import { EMOJI_PROXIES, EMOTICON_PROXIES } from './emoji.ts';
import { COMPLAINT_PROXIES, INFORMAL_PROXIES, PRAISE_PROXIES } from './informal.ts';
import {
  ADDRESSED_FAULTS,
  ADDRESSED_FORMS,
  COMPLAINT_TOPICS,
  FUNCTION_VERBS,
  KEEP_FAULT_VERBS,
  KEEP_WORDS,
  OPS_TERMS,
  REQUEST_WORDS,
  VERB_FILLERS,
  VERB_NEGATORS,
  WHY_FOLLOWERS,
  WHY_WORDS,
  type ComplaintTopic,
} from './ops-lexicon.ts';
import { VADER_LEXICON_TSV } from './vader-lexicon.ts';
import { BOOSTERS, IDIOMS, NEGATIONS } from './vader-rules.ts';

/** What a unit (a word, or a phrase scored as one) is to the rules. */
export const KIND = {
  NONE: 0,
  WORD: 1, // a VADER lexicon word
  IDIOM: 2, // a VADER multi-word entry or special-case idiom
  PROBLEM: 3,
  FORM: 4,
  RESOLUTION: 5,
  CONTEXT: 6,
} as const;
const KIND_OF: Record<string, number> = { problem: KIND.PROBLEM, form: KIND.FORM, resolution: KIND.RESOLUTION, context: KIND.CONTEXT };

// word flags
export const W_NEGATION = 1;
export const W_REQUEST = 2;
export const W_KEEP = 4;
export const W_WHY = 8;
export const W_WHY_FOLLOWER = 16;
export const W_VERB_NEGATOR = 32;
export const W_FILLER = 64;
export const W_FUNCTION_VERB = 128;
export const W_KEEP_FAULT = 256;
export const W_NO = 512; // "no", and "zero"/"0" read the same way ("zero lag")
export const W_TOO = 1024; // "too": an excess before a word with no sentiment ("too small")
export const W_EASY = 2048; // "easily"/"easy": mirrored after a damage verb ("breaks easily")
export const W_ADDRESSED_FAULT = 4096; // a fault word that is a complaint in a post addressed to someone
export const W_ADDRESSED_FORM = 8192; // a complaint marker in a post addressed to someone

export interface Phrase {
  words: readonly string[];
  /** NaN: keep the head word's VADER valence. */
  valence: number;
  kind: number;
  topics: number;
}

export interface Entry {
  /** VADER valence, NaN when the word is not in the lexicon. */
  lex: number;
  booster: number;
  flags: number;
  /** Topic bit of a function verb / keep-fault verb. */
  verbTopic: number;
  /** Phrases starting with this word, longest first. */
  phrases: Phrase[] | null;
  /** The same phrases by their second word ('' for a one-word phrase), longest first. */
  bySecond: Map<string, Phrase[]> | null;
}

const TOPIC_BIT = new Map<ComplaintTopic, number>(COMPLAINT_TOPICS.map((t, i) => [t, 1 << i]));
export const bitOf = (t: ComplaintTopic | null): number => (t === null ? 0 : TOPIC_BIT.get(t)!);
/** The topic list for every topic bit set, built once so results share them. */
export const TOPIC_LISTS: readonly (readonly ComplaintTopic[])[] = Array.from({ length: 1 << COMPLAINT_TOPICS.length }, (_, bits) =>
  Object.freeze(COMPLAINT_TOPICS.filter((_t, i) => bits & (1 << i))),
);

/** Built once, below; read-only afterwards. */
export const LEXICON = new Map<string, Entry>();
function entry(word: string): Entry {
  let e = LEXICON.get(word);
  if (e === undefined) {
    e = { lex: NaN, booster: 0, flags: 0, verbTopic: 0, phrases: null, bySecond: null };
    LEXICON.set(word, e);
  }
  return e;
}
function addPhrase(words: readonly string[], valence: number, kind: number, topics: number): void {
  const head = entry(words[0]!);
  const phrase = { words, valence, kind, topics };
  (head.phrases ??= []).push(phrase);
  head.phrases.sort((a, b) => b.words.length - a.words.length);
  head.bySecond ??= new Map();
  const key = words[1] ?? '';
  const list = head.bySecond.get(key);
  if (list === undefined) head.bySecond.set(key, [phrase]);
  else {
    list.push(phrase);
    list.sort((a, b) => b.words.length - a.words.length);
  }
}

/** VADER's own lexicon as a word → valence map (the last entry wins, as in the reference code). */
export const VADER_VALENCES: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const line of VADER_LEXICON_TSV.split('\n')) {
    const tab = line.indexOf('\t');
    m.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return m;
})();

for (const [token, valence] of VADER_VALENCES) {
  if (token.includes(' ')) addPhrase(token.split(' '), valence, KIND.IDIOM, 0);
  else entry(token).lex = valence;
}
for (const [word, b] of BOOSTERS) entry(word).booster = b;
for (const w of NEGATIONS) entry(w).flags |= W_NEGATION;
for (const [phrase, valence] of IDIOMS) {
  const words = phrase.split(' ');
  if (words.length === 1) entry(phrase).lex = valence;
  else addPhrase(words, valence, KIND.IDIOM, 0);
}
for (const t of OPS_TERMS) addPhrase(t.phrase.split(' '), t.valence ?? NaN, KIND_OF[t.kind]!, bitOf(t.topic));
for (const [emoji, proxy] of [...EMOJI_PROXIES, ...EMOTICON_PROXIES]) {
  const v = VADER_VALENCES.get(proxy);
  if (v === undefined) throw new Error(`emoji proxy ${proxy} is not in the VADER lexicon`);
  entry(emoji).lex = v;
}
for (const [word, proxy] of INFORMAL_PROXIES) {
  const v = VADER_VALENCES.get(proxy);
  if (v === undefined) throw new Error(`informal proxy ${proxy} is not in the VADER lexicon`);
  const known = LEXICON.get(word);
  if (known !== undefined && known.lex === known.lex) throw new Error(`informal word ${word} is already in the lexicon`);
  entry(word).lex = v;
}
for (const [word, proxy] of [...COMPLAINT_PROXIES, ...PRAISE_PROXIES]) {
  const v = VADER_VALENCES.get(proxy);
  if (v === undefined) throw new Error(`complaint/praise proxy ${proxy} is not in the VADER lexicon`);
  if (word.includes(' ')) {
    addPhrase(word.split(" "), v, KIND.WORD, 0); // a general sentiment term: questions, sarcasm and negated negatives as for a word
    continue;
  }
  const known = LEXICON.get(word);
  if (known !== undefined && known.lex === known.lex) throw new Error(`complaint word ${word} is already in the lexicon`);
  entry(word).lex = v;
}
for (const w of REQUEST_WORDS) entry(w).flags |= W_REQUEST;
for (const w of ADDRESSED_FAULTS.keys()) entry(w).flags |= W_ADDRESSED_FAULT;
for (const w of ADDRESSED_FORMS.keys()) entry(w).flags |= W_ADDRESSED_FORM;
for (const w of ['no', 'zero', '0']) entry(w).flags |= W_NO;
entry('too').flags |= W_TOO;
for (const w of ['easily', 'easy']) entry(w).flags |= W_EASY;
for (const w of KEEP_WORDS) entry(w).flags |= W_KEEP;
for (const w of WHY_WORDS) entry(w).flags |= W_WHY;
for (const w of WHY_FOLLOWERS) entry(w).flags |= W_WHY_FOLLOWER;
for (const w of VERB_NEGATORS) entry(w).flags |= W_VERB_NEGATOR;
for (const w of VERB_FILLERS) entry(w).flags |= W_FILLER;
for (const [w, t] of FUNCTION_VERBS) {
  const e = entry(w);
  e.flags |= W_FUNCTION_VERB;
  e.verbTopic = bitOf(t);
}
for (const [w, t] of KEEP_FAULT_VERBS) {
  const e = entry(w);
  e.flags |= W_KEEP_FAULT;
  e.verbTopic = bitOf(t);
}

/** Superlatives looked up so far (the lexicon's own are in LEXICON): bounded, as post text is open-ended. */
const superlatives = new Map<string, Entry | undefined>();
/** "coolest" → cool, "cutest" → cute, "saddest" → sad, "funniest" → funny: a superlative not in the lexicon scores as its adjective. */
export function superlativeBase(w: string): Entry | undefined {
  if (superlatives.has(w)) return superlatives.get(w);
  if (superlatives.size > 10_000) superlatives.clear();
  const found = findSuperlativeBase(w);
  // Only the valence: the adjective's phrases and flags belong to the adjective.
  const e = found === undefined ? undefined : { lex: found.lex, booster: 0, flags: 0, verbTopic: 0, phrases: null, bySecond: null };
  superlatives.set(w, e);
  return e;
}
function findSuperlativeBase(w: string): Entry | undefined {
  const stem = w.slice(0, -3);
  const tries = [stem, `${stem}e`];
  if (stem.length >= 3 && stem[stem.length - 1] === stem[stem.length - 2]) tries.push(stem.slice(0, -1));
  if (stem.endsWith('i')) tries.push(`${stem.slice(0, -1)}y`);
  for (const t of tries) {
    if (t.length < 3) continue;
    const e = LEXICON.get(t);
    if (e !== undefined && e.lex === e.lex) return e;
  }
  return undefined;
}
