/**
 * The postmortem as one HTML file with its pictures inline (`data:` URIs): what pastes into
 * Confluence or Google Docs with the charts, or opens from a mail attachment.
 *
 * It is rendered from the same Markdown as the .zip, by react-markdown + remark-gfm (what the
 * console already renders Markdown with). Every piece of incident text is already backslash-escaped
 * in that Markdown, and react-markdown never passes raw HTML through (there is no rehype-raw), so an
 * entry reading `<script>` is the text "<script>". Only the bundle's own image paths become `data:`
 * URIs; every other URL gets react-markdown's default (no `javascript:`).
 *
 * One file is built in memory, so the pictures in it are bounded: past MAX_INLINE_PICTURE_BYTES the
 * rest are left out with a note pointing at the .zip (which streams them all).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown, { defaultUrlTransform } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { revealInvisibles } from '../../../shared/domain/safe-text.ts';
import type { Postmortem } from './postmortem.ts';
import { bundledImagePath, bundledMarkdown, storedAssets, type SnapshotStore } from './postmortem-bundle.ts';

/** The PNG bytes one HTML file carries inline, at most (about 43 MiB once in base64). */
export const MAX_INLINE_PICTURE_BYTES = 32 * 1024 * 1024;

/** Plain, readable, printable; no scripts, no remote fonts. */
const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c9ced8; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
/* A stack trace or URL with no spaces wraps instead of making the page as wide as the text. */
body, td, li, p { overflow-wrap: anywhere; }
img { max-width: 100%; display: block; margin: 0.5rem 0; border: 1px solid #c9ced8; }
`;

/** The pictures that fit in one file, as snapshot id → data URI, in the postmortem's order. */
function inlinePictures(pm: Postmortem, store: SnapshotStore): Map<string, string> {
  const pictures = new Map<string, string>();
  let total = 0;
  for (const assetId of storedAssets(pm, store.has)) {
    const png = store.read(assetId);
    if (!png || total + png.length > MAX_INLINE_PICTURE_BYTES) continue;
    total += png.length;
    pictures.set(assetId, `data:image/png;base64,${Buffer.from(png).toString('base64')}`);
  }
  return pictures;
}

export function postmortemHtml(pm: Postmortem, store: SnapshotStore): string {
  const pictures = inlinePictures(pm, store);
  const markdown = bundledMarkdown(pm, new Set(pictures.keys()), 'too big for one file with the others; the .zip has every picture');
  // The Markdown links each picture as the .zip would (images/<id>.png); here that path becomes the picture itself.
  const byPath = new Map([...pictures].map(([assetId, uri]) => [bundledImagePath(assetId), uri]));
  const body = createElement(Markdown, {
    remarkPlugins: [remarkGfm],
    urlTransform: (url: string) => byPath.get(url) ?? defaultUrlTransform(url),
    children: markdown,
  });
  const page = createElement(
    'html',
    { lang: 'en' },
    createElement('head', null, createElement('meta', { charSet: 'utf-8' }), createElement('title', null, `Postmortem: ${revealInvisibles(pm.incident.title)}`), createElement('style', null, STYLE)),
    createElement('body', null, body),
  );
  return `<!doctype html>\n${renderToStaticMarkup(page)}\n`;
}
