import { describe, expect, it } from 'vitest';
import type { Post } from '../../shared/model/post.ts';
import type { PulseMinute } from '../../shared/protocol/pulse.ts';
import { spikeHeadline } from '../wall/spike-words.ts';
import { MAX_VIEW_POSTS, mergeMinutes, mergePosts } from './pulse.ts';

const minute = (m: number, volume: number): PulseMinute => ({ minute: m * 60_000, volume, negative: 0, positive: 0, complaints: 0, topics: {} as PulseMinute['topics'] });
const post = (key: string, createdAt = 0, receivedAt = createdAt) => ({ key, createdAt, receivedAt }) as Post;

describe('the pulse view stays bounded', () => {
  it('replaces changed minutes, adds new ones in order and drops those older than the span', () => {
    const held = [minute(1, 1), minute(2, 2), minute(3, 3)];
    const merged = mergeMinutes(held, [minute(3, 5), minute(4, 1)], 3, 4 * 60_000 + 10);
    expect(merged.map((m) => [m.minute / 60_000, m.volume])).toEqual([
      [1, 1],
      [2, 2],
      [3, 5],
      [4, 1],
    ]);
    expect(mergeMinutes(held, [], 2, 10 * 60_000)).toEqual([]);
  });

  it('puts new posts first, each once, and keeps at most MAX_VIEW_POSTS', () => {
    expect(mergePosts([post('a'), post('b')], [post('c'), post('a')]).map((p) => p.key)).toEqual(['c', 'a', 'b']);
    // newest written first: an old item a feed brings late goes in its place, not on top
    const held = [post('new', 3_000), post('mid', 2_000)];
    expect(mergePosts(held, [post('old', 1_000, 9_000), post('newest', 4_000)]).map((p) => p.key)).toEqual(['newest', 'new', 'mid', 'old']);
    const many = Array.from({ length: 300 }, (_, i) => post(`p${i}`));
    expect(mergePosts(many.slice(0, 150), many.slice(150))).toHaveLength(MAX_VIEW_POSTS);
  });
});

describe('the spike banner headline', () => {
  it('says how many complaints a minute, about what, and how many times normal', () => {
    expect(spikeHeadline({ observed: 215, windowMinutes: 5, ratio: 6.04, topTopics: [{ topic: 'access', count: 120 }, { topic: 'playback', count: 40 }] })).toBe(
      '43 complaints/min about access and playback, 6× normal',
    );
    expect(spikeHeadline({ observed: 9, windowMinutes: 2, ratio: 3.46, topTopics: [] })).toBe('4.5 complaints/min, 3.5× normal');
  });
});
