/**
 * A tiny real metrics endpoint (`up 1` in Prometheus text format) for the test file that calls
 * this at its top level, so a workspace has a live scrape source. Started before the file's
 * tests, closed after them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** Returns the endpoint's URL; call the getter inside tests or hooks, once `beforeAll` has run. */
export function useMetricsServer(): () => string {
  let server: Server | undefined;
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('# TYPE up gauge\nup 1\n'));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));
  return () => {
    if (!url) throw new Error('useMetricsServer: the URL is only known once beforeAll has run');
    return url;
  };
}
