/**
 * The hub's one entry: `npm run serve`, `npm start`'s browser mode and the Electron utility
 * process all run this file. Inside Electron it reports "ready" to its parent over parentPort.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDemo } from '../demo/index.ts';
import { wrapLoopMs } from '../demo/phases.ts';
import { findPrometheus, startPrometheus, type PrometheusProcess } from '../demo/prometheus.ts';
import { ConfigError, defaultDemoWorkspace, readConfig, usage, type HubConfig } from './config.ts';
import { startHub, HUB_VERSION, type HubHandle } from './hub.ts';

/** Electron's utilityProcess gives the child a parentPort; plain Node does not. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

export interface Running {
  readonly hub: HubHandle;
  stop(): Promise<void>;
}

/** The demo workspace's Prometheus source (assets/demo/workspace.yaml). */
const DEMO_PROMETHEUS_SOURCE = 'prom';

/**
 * Beside the demo platform, a Prometheus scraping it (when the machine has one), so the demo's
 * SLOs have data: its URL, or why there is none.
 */
async function demoPrometheus(demoUrl: string, env: NodeJS.ProcessEnv): Promise<PrometheusProcess | string> {
  if (env.MC_DEMO_PROMETHEUS === 'off') return 'off (MC_DEMO_PROMETHEUS=off)';
  const binary = findPrometheus(env);
  if (!binary) return 'off: no prometheus binary (apt-get install prometheus, or set MC_PROMETHEUS_BIN)';
  try {
    return await startPrometheus(binary, [new URL(demoUrl).host], 2);
  } catch (error) {
    return `off: ${binary} did not start: ${(error as Error).message.slice(0, 300)}`;
  }
}

/** Start the hub (and the demo platform, and a Prometheus scraping it, when asked) and print how to reach it. */
export async function serve(config: HubConfig, print: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<Running> {
  let demo: Awaited<ReturnType<typeof startDemo>> | null = null;
  let prometheus: PrometheusProcess | string | null = null;
  let junitDir: string | null = null;
  const vars: Record<string, string> = {};
  let absentSources: Record<string, string> | undefined;
  const stopDemo = async () => {
    if (prometheus && typeof prometheus !== 'string') await prometheus.close();
    await demo?.close();
    if (junitDir) await rm(junitDir, { recursive: true, force: true });
  };
  if (config.demo) {
    // The demo's CI job drops its regression suite's JUnit reports here; the demo workspace watches it.
    junitDir = await mkdtemp(join(tmpdir(), 'mc-demo-junit-'));
    vars.MC_DEMO_JUNIT_DIR = junitDir;
    demo = await startDemo({ host: '127.0.0.1', port: config.demoPort, speed: config.demoSpeed, startAtMinutes: config.demoStartAtMinutes ?? 0, junitDir });
    vars.MC_DEMO_URL = demo.url;
    prometheus = await demoPrometheus(demo.url, env);
    if (typeof prometheus !== 'string') vars.MC_DEMO_PROMETHEUS_URL = prometheus.url;
    // None runs, and none was named: the demo's SLOs have no Prometheus (not a down one), so walls
    // do not wait for them ("Stable?", "not live: SLOs") all night.
    else if (!env.MC_DEMO_PROMETHEUS_URL && !config.workspaceFile) {
      absentSources = { [DEMO_PROMETHEUS_SOURCE]: `no Prometheus beside the demo: ${prometheus.replace(/^off: /, '')}` };
    }
  }
  const workspaceFile = config.workspaceFile ?? defaultDemoWorkspace();
  let hub: HubHandle;
  try {
    // The demo's night began start-at minutes ago on its clock (speed× faster than ours): its event plan starts then.
    // The night the demo is in now: the scenario loops (LOOP_MS), so --start-at 200 is 50 minutes
    // into its second night, and the plan's window must hold that night.
    const demoNight = demo && !config.workspaceFile ? { demoNightStartMs: Date.now() - wrapLoopMs((config.demoStartAtMinutes ?? 0) * 60_000) / config.demoSpeed } : {};
    hub = await startHub({ ...config, workspaceFile }, { vars, ...(absentSources ? { absentSources } : {}), ...demoNight });
  } catch (error) {
    await stopDemo();
    throw error;
  }
  print(`Mission Control hub ${HUB_VERSION} listening on ${hub.url}`);
  print(`  data:      ${config.dataDir}`);
  print(`  workspace: ${workspaceFile}`);
  if (demo) print(`  demo:      simulated streaming platform on ${demo.url} (speed ${config.demoSpeed}×, from minute ${config.demoStartAtMinutes ?? 0}; the outage is at minute 95)`);
  if (prometheus !== null) print(`  prometheus: ${typeof prometheus === 'string' ? prometheus : `${prometheus.url}, scraping the demo every 2 s (for the SLOs)`}`);
  if (hub.adminCreated && !config.adminTokenSeed) {
    print(`  admin token (shown once; keep it safe): ${hub.adminSecret}`);
  }
  if (hub.adminSecret) print(`  open:      ${hub.url}/#/login?token=${hub.adminSecret}`);
  else print('  sign in with your admin token (printed on the first start), or create tokens in Settings');
  return {
    hub,
    stop: async () => {
      await hub.close();
      await stopDemo();
    },
  };
}

async function main(): Promise<void> {
  let config: HubConfig | 'help';
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    parentPort?.postMessage({ type: 'error', message: error.message });
    console.error(`mission-control: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(usage);
    return;
  }
  // Signals are taken before starting: one that comes while the hub starts (a supervisor that
  // stops it as soon as it has printed) stops it cleanly once it has started, not by the
  // default action, which would kill it mid-write.
  let running: Running | null = null;
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`mission-control: ${why}; stopping`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    if (!running) return; // still starting: stopped below once it has
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    running = await serve(config, (line) => console.log(line));
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${config.port} is already in use; pick another with --port` : (error as Error).message;
    parentPort?.postMessage({ type: 'error', message });
    console.error(`mission-control: cannot start: ${message}`);
    process.exit(1);
  }
  if (stopping) {
    await running.stop();
    process.exit(0);
  }
  parentPort?.postMessage({ type: 'ready', url: running.hub.url });

  parentPort?.on('message', (event) => {
    if ((event.data as { type?: string } | null)?.type === 'stop') void stop('asked to stop by the desktop app');
  });
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (parentPort || isEntry) {
  void main();
}
