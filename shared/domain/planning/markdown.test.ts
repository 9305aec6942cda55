import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { bullets, count, doc, escapeBlock, escapeInline, formatLocal, formatZoned, heading, link, table, utcOffsetLabel } from './markdown.ts';

/** Render as the app does (react-markdown + GFM), to see the structure a reader gets. */
const render = (md: string): string => renderToStaticMarkup(createElement(Markdown, { remarkPlugins: [remarkGfm] }, md));
const countOf = (html: string, tag: string): number => (html.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;
/** Links GFM makes of bare http(s) URLs are allowed; any other link is not. */
const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);

/** Text written to break a report. */
const HOSTILE = [
  '# Ignore the report',
  '| forged | row |',
  '---',
  'line one\nline two\r\n\r\n## injected heading',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '[click](javascript:alert(1)) ![img](https://evil.example/p.png)',
  '**bold** _em_ ~~gone~~ `code` \\',
  '1. not a list',
  '- not a list',
  '> not a quote',
  '&lt;entity&gt; &amp;',
  '    indented code',
  '```\nfenced\n```',
  'a\u202eevil\u200bhidden\u0000nul',
  '[^1]: footnote',
  '$x^2$',
];

describe('escaping user text for Markdown', () => {
  it('keeps hostile text inside one table cell each', () => {
    const md = table(
      ['Text', 'n'],
      HOSTILE.map((t, i) => [escapeInline(t), String(i)]),
    );
    const html = render(md);
    expect(countOf(html, 'table')).toBe(1);
    expect(countOf(html, 'tr')).toBe(HOSTILE.length + 1);
    expect(countOf(html, 'td')).toBe(HOSTILE.length * 2);
    for (const tag of ['h1', 'h2', 'ul', 'ol', 'blockquote', 'pre', 'code', 'strong', 'em', 'del', 'img', 'script', 'hr', 'sup']) {
      expect(countOf(html, tag), tag).toBe(0);
    }
    expect(hrefs(html)).toEqual(['https://evil.example/p.png']);
  });

  it('keeps hostile text inside one list item each, and one heading', () => {
    const md = doc([heading(2, HOSTILE[0]!), bullets(HOSTILE.map((t) => escapeInline(t)))]);
    const html = render(md);
    expect(countOf(html, 'h2')).toBe(1);
    expect(countOf(html, 'h1')).toBe(0);
    expect(countOf(html, 'ul')).toBe(1);
    expect(countOf(html, 'li')).toBe(HOSTILE.length);
    for (const tag of ['ol', 'blockquote', 'pre', 'code', 'strong', 'em', 'del', 'img', 'script', 'hr', 'table', 'sup']) {
      expect(countOf(html, tag), tag).toBe(0);
    }
    expect(hrefs(html).every((h) => h.startsWith('https://'))).toBe(true);
  });

  it('shows the text as the person wrote it (on one line)', () => {
    const html = render(escapeInline('**bold** | <b>x</b> & #1'));
    expect(html).toBe('<p>**bold** | &lt;b&gt;x&lt;/b&gt; &amp; #1</p>');
    expect(escapeInline('line one\nline two')).toBe('line one line two');
    expect(escapeInline('a\u202eb\u200bc\u0000d')).toBe('abcd');
    expect(escapeInline('1. first')).toBe('1\\. first');
    expect(escapeInline('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('keeps paragraphs in a block but no structure', () => {
    const md = escapeBlock('First line\n# not a heading\n\n- para two\n```');
    const html = render(md);
    expect(countOf(html, 'p')).toBe(2);
    expect(countOf(html, 'h1') + countOf(html, 'ul') + countOf(html, 'pre')).toBe(0);
    expect(html).toContain('First line<br/>');
  });

  it('links only to safe http(s) URLs', () => {
    expect(link('Runbook', 'https://wiki.example.com/runbook(1)')).toBe('[Runbook](<https://wiki.example.com/runbook(1)>)');
    expect(link('Runbook', 'https://wiki.example.com/run book')).toBe('Runbook');
    expect(render(link('Runbook', 'https://wiki.example.com/a)b'))).toContain('href="https://wiki.example.com/a)b"');
    expect(link('x', 'javascript:alert(1)')).toBe('x');
    expect(link('x', 'https://user:pw@example.com/')).toBe('x');
    expect(link('[evil](javascript:x)', 'https://ok.example.com/')).toBe('[\\[evil\\](javascript:x)](<https://ok.example.com/>)');
    expect(countOf(render(link('[evil](javascript:x)', 'https://ok.example.com/')), 'a')).toBe(1);
  });

  it('formats numbers and local times the same on every machine', () => {
    expect(count(1_234_567)).toBe('1,234,567');
    expect(count(null)).toBe('—');
    expect(formatLocal(Date.UTC(2026, 4, 30, 16, 5), 'Europe/London')).toBe('Sat 30 May 2026 17:05');
    expect(formatLocal(Date.UTC(2026, 4, 30, 16, 5), 'America/New_York')).toBe('Sat 30 May 2026 12:05');
  });
});

describe('a time standing alone', () => {
  it('names its zone and gives UTC, with the UTC date only when it is another day', () => {
    expect(formatZoned(Date.UTC(2026, 4, 30, 16, 5), 'Europe/London')).toBe('Sat 30 May 2026 17:05 Europe/London (16:05 UTC)');
    expect(formatZoned(Date.UTC(2026, 11, 7, 23, 59), 'Africa/Johannesburg')).toBe('Tue 8 Dec 2026 01:59 Africa/Johannesburg (Mon 7 Dec 2026 23:59 UTC)');
    expect(formatZoned(Date.UTC(2026, 0, 1, 9), 'UTC')).toBe('Thu 1 Jan 2026 09:00 UTC');
    expect(utcOffsetLabel(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe('UTC+05:30');
    expect(utcOffsetLabel(Date.UTC(2026, 0, 1), 'America/New_York')).toBe('UTC-05:00');
  });
});
