/**
 * Every REST endpoint in one table: the server registers them from it and the OpenAPI document is
 * generated from it, so the document cannot forget an endpoint.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../../shared/model/auth.ts';
import { roleSchema } from '../../../shared/model/auth.ts';

export interface RouteContext {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** The validated JSON body, when the route declares one. */
  readonly body: unknown;
  readonly tokenId: string | null;
}

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Fastify path syntax: /api/v1/tokens/:id */
  readonly url: string;
  readonly summary: string;
  /** null: no token needed. */
  readonly role: Role | null;
  readonly body?: z.ZodType;
  /** The response: a zod schema, or a content type and description for non-JSON answers. */
  readonly response: z.ZodType | { readonly contentType: string; readonly description: string };
  readonly tag: string;
}

export const healthResponse = z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() });
export const errorResponse = z.object({ error: z.string(), message: z.string() });
export const tokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.number().describe('epoch ms'),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export const createTokenBody = z.object({ name: z.string().trim().min(1).max(80), role: roleSchema }).strict();

const point = z.tuple([z.number().describe('epoch ms'), z.number()]);
export const frameResponse = z.object({
  key: z.string(),
  series: z.array(z.object({ name: z.string(), labels: z.record(z.string(), z.string()), points: z.array(point) })),
  meta: z.object({
    sourceId: z.string(),
    lastSuccessAt: z.number().nullable(),
    lastAttemptAt: z.number().nullable(),
    lastError: z.string().nullable(),
    expectedIntervalMs: z.number(),
  }),
});

export const routeSpecs = {
  health: { method: 'GET', url: '/api/v1/health', summary: 'Liveness: status, version and uptime.', role: null, response: healthResponse, tag: 'hub' },
  openapi: {
    method: 'GET',
    url: '/api/v1/openapi.json',
    summary: 'This document.',
    role: null,
    response: { contentType: 'application/json', description: 'OpenAPI 3.1 document' },
    tag: 'hub',
  },
  workspaceSchema: {
    method: 'GET',
    url: '/api/v1/workspace.schema.json',
    summary: 'JSON Schema of the workspace file, for editor autocompletion.',
    role: null,
    response: { contentType: 'application/schema+json', description: 'JSON Schema (draft 2020-12)' },
    tag: 'workspace',
  },
  workspace: {
    method: 'GET',
    url: '/api/v1/workspace',
    summary: 'The workspace in force and, if the file on disk was refused, why.',
    role: 'viewer',
    response: { contentType: 'application/json', description: '{ workspace, issues, loadedAt }' },
    tag: 'workspace',
  },
  frame: {
    method: 'GET',
    url: '/api/v1/frames',
    summary: 'One live frame (series and freshness) by its key (query parameter "key").',
    role: 'viewer',
    response: frameResponse,
    tag: 'data',
  },
  listTokens: { method: 'GET', url: '/api/v1/tokens', summary: 'All tokens (never their secrets).', role: 'admin', response: z.object({ tokens: z.array(tokenInfo) }), tag: 'auth' },
  createToken: {
    method: 'POST',
    url: '/api/v1/tokens',
    summary: 'Create a token; its secret is in this response only. A wall device gets a viewer token.',
    role: 'admin',
    body: createTokenBody,
    response: z.object({ token: tokenInfo, secret: z.string() }),
    tag: 'auth',
  },
  revokeToken: { method: 'DELETE', url: '/api/v1/tokens/:id', summary: 'Revoke a token; its live connections are closed.', role: 'admin', response: z.object({}), tag: 'auth' },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routeSpecs;
