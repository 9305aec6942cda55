import { memo, useMemo } from 'react';
import Markdown from 'react-markdown';
import type { Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { openOutside } from '../app/RunbookLink.tsx';
import { markdownUrlTransform } from './markdown-policy.ts';

/** Links and images after the URL policy: what was refused is shown as text, never followed or loaded. */
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer" onClick={(e) => openOutside(e, href)}>
        {children}
      </a>
    ) : (
      <span className="md-link-refused">{children}</span>
    ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src !== '' ? (
      <img src={src} alt={alt ?? ''} referrerPolicy="no-referrer" loading="eager" decoding="async" />
    ) : (
      <span className="md-image-refused" title="image from an origin the workspace does not allow">
        [image{alt ? `: ${alt}` : ''}]
      </span>
    ),
};

/** Markdown rendered to React elements (never HTML strings): see markdown-policy.ts for what may be linked. */
export const MarkdownText = memo(function MarkdownText({ content, allowImagesFrom }: { content: string; allowImagesFrom: readonly string[] }) {
  const urlTransform = useMemo(() => markdownUrlTransform(allowImagesFrom), [allowImagesFrom]);
  return (
    <Markdown remarkPlugins={[remarkGfm]} components={components} urlTransform={urlTransform}>
      {content}
    </Markdown>
  );
});
