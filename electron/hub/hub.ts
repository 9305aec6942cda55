/**
 * The hub: one host-agnostic program. `startHub` wires the store, auth, workspace, sources and
 * the HTTP + socket.io servers, and returns a handle to stop it. The CLI (headless, `npm start`'s
 * browser mode) and the Electron utility process both call it through cli.ts.
 */
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { dirname } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { WorkspaceState } from '../../shared/protocol/events.ts';
import { Auth, RateLimiter } from './auth.ts';
import { canaryIncidents } from './canaries/auto-declare.ts';
import { canaryHandlers } from './canaries/http-handlers.ts';
import { CanaryService, type CanaryServiceOptions } from './canaries/service.ts';
import { defaultTemplatesDir, type HubConfig } from './config.ts';
import { incidentHandlers } from './incidents/http-handlers.ts';
import { ConsolePresenceBoard } from './incidents/presence.ts';
import { IncidentService } from './incidents/service.ts';
import { SnapshotService } from './incidents/snapshots.ts';
import { WebhookDeliveries } from './incidents/webhooks.ts';
import { pulseHandlers } from './pulse/http-handlers.ts';
import { PulseService, type PulseServiceOptions } from './pulse/service.ts';
import { reviewHandlers } from './review/http-handlers.ts';
import { ReviewService } from './review/service.ts';
import { SloService } from './review/slo-service.ts';
import { planHandlers } from './planning/http-handlers.ts';
import { incidentRecordsFor } from './planning/incident-records.ts';
import { PlanService, watchedPanel, workspaceHasPanel } from './planning/service.ts';
import { weekendSources } from './planning/weekend-sources.ts';
import { keepDemoCheckIns, seedDemoPlan } from './planning/demo-plan.ts';
import { EventSloWatcher } from './planning/event-slos.ts';
import { buildHttp, HttpError, openApi } from './server/http.ts';
import { workspaceJsonSchema } from './server/openapi.ts';
import type { createTokenBody } from './server/routes.ts';
import { attachSocketServer } from './server/socket.ts';
import { uiBuildReader } from './server/ui-build.ts';
import { FrameStore } from './sources/frame-store.ts';
import { createAdapter } from './sources/registry.ts';
import { Scheduler } from './sources/scheduler.ts';
import { sourceHandlers } from './sources/http-handlers.ts';
import { PushIngest } from './sources/push/ingest.ts';
import { EnrolmentService } from './walls/enrolment.ts';
import { WallHealthRegistry } from './walls/health.ts';
import { wallHandlers } from './walls/http-handlers.ts';
import { grafanaHandlers } from './grafana/http-handlers.ts';
import { openStore } from './store/store.ts';
import { WorkspaceWatcher } from './workspace/watch.ts';
import { publicWorkspaceState } from './workspace/public.ts';
import { formatWorkspaceIssue } from '../../shared/model/workspace-error.ts';
import { cadencePolicyFrom } from '../../shared/domain/incidents/cadence.ts';
import { DEFAULT_FOLLOW_UP_DAYS } from '../../shared/model/incident-settings.ts';
import { DEFAULT_CHANGE_LOOKBACK_MS } from '../../shared/domain/incidents/change-lookback.ts';

export const HUB_VERSION: string = pkg.version;

export interface HubHandle {
  readonly url: string;
  readonly port: number;
  /** The admin secret when this start created or was seeded with it (to print once), else null. */
  readonly adminSecret: string | null;
  readonly adminCreated: boolean;
  readonly scheduler: Scheduler;
  /** The canary board: checks, suites, their states (tests and benchmarks read it). */
  readonly canaries: CanaryService;
  /** The customer pulse: posts, aggregates, spikes, feeds (tests and benchmarks read it). */
  readonly pulse: PulseService;
  readonly workspace: () => WorkspaceState;
  /** Reload the workspace file now (tests; the watcher does it on change). */
  reloadWorkspace(): Promise<void>;
  close(): Promise<void>;
}

export interface HubOptions {
  /** Variables for ${NAME} in the workspace, on top of the environment (e.g. MC_DEMO_URL). */
  readonly vars?: Readonly<Record<string, string | undefined>>;
  readonly log?: (message: string) => void;
  /** The clock incidents are recorded by (tests move it to expire a handoff). */
  readonly now?: () => number;
  /** Canary timings and wall clock (tests shorten the delta coalescing, the folder scan and settle time, or step the clock). */
  readonly canaries?: Partial<Pick<CanaryServiceOptions, 'flushMs' | 'folderScanMs' | 'folderSettleMs' | 'snapshotMs' | 'tickMs' | 'writeMs' | 'now' | 'monotonic'>>;
  /** Waits between webhook retries (tests shorten them). */
  readonly webhookRetryMs?: readonly number[];
  /** Pulse timings and clock (tests move the clock to close minutes). */
  readonly pulse?: Partial<Pick<PulseServiceOptions, 'flushMs' | 'tickMs' | 'pruneMs' | 'settleMs' | 'now'>>;
  /** How often every SLO is evaluated (default 30 s). */
  readonly sloIntervalMs?: number;
  /**
   * Prometheus sources not run here on purpose, by id, with why (the demo's on a machine without
   * Prometheus): their SLOs say so and walls do not wait for them; an unreachable one still counts.
   */
  readonly absentSources?: Readonly<Record<string, string>>;
  /**
   * `serve --demo` on the demo workspace: when the demo's night began (epoch ms). The demo's event
   * plan is made once per data folder, timed from it (planning/demo-plan.ts).
   */
  readonly demoNightStartMs?: number;
}

export async function startHub(config: HubConfig, options: HubOptions = {}): Promise<HubHandle> {
  const log = options.log ?? ((message: string) => console.error(message));
  const startedAt = Date.now();
  const store = openStore(config.dataDir);
  let canaryService: CanaryService | null = null;
  let pulseService: PulseService | null = null;
  let planService: PlanService | null = null;
  try {
    const auth = new Auth(store.tokens);
    const admin = auth.ensureAdmin(config.adminTokenSeed);
    const limiter = new RateLimiter(config.rateLimitPerSecond, config.rateLimitPerSecond * 2);
    const frames = new FrameStore();
    const workspaceFile = config.workspaceFile!;
    const watcher = new WorkspaceWatcher(workspaceFile, { ...process.env, ...options.vars }, (state) => {
      scheduler.apply(state.workspace);
      canaries.apply(state.workspace);
      incidents.cadenceChanged();
      pulse.apply(state.workspace);
      // On the first load there is no last valid one: startHub refuses to start, saying why, once.
      if (state.issues && state.workspace) log(`workspace refused, keeping the last valid one:\n  ${state.issues.map(formatWorkspaceIssue).join('\n  ')}`);
      sockets?.io.emit('workspace:changed', publicWorkspaceState(state));
    });

    const scheduler = new Scheduler({ frames, adapterFor: createAdapter, onDelta: (delta) => sockets?.pushDelta(delta) });
    const push = new PushIngest({
      frames,
      workspace: () => watcher.state.workspace,
      framesOf: (id) => scheduler.pushedFrames(id),
      onDelta: (delta) => sockets?.pushDelta(delta),
      now: Date.now,
    });
    let sockets: ReturnType<typeof attachSocketServer> | null = null;
    // Rebuilt from the log before anything can connect; broadcasts go to every client, walls included.
    const incidents = new IncidentService(store.incidents, {
      ...(options.now ? { now: options.now } : {}),
      timeZone: () => watcher.state.workspace?.timezone ?? 'UTC',
      cadence: () => cadencePolicyFrom(watcher.state.workspace?.incidents?.cadence),
      followUpDays: () => watcher.state.workspace?.incidents?.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS,
      changeLookbackMs: () => watcher.state.workspace?.incidents?.changeLookback ?? DEFAULT_CHANGE_LOOKBACK_MS,
      events: {
        entry: (entry) => {
          sockets?.io.emit('incident:entry', entry);
          webhooks.entry(entry);
        },
        summary: (summary) => sockets?.io.emit('incident:summary', summary),
        change: (change) => {
          sockets?.io.emit('change:recorded', change);
          planService?.changeRecorded();
        },
        changeWithdrawn: (id) => {
          sockets?.io.emit('change:withdrawn', { id });
          planService?.changeRecorded();
        },
      },
      log,
      snapshotExists: (incidentId, assetId): boolean => snapshots.has(incidentId, assetId),
    });
    const snapshots: SnapshotService = new SnapshotService(store.snapshots, { incidentExists: (id) => incidents.has(id) });
    // After the commit and the ack, never in their way: a slow or failing webhook blocks nothing.
    const webhooks: WebhookDeliveries = new WebhookDeliveries({
      repo: store.webhooks,
      webhooks: () => watcher.state.workspace?.incidents?.webhooks ?? [],
      summary: (id) => incidents.summary(id),
      onChange: (delivery) => sockets?.io.emit('incident:delivery', delivery),
      ...(options.webhookRetryMs ? { retryMs: options.webhookRetryMs } : {}),
      log,
    });
    const presence = new ConsolePresenceBoard({ onChange: (board) => sockets?.io.emit('consoles:presence', board) });
    // Rebuilt from its snapshots and runs before the workspace says which canaries exist.
    const canaries = (canaryService = new CanaryService(store.canaries, {
      ...options.canaries,
      log,
      timeZone: () => watcher.state.workspace?.timezone ?? 'UTC',
      baseDir: dirname(workspaceFile),
      events: {
        delta: (delta) => sockets?.pushCanaryDelta(delta),
        summary: (summary) => sockets?.pushCanarySummary(summary),
        andon: (andon) => sockets?.io.emit('canary:andon', andon),
        andons: (andons) => sockets?.io.emit('canary:andons', andons),
        ...canaryIncidents(incidents),
      },
    }));
    const pulse = (pulseService = new PulseService(store.pulse, {
      ...options.pulse,
      log,
      events: {
        update: (update) => sockets?.pushPulseUpdate(update),
        spike: (event) => sockets?.io.emit('pulse:spike', event),
      },
    }));
    const plans = (planService = new PlanService(store.plans, {
      ...(options.now ? { now: options.now } : {}),
      templatesDir: defaultTemplatesDir(),
      incidents: () => incidentRecordsFor(incidents),
      changesBetween: (from, to, limit, after) => incidents.changesBetween(from, to, limit, after),
      changesTally: (from, to) => incidents.changesTally(from, to),
      // The review service starts later; the reports ask for it only on a request.
      weekend: () => weekendSources({ review, incidents, canaries, slos, workspace: () => watcher.state.workspace }),
      eventSlos: () => eventSlos,
      watched: (panelId) => watchedPanel(watcher.state.workspace, frames, panelId),
      hasPanel: (panelId) => workspaceHasPanel(watcher.state.workspace, panelId),
      events: { changed: (planId) => sockets?.io.emit('plan:changed', { planId }), trigger: (fired) => sockets?.io.emit('plan:trigger', fired) },
      ...(options.demoNightStartMs === undefined ? {} : { ticked: (now: number) => keepDemoCheckIns(plans, now) }),
      log,
    }));
    if (options.demoNightStartMs !== undefined) {
      try {
        log(seedDemoPlan(plans, options.demoNightStartMs));
      } catch (error) {
        log(`demo plan: not made: ${(error as Error).message}`);
      }
      // The check-ins the demo's people made before the hub started (kept, not missed); the plan
      // service's ticks keep the later ones.
      try {
        keepDemoCheckIns(plans, options.now?.() ?? Date.now());
      } catch (error) {
        log(`demo plan: check-ins not kept: ${(error as Error).message}`);
      }
    }
    const eventSlos: EventSloWatcher = new EventSloWatcher({
      workspace: () => watcher.state.workspace,
      running: () => plans.running(),
      changed: (planId) => sockets?.io.emit('plan:changed', { planId }),
      ...(options.now ? { now: options.now } : {}),
      ...(options.sloIntervalMs === undefined ? {} : { intervalMs: options.sloIntervalMs }),
      log,
    });
    const initial = await watcher.start(config.watchWorkspace).catch(async (error: unknown) => {
      pulse.close();
      await canaries.close();
      throw error;
    });
    if (!initial.workspace) {
      watcher.close();
      scheduler.stop();
      pulse.close();
      await canaries.close();
      throw new Error(`the workspace cannot be loaded:\n  ${(initial.issues ?? []).map(formatWorkspaceIssue).join('\n  ')}`);
    }

    // Event SLOs of plans already running (a restart mid-event) without waiting 30 s.
    void eventSlos.refresh();
    const slos = new SloService(() => watcher.state.workspace, {
      ...(options.sloIntervalMs === undefined ? {} : { intervalMs: options.sloIntervalMs }),
      ...(options.absentSources ? { absentSources: options.absentSources } : {}),
    });
    const review = new ReviewService({ repo: store.review, incidents, slos, workspace: () => watcher.state.workspace, ...(options.now ? { now: options.now } : {}) });
    const enrolments = new EnrolmentService(store.enrolments, auth);
    const wallHealth = new WallHealthRegistry();
    const openapi = openApi(HUB_VERSION);
    const schema = workspaceJsonSchema();
    const app = await buildHttp({
      auth,
      limiter,
      uiDir: config.uiDir,
      allowedOrigins: config.allowedOrigins,
      version: HUB_VERSION,
      log,
      handlers: {
        health: () => ({ status: 'ok', version: HUB_VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }),
        openapi: () => openapi,
        workspaceSchema: ({ reply }) => reply.type('application/schema+json').send(schema),
        workspace: () => publicWorkspaceState(watcher.state),
        frame: ({ request }) => {
          const key = (request.query as { key?: unknown }).key;
          if (typeof key !== 'string' || key === '') throw new HttpError(400, 'invalid', 'pass the frame key as ?key=');
          const frame = frames.get(key);
          if (!frame) throw new HttpError(404, 'not_found', `no frame with key ${key}`);
          return frame;
        },
        currentToken: ({ request }) => {
          const { name, role, scopes } = request.token!;
          return { name, role, scopes };
        },
        listTokens: () => ({ tokens: auth.list() }),
        createToken: ({ body }) => {
          const { name, role, scopes } = body as z.infer<typeof createTokenBody>;
          return auth.create(name, role, scopes);
        },
        revokeToken: ({ request }) => {
          const { id } = request.params as { id: string };
          if (!auth.revoke(id)) throw new HttpError(404, 'not_found', `no live token with id ${id}`);
          sockets?.endSessions(id, 'This token was revoked.');
          return {};
        },
        ...incidentHandlers(incidents, snapshots),
        ...canaryHandlers(canaries),
        ...pulseHandlers(pulse),
        ...reviewHandlers(review, slos),
        ...planHandlers(plans),
        ...sourceHandlers({
          push,
          workspace: () => watcher.state.workspace,
          liveAdapter: (source) => scheduler.liveAdapter(source),
          createAdapter,
        }),
        ...wallHandlers({ enrolments, health: wallHealth, limiter }),
        ...grafanaHandlers(),
      },
    });

    sockets = attachSocketServer(app.server, {
      auth,
      limiter,
      frames,
      incidents,
      canaries,
      presence,
      webhooks,
      pulse,
      wallHealth,
      enrolments,
      allowedOrigins: config.allowedOrigins,
      version: HUB_VERSION,
      uiBuild: uiBuildReader(config.uiDir),
      workspace: () => publicWorkspaceState(watcher.state),
      log,
    });

    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      watcher.close();
      scheduler.stop();
      pulse.close();
      await slos.close();
      await eventSlos.close();
      await canaries.close();
      await sockets.io.close();
      await app.close();
      throw error;
    }
    // Resume the webhook queues left by the last run now that the workspace names the webhooks
    // (their URLs) and nothing can fail the start any more.
    webhooks.start();
    const { port } = app.server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;

    let closing: Promise<void> | null = null;
    return {
      url: `http://${host}:${port}`,
      port,
      adminSecret: admin.secret,
      adminCreated: admin.created,
      scheduler,
      canaries,
      pulse,
      workspace: () => watcher.state,
      reloadWorkspace: () => watcher.reload(),
      close: () =>
        (closing ??= (async () => {
          watcher.close();
          scheduler.stop();
          presence.close();
          webhooks.close();
          pulse.close();
          await slos.close();
          await eventSlos.close();
          plans.close();
          await canaries.close();
          await sockets?.io.close();
          await app.close();
          store.checkpoint();
          store.close();
        })()),
    };
  } catch (error) {
    pulseService?.close();
    planService?.close();
    await canaryService?.close();
    store.close();
    throw error;
  }
}
