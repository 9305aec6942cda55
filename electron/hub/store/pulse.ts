import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { emptyBucket, type MinuteBucket } from '../../../shared/domain/pulse/aggregate.ts';
import type { ComplaintTopic } from '../../../shared/domain/sentiment/index.ts';
import type { Post } from '../../../shared/model/post.ts';

interface PostRow {
  key: string;
  source: string;
  kind: Post['kind'];
  id: string;
  author: string;
  author_name: string | null;
  title: string | null;
  content_warning: string | null;
  text: string;
  url: string | null;
  created_at: number;
  date_source: Post['dateSource'];
  received_at: number;
  lang: string | null;
  metadata: string;
  compound: number;
  label: Post['sentiment']['label'];
  topics: string;
  drivers: string;
}

interface MinuteRow {
  minute: number;
  volume: number;
  negative: number;
  positive: number;
  complaints: number;
  topics: string;
  terms: string;
}

const toPost = (r: PostRow): Post => ({
  key: r.key,
  source: r.source,
  kind: r.kind,
  id: r.id,
  author: r.author,
  authorName: r.author_name,
  title: r.title,
  contentWarning: r.content_warning,
  text: r.text,
  url: r.url,
  createdAt: r.created_at,
  dateSource: r.date_source,
  receivedAt: r.received_at,
  lang: r.lang,
  metadata: JSON.parse(r.metadata) as Post['metadata'],
  sentiment: {
    compound: r.compound,
    label: r.label,
    topics: JSON.parse(r.topics) as ComplaintTopic[],
    drivers: JSON.parse(r.drivers) as Post['sentiment']['drivers'],
  },
});

function toBucket(r: MinuteRow): MinuteBucket {
  const bucket = emptyBucket(r.minute);
  bucket.volume = r.volume;
  bucket.negative = r.negative;
  bucket.positive = r.positive;
  bucket.complaints = r.complaints;
  Object.assign(bucket.topics, JSON.parse(r.topics) as Record<string, number>);
  for (const [term, n] of Object.entries(JSON.parse(r.terms) as Record<string, number>)) bucket.terms[term] = n;
  return bucket;
}

/**
 * Customer posts, per-minute aggregates and Mastodon cursors. A batch of posts and the minutes it
 * touched are written in one transaction: a post is stored once (source:id), and the minutes
 * always agree with the posts stored.
 */
export class PulseRepository {
  readonly #db: DatabaseSync;
  readonly #insertPost: StatementSync;
  readonly #saveMinute: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insertPost = db.prepare(
      `INSERT INTO pulse_posts (key, source, kind, id, author, author_name, title, content_warning, text, url, created_at, date_source,
         received_at, lang, metadata, compound, label, topics, drivers)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    );
    this.#saveMinute = db.prepare(
      `INSERT INTO pulse_minutes (minute, volume, negative, positive, complaints, topics, terms) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (minute) DO UPDATE SET volume = excluded.volume, negative = excluded.negative, positive = excluded.positive,
         complaints = excluded.complaints, topics = excluded.topics, terms = excluded.terms`,
    );
  }

  /**
   * Store new posts and, in the same transaction, the minutes `onStored` says they changed.
   * `onStored` runs inside the transaction for the posts that were new (in order); returns, per
   * post, whether it was new.
   */
  insertPosts(posts: readonly Post[], onStored: (stored: Post[]) => readonly MinuteBucket[]): boolean[] {
    const fresh: boolean[] = [];
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const stored: Post[] = [];
      for (const p of posts) {
        const s = p.sentiment;
        const { changes } = this.#insertPost.run(
          p.key, p.source, p.kind, p.id, p.author, p.authorName, p.title, p.contentWarning, p.text, p.url, p.createdAt, p.dateSource,
          p.receivedAt, p.lang, JSON.stringify(p.metadata), s.compound, s.label, JSON.stringify(s.topics), JSON.stringify(s.drivers),
        );
        fresh.push(changes === 1);
        if (changes === 1) stored.push(p);
      }
      for (const b of onStored(stored)) {
        this.#saveMinute.run(b.minute, b.volume, b.negative, b.positive, b.complaints, JSON.stringify(b.topics), JSON.stringify(b.terms));
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    return fresh;
  }

  /** The latest posts: newest written first (then newest received). */
  latestPosts(limit: number): Post[] {
    const rows = this.#db.prepare('SELECT * FROM pulse_posts ORDER BY created_at DESC, received_at DESC LIMIT ?').all(limit) as unknown as PostRow[];
    return rows.map(toPost);
  }

  countPosts(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM pulse_posts').get() as { n: number }).n;
  }

  /** Minutes in [from, to), ascending (only minutes with posts). */
  minutes(from: number, to: number): MinuteBucket[] {
    const rows = this.#db.prepare('SELECT * FROM pulse_minutes WHERE minute >= ? AND minute < ? ORDER BY minute').all(from, to) as unknown as MinuteRow[];
    return rows.map(toBucket);
  }

  /** Drop posts received and minutes before `before`; returns how many posts went. */
  prune(before: number): number {
    const { changes } = this.#db.prepare('DELETE FROM pulse_posts WHERE received_at < ?').run(before);
    this.#db.prepare('DELETE FROM pulse_minutes WHERE minute < ?').run(before);
    return Number(changes);
  }

  cursor(feedId: string): string | null {
    const row = this.#db.prepare('SELECT cursor FROM pulse_cursors WHERE feed_id = ?').get(feedId) as { cursor: string } | undefined;
    return row?.cursor ?? null;
  }

  saveCursor(feedId: string, cursor: string): void {
    this.#db.prepare('INSERT INTO pulse_cursors (feed_id, cursor) VALUES (?, ?) ON CONFLICT (feed_id) DO UPDATE SET cursor = excluded.cursor').run(feedId, cursor);
  }
}
