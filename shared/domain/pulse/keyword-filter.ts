/**
 * Keyword and brand filters for one feed: keep a post when it mentions one of the `include` terms
 * (or there are none) and none of the `exclude` terms, and its author is not excluded.
 *
 * Terms match whole words or phrases, case-insensitively, after Unicode compatibility folding
 * (full-width "ＳｔｒｅａｍＣｏ" is "streamco") and with invisible characters removed (a zero-width
 * space cannot hide "buffering" from the filter). A term may end in `*` for any word ending
 * ("stream*" matches "streaming", "streams"); a leading `#` or `@` must be present in the post
 * ("#MatchNight" does not match the bare word), while a bare term also matches its hashtag
 * ("streamco" matches "#StreamCo").
 */
import { neutraliseInvisibles } from '../safe-text.ts';

export interface KeywordFilterConfig {
  include?: readonly string[];
  exclude?: readonly string[];
  /** Authors whose posts are dropped (e.g. the brand's own support account), compared case-insensitively, without a leading '@'. */
  excludeAuthors?: readonly string[];
}

export interface FilterablePost {
  text: string;
  title?: string | null;
  author?: string | null;
}

export type FilterVerdict = { keep: true; matched: readonly string[] } | { keep: false; reason: string };

export interface KeywordFilter {
  readonly config: KeywordFilterConfig;
  test(post: FilterablePost): FilterVerdict;
}

export const MAX_FILTER_TERMS = 200;
export const MAX_TERM_LENGTH = 100;

export class KeywordFilterError extends Error {}

/** Lower-cased, compatibility-folded text without invisible characters: what terms are matched against. */
export function foldForMatching(text: string): string {
  return neutraliseInvisibles(text.normalize('NFKC')).text.toLowerCase();
}

const WORD = '[\\p{L}\\p{N}_]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledTerm {
  term: string;
  pattern: RegExp;
}

function compileTerm(raw: unknown, list: string): CompiledTerm {
  if (typeof raw !== 'string') throw new KeywordFilterError(`${list}: every term must be a string`);
  const term = foldForMatching(raw).trim().replace(/\s+/g, ' ');
  if (term === '' || term === '*') throw new KeywordFilterError(`${list}: empty term`);
  if (term.length > MAX_TERM_LENGTH) throw new KeywordFilterError(`${list}: term "${term.slice(0, 20)}…" is longer than ${MAX_TERM_LENGTH} characters`);
  const wildcard = term.endsWith('*');
  const body = wildcard ? term.slice(0, -1) : term;
  if (body.includes('*')) throw new KeywordFilterError(`${list}: "${raw}" — '*' is only allowed at the end of a term`);
  // A space in a phrase matches any run of whitespace ("stream co" ~ "stream\n co"). '#' and '@'
  // are not word characters, so a bare term also matches right after them (its hashtag).
  const source = body.split(' ').map(escapeRegExp).join('\\s+');
  const end = wildcard ? `${WORD}*` : `(?!${WORD})`;
  return { term: raw, pattern: new RegExp(`(?<!${WORD})${source}${end}`, 'u') };
}

function compileList(list: readonly string[] | undefined, name: string): CompiledTerm[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new KeywordFilterError(`${name} must be a list of terms`);
  if (list.length > MAX_FILTER_TERMS) throw new KeywordFilterError(`${name} has ${list.length} terms; at most ${MAX_FILTER_TERMS}`);
  return list.map((t) => compileTerm(t, name));
}

const normaliseAuthor = (name: string): string => foldForMatching(name).trim().replace(/^@/, '');

/**
 * "StreamCoHelp" excludes that account on any instance ("@StreamCoHelp@mastodon.social", a
 * Mastodon author) as well as a plain "@StreamCoHelp"; "StreamCoHelp@mastodon.social" only that one.
 */
function isExcludedAuthor(authors: ReadonlySet<string>, author: string): boolean {
  const at = author.indexOf('@');
  return authors.has(author) || (at > 0 && authors.has(author.slice(0, at)));
}

/** Compile a filter once per feed; throws KeywordFilterError naming a bad term. */
export function compileKeywordFilter(config: KeywordFilterConfig = {}): KeywordFilter {
  const include = compileList(config.include, 'include');
  const exclude = compileList(config.exclude, 'exclude');
  const authors = new Set((config.excludeAuthors ?? []).map(normaliseAuthor));
  return {
    config,
    test(post: FilterablePost): FilterVerdict {
      if (post.author && authors.size > 0 && isExcludedAuthor(authors, normaliseAuthor(post.author))) {
        return { keep: false, reason: `author ${post.author} is excluded` };
      }
      const haystack = foldForMatching(post.title ? `${post.title}\n${post.text}` : post.text);
      for (const { term, pattern } of exclude) {
        if (pattern.test(haystack)) return { keep: false, reason: `mentions excluded term "${term}"` };
      }
      if (include.length === 0) return { keep: true, matched: [] };
      const matched = include.filter(({ pattern }) => pattern.test(haystack)).map(({ term }) => term);
      if (matched.length === 0) return { keep: false, reason: 'mentions none of the include terms' };
      return { keep: true, matched };
    },
  };
}
