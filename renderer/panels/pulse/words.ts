/** How sentiment and sources look on the wall: colour AND icon AND word. */
import type { SentimentLabel } from '../../../shared/domain/sentiment/index.ts';
import type { Post } from '../../../shared/model/post.ts';

export const sentimentIcon: Record<SentimentLabel, string> = { negative: '✖', neutral: '●', positive: '✓' };
export const sentimentWord: Record<SentimentLabel, string> = { negative: 'negative', neutral: 'neutral', positive: 'positive' };

/** A small icon for where a post came from (the source name is shown beside it). */
export function sourceIcon(post: Pick<Post, 'kind' | 'source'>): string {
  // Symbols every wall's fonts have (no emoji font on a kiosk is common).
  if (post.kind === 'mastodon') return '◈';
  if (post.kind === 'feed') return '▤';
  if (/^(x|twitter)$/.test(post.source)) return 'X';
  if (/reddit/.test(post.source)) return '◉';
  if (/app-?store|play|review/.test(post.source)) return '★';
  if (/zendesk|ticket|care|support/.test(post.source)) return '✉';
  return '▸';
}

export const pct = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
