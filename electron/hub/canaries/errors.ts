import type { AckError } from '../../../shared/protocol/ack.ts';

/**
 * A canary command or ingest the hub refuses, in words; nothing changed. The socket gate answers
 * it as an ack error, REST with its status (`conflict`: 409, e.g. a suite named like a check).
 */
export class CanaryRefused extends Error {
  /** `unavailable`: the hub is stopping (503: a client's retry will find it, or the next hub). */
  readonly code: 'not_found' | 'invalid' | 'conflict' | 'unsupported_media_type' | 'unavailable';
  constructor(code: CanaryRefused['code'], message: string) {
    super(message);
    this.code = code;
  }
  get httpStatus(): number {
    return { not_found: 404, invalid: 400, conflict: 409, unsupported_media_type: 415, unavailable: 503 }[this.code];
  }
  get ackError(): AckError {
    return { code: this.code === 'not_found' ? 'not_found' : this.code === 'unavailable' ? 'internal' : 'invalid', message: this.message };
  }
}
