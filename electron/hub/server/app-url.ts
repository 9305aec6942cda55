import type { RouteContext } from './routes.ts';

/** The app's address as the caller reached it, for links in the documents the hub writes. */
export function appUrl({ request }: RouteContext): string | undefined {
  const host = request.headers.host;
  return host ? `${request.protocol}://${host}/` : undefined;
}
