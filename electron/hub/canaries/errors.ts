import type { AckError } from '../../../shared/protocol/ack.ts';

/**
 * A canary command or ingest the hub refuses, in words; nothing changed. The socket gate answers
 * it as an ack error, REST with its status (`conflict`: 409, e.g. a suite named like a check).
 */
export class CanaryRefused extends Error {
  readonly code: 'not_found' | 'invalid' | 'conflict' | 'unsupported_media_type';
  constructor(code: CanaryRefused['code'], message: string) {
    super(message);
    this.code = code;
  }
  get httpStatus(): number {
    return { not_found: 404, invalid: 400, conflict: 409, unsupported_media_type: 415 }[this.code];
  }
  get ackError(): AckError {
    return { code: this.code === 'not_found' ? 'not_found' : 'invalid', message: this.message };
  }
}
