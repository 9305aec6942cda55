/**
 * HTML from feeds and Mastodon reduced to plain text with a real HTML parser (htmlparser2, the
 * forgiving streaming parser): tags dropped, entities decoded (named, decimal, hex — including the
 * HTML-only ones XML does not know, like &nbsp; and &eacute;), line structure kept (<br> is a line
 * break, paragraphs and list items start new lines), script/style/template content dropped,
 * emoji images kept as their alt text. The result is TEXT: the wall renders it as a text node.
 *
 * Not a sanitiser: nothing of the markup survives, so there is nothing left to sanitise.
 */
import { Parser } from 'htmlparser2';

/** Elements whose content is not text for a reader. */
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'head', 'title', 'svg', 'math', 'select', 'textarea']);
/** Elements that start and end on their own lines. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'blockquote', 'pre', 'figure', 'figcaption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'tr', 'address', 'details', 'summary', 'hr', 'form', 'fieldset',
]);
/** Paragraph-like blocks: a blank line between them. */
const PARAGRAPH = new Set(['p', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'figure']);

/** Does this look like markup or escaped characters (rather than plain text)? */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>|<!--|&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i.test(text);
}

/** Plain text of an HTML fragment or document. */
export function htmlToText(html: string): string {
  let out = '';
  let skipDepth = 0;
  let preDepth = 0;
  // Pending line breaks are resolved when the next text arrives, so blocks never add trailing blanks.
  let pendingBreaks = 0;

  const breakLine = (n: number): void => {
    if (out !== '') pendingBreaks = Math.max(pendingBreaks, n);
  };
  const emit = (text: string): void => {
    if (text === '') return;
    if (pendingBreaks > 0) {
      out = out.replace(/[ ]+$/, '') + '\n'.repeat(pendingBreaks);
      pendingBreaks = 0;
      text = text.replace(/^[ ]+/, '');
      if (text === '') return;
    } else if (out.endsWith(' ') || out.endsWith('\n') || out === '') {
      text = text.replace(/^[ ]+/, '');
    }
    out += text;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'br') {
          // A <br> is a line break even at the start or after another one.
          if (pendingBreaks > 0) pendingBreaks++;
          else if (out !== '') pendingBreaks = 1;
          return;
        }
        if (name === 'pre') preDepth++;
        if (name === 'li') {
          breakLine(1);
          emit('• ');
          return;
        }
        if (name === 'td' || name === 'th') {
          if (!out.endsWith('\n') && pendingBreaks === 0) emit(' ');
          return;
        }
        if (name === 'img') {
          // Emoji drawn as images (WordPress, Mastodon custom emoji) carry their meaning in alt.
          const alt = (attribs.alt ?? '').trim();
          if (alt !== '' && [...alt].length <= 32) emit(alt);
          return;
        }
        if (BLOCK.has(name)) breakLine(PARAGRAPH.has(name) ? 2 : 1);
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (name === 'li') breakLine(1);
        else if (BLOCK.has(name)) breakLine(PARAGRAPH.has(name) ? 2 : 1);
      },
      ontext(data) {
        if (skipDepth > 0) return;
        if (preDepth > 0) {
          const lines = data.replace(/\r\n?/g, '\n').split('\n');
          lines.forEach((line, i) => {
            if (i > 0) {
              pendingBreaks = Math.max(pendingBreaks, 1);
              if (line === '') pendingBreaks++;
            }
            if (line !== '') emit(line.replace(/\u00A0/g, ' '));
          });
          return;
        }
        // HTML whitespace collapses; a no-break space is a space in plain text.
        emit(data.replace(/[\t\n\f\r \u00A0]+/g, ' '));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text that may or may not be HTML (an RSS title): reduced only when it looks like markup or entities. */
export function maybeHtmlToText(text: string): string {
  return looksLikeHtml(text) ? htmlToText(text) : text.replace(/\s+/g, ' ').trim();
}
