import { describe, expect, it } from 'vitest';
import { ingestBatchSchema, ingestPostSchema, postSchema } from '../../../shared/model/post.ts';
import { decodeFeedBytes } from './feeds/encoding.ts';
import { checkWellFormed, parseFeedDate } from './feeds/parse.ts';
import { htmlToText, looksLikeHtml, maybeHtmlToText } from './html-text.ts';
import { postFromIngest, scoringText, toPost } from './normalise.ts';

const NOW = Date.UTC(2025, 4, 1, 21, 0, 0);

describe('htmlToText', () => {
  it('keeps the words and the line structure, drops the markup', () => {
    expect(htmlToText('<p>Line one<br>line two<br/><br>after a blank</p><p>Next &amp; last &eacute;&nbsp;&#x1F600; &#8217;</p>')).toBe(
      'Line one\nline two\n\nafter a blank\n\nNext & last é 😀 ’',
    );
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>tail')).toBe('• one\n• two\ntail');
    expect(htmlToText('<p><a href="https://e.example/x"><span class="invisible">https://</span><span class="ellipsis">e.example/x</span></a></p>')).toBe('https://e.example/x');
  });

  it('turns an XSS corpus into inert text: nothing executable survives, only words', () => {
    const corpus: [string, string][] = [
      ['<script>alert(1)</script>hello', 'hello'],
      ['<img src=x onerror=alert(1)>hello', 'hello'],
      ['<svg onload=alert(1)><circle/></svg>hello', 'hello'],
      ['<a href="javascript:alert(1)">hello</a>', 'hello'],
      ['<iframe src="https://evil.example"></iframe>hello', 'hello'],
      ['<style>body{display:none}</style>hello', 'hello'],
      ['<div onmouseover="alert(1)">hello</div>', 'hello'],
      // An unclosed <style> swallows the rest as style text: nothing is shown, nothing runs.
      ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>hello', ''],
      ['<<script>script>alert(1)<</script>/script>hello', '</script>hello'],
    ];
    for (const [html, expected] of corpus) {
      const text = htmlToText(html);
      expect(text, html).toBe(expected);
      if (expected.includes('<')) continue; // literal characters from text, shown as text
      expect(text, html).not.toMatch(/<(script|img|svg|iframe|style|div|a)\b/i);
      expect(text, html).not.toMatch(/javascript:|onerror|onload/i);
    }
    // Entity-encoded markup decodes to text that shows the characters; it is never parsed again.
    expect(htmlToText('&lt;img src=x onerror=alert(1)&gt;')).toBe('<img src=x onerror=alert(1)>');
  });

  it('tells markup from plain text in titles', () => {
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
    expect(looksLikeHtml('Tom &amp; Jerry')).toBe(true);
    expect(looksLikeHtml('the <em>new</em> app')).toBe(true);
    expect(maybeHtmlToText('  a < b \n and c > d ')).toBe('a < b and c > d');
    expect(maybeHtmlToText('the <em>new</em> app &amp; more')).toBe('the new app & more');
  });
});

describe('feed details', () => {
  it('reads the dates publishers write', () => {
    const at = (raw: string) => parseFeedDate(raw, NOW).at;
    expect(at('Thu, 01 May 2025 21:05:41 GMT')).toBe(Date.parse('2025-05-01T21:05:41Z'));
    expect(at('Thu, 01 May 2025 21:05:41')).toBe(Date.parse('2025-05-01T21:05:41Z')); // no zone: UTC
    expect(at('Thu, 24 Apr 2025 18:00:00 CEST')).toBe(Date.parse('2025-04-24T16:00:00Z'));
    expect(at('Fri, 25 Apr 2025 18:00:00 EST')).toBe(Date.parse('2025-04-25T23:00:00Z'));
    expect(at('Mi, 05 Mär 2025 19:00:00 +0100')).toBe(Date.parse('2025-03-05T18:00:00Z'));
    expect(at('01 May 25 10:00 GMT')).toBe(Date.parse('2025-05-01T10:00:00Z'));
    expect(at('2025-05-01T21:38:12.123+02:00')).toBe(Date.parse('2025-05-01T19:38:12.123Z'));
    expect(at('2025-04-20 10:00:00')).toBe(Date.parse('2025-04-20T10:00:00Z'));
    expect(at('2025-05-01')).toBe(Date.parse('2025-05-01T00:00:00Z'));
    expect(parseFeedDate('', NOW)).toEqual({ at: null, problem: 'no date' });
    expect(parseFeedDate('soon', NOW)).toEqual({ at: null, problem: 'unreadable date "soon"' });
    expect(parseFeedDate('1970-01-01T00:00:00Z', NOW).problem).toMatch(/implausible/);
    expect(parseFeedDate('2025-05-03T00:00:00Z', NOW).problem).toMatch(/in the future/);
  });

  it('repairs the two common XML faults and refuses the rest', () => {
    expect(checkWellFormed('<rss><channel><title>AT&T &amp; a < b</title><description><![CDATA[x & y]]></description></channel></rss>')).toEqual({
      xml: '<rss><channel><title>AT&amp;T &amp; a &lt; b</title><description><![CDATA[x & y]]></description></channel></rss>',
      warnings: ['repaired 1 unescaped "&" (the first on line 1)', 'repaired 1 unescaped "<" (the first on line 1)'],
    });
    expect(() => checkWellFormed('<rss><channel></rss>')).toThrow(/not well-formed XML \(line 1, column \d+\): Expected closing tag 'channel'/);
  });

  it('reads UTF-16 with a BOM and flags double-encoded text', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Grüße</title></channel></rss>', 'utf16le')]);
    expect(decodeFeedBytes(utf16, 'application/rss+xml')).toMatchObject({ encoding: 'utf-16le', warnings: [], declared: { bom: 'utf-16le', http: null, xml: 'UTF-16' } });
    expect(decodeFeedBytes(utf16, null).text).toContain('<title>Grüße</title>');
    const mangled = decodeFeedBytes(Buffer.from('<rss><title>CafÃ© and itâ€™s</title></rss>', 'utf8'), 'text/xml; charset=utf-8');
    expect(mangled.warnings).toEqual(['the text looks double-encoded (2 sequences like "Ã©" or "â€™"): UTF-8 read as Latin-1 before it was published; shown as sent']);
    expect(decodeFeedBytes(Buffer.from('<rss>é</rss>', 'utf8'), 'text/xml; charset=x-unknown').warnings).toEqual(['unknown character encoding "x-unknown" declared; read as UTF-8']);
  });
});

describe('posts', () => {
  const ingest = {
    id: '1790000000000000001',
    source: 'x',
    author: '@jane_doe',
    text: 'Getting a 403 on the app since kick-off @StreamCoHelp',
    url: 'https://x.example/jane_doe/status/1790000000000000001',
    created_at: '2025-05-01T20:15:00Z',
    lang: 'en',
    metadata: { followers: 120, verified: false, device: 'roku' },
  };

  it('turns an ingest post into a scored, normalised post', () => {
    const post = postFromIngest(ingestPostSchema.parse(ingest), NOW);
    expect(post).toMatchObject({
      key: 'x:1790000000000000001',
      kind: 'ingest',
      author: '@jane_doe',
      authorName: null,
      createdAt: Date.parse('2025-05-01T20:15:00Z'),
      dateSource: 'source',
      receivedAt: NOW,
      lang: 'en',
      metadata: { followers: 120, verified: false, device: 'roku' },
    });
    expect(post.sentiment.label).toBe('negative');
    expect(post.sentiment.topics).toEqual(['access']);
    expect(postSchema.parse(post)).toEqual(post);
  });

  it('refuses ingest posts outside the documented shape, in words', () => {
    const issues = (value: unknown) => {
      const r = ingestBatchSchema.safeParse(value);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ posts: [] })).toEqual(['posts: posts must hold at least one post']);
    expect(issues({ posts: [{ ...ingest, url: 'javascript:alert(1)' }] })).toEqual(['posts.0.url: url must be an absolute http(s) URL without credentials or spaces']);
    expect(issues({ posts: [{ ...ingest, text: 'x'.repeat(10 * 1024 + 1) }] })).toEqual(['posts.0.text: text is larger than 10240 bytes']);
    expect(issues({ posts: [{ ...ingest, created_at: '2025-05-01 20:15' }] })).toEqual([
      'posts.0.created_at: created_at must be an RFC 3339 date-time with a zone, e.g. 2025-05-01T20:15:00Z',
    ]);
    expect(issues({ posts: [{ ...ingest, source: 'X Twitter' }] })).toEqual(['posts.0.source: expected a source name: letters, digits, ".", "_" or "-", at most 64']);
    expect(issues({ posts: [{ ...ingest, metadata: { nested: { a: 1 } } }] })).toHaveLength(1);
    expect(issues({ posts: [{ ...ingest, extra: 1 }] })).toEqual(['posts.0: Unrecognized key: "extra"']);
    expect(issues({ posts: [{ ...ingest, url: null, lang: undefined, metadata: undefined }] })).toEqual([]);
    expect(issues({ posts: Array.from({ length: 1001 }, () => ingest) })).toEqual(['posts: at most 1000 posts per request']);
  });

  it('neutralises hostile text and links before storing, and distrusts clocks', () => {
    const post = toPost(
      {
        source: 'care',
        kind: 'ingest',
        id: 'T-1\u202E',
        author: '\u202Eadmin\u200B\n\nsupport',
        text: 'charged twice\u200B <script>alert(1)</script>\u0007\n\n\n\nnow',
        url: 'javascript:alert(1)',
        createdAt: NOW + 3_600_000,
      },
      NOW,
    );
    expect(post).toMatchObject({ id: 'T-1', author: 'admin support', text: 'charged twice <script>alert(1)</script>\n\nnow', url: null, createdAt: NOW, dateSource: 'first-seen' });
    expect(post.sentiment.topics).toEqual(['billing']);
  });

  it('scores a feed title only when the text does not already say it', () => {
    expect(scoringText({ title: 'Buffering again', contentWarning: null, text: 'Buffering again tonight on every device' })).toBe('Buffering again tonight on every device');
    expect(scoringText({ title: 'Outage hits StreamCo', contentWarning: 'spoilers', text: 'Viewers were locked out.' })).toBe('spoilers\nOutage hits StreamCo\nViewers were locked out.');
  });
});
