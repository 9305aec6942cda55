/** How sentiment and sources look on the wall: colour AND icon AND word. */
import type { SentimentLabel } from '../../../shared/domain/sentiment/index.ts';
import { DEFAULT_SHARE_RISE, negativeShareRaised } from '../../../shared/domain/pulse/negative-share.ts';
import type { Spike } from '../../../shared/domain/pulse/spike.ts';
import type { Post } from '../../../shared/model/post.ts';
import type { DisplayState } from '../../wall/model.ts';

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

/** The negative posts of the last few minutes, and the share the spike detector learned as usual. */
export interface RecentShare {
  negative: number;
  volume: number;
  /** Null while the detector has none (it is learning). */
  usualShare: number | null;
}

export type PulseVerdictState = 'spike' | 'elevated' | 'learning' | 'normal';

/**
 * The pulse verdict: a complaint spike; "elevated" when no spike is on but the recent negative
 * share is well above its usual share (more people unhappy without more complaints per minute
 * than the spike detector needs); "learning" while the detector has no baseline yet (a start with
 * no history: "normal" then would be a guess, perhaps in the middle of an outage); else normal.
 * `detail` is the line under it.
 */
export function spikeVerdict(
  spike: Pick<Spike, 'ratio'> | null,
  baselineReadyAt: number | null,
  now: number,
  recent: RecentShare | null = null,
): { state: PulseVerdictState; icon: string; words: string; detail: string } {
  if (spike) return { state: 'spike', icon: '✖', words: `SPIKE ${spike.ratio.toFixed(1)}×`, detail: 'complaints' };
  if (baselineReadyAt !== null && now < baselineReadyAt) {
    return { state: 'learning', icon: '◌', words: `learning · ${Math.max(1, Math.ceil((baselineReadyAt - now) / 60_000))} min`, detail: 'complaint baseline' };
  }
  if (recent !== null && negativeShareRaised(recent.negative, recent.volume, recent.usualShare)) {
    return { state: 'elevated', icon: '▲', words: 'elevated', detail: `no spike · ${pct(recent.negative / recent.volume)} negative (usual ${pct(recent.usualShare)})` };
  }
  return { state: 'normal', icon: '✓', words: 'normal', detail: 'complaints' };
}

/** The panel's state (its border and chip) for each verdict: elevated is a warning, as a spike on the wall's banner is. */
export const verdictTone: Record<PulseVerdictState, DisplayState> = { spike: 'critical', elevated: 'warning', learning: 'unknown', normal: 'ok' };

/**
 * Whether the negative share is shown as high: with a spike or an elevated share; while learning
 * (nothing usual to hold it against) when most of at least a handful of posts are negative.
 */
export function negativeIsHigh(state: PulseVerdictState, recent: RecentShare): boolean {
  if (state === 'spike' || state === 'elevated') return true;
  return state === 'learning' && recent.negative >= DEFAULT_SHARE_RISE.minNegative && recent.negative / recent.volume >= 0.5;
}

export const pct = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
