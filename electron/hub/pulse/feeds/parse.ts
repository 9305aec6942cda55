/**
 * RSS 2.0 (and 0.9x), Atom 1.0 and RDF (RSS 1.0) documents to feed items: plain-text title and
 * text, an absolute http(s) link, an author, a date (or why there is none).
 *
 * Parsing is feedsmith's (namespaces are matched by URI, so dc:, content:, itunes: and atom: work
 * whatever prefix a publisher picked). feedsmith is forgiving to the point of silence — a feed cut
 * off mid-item parses as if whole — so the document is first checked for well-formedness with
 * fast-xml-parser's validator (the parser feedsmith is built on), which names the line and column:
 * - the two faults real feeds commit most, a bare "&" ("AT&T") and a bare "<" ("a < b"), are
 *   repaired and reported as warnings;
 * - anything else (a truncated document, mismatched tags, an HTML page, JSON) is a FeedError
 *   naming the problem, and the feed's other polls and the other feeds carry on.
 * HTML in titles and bodies is reduced to text (html-text.ts), entities decoded, relative links
 * resolved against xml:base and the feed's own URL, enclosures (podcast audio) ignored but their
 * text kept.
 */
import { XMLValidator } from 'fast-xml-parser';
import { parseFeed, type AtomFeed, type RdfFeed, type RssFeed } from 'feedsmith';
import { hash53 } from '../../../../shared/domain/pulse/dedupe.ts';
import { truncateGraphemes, truncateUtf8 } from '../../../../shared/domain/safe-text.ts';
import { MAX_POST_ID_LENGTH, MAX_POST_TEXT_BYTES } from '../../../../shared/model/post.ts';
import { FeedError } from '../errors.ts';
import { htmlToText, maybeHtmlToText } from '../html-text.ts';

export type FeedFormat = 'rss' | 'atom' | 'rdf';

export interface FeedItem {
  /** guid / atom:id / rdf:about, else the link, else a hash of the content. */
  id: string;
  title: string | null;
  /** Plain text of the body (content, description, summary); '' when the item has only a title. */
  text: string;
  url: string | null;
  author: string | null;
  /** Epoch ms, or null when the item has no readable date (see dateProblem). */
  publishedAt: number | null;
  dateProblem: string | null;
  categories: string[];
  /** Enclosures (podcast audio, video) the item carried; they are not fetched. */
  enclosures: number;
  lang: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  lang: string | null;
  items: FeedItem[];
  /** What was repaired or skipped, in words. */
  warnings: string[];
}

export interface ParseOptions {
  /** The URL the feed was fetched from (after redirects): the base of relative links. */
  feedUrl: string;
  /** The hub's clock, to tell a date in the future. */
  now: number;
  /** Items read from one document. Default 500. */
  maxItems?: number;
}

const MAX_TITLE_GRAPHEMES = 512;
/** A date more than this far ahead is a publisher's clock or time-zone error. */
const FUTURE_SLACK_MS = 24 * 3_600_000;
const EARLIEST = Date.UTC(1995, 0, 1);

// ---- well-formedness ------------------------------------------------------------------------

const CDATA = /(<!\[CDATA\[[\s\S]*?\]\]>)/;

/** Apply `fix` to the document outside CDATA sections. */
function outsideCdata(xml: string, fix: (text: string) => string): string {
  return xml
    .split(CDATA)
    .map((part, i) => (i % 2 === 1 ? part : fix(part)))
    .join('');
}

function rootElement(xml: string): string | null {
  const body = xml.replace(/^(\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>)*/i, '');
  return /^<([A-Za-z_][\w:.-]*)/.exec(body)?.[1] ?? null;
}

function notAFeed(xml: string, feedUrl: string): FeedError | null {
  const trimmed = xml.trimStart();
  if (trimmed === '') return new FeedError('the response is empty');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return new FeedError('the response is JSON, not an RSS, Atom or RDF feed');
  const root = rootElement(trimmed);
  if (root === null) return new FeedError(`the response is not XML: it starts with "${trimmed.slice(0, 40).replace(/\s+/g, ' ')}"`);
  if (root.toLowerCase() === 'html') {
    // A site's home page often names its feed: say where.
    const alt = /<link\b[^>]*type=["']application\/(?:rss|atom)\+xml["'][^>]*>/i.exec(trimmed)?.[0];
    const href = alt ? /href=["']([^"']+)["']/i.exec(alt)?.[1] : undefined;
    let hint = '';
    if (href) {
      try {
        hint = `; the page names a feed at ${new URL(href.replace(/&amp;/g, '&'), feedUrl).href}`;
      } catch {
        hint = '';
      }
    }
    return new FeedError(`the response is an HTML page, not a feed${hint}`);
  }
  return null;
}

function describeXmlError(err: { code: string; msg: string; line: number; col: number }): string {
  if (err.code === 'InvalidXml' && err.msg.startsWith("Invalid '[")) {
    const open = [...err.msg.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const last = open.at(-1) ?? '?';
    return `the document ends before <${last}> is closed (open: ${open.join(' › ')}) — truncated?`;
  }
  return `not well-formed XML (line ${err.line}, column ${err.col}): ${err.msg.replace(/\s+/g, ' ')}`;
}

/** Check the document is well-formed XML, repairing bare "&" and "<"; throws FeedError otherwise. */
export function checkWellFormed(input: string): { xml: string; warnings: string[] } {
  const warnings: string[] = [];
  let xml = input.replace(/^\uFEFF/, '').trimStart();
  for (let attempt = 0; attempt < 4; attempt++) {
    const result = XMLValidator.validate(xml);
    if (result === true) return { xml, warnings };
    const err = result.err;
    if (err.code === 'InvalidChar' && err.msg.includes("'&'")) {
      let count = 0;
      xml = outsideCdata(xml, (text) =>
        text.replace(/&(?![A-Za-z][A-Za-z0-9]{0,31};|#\d{1,7};|#x[0-9A-Fa-f]{1,6};)/g, () => {
          count++;
          return '&amp;';
        }),
      );
      warnings.push(`repaired ${count} unescaped "&" (the first on line ${err.line})`);
      continue;
    }
    if (err.code === 'InvalidTag' && /space after '<'|Tag '.*' is an invalid name/.test(err.msg)) {
      let count = 0;
      xml = outsideCdata(xml, (text) =>
        text.replace(/<(?=[\s\d=<]|$)/g, () => {
          count++;
          return '&lt;';
        }),
      );
      if (count === 0) throw new FeedError(describeXmlError(err));
      warnings.push(`repaired ${count} unescaped "<" (the first on line ${err.line})`);
      continue;
    }
    if (err.code === 'InvalidXml' && /Extra text at the end/.test(err.msg)) {
      warnings.push(`ignored text after the end of the document (line ${err.line}, column ${err.col})`);
      return { xml, warnings };
    }
    throw new FeedError(describeXmlError(err));
  }
  throw new FeedError('not well-formed XML: too many faults to repair');
}

// ---- dates ----------------------------------------------------------------------------------

// Zone abbreviations publishers put in RFC 822 dates that JavaScript's parser does not know.
const ZONES: Readonly<Record<string, string>> = {
  UT: '+0000', UTC: '+0000', GMT: '+0000', Z: '+0000', WET: '+0000', WEST: '+0100', BST: '+0100',
  CET: '+0100', CEST: '+0200', MET: '+0100', MEST: '+0200', EET: '+0200', EEST: '+0300', SAST: '+0200', MSK: '+0300',
  EST: '-0500', EDT: '-0400', CST: '-0600', CDT: '-0500', MST: '-0700', MDT: '-0600', PST: '-0800', PDT: '-0700',
  AKST: '-0900', AKDT: '-0800', HST: '-1000', BRT: '-0300', ART: '-0300',
  JST: '+0900', KST: '+0900', HKT: '+0800', SGT: '+0800', AWST: '+0800', ACST: '+0930', AEST: '+1000', AEDT: '+1100',
  NZST: '+1200', NZDT: '+1300',
};

// Month names and abbreviations in German, French, Spanish, Italian, Dutch and Portuguese.
const MONTHS: Readonly<Record<string, string>> = (() => {
  const names: [string, string[]][] = [
    ['Jan', ['januar', 'jän', 'janv', 'janvier', 'ene', 'enero', 'gen', 'gennaio', 'januari', 'janeiro']],
    ['Feb', ['februar', 'févr', 'fév', 'février', 'febrero', 'febbraio', 'februari', 'fev', 'fevereiro']],
    ['Mar', ['mär', 'mrz', 'märz', 'mars', 'marzo', 'mrt', 'maart', 'março']],
    ['Apr', ['april', 'avr', 'avril', 'abr', 'abril', 'aprile']],
    ['May', ['mai', 'mayo', 'mag', 'maggio', 'mei', 'maio']],
    ['Jun', ['juni', 'juin', 'junio', 'giu', 'giugno', 'junho']],
    ['Jul', ['juli', 'juil', 'juillet', 'julio', 'lug', 'luglio', 'julho']],
    ['Aug', ['august', 'août', 'ago', 'agosto', 'augustus']],
    ['Sep', ['sept', 'septembre', 'septiembre', 'set', 'settembre', 'setembro']],
    ['Oct', ['okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre', 'out', 'outubro']],
    ['Nov', ['november', 'novembre', 'noviembre', 'novembro']],
    ['Dec', ['dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre', 'dicembre', 'december', 'dezembro']],
  ];
  const table: Record<string, string> = {};
  for (const [en, others] of names) for (const o of others) table[o] = en;
  return table;
})();

/**
 * A feed date (RFC 822 as RSS has it, RFC 3339 / ISO 8601 as Atom and dc:date have it, and the
 * usual deviations: no zone, a zone abbreviation, a wrong or localised weekday, a space for "T")
 * to epoch ms; null with the problem in words when it is missing, unreadable or implausible.
 */
export function parseFeedDate(raw: string | undefined | null, now: number): { at: number | null; problem: string | null } {
  if (raw === undefined || raw === null || raw.trim() === '') return { at: null, problem: 'no date' };
  let s = raw.trim().replace(/\s+/g, ' ');
  let at: number;
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    s = s.replace(/^(\d{4}-\d{2}-\d{2})[ T](\d)/, '$1T$2').replace(/ ?([+-]\d{2}:?\d{2}|Z)$/i, '$1');
    // A time without a zone: UTC (not the hub's local zone, which would make the hub's TZ matter).
    if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s += 'Z';
    at = Date.parse(s);
  } else {
    // Drop the weekday (it may be wrong, or in another language); month names in a few other
    // languages to English (CMSs localise them); map zone abbreviations.
    s = s.replace(/^[^\d\s,]+,? ?(?=\d)/u, '');
    s = s.replace(/(?<=^\d{1,2} )[^\d\s.]+\.?(?= \d)/u, (month) => MONTHS[month.toLowerCase().replace(/\.$/, '')] ?? month);
    s = s.replace(/ ([A-Za-z]{1,5})$/, (m, zone: string) => {
      const offset = ZONES[zone.toUpperCase()];
      return offset === undefined ? m : ` ${offset}`;
    });
    if (!/([+-]\d{4}|[+-]\d{2}:\d{2}| [A-Z]{1,5})$/.test(s) && /\d{1,2}:\d{2}/.test(s)) s += ' +0000';
    at = Date.parse(s);
  }
  if (Number.isNaN(at)) return { at: null, problem: `unreadable date "${raw.trim().slice(0, 60)}"` };
  if (at < EARLIEST) return { at: null, problem: `implausible date "${raw.trim().slice(0, 60)}"` };
  if (at > now + FUTURE_SLACK_MS) return { at: null, problem: `date ${new Date(at).toISOString()} is in the future` };
  return { at, problem: null };
}

// ---- mapping --------------------------------------------------------------------------------

interface RawItem {
  id: string | undefined;
  title: string | undefined;
  /** How the title is marked up: RSS titles may or may not be HTML; Atom says. */
  titleType: 'maybe-html' | 'html' | 'text';
  body: string | undefined;
  bodyType: 'html' | 'text';
  link: string | undefined;
  base: string | undefined;
  author: string | undefined;
  date: string | undefined;
  categories: string[];
  enclosures: number;
}

interface FeedContext {
  feedUrl: string;
  base: string;
  now: number;
  defaultAuthor: string | null;
  lang: string | null;
  warnings: Map<string, number>;
}

function warn(ctx: FeedContext, message: string): void {
  ctx.warnings.set(message, (ctx.warnings.get(message) ?? 0) + 1);
}

function resolveBase(base: string | undefined, against: string): string {
  if (!base) return against;
  try {
    return new URL(base, against).href;
  } catch {
    return against;
  }
}

function resolveLink(href: string | undefined, base: string, ctx: FeedContext): string | null {
  const value = href?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    warn(ctx, 'unreadable link dropped');
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    warn(ctx, `link with scheme "${url.protocol}" dropped (only http and https are kept)`);
    return null;
  }
  return url.href;
}

function textOf(value: string | undefined, type: 'maybe-html' | 'html' | 'text'): string {
  if (value === undefined) return '';
  if (type === 'text') return value.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  if (type === 'html') return htmlToText(value);
  return maybeHtmlToText(value);
}

/** "jane@example.com (Jane Doe)" → "Jane Doe" (RSS <author>), else the text. */
function personName(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const paren = /^\S+@\S+\s*\(([^)]+)\)$/.exec(text);
  return maybeHtmlToText(paren ? paren[1]! : text) || undefined;
}

function finishItem(raw: RawItem, ctx: FeedContext): FeedItem | null {
  const title = textOf(raw.title, raw.titleType);
  const body = textOf(raw.body, raw.bodyType);
  if (title === '' && body === '') {
    warn(ctx, 'item with neither a title nor any text skipped');
    return null;
  }
  const base = resolveBase(raw.base, ctx.base);
  const url = resolveLink(raw.link, base, ctx);
  const date = parseFeedDate(raw.date, ctx.now);
  if (date.problem !== null) warn(ctx, date.problem === 'no date' ? 'item without a date: first-seen time used' : `${date.problem}: first-seen time used`);

  const shortTitle = truncateGraphemes(title, MAX_TITLE_GRAPHEMES).text;
  const text = truncateUtf8(body, MAX_POST_TEXT_BYTES);
  if (text.truncated) warn(ctx, `item text longer than ${MAX_POST_TEXT_BYTES} bytes truncated`);
  let id = raw.id?.trim() || url || `h:${hash53(`${title}\u0000${body}\u0000${raw.date ?? ''}`).toString(36)}`;
  if (id.length > MAX_POST_ID_LENGTH) id = `h:${hash53(id).toString(36)}`;
  return {
    id,
    title: shortTitle === '' ? null : shortTitle,
    text: text.text,
    url,
    author: personName(raw.author) ?? ctx.defaultAuthor,
    publishedAt: date.at,
    dateProblem: date.problem,
    categories: raw.categories.map((c) => maybeHtmlToText(c)).filter((c) => c !== '').slice(0, 20),
    enclosures: raw.enclosures,
    lang: ctx.lang,
  };
}

function rssItems(feed: RssFeed.Feed<string>): RawItem[] {
  return (feed.items ?? []).map((item) => {
    const guid = item.guid?.value;
    const guidIsLink = guid !== undefined && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid);
    const body = item.content?.encoded ?? item.description ?? item.itunes?.summary ?? item.itunes?.subtitle ?? item.dc?.descriptions?.[0];
    return {
      id: guid ?? item.link,
      title: item.title ?? item.itunes?.title ?? item.dc?.titles?.[0],
      titleType: 'maybe-html' as const,
      body,
      bodyType: 'html' as const,
      link: item.link ?? (guidIsLink ? guid : undefined),
      base: item.xml?.base,
      author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? item.authors?.[0]?.email ?? item.itunes?.author,
      date: item.pubDate ?? item.dc?.dates?.[0] ?? item.dcterms?.modified?.[0] ?? item.atom?.updated,
      categories: (item.categories ?? []).map((c) => c.name ?? '').concat(item.dc?.subjects ?? []),
      enclosures: item.enclosures?.length ?? 0,
    };
  });
}

type AtomText = { value?: string; type?: string } | undefined;
const atomType = (t: AtomText): 'html' | 'text' => (t?.type === 'html' || t?.type === 'xhtml' || t?.type?.includes('html') ? 'html' : 'text');

function atomLink(links: readonly AtomFeed.Link<string>[] | undefined): string | undefined {
  if (!links || links.length === 0) return undefined;
  const usable = links.filter((l) => l.href && !['self', 'enclosure', 'replies', 'edit', 'edit-media', 'license', 'hub'].includes(l.rel ?? 'alternate'));
  const html = usable.find((l) => (l.rel ?? 'alternate') === 'alternate' && (!l.type || l.type.includes('html')));
  return (html ?? usable[0])?.href;
}

function atomEntries(feed: AtomFeed.Feed<string>): RawItem[] {
  return (feed.entries ?? []).map((entry) => {
    const content = entry.content?.src === undefined ? entry.content : undefined;
    const body = content?.value !== undefined && content.value.trim() !== '' ? content : entry.summary;
    return {
      id: entry.id,
      title: entry.title?.value,
      titleType: atomType(entry.title),
      body: body?.value,
      bodyType: atomType(body),
      link: atomLink(entry.links),
      base: (entry as { xml?: { base?: string } }).xml?.base,
      author: entry.authors?.[0]?.name ?? entry.source?.authors?.[0]?.name ?? entry.dc?.creators?.[0],
      date: entry.published ?? entry.updated ?? entry.dc?.dates?.[0],
      categories: (entry.categories ?? []).map((c) => c.label ?? c.term ?? ''),
      enclosures: (entry.links ?? []).filter((l) => l.rel === 'enclosure').length,
    };
  });
}

function rdfItems(feed: RdfFeed.Feed<string>): RawItem[] {
  return (feed.items ?? []).map((item) => ({
    id: item.rdf?.about ?? item.link,
    title: item.title ?? item.dc?.titles?.[0],
    titleType: 'maybe-html' as const,
    body: item.content?.encoded ?? item.description ?? item.dc?.descriptions?.[0],
    bodyType: 'html' as const,
    link: item.link ?? item.rdf?.about,
    base: item.xml?.base,
    author: item.dc?.creators?.[0] ?? item.dc?.publishers?.[0],
    date: item.dc?.dates?.[0] ?? item.dcterms?.modified?.[0] ?? item.dcterms?.created?.[0],
    categories: item.dc?.subjects ?? [],
    enclosures: 0,
  }));
}

/** Parse a feed document; throws FeedError naming the problem when it cannot be read. */
export function parseFeedXml(input: string, options: ParseOptions): ParsedFeed {
  const problem = notAFeed(input, options.feedUrl);
  if (problem) throw problem;
  const { xml, warnings } = checkWellFormed(input);
  let parsed: ReturnType<typeof parseFeed<string>>;
  try {
    parsed = parseFeed<string>(xml, { maxItems: options.maxItems ?? 500 });
  } catch (error) {
    const root = rootElement(xml);
    if (error instanceof Error && /unrecognized/i.test(error.message)) {
      throw new FeedError(`not a feed: the root element is <${root ?? '?'}>; expected <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0)`);
    }
    throw new FeedError(`the feed could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const ctx: FeedContext = { feedUrl: options.feedUrl, base: options.feedUrl, now: options.now, defaultAuthor: null, lang: null, warnings: new Map() };
  let raws: RawItem[];
  let title: string | undefined;
  let link: string | undefined;
  let format: FeedFormat;
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      format = 'rss';
      title = feed.title;
      link = feed.link;
      ctx.base = resolveBase(feed.xml?.base, options.feedUrl);
      ctx.lang = feed.language ?? feed.dc?.languages?.[0] ?? feed.xml?.lang ?? null;
      ctx.defaultAuthor =
        personName(feed.dc?.creators?.[0] ?? feed.itunes?.author ?? feed.managingEditor?.name) ?? (title ? maybeHtmlToText(title) : null);
      raws = rssItems(feed);
      break;
    }
    case 'atom': {
      const feed = parsed.feed;
      format = 'atom';
      title = feed.title?.value;
      link = atomLink(feed.links);
      ctx.base = resolveBase(feed.xml?.base, options.feedUrl);
      ctx.lang = feed.xml?.lang ?? feed.dc?.languages?.[0] ?? null;
      ctx.defaultAuthor = personName(feed.authors?.[0]?.name) ?? (title ? maybeHtmlToText(title) : null);
      raws = atomEntries(feed);
      break;
    }
    case 'rdf': {
      const feed = parsed.feed;
      format = 'rdf';
      title = feed.title;
      link = feed.link;
      ctx.lang = feed.dc?.languages?.[0] ?? null;
      ctx.defaultAuthor = personName(feed.dc?.creators?.[0] ?? feed.dc?.publishers?.[0]) ?? (title ? maybeHtmlToText(title) : null);
      raws = rdfItems(feed);
      break;
    }
    default:
      throw new FeedError('JSON Feed is not supported: expected RSS, Atom or RDF');
  }
  const items: FeedItem[] = [];
  for (const raw of raws) {
    const item = finishItem(raw, ctx);
    if (item) items.push(item);
  }
  if (raws.length === 0) warnings.push('the feed has no items');
  for (const [message, count] of ctx.warnings) warnings.push(count > 1 ? `${message} (${count} items)` : message);
  const feedTitle = title ? maybeHtmlToText(title) : '';
  return {
    format,
    title: feedTitle === '' ? null : feedTitle,
    link: resolveLink(link, ctx.base, ctx),
    lang: ctx.lang,
    items,
    warnings,
  };
}
