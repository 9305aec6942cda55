/**
 * Customer-pulse source failures, in words for the source-health panel. They are SourceErrors, so
 * the hub's scheduler shows them like any other upstream error.
 */
import { SourceError } from '../sources/adapter.ts';

export class PulseError extends SourceError {
  /** The upstream asked us to come back later (Retry-After, a rate-limit reset): wait this long. */
  readonly retryAfterMs: number | null;
  constructor(message: string, retryAfterMs: number | null = null) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** A feed that could not be fetched or read; the message names the problem. */
export class FeedError extends PulseError {}

/** A Mastodon timeline that could not be read. */
export class MastodonError extends PulseError {}

/** Parse an HTTP Retry-After value (seconds or an HTTP date) into milliseconds from `now`. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
