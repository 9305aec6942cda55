import { describe, expect, it } from 'vitest';
import {
  ELLIPSIS,
  MAX_AUTHOR_GRAPHEMES,
  graphemeCount,
  neutraliseInvisibles,
  revealInvisibles,
  safeAuthor,
  safeLink,
  safeText,
  truncateGraphemes,
  truncateUtf8,
  utf8Length,
} from './safe-text.ts';

describe('neutraliseInvisibles', () => {
  it('removes bidi overrides, embeddings, isolates and marks', () => {
    // "Trojan Source": the override makes "exe.png" display as "gnp.exe".
    const input = 'invoice\u202Egnp.exe and \u2066isolated\u2069 \u202Aemb\u202C \u200Fmark\u200E \u061C';
    const { text, removed } = neutraliseInvisibles(input);
    expect(text).toBe('invoicegnp.exe and isolated emb mark ');
    expect(removed).toBe(8);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
  });

  it('removes zero-width characters, the BOM and soft hyphens, so words cannot be split invisibly', () => {
    const { text, removed } = neutraliseInvisibles('\uFEFFbuf\u200Bfer\u200Cing \u2060now\u00AD \u200Dx');
    expect(text).toBe('buffering now x');
    expect(removed).toBe(6);
  });

  it('keeps the joiners real scripts and emoji need', () => {
    const family = '👩\u200D👩\u200D👧'; // one emoji built with zero-width joiners
    const persian = 'می\u200Cخواهم'; // ZWNJ between Persian letters
    const flag = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'; // Scotland: tag sequence
    expect(neutraliseInvisibles(`${family} ${persian} ${flag}`)).toEqual({ text: `${family} ${persian} ${flag}`, removed: 0 });
    // Tag characters anywhere else are hidden text ("ASCII smuggling").
    expect(neutraliseInvisibles('hi\u{E0049}\u{E0047}\u{E004E}').text).toBe('hi');
  });

  it('removes control characters, keeps tabs (as spaces) and newlines, normalises CR LF', () => {
    const { text } = neutraliseInvisibles('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Bg\r\nh\ri\tj\u2028k');
    expect(text).toBe('abcde\nfg\nh\ni j\nk');
  });

  it('replaces lone surrogates and drops noncharacters', () => {
    expect(neutraliseInvisibles('a\uD800b\uDC00c\uFFFEd\uFFFF').text).toBe('a\uFFFDb\uFFFDcd');
  });

  it('caps stacked combining marks ("Zalgo") but keeps real accents', () => {
    const zalgo = `Z${'\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(10)}algo`;
    const { text } = neutraliseInvisibles(zalgo);
    expect([...text].length).toBe(1 + 4 + 4);
    expect(neutraliseInvisibles('Tiếng Việt ứ̀').text).toBe('Tiếng Việt ứ̀');
  });
});

describe('truncation', () => {
  it('cuts at grapheme boundaries with an ellipsis', () => {
    const text = '👍🏽'.repeat(10); // thumbs up + skin tone: one grapheme, two code points, four UTF-16 units
    const { text: cut, truncated } = truncateGraphemes(text, 5);
    expect(truncated).toBe(true);
    expect(cut).toBe('👍🏽'.repeat(4) + ELLIPSIS);
    expect(graphemeCount(cut)).toBe(5);
  });

  it('prefers a word boundary near the cut', () => {
    expect(truncateGraphemes('the stream keeps buffering tonight', 20).text).toBe('the stream keeps…');
  });

  it('leaves short text alone', () => {
    expect(truncateGraphemes('short', 5)).toEqual({ text: 'short', truncated: false });
    expect(() => truncateGraphemes('x', 0)).toThrow(RangeError);
  });

  it('counts UTF-8 bytes and cuts by bytes without splitting a character', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    const cut = truncateUtf8('é'.repeat(100), 11);
    expect(cut.truncated).toBe(true);
    expect(utf8Length(cut.text)).toBeLessThanOrEqual(11);
    expect(cut.text).toBe('éééé' + ELLIPSIS);
  });
});

describe('safeText', () => {
  it('makes a hostile post harmless text: nothing is HTML, invisibles gone, long posts cut', () => {
    const post = `<script>alert(1)</script>\u202E<img src=x onerror=alert(1)>\n\n\n\n${'A'.repeat(10_000)}`;
    const { text, truncated, removed } = safeText(post, { maxGraphemes: 100 });
    // Markup stays as literal characters: React renders them as text.
    expect(text.startsWith('<script>alert(1)</script><img src=x onerror=alert(1)>\n\nAAA')).toBe(true);
    expect(graphemeCount(text)).toBeLessThanOrEqual(100);
    expect(truncated).toBe(true);
    expect(removed).toBe(1);
  });

  it('tidies whitespace and can fold to one line', () => {
    expect(safeText('  a   b  \n\n\n\nc  ').text).toBe('a b\n\nc');
    expect(safeText('a\nb\n\nc', { singleLine: true }).text).toBe('a b c');
    expect(safeText(42)).toEqual({ text: '', truncated: false, removed: 0 });
  });

  it('keeps author names to one short line', () => {
    expect(safeAuthor('\u202EadmiN\n\nreal name')).toBe('admiN real name');
    expect(graphemeCount(safeAuthor('x'.repeat(500)))).toBe(MAX_AUTHOR_GRAPHEMES);
  });
});

describe('safeLink', () => {
  it('keeps http(s) links only', () => {
    expect(safeLink('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeLink('http://example.com')).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'vbscript:x', '//evil.example', '/relative', 'https://user:pw@example.com/', ' https://example.com', 'https://exa mple.com', 'https://example.com/\u202E', 42, null]) {
      expect(safeLink(bad), String(bad)).toBeNull();
    }
  });
});

describe('revealInvisibles', () => {
  it('shows a bidi override as a marker, so a spoofed file name reads as typed', () => {
    expect(revealInvisibles('invoice \u202Egnp.exe')).toBe('invoice ⟨RLO⟩gnp.exe');
    expect(revealInvisibles('a\u2066b\u2069c')).toBe('a⟨LRI⟩b⟨PDI⟩c');
  });
  it('removes zero-width characters, keeps line breaks, emoji joiners and plain text as they are', () => {
    expect(revealInvisibles('dep\u200Bloy')).toBe('deploy');
    expect(revealInvisibles('line 1\nline 2 👩\u200D💻')).toBe('line 1\nline 2 👩\u200D💻');
    const plain = 'rollback: #entitlement-api back to 4.2.0';
    expect(revealInvisibles(plain)).toBe(plain);
  });
});
