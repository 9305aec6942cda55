/** How sentiment and sources look on the wall: colour AND icon AND word. */
import type { SentimentLabel } from '../../../shared/domain/sentiment/index.ts';
import type { Spike } from '../../../shared/domain/pulse/spike.ts';
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

/**
 * The complaint-spike verdict: a spike, "learning" while the detector has no baseline yet (a start
 * with no history: "normal" then would be a guess, perhaps in the middle of an outage), or normal.
 */
export function spikeVerdict(spike: Pick<Spike, 'ratio'> | null, baselineReadyAt: number | null, now: number): { state: 'spike' | 'learning' | 'normal'; icon: string; words: string } {
  if (spike) return { state: 'spike', icon: '✖', words: `SPIKE ${spike.ratio.toFixed(1)}×` };
  if (baselineReadyAt !== null && now < baselineReadyAt) return { state: 'learning', icon: '◌', words: `learning · ${Math.max(1, Math.ceil((baselineReadyAt - now) / 60_000))} min` };
  return { state: 'normal', icon: '✓', words: 'normal' };
}

export const pct = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
