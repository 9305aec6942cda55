import { z } from 'zod';
import { workspaceSchema } from '../../../shared/model/workspace.ts';
import { errorResponse, type RouteSpec } from './routes.ts';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/** The OpenAPI 3.1 document for the REST endpoints in `routes`. */
export function openApiDocument(routes: readonly RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const ok =
      route.response instanceof z.ZodType
        ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response) } } }
        : { description: route.response.description, content: { [route.response.contentType]: {} } };
    const errorContent = { 'application/json': { schema: jsonSchema(errorResponse) } };
    const responses: Record<string, unknown> = { 200: ok };
    if (route.body) responses[400] = { description: 'The body is invalid; the message names the field.', content: errorContent };
    if (route.rawBody) {
      responses[400] = { description: 'The body is malformed; the message says why and where (line and column). Nothing was recorded.', content: errorContent };
      responses[413] = { description: `The body is over ${route.rawBody.maxBytes} bytes.`, content: errorContent };
      responses[415] = { description: `The content type is not ${route.rawBody.contentTypes.join(' or ')}.`, content: errorContent };
    }
    if (route.role) {
      responses[401] = { description: 'No valid bearer token.', content: errorContent };
      responses[403] = { description: `Needs the ${route.role} role${'scope' in route && route.scope ? ` or the ${route.scope} ingest scope` : ''}.`, content: errorContent };
      responses[429] = { description: 'Rate limited; see Retry-After.', content: errorContent };
    }
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        summary: route.summary,
        tags: [route.tag],
        ...(route.role ? { security: [{ bearer: [] }], 'x-required-role': route.role, ...('scope' in route && route.scope ? { 'x-ingest-scope': route.scope } : {}) } : { security: [] }),
        ...(params.length ? { parameters: params } : {}),
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } } : {}),
        ...(route.rawBody
          ? {
              requestBody: {
                required: true,
                description: route.rawBody.description,
                content: Object.fromEntries(route.rawBody.contentTypes.map((type) => [type, { schema: { type: 'string' } }])),
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Mission Control hub', version, description: 'REST endpoints of the hub. Live data flows over socket.io.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A hub token (mc_…)' } } },
    paths,
  };
}

/** The workspace file's JSON Schema, generated from the same zod schemas the hub validates with. */
export function workspaceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(workspaceSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    title: 'Mission Control workspace',
  };
}
