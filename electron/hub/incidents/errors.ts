import type { AckError } from '../../../shared/protocol/ack.ts';

/**
 * A command the hub will not store, with words for the person who sent it. Nothing was written.
 * `conflict`: the command is well formed but the incident's state forbids it (an illegal status
 * change, a late accept); REST answers it with 409 rather than 400.
 */
export class CommandRefused extends Error {
  readonly ackError: AckError;
  readonly conflict: boolean;

  constructor(code: 'invalid' | 'forbidden' | 'not_found', message: string, { conflict = false } = {}) {
    super(message);
    this.ackError = { code, message };
    this.conflict = conflict;
  }

  get httpStatus(): number {
    const { code } = this.ackError;
    return code === 'forbidden' ? 403 : code === 'not_found' ? 404 : this.conflict ? 409 : 400;
  }

  get httpCode(): string {
    return this.conflict ? 'conflict' : this.ackError.code;
  }
}
