import { describe, expect, it } from 'vitest';
import { block, inline, row } from './markdown.ts';

describe('markdown escaping', () => {
  it('keeps a title a title: no heading, HTML, link, emphasis or table cell can start inside it', () => {
    expect(inline('# hi <script>')).toBe('\\# hi \\<script\\>');
    expect(inline('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(inline('*bold* _it_ `code` ~~gone~~ a|b &amp;')).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ a\\|b \\&amp;');
    expect(inline('title ##')).toBe('title \\#\\#');
  });

  it('turns line breaks into spaces inline, and escapes what would open a block at the start', () => {
    expect(inline('first\n# second\r\n> third')).toBe('first \\# second \\> third');
    expect(inline('- not a list')).toBe('\\- not a list');
    expect(inline('+ nor this')).toBe('\\+ nor this');
    expect(inline('1. nor a numbered one')).toBe('1\\. nor a numbered one');
    expect(inline('===')).toBe('\\===');
  });

  it('reads Unicode line and paragraph separators as spaces, so they cannot break a cell or make a heading', () => {
    expect(row([inline('Checkout down\u2028- [x] fake'), 'b'])).toBe('| Checkout down - \\[x\\] fake | b |');
    expect(block('All fine\u2028---\u2029next')).toBe('All fine --- next');
  });

  it('keeps lines in a block, each escaped and indented to stay in its list item', () => {
    const text = 'Why?\n## because\n    indented code\n---\n\n2) numbered\n```\nfence';
    expect(block(text, '  ')).toBe(['Why?', '  \\#\\# because', '  indented code', '  \\---', '', '  2\\) numbered', '  \\`\\`\\`', '  fence'].join('\n'));
  });
});
