/**
 * The socket.io side of the hub: authenticated connections, one validated handler per client
 * event (schema, role, size, rate), and live frame deltas to the clients that subscribed.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import { roleAllows } from '../../../shared/model/auth.ts';
import type { FrameDelta } from '../../../shared/model/frame.ts';
import type { CanaryDelta, CanarySummary } from '../../../shared/protocol/canaries.ts';
import type { PulseUpdate } from '../../../shared/protocol/pulse.ts';
import type { AckError, AckResult } from '../../../shared/protocol/ack.ts';
import {
  eventRoles,
  requestSchemas,
  type ClientToServerEvents,
  type HubHello,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
  type WorkspaceState,
} from '../../../shared/protocol/events.ts';
import { MAX_PAYLOAD_BYTES } from '../../../shared/protocol/rest.ts';
import type { Auth, RateLimiter } from '../auth.ts';
import { CanaryRefused } from '../canaries/errors.ts';
import type { CanaryService } from '../canaries/service.ts';
import { declareIncident, linkCanary } from '../canaries/auto-declare.ts';
import { CommandRefused } from '../incidents/errors.ts';
import type { ConsolePresenceBoard } from '../incidents/presence.ts';
import type { IncidentService } from '../incidents/service.ts';
import type { WebhookDeliveries } from '../incidents/webhooks.ts';
import type { PulseService } from '../pulse/service.ts';
import type { FrameStore } from '../sources/frame-store.ts';
import { EnrolmentRefused, type EnrolmentService } from '../walls/enrolment.ts';
import type { WallHealthRegistry } from '../walls/health.ts';

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type EventName = keyof typeof requestSchemas;
type Reply = Record<string, unknown>;

export interface SocketDeps {
  readonly auth: Auth;
  readonly limiter: RateLimiter;
  readonly frames: FrameStore;
  readonly incidents: IncidentService;
  readonly canaries: CanaryService;
  readonly presence: ConsolePresenceBoard;
  readonly webhooks: WebhookDeliveries;
  readonly pulse: PulseService;
  readonly wallHealth: WallHealthRegistry;
  readonly enrolments: EnrolmentService;
  readonly allowedOrigins: readonly string[];
  readonly version: string;
  /** The UI build the hub serves (its entry script's name), null when it serves none. */
  readonly uiBuild: () => string | null;
  readonly workspace: () => WorkspaceState;
  readonly log: (message: string) => void;
}

const frameRoom = (key: string) => `frame:${key}`;
/** The sockets that asked for the canary board and get its deltas. */
const CANARY_ROOM = 'canaries';
/** Sockets that follow only the canaries confirmed failing (walls without a canaries panel). */
const CANARY_SUMMARY_ROOM = 'canaries:summary';
/** The sockets that asked for the customer pulse and get its updates. */
const PULSE_ROOM = 'pulse';

/** Browsers send Origin; only the hub's own origin and configured ones may open a socket. */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser (a CLI, a bot): the token still decides
  return origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}` || allowed.includes(origin);
}

export function attachSocketServer(
  http: HttpServer,
  deps: SocketDeps,
): {
  io: HubServer;
  pushDelta: (d: FrameDelta) => void;
  pushCanaryDelta: (d: CanaryDelta) => void;
  pushCanarySummary: (s: CanarySummary) => void;
  pushPulseUpdate: (u: PulseUpdate) => void;
  endSessions: (tokenId: string, reason: string) => void;
} {
  const io: HubServer = new Server(http, {
    // Above the per-event limit, so an oversized event gets a clear ack instead of a dropped link.
    maxHttpBufferSize: MAX_PAYLOAD_BYTES * 4,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req, deps.allowedOrigins);
      callback(ok ? null : 'origin not allowed', ok);
    },
    cors: { origin: [...deps.allowedOrigins], credentials: false },
    serveClient: false,
  });

  io.use((socket, next) => {
    const token = deps.auth.authenticate((socket.handshake.auth as { token?: unknown } | undefined)?.token);
    if (!token) return next(new Error('unauthorized'));
    socket.data = { tokenId: token.id, tokenName: token.name, role: token.role };
    next();
  });

  const handlers: { [K in EventName]: (socket: HubSocket, req: z.output<(typeof requestSchemas)[K]>) => Reply } = {
    'frames:subscribe': (socket, { keys }) => {
      void socket.join(keys.map(frameRoom));
      return { frames: keys.map((key) => deps.frames.get(key)).filter((f) => f !== null) };
    },
    'frames:unsubscribe': (socket, { keys }) => {
      for (const key of keys) void socket.leave(frameRoom(key));
      return {};
    },
    'tokens:list': () => ({ tokens: deps.auth.list() }),
    'tokens:create': (_socket, { name, role, scopes }) => deps.auth.create(name, role, scopes),
    'tokens:revoke': (_socket, { id }) => {
      if (!deps.auth.revoke(id)) throw new AckFailure({ code: 'not_found', message: `no live token with id ${id}` });
      endSessions(id, 'This token was revoked.');
      return {};
    },
    // The service commits before it returns, so the ack below always follows the commit.
    'incident:declare': (socket, req) => ({ ...declareIncident(deps.incidents, deps.canaries, req, actorOf(socket)) }),
    'incident:command': (socket, entry) => ({ ...deps.incidents.command(entry, actorOf(socket)) }),
    'incidents:list': (_socket, req) => ({ incidents: deps.incidents.list(req) }),
    'incident:sync': (_socket, req) => ({ ...deps.incidents.sync(req) }),
    'incident:related': (_socket, { id }) => ({ related: deps.incidents.related(id) }),
    'changes:list': (_socket, req) => ({ changes: deps.incidents.changes(req) }),
    'changes:ingest': (socket, req) => ({ ...deps.incidents.ingestChange(req, actorOf(socket)) }),
    // The board is built after anything pending went out, then the socket joins: the next delta it gets follows this board.
    'canaries:board': (socket) => {
      const board = deps.canaries.board();
      void socket.leave(CANARY_SUMMARY_ROOM);
      void socket.join(CANARY_ROOM);
      return { board };
    },
    'canaries:summary': (socket) => {
      const summary = deps.canaries.summary();
      void socket.leave(CANARY_ROOM);
      void socket.join(CANARY_SUMMARY_ROOM);
      return { summary };
    },
    'canaries:unsubscribe': (socket) => {
      void socket.leave(CANARY_ROOM);
      void socket.leave(CANARY_SUMMARY_ROOM);
      return {};
    },
    'canary:ack': (socket, { id, note }) => ({ entry: deps.canaries.ack(id, socket.data.tokenName, note, socket.data.tokenId) }),
    'canary:snooze': (socket, { id, forMs, until, note }) => ({
      entry: deps.canaries.snooze(id, socket.data.tokenName, until ?? deps.canaries.now() + forMs!, note, socket.data.tokenId),
    }),
    'canary:link': (socket, req) => ({ entry: linkCanary(deps.incidents, deps.canaries, req, req.by ?? socket.data.tokenName, socket.data.tokenId) }),
    'canary:unack': (socket, { id }) => ({ entry: deps.canaries.unack(id, socket.data.tokenName, socket.data.tokenId) }),
    'canary:results': (_socket, { id, before, limit }) => ({ results: deps.canaries.results(id, before === undefined ? { limit } : { before, limit }) }),
    'canary:rollups': (_socket, { id, from, to }) => ({ rollups: deps.canaries.rollups(id, from, to) }),
    'console:presence': (socket, report) => {
      deps.presence.report(socket.id, socket.data.tokenName, report);
      return {};
    },
    'consoles:list': () => ({ board: deps.presence.board() }),
    'webhooks:deliveries': (_socket, { incidentId }) => ({ deliveries: deps.webhooks.recent(incidentId) }),
    'pulse:subscribe': (socket, { minutes, posts }) => {
      const pulse = deps.pulse.snapshot(minutes, posts);
      void socket.join(PULSE_ROOM);
      return { pulse };
    },
    'pulse:unsubscribe': (socket) => {
      void socket.leave(PULSE_ROOM);
      return {};
    },
    'wall:heartbeat': (socket, beat) => {
      deps.wallHealth.beat(socket.id, socket.data.tokenName, beat);
      return {};
    },
    'walls:health': () => ({ walls: deps.wallHealth.list() }),
    'hub:time': () => ({ serverTime: Date.now() }),
    'enrolment:approve': (socket, { code, name }) => {
      try {
        return deps.enrolments.approve(code, name, socket.data.tokenName);
      } catch (error) {
        if (error instanceof EnrolmentRefused) throw new AckFailure({ code: error.status === 404 ? 'not_found' : 'invalid', message: error.message });
        throw error;
      }
    },
    'enrolment:create': (socket, { name }) => deps.enrolments.create(name, socket.data.tokenName),
  };

  io.on('connection', (socket) => {
    const hello: HubHello = {
      version: deps.version,
      uiBuild: deps.uiBuild(),
      role: socket.data.role,
      tokenName: socket.data.tokenName,
      serverTime: Date.now(),
      workspace: deps.workspace(),
    };
    socket.emit('hub:hello', hello);
    // Live state a console must not miss by connecting late: the andon prompts nobody has acted on.
    socket.emit('canary:andons', deps.canaries.andons());
    socket.on('disconnect', () => deps.presence.leave(socket.id));
    socket.on('disconnect', () => deps.wallHealth.disconnected(socket.id));

    // Every event, known or not, goes through one gate: unknown events get an answer too.
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: AckResult<Reply>) => void) : null;
      const reply = (result: AckResult<Reply>) => {
        try {
          ack?.(result);
        } catch {
          /* the client went away */
        }
      };
      try {
        reply(handle(socket, event, args));
      } catch (error) {
        if (error instanceof AckFailure || error instanceof CommandRefused || error instanceof CanaryRefused) return reply({ ok: false, error: error.ackError });
        deps.log(`error handling ${JSON.stringify(event).slice(0, 80)} from ${socket.data.tokenName}: ${(error as Error).stack ?? error}`);
        reply({ ok: false, error: { code: 'internal', message: 'the hub failed to handle this event; it has been logged' } });
      }
    });
  });

  function handle(socket: HubSocket, event: string, args: unknown[]): AckResult<Reply> {
    if (!Object.hasOwn(requestSchemas, event)) {
      throw new AckFailure({ code: 'invalid', message: `unknown event ${JSON.stringify(event).slice(0, 80)}` });
    }
    const name = event as EventName;
    // The clock question costs a Date.now(): not counted, so walls sharing a token and all
    // reconnecting after a hub restart spend their allowance on subscriptions, not on it.
    if (name !== 'hub:time' && !deps.limiter.take(`token:${socket.data.tokenId}`)) {
      throw new AckFailure({ code: 'rate_limited', message: 'too many requests from this token; slow down' });
    }
    if (!roleAllows(socket.data.role, eventRoles[name])) {
      throw new AckFailure({ code: 'forbidden', message: `${name} needs the ${eventRoles[name]} role; this token is ${socket.data.role}` });
    }
    const size = byteSize(args[0]);
    if (size > MAX_PAYLOAD_BYTES) {
      throw new AckFailure({ code: 'too_large', message: `payload of ${size} bytes exceeds the ${MAX_PAYLOAD_BYTES}-byte limit` });
    }
    const parsed = requestSchemas[name].safeParse(args[0]);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const where = first.path.length ? ` at ${first.path.join('.')}` : '';
      throw new AckFailure({ code: 'invalid', message: `invalid ${name} payload${where}: ${first.message}` });
    }
    const handler = handlers[name] as (socket: HubSocket, req: unknown) => Reply;
    return { ok: true, ...handler(socket, parsed.data) };
  }

  function endSessions(tokenId: string, reason: string): void {
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.tokenId !== tokenId) continue;
      socket.emit('session:ended', { reason });
      socket.disconnect(true);
    }
  }

  return {
    io,
    pushDelta: (delta) => io.to(frameRoom(delta.key)).emit('frames:delta', [delta]),
    pushCanaryDelta: (delta) => io.to(CANARY_ROOM).emit('canaries:delta', delta),
    pushCanarySummary: (summary) => io.to(CANARY_SUMMARY_ROOM).emit('canaries:summary', summary),
    pushPulseUpdate: (update) => io.to(PULSE_ROOM).emit('pulse:update', update),
    endSessions,
  };
}

const actorOf = (socket: HubSocket) => ({ tokenId: socket.data.tokenId, tokenName: socket.data.tokenName, role: socket.data.role });

class AckFailure extends Error {
  readonly ackError: AckError;
  constructor(ackError: AckError) {
    super(ackError.message);
    this.ackError = ackError;
  }
}

function byteSize(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  } catch {
    return Infinity; // cyclic or otherwise unserialisable: refuse
  }
}
