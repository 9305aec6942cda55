import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { markdownHref, markdownImageSrc, markdownUrlTransform, normalizeOrigin } from './markdown-policy.ts';
import { MarkdownText } from './MarkdownText.tsx';

const render = (content: string, allowImagesFrom: string[] = []) => renderToStaticMarkup(createElement(MarkdownText, { content, allowImagesFrom }));

describe('markdown link policy', () => {
  it('links only to absolute http(s) URLs', () => {
    expect(markdownHref('https://status.example.com/incidents')).toBe('https://status.example.com/incidents');
    expect(markdownHref('http://runbooks.internal/restart')).toBe('http://runbooks.internal/restart');
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', 'file:///etc/passwd', '/relative', '#anchor', '//evil.example', 'mailto:a@b.c']) {
      expect(markdownHref(url), url).toBeNull();
    }
  });

  it('images only from the origins the workspace allows', () => {
    const allowed = ['https://status.example.com', 'http://grafana.internal:3000'];
    expect(markdownImageSrc('https://status.example.com/badge.svg', allowed)).toBe('https://status.example.com/badge.svg');
    expect(markdownImageSrc('http://grafana.internal:3000/render/x.png', allowed)).toBe('http://grafana.internal:3000/render/x.png');
    expect(markdownImageSrc('https://tracker.example.net/pixel.gif', allowed)).toBeNull();
    expect(markdownImageSrc('http://status.example.com/badge.svg', allowed)).toBeNull(); // another scheme is another origin
    expect(markdownImageSrc('data:image/png;base64,AAAA', allowed)).toBeNull();
    expect(markdownImageSrc('https://status.example.com/x.png', [])).toBeNull();
    expect(normalizeOrigin('HTTPS://Status.Example.com:443')).toBe('https://status.example.com');
    expect(markdownUrlTransform([])('https://x.example/', 'cite')).toBe('');
  });
});

describe('markdown rendering', () => {
  it('renders markdown as elements, links opening outside the app', () => {
    const html = render('# On call\n\n**Ops**: [runbook](https://runbooks.example.com/cdn) · ~~old~~\n\n| who | phone |\n|---|---|\n| Ana | 123 |');
    expect(html).toContain('<h1>On call</h1>');
    expect(html).toContain('<strong>Ops</strong>');
    expect(html).toContain('<a href="https://runbooks.example.com/cdn" target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">runbook</a>');
    expect(html).toContain('<del>old</del>');
    expect(html).toContain('<td>Ana</td>');
  });

  it('never renders raw HTML, script links or unknown images', () => {
    const html = render(
      [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<a href="javascript:alert(1)">raw</a>',
        '[click](javascript:alert(1))',
        '[data](data:text/html;base64,PHNjcmlwdD4=)',
        '![tracker](https://tracker.example.net/p.gif)',
        '![badge](https://status.example.com/ok.svg)',
      ].join('\n\n'),
      ['https://status.example.com'],
    );
    // No element from the raw HTML: it is all text (escaped).
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/<a [^>]*href="(javascript|data):/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('tracker.example.net');
    // Raw HTML shows as text; refused links as plain words; refused images as their alt text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<span class="md-link-refused">click</span>');
    expect(html).toContain('[image: tracker]');
    expect(html).toContain('<img src="https://status.example.com/ok.svg" alt="badge" referrerPolicy="no-referrer" loading="eager" decoding="async"/>');
  });
});
