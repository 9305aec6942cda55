/** Every client command is answered through a socket.io acknowledgement of this shape. */
export const errorCodes = [
  'invalid', // the payload failed its schema
  'forbidden', // the token's role may not do this
  'not_found',
  'too_large',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface AckError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type AckResult<T extends object = object> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: AckError };
export type Ack<T extends object = object> = (result: AckResult<T>) => void;

/** How long a client waits for an ack before treating the command as not delivered. */
export const ACK_TIMEOUT_MS = 5000;
