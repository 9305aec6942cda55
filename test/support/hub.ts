/**
 * Start a real hub for a test: its own temporary data folder, a random port, a workspace file
 * the test can rewrite, and helpers for real socket.io clients and HTTP calls.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { HubConfig } from '../../electron/hub/config.ts';
import { startHub, type HubHandle, type HubOptions } from '../../electron/hub/hub.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ADMIN_SECRET = 'mc_test-admin-secret-0123456789abcdefghij';

export interface TestHub {
  readonly hub: HubHandle;
  readonly dir: string;
  readonly workspaceFile: string;
  readonly adminToken: string;
  connect(token: string | undefined, opts?: { origin?: string }): Promise<ClientSocket>;
  http(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestHub(
  workspaceYaml: string,
  overrides: Partial<HubConfig> = {},
  vars: Record<string, string> = {},
  hubOptions: Omit<HubOptions, 'vars' | 'log'> = {},
): Promise<TestHub> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-test-'));
  const workspaceFile = join(dir, 'workspace.yaml');
  await writeFile(workspaceFile, workspaceYaml);
  const config: HubConfig = {
    host: '127.0.0.1',
    port: 0,
    dataDir: join(dir, 'data'),
    workspaceFile,
    demo: false,
    demoPort: 0,
    demoSpeed: 1,
    uiDir: null,
    allowedOrigins: [],
    adminTokenSeed: ADMIN_SECRET,
    rateLimitPerSecond: 1000,
    watchWorkspace: true,
    ...overrides,
  };
  const hub = await startHub(config, { ...hubOptions, vars, log: () => {} });
  const sockets: ClientSocket[] = [];
  return {
    hub,
    dir,
    workspaceFile,
    adminToken: ADMIN_SECRET,
    connect: (token, opts = {}) =>
      new Promise((resolve, reject) => {
        const socket: ClientSocket = io(hub.url, {
          auth: token === undefined ? {} : { token },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: opts.origin ? { origin: opts.origin } : {},
        });
        sockets.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error) => reject(error));
      }),
    http: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('authorization', `Bearer ${init.token}`);
      return fetch(`${hub.url}${path}`, { ...init, headers });
    },
    close: async () => {
      for (const s of sockets) s.close();
      await hub.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Poll until `check` returns a value (not undefined, null or false), or fail with `what` after `ms`. */
export async function eventually<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}
