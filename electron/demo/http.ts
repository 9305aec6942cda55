// Small HTTP helpers for the demo server: a reply value, JSON bodies with a size limit.

import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (simulated latency). */
  delayMs?: number;
}

export function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), contentType: 'application/json; charset=utf-8', ...(headers ? { headers } : {}) };
}

export function text(status: number, body: string, contentType: string, headers?: Record<string, string>): Reply {
  return { status, body, contentType, ...(headers ? { headers } : {}) };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = reply.status;
  res.setHeader('Content-Type', reply.contentType);
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.status === 304) {
    res.removeHeader('Content-Type');
    res.end();
    return;
  }
  res.setHeader('Content-Length', Buffer.byteLength(reply.body));
  res.end(reply.body);
}

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export const MAX_BODY_BYTES = 64 * 1024;

/** Read the whole body as UTF-8 (413 beyond MAX_BODY_BYTES). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parse a JSON body; a clear 400 if it is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
