import { describe, expect, it } from 'vitest';
import { DuplicateFilter, canonicalUrl, normaliseForDedupe } from './dedupe.ts';
import { KeywordFilterError, compileKeywordFilter } from './keyword-filter.ts';

describe('keyword filters', () => {
  it('keeps posts that mention a brand term, as a word, its hashtag or its mention', () => {
    const f = compileKeywordFilter({ include: ['StreamCo', 'stream co'] });
    expect(f.test({ text: 'Why is #StreamCo down again' })).toEqual({ keep: true, matched: ['StreamCo'] });
    expect(f.test({ text: '@streamco help' }).keep).toBe(true);
    expect(f.test({ text: 'stream\n co is buffering' }).keep).toBe(true);
    expect(f.test({ text: 'ＳｔｒｅａｍＣｏ full-width' }).keep).toBe(true);
    expect(f.test({ text: 'stream\u200Bco hidden split' }).keep).toBe(true);
    // Whole words only: not inside another word.
    expect(f.test({ text: 'mainstreamco-op news' })).toEqual({ keep: false, reason: 'mentions none of the include terms' });
    // The title counts.
    expect(f.test({ title: 'StreamCo outage', text: 'details inside' }).keep).toBe(true);
  });

  it('drops posts with an excluded term or from an excluded author; exclusion wins', () => {
    const f = compileKeywordFilter({ include: ['stream*'], exclude: ['#ad', 'giveaway'], excludeAuthors: ['@StreamCoHelp'] });
    expect(f.test({ text: 'streaming is broken' })).toEqual({ keep: true, matched: ['stream*'] });
    expect(f.test({ text: 'Win a year of streaming! Giveaway' })).toEqual({ keep: false, reason: 'mentions excluded term "giveaway"' });
    expect(f.test({ text: 'best streams #ad' }).keep).toBe(false);
    expect(f.test({ text: 'best streams #adventure' }).keep).toBe(true);
    expect(f.test({ text: 'we are looking into streaming issues', author: 'streamcohelp' })).toEqual({ keep: false, reason: 'author streamcohelp is excluded' });
  });

  it('excludes an account named without its instance on every instance (Mastodon authors are @user@instance)', () => {
    const anywhere = compileKeywordFilter({ excludeAuthors: ['StreamCoHelp'] });
    expect(anywhere.test({ text: 'we are on it', author: '@StreamCoHelp@mastodon.social' }).keep).toBe(false);
    expect(anywhere.test({ text: 'we are on it', author: '@streamcohelp@fosstodon.org' }).keep).toBe(false);
    expect(anywhere.test({ text: 'still down', author: '@StreamCoHelpless@mastodon.social' }).keep).toBe(true);
    const one = compileKeywordFilter({ excludeAuthors: ['@StreamCoHelp@mastodon.social'] });
    expect(one.test({ text: 'we are on it', author: '@StreamCoHelp@mastodon.social' }).keep).toBe(false);
    expect(one.test({ text: 'an impostor', author: '@StreamCoHelp@evil.example' }).keep).toBe(true);
  });

  it('keeps everything without terms, and names a bad term', () => {
    expect(compileKeywordFilter().test({ text: 'anything' }).keep).toBe(true);
    expect(() => compileKeywordFilter({ include: [''] })).toThrow(KeywordFilterError);
    expect(() => compileKeywordFilter({ include: ['st*ream'] })).toThrow(/only allowed at the end/);
    expect(() => compileKeywordFilter({ exclude: ['x'.repeat(101)] })).toThrow(/longer than 100/);
    // Regular-expression characters are literal.
    expect(compileKeywordFilter({ include: ['c++ (beta)'] }).test({ text: 'the c++ (beta) sdk' }).keep).toBe(true);
  });
});

describe('duplicates', () => {
  const NOW = Date.UTC(2025, 4, 1, 20);

  it('canonicalises URLs: scheme, www, default port, fragment, tracking parameters, order', () => {
    expect(canonicalUrl('https://www.Example.com:443/a/b/?utm_source=x&b=2&a=1#top')).toBe('example.com/a/b?a=1&b=2');
    expect(canonicalUrl('http://example.com/a/b?a=1&b=2&fbclid=zz')).toBe('example.com/a/b?a=1&b=2');
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });

  it('normalises text for comparison', () => {
    expect(normaliseForDedupe('Buffering AGAIN!!! https://t.co/xyz  #StreamDown')).toBe('buffering again streamdown');
  });

  it('collapses the same id, the same URL across sources, and the same text from the same author', () => {
    const d = new DuplicateFilter();
    const a = { key: 'news:1', source: 'news', url: 'https://site.example/story?utm_medium=rss', author: 'Desk', text: 'Outage hits StreamCo' };
    expect(d.check(a, NOW)).toEqual({ duplicate: false });
    expect(d.check(a, NOW + 1)).toEqual({ duplicate: true, reason: 'same-id', firstKey: 'news:1' });
    expect(d.check({ ...a, key: 'aggregator:9', source: 'aggregator', url: 'http://www.site.example/story', text: 'different words' }, NOW + 2)).toEqual({
      duplicate: true,
      reason: 'same-url',
      firstKey: 'news:1',
    });
    expect(d.check({ key: 'masto:5', source: 'masto', url: null, author: 'desk', text: 'outage hits streamco!' }, NOW + 3)).toEqual({
      duplicate: true,
      reason: 'same-text',
      firstKey: 'news:1',
    });
    // Same words, another author: not a duplicate (two people can say "buffering again").
    expect(d.check({ key: 'masto:6', source: 'masto', url: null, author: 'someone', text: 'Outage hits StreamCo' }, NOW + 4).duplicate).toBe(false);
  });

  it('does not collapse one source linking many items to one page, nor links to a front page', () => {
    const d = new DuplicateFilter();
    const update = (n: number) => ({ key: `status:${n}`, source: 'status', url: 'https://status.example/incidents/42', author: 'Status', text: `Update ${n}: investigating` });
    expect(d.check(update(1), NOW).duplicate).toBe(false);
    expect(d.check(update(2), NOW).duplicate).toBe(false);
    const home = (src: string) => ({ key: `${src}:1`, source: src, url: 'https://blog.example/', author: src, text: `post from ${src}` });
    expect(d.check(home('a'), NOW).duplicate).toBe(false);
    expect(d.check(home('b'), NOW).duplicate).toBe(false);
  });

  it('forgets after the window and stays bounded', () => {
    const d = new DuplicateFilter({ textWindowMs: 60_000, idWindowMs: 120_000, maxEntries: 100 });
    const post = { key: 's:1', source: 's', url: null, author: 'a', text: 'same words' };
    d.check(post, NOW);
    expect(d.check({ ...post, key: 's:2' }, NOW + 30_000).duplicate).toBe(true);
    expect(d.check({ ...post, key: 's:3' }, NOW + 61_000).duplicate).toBe(false);
    for (let i = 0; i < 1000; i++) d.check({ key: `s:x${i}`, source: 's', url: `https://e.example/${i}`, author: 'a', text: `text ${i}` }, NOW + 70_000);
    const size = d.size;
    expect(size.ids).toBeLessThanOrEqual(101);
    expect(size.urls).toBeLessThanOrEqual(101);
    expect(size.texts).toBeLessThanOrEqual(101);
  });
});
