import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../sentiment/index.ts';
import { MINUTE_MS, PulseAggregator, complaintTerms, minuteOf, negativeShare, summarise, type PulseSample } from './aggregate.ts';

const T0 = Date.UTC(2025, 4, 1, 20, 0, 0);
const sample = (author: string, at: number, text: string): PulseSample => ({ createdAt: at, author, sentiment: scoreSentiment(text) });

describe('PulseAggregator', () => {
  it('counts volume, negative share, complaints per author and topics per minute', () => {
    const agg = new PulseAggregator();
    const now = T0 + 2 * MINUTE_MS;
    agg.add(sample('ann', T0 + 1_000, 'Getting a 403 error on the app, cannot log in'), now);
    agg.add(sample('ann', T0 + 2_000, 'still 403!! kicked out again'), now); // same person, same minute
    agg.add(sample('bob', T0 + 3_000, 'Buffering buffering buffering'), now);
    agg.add(sample('cat', T0 + 4_000, 'What a goal! Love this'), now);
    agg.add(sample('dan', T0 + 5_000, 'Half-time, getting snacks'), now);
    agg.add(sample('eve', T0 + MINUTE_MS + 5, 'black screen'), now);
    const b = agg.bucket(T0 + 30_000);
    expect(b.minute).toBe(T0);
    expect(b.volume).toBe(5);
    expect(b.negative).toBe(3);
    expect(b.positive).toBe(1);
    expect(b.complaints).toBe(2); // ann once, bob
    expect(negativeShare(b)).toBeCloseTo(0.6);
    expect(b.topics.access).toBe(2);
    expect(b.topics.playback).toBe(1);
    expect(b.terms['403']).toBe(2);
    expect(b.terms.buffering).toBe(1);
    expect(agg.bucket(T0 + MINUTE_MS).complaints).toBe(1);
    expect(agg.range(T0 - MINUTE_MS, T0 + 3 * MINUTE_MS).map((x) => x.volume)).toEqual([0, 5, 1, 0]);
    const sum = summarise(agg.range(T0, T0 + 2 * MINUTE_MS));
    expect(sum).toMatchObject({ minutes: 2, volume: 6, negative: 4, complaints: 3 });
    expect(sum.topics[0]).toEqual({ topic: 'access', count: 2 });
    expect(sum.terms[0]).toEqual({ term: '403', count: 2 });
  });

  it('names complaints by their subjects, not their forms', () => {
    expect(complaintTerms(scoreSentiment('why does it keep loading since kick off??').drivers)).toEqual(['loading']);
    expect(complaintTerms([{ term: 'Forbidden', weight: -1.8 }, { term: '!!', weight: -0.5 }, { term: 'forbidden', weight: -1.8 }])).toEqual(['forbidden']);
  });

  it('keeps a bounded retention and leaves undated backlog out', () => {
    const agg = new PulseAggregator({ retentionMinutes: 10 });
    const now = T0 + 60 * MINUTE_MS;
    expect(agg.add(sample('a', now - 11 * MINUTE_MS, 'buffering'), now)).toBe('too-old');
    expect(agg.add(sample('a', now - 9 * MINUTE_MS, 'buffering'), now)).toBe('counted');
    expect(agg.add({ ...sample('a', now, 'buffering'), dateSource: 'backlog' }, now)).toBe('undated');
    // A post dated in the future counts now.
    expect(agg.add(sample('b', now + 3_600_000, 'buffering'), now)).toBe('counted');
    expect(agg.bucket(now).volume).toBe(1);
    agg.prune(now + 5 * MINUTE_MS);
    expect(agg.minutes()).toEqual([minuteOf(now)]);
    // a store that keeps less (the workspace's retention) takes the older minutes with it
    agg.add(sample('c', now + 4 * MINUTE_MS, 'buffering'), now + 5 * MINUTE_MS);
    agg.prune(now + 5 * MINUTE_MS, 3 * MINUTE_MS);
    expect(agg.minutes()).toEqual([minuteOf(now + 4 * MINUTE_MS)]);
    expect(() => new PulseAggregator({ retentionMinutes: 0 })).toThrow(RangeError);
  });

  it('bounds the terms per minute and treats words like "constructor" as words', () => {
    const agg = new PulseAggregator({ maxTermsPerBucket: 3 });
    const neg = (term: string): PulseSample => ({ createdAt: T0, author: term, sentiment: { label: 'negative', topics: [], drivers: [{ term, weight: -2 }] } });
    for (const t of ['constructor', '__proto__', 'toString', 'extra', 'constructor']) agg.add(neg(t), T0 + 1000);
    const b = agg.bucket(T0);
    expect(Object.keys(b.terms).sort()).toEqual(['__proto__', 'constructor', 'tostring']);
    expect(b.terms.constructor).toBe(2);
  });
});
