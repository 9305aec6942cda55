/**
 * The `posts` panel: the latest customer posts, newest first — source, author, age, sentiment by
 * colour, icon and word, the complaint topics matched, and the text. Everything from a post is
 * untrusted and rendered as text only (never as HTML), neutralised (bidi overrides and invisible
 * characters removed) and truncated; a link is offered only for http(s) and opened outside the
 * app. Which terms drove the score shows on hover and under "why".
 */
import { formatAge } from '../../../shared/domain/freshness.ts';
import { safeAuthor, safeLink, safeText } from '../../../shared/domain/safe-text.ts';
import type { Post } from '../../../shared/model/post.ts';
import type { PanelOf } from '../../../shared/model/workspace.ts';
import { platform } from '../../platform/index.ts';
import { useApp, useHubNow } from '../../state/react.tsx';
import type { GridPlacement } from '../../wall/grid.ts';
import { PanelFrame } from '../PanelFrame.tsx';
import { usePulse } from './usePulse.ts';
import { sentimentIcon, sentimentWord, sourceIcon } from './words.ts';
import './pulse.css';

const TEXT_GRAPHEMES = 280;

/** "buffering −2.1, again −0.8": what drove the score, in words. */
export function driversText(post: Pick<Post, 'sentiment'>): string {
  const d = post.sentiment.drivers;
  if (d.length === 0) return 'no scoring terms';
  return d.map((x) => `${safeText(x.term, { singleLine: true, maxGraphemes: 40 }).text} ${x.weight > 0 ? '+' : '−'}${Math.abs(x.weight).toFixed(1)}`).join(', ');
}

function PostItem({ post, now }: { post: Post; now: number }) {
  const s = post.sentiment;
  const text = safeText(post.contentWarning ? `${post.contentWarning}\n${post.text}` : post.text || (post.title ?? ''), { maxGraphemes: TEXT_GRAPHEMES });
  const link = safeLink(post.url);
  const why = driversText(post);
  return (
    <li className="post" data-testid="post" data-key={post.key} data-label={s.label} title={`${sentimentWord[s.label]} ${s.compound.toFixed(2)} · ${why}`}>
      <div className="post-head">
        <span className="post-source">
          <span aria-hidden="true">{sourceIcon(post)} </span>
          {safeText(post.source, { singleLine: true, maxGraphemes: 24 }).text}
        </span>
        <span className="post-author" data-testid="post-author">
          {safeAuthor(post.author)}
        </span>
        <span className="post-age">{formatAge(Math.max(0, now - post.createdAt))}</span>
        <span className="post-sentiment" data-label={s.label} data-testid="post-sentiment">
          <span aria-hidden="true">{sentimentIcon[s.label]} </span>
          {sentimentWord[s.label]} {s.compound.toFixed(2)}
        </span>
        {s.topics.map((t) => (
          <span key={t} className="post-topic" data-testid="post-topic">
            {t}
          </span>
        ))}
      </div>
      <p className="post-text" data-testid="post-text">
        {text.text}
      </p>
      <details className="post-why">
        <summary>why</summary>
        <span data-testid="post-drivers">{why}</span>
        {link && (
          <button type="button" className="post-link" onClick={() => void platform().openExternal(link)}>
            open post ↗
          </button>
        )}
      </details>
    </li>
  );
}

export function PostsPanel({ panel, placement }: { panel: PanelOf<'posts'>; placement: GridPlacement | undefined }) {
  const pulse = usePulse(1);
  const connected = useApp((s) => s.connection.status === 'connected');
  const now = useHubNow();
  const posts = (panel.only === 'negative' ? pulse.posts.filter((p) => p.sentiment.label === 'negative') : pulse.posts).slice(0, panel.maxPosts);
  return (
    <PanelFrame
      panel={panel}
      placement={placement}
      freshness={{ freshness: connected ? 'live' : 'disconnected', ageMs: null, waiting: !pulse.ready }}
      state="ok"
      chip={false}
      waiting={<p>Waiting for customer posts{pulse.error ? ` · ${pulse.error}` : ''}</p>}
      error={null}
      resetKey={pulse.ready}
    >
      <ol className="posts" data-testid={`posts-${panel.id}`}>
        {posts.length === 0 && <li className="posts-none">No posts yet</li>}
        {posts.map((p) => (
          <PostItem key={p.key} post={p} now={now} />
        ))}
      </ol>
    </PanelFrame>
  );
}
