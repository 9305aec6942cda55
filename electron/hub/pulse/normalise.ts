/**
 * Every source's posts to the one Post the hub keeps (shared/model/post.ts): text with invisible
 * and control characters neutralised and bounded, links only http(s), dates checked, and scored
 * with the sentiment scorer.
 */
import { neutraliseInvisibles, safeLink, truncateGraphemes, truncateUtf8 } from '../../../shared/domain/safe-text.ts';
import { hash53 } from '../../../shared/domain/pulse/dedupe.ts';
import { scoreSentiment, type ScoringContext } from '../../../shared/domain/sentiment/index.ts';
import {
  MAX_AUTHOR_LENGTH,
  MAX_POST_ID_LENGTH,
  MAX_POST_TEXT_BYTES,
  postSourceSchema,
  type DateSource,
  type IngestPost,
  type Post,
  type PostKind,
  type PostMetadata,
} from '../../../shared/model/post.ts';

/** A post as a source adapter read it: plain text (HTML already reduced), fields not yet bounded. */
export interface PostDraft {
  source: string;
  kind: PostKind;
  id: string;
  author: string | null;
  authorName?: string | null;
  title?: string | null;
  contentWarning?: string | null;
  text: string;
  url?: string | null;
  /** Null when the source gave no readable date. */
  createdAt: number | null;
  /** For a post without a date: was it already there on the source's first poll? */
  backlog?: boolean;
  lang?: string | null;
  metadata?: PostMetadata;
}

/** A date this far ahead of the hub's clock is the source's clock error: the receive time is used. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const MAX_TITLE_GRAPHEMES = 512;

function clean(text: string | null | undefined, maxGraphemes: number, singleLine: boolean): string | null {
  if (text === null || text === undefined) return null;
  let out = neutraliseInvisibles(text).text;
  out = singleLine ? out.replace(/\s+/g, ' ').trim() : out.replace(/[ \u00A0]{2,}/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  if (out === '') return null;
  return truncateGraphemes(out, maxGraphemes).text;
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/**
 * The text the scorer reads: the content warning, the title unless the text already says it
 * (feeds often repeat the start of the text as the title), then the text.
 */
export function scoringText(post: Pick<Post, 'title' | 'contentWarning' | 'text'>): string {
  const parts: string[] = [];
  if (post.contentWarning) parts.push(post.contentWarning);
  if (post.title) {
    const titleWords = words(post.title);
    const textWords = new Set(words(post.text));
    const shared = titleWords.filter((w) => textWords.has(w)).length;
    if (titleWords.length === 0 || shared / titleWords.length < 0.8) parts.push(post.title);
  }
  if (post.text) parts.push(post.text);
  return parts.join('\n');
}

/** How a source's posts are read: see scoring-context.ts. */
export type ScoringContextOf = (source: string) => ScoringContext | undefined;

export function toPost(draft: PostDraft, receivedAt: number, context?: ScoringContext): Post {
  const source = postSourceSchema.parse(draft.source);
  let id = neutraliseInvisibles(draft.id).text.trim();
  if (id === '' || id.length > MAX_POST_ID_LENGTH) id = `h:${hash53(draft.id).toString(36)}`;
  const body = truncateUtf8(neutraliseInvisibles(draft.text).text.replace(/[ \u00A0]{2,}/g, ' ').replace(/\n{3,}/g, '\n\n').trim(), MAX_POST_TEXT_BYTES).text;
  let createdAt = draft.createdAt;
  let dateSource: DateSource = 'source';
  if (createdAt === null || !Number.isFinite(createdAt)) {
    createdAt = receivedAt;
    dateSource = draft.backlog ? 'backlog' : 'first-seen';
  } else if (createdAt > receivedAt + MAX_CLOCK_SKEW_MS) {
    createdAt = receivedAt;
    dateSource = 'first-seen';
  }
  const post: Omit<Post, 'sentiment'> = {
    key: `${source}:${id}`,
    source,
    kind: draft.kind,
    id,
    author: clean(draft.author, MAX_AUTHOR_LENGTH, true) ?? '',
    authorName: clean(draft.authorName, MAX_AUTHOR_LENGTH, true),
    title: clean(draft.title, MAX_TITLE_GRAPHEMES, true),
    contentWarning: clean(draft.contentWarning, MAX_TITLE_GRAPHEMES, false),
    text: body,
    url: safeLink(draft.url ?? null),
    createdAt: Math.round(createdAt),
    dateSource,
    receivedAt: Math.round(receivedAt),
    lang: draft.lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(draft.lang) && draft.lang.length <= 35 ? draft.lang : null,
    metadata: draft.metadata ?? {},
  };
  const { compound, label, topics, drivers } = scoreSentiment(scoringText(post), context);
  return { ...post, sentiment: { compound, label, topics: [...topics], drivers: drivers.map((d) => ({ term: d.term.slice(0, 200), weight: d.weight })) } };
}

/** A validated ingest post (shared/model/post.ts's ingestPostSchema) to a Post. */
export function postFromIngest(input: IngestPost, receivedAt: number, context?: ScoringContext): Post {
  return toPost(
    {
      source: input.source,
      kind: 'ingest',
      id: input.id,
      author: input.author,
      text: input.text,
      url: input.url ?? null,
      createdAt: Date.parse(input.created_at),
      lang: input.lang ?? null,
      ...(input.metadata ? { metadata: input.metadata } : {}),
    },
    receivedAt,
    context,
  );
}
