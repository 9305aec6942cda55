/** Payloads of the REST endpoints (the OpenAPI document at /api/v1/openapi.json describes them all). */
export interface HealthResponse {
  readonly status: 'ok';
  readonly version: string;
  readonly uptimeSeconds: number;
}

export interface ErrorResponse {
  readonly error: string;
  readonly message: string;
}

/** The limit on any single JSON request body or socket.io event payload. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
