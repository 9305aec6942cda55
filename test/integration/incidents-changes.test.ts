/**
 * "What changed?" on a real hub with a real SQLite file: the changes made shortly before an
 * incident's impact start reach the incident declared later, once (declaring, moving the impact
 * start and a restart add none twice), marked before impact in its timeline and postmortem; and
 * a change logged on the scribe line lands in the timeline and in the hub's change log.
 */
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScribeLine } from '../../shared/domain/incidents/scribe-line.ts';
import { reviseEntry } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import { startHub, type HubHandle } from '../../electron/hub/hub.ts';
import type { Change, IncidentCommand, IncidentSummary } from '../../shared/protocol/incidents.ts';
import { useMetricsServer } from '../support/metrics-server.ts';
import { scrapedWorkspaceYaml } from '../support/minimal-workspace.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

const metricsUrl = useMetricsServer();

const workspace = scrapedWorkspaceYaml('timezone: Europe/Amsterdam\n');

const MIN = 60_000;
const HOUR = 60 * MIN;
const json = { 'content-type': 'application/json' };

let t: TestHub;
let second: HubHandle | null = null;
afterEach(async () => {
  await second?.close();
  second = null;
  await t?.close();
});

async function room(yaml = workspace): Promise<{ responder: ClientSocket; secret: string }> {
  t = await startTestHub(yaml, {}, { METRICS_URL: metricsUrl() });
  const admin = await t.connect(t.adminToken);
  const created = await admin.emitWithAck('tokens:create', { name: 'responder seat', role: 'responder' });
  if (!created.ok) throw new Error(created.error.message);
  admin.close();
  return { responder: await t.connect(created.secret), secret: created.secret };
}

/** The hub's REST API at `url` (the first hub, or the one restarted on its data folder). */
const api = (url: string, secret: string) => (path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, ...json, ...init.headers } });

async function ingest(call: ReturnType<typeof api>, change: Record<string, unknown>): Promise<void> {
  const res = await call('/api/v1/ingest/changes', { method: 'POST', body: JSON.stringify(change) });
  expect(res.status).toBe(200);
}

async function declare(socket: ClientSocket, service?: string): Promise<IncidentSummary> {
  const ack = await socket.emitWithAck('incident:declare', { id: ulid(), title: 'Entitlement 500s', severity: 1, author: 'ann', console: 'console-1', ...(service ? { service } : {}) });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.incident;
}

/** Set the incident's impact start, as the Record card does (one bookkeeping entry). */
async function setImpactStart(call: ReturnType<typeof api>, incidentId: string, startedAt: number): Promise<void> {
  const res = await call(`/api/v1/incidents/${incidentId}/entries`, {
    method: 'POST',
    headers: { 'idempotency-key': ulid() },
    body: JSON.stringify({ kind: 'bookkeeping', text: '', data: { startedAt } }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function timeline(call: ReturnType<typeof api>, incidentId: string): Promise<TimelineEntry[]> {
  return (await (await call(`/api/v1/incidents/${incidentId}/timeline`)).json()).entries;
}

/** The change log ids copied into the incident and not deleted, in timeline (seq) order, each as often as it is there. */
function changeRefs(entries: readonly TimelineEntry[]): string[] {
  const deleted = new Set(entries.flatMap((e) => (e.deleted && e.supersedes ? [e.supersedes] : [])));
  return entries.flatMap((e) => (e.kind === 'change' && !e.supersedes && !deleted.has(e.id) ? [e.data.ref ?? e.id] : []));
}

describe('recent changes reach an incident declared later', () => {
  it('copies the changes of the 2 h before impact start, once, across impact-start edits and a restart, and lists them before impact in the postmortem', async () => {
    const { responder, secret } = await room();
    const call = api(t.hub.url, secret);
    const now = Date.now();
    await ingest(call, { id: 'deploy-5h', service: 'cdn-edge', description: 'CDN config v41', at: now - 5 * HOUR, kind: 'config' });
    await ingest(call, { id: 'flag-90m', service: 'platform', description: 'Shield flag on for all tenants', at: now - 90 * MIN, kind: 'feature_flag' });
    await ingest(call, { id: 'deploy-20m', service: 'entitlement-api', description: 'entitlement-api 4.2.1 <b>rolled out</b>', author: 'deploybot', at: now - 20 * MIN, kind: 'deploy', url: 'https://ci.example.com/4711' });

    const incident = await declare(responder, 'entitlement-api');
    let entries = await timeline(call, incident.id);
    // Another service's flag counts too (platform-wide changes break things); the 5 h old change does not.
    expect(changeRefs(entries)).toEqual(['flag-90m', 'deploy-20m']);
    expect(entries.find((e) => e.kind === 'change' && e.data.ref === 'deploy-20m')).toMatchObject({
      text: 'entitlement-api 4.2.1 <b>rolled out</b>',
      occurredAt: now - 20 * MIN,
      author: 'deploybot',
      console: 'ingest',
      data: { service: 'entitlement-api', source: 'deploy', url: 'https://ci.example.com/4711' },
    });

    // Recorded while the incident is open: it arrives live, and is not copied again later.
    await ingest(call, { id: 'rollback-now', service: 'entitlement-api', description: 'rolled back to 4.2.0', at: Date.now(), kind: 'rollback' });
    await setImpactStart(call, incident.id, now - 10 * MIN);
    await setImpactStart(call, incident.id, now - 10 * MIN);
    expect(changeRefs(await timeline(call, incident.id))).toEqual(['flag-90m', 'deploy-20m', 'rollback-now']);

    // A copy the commander deleted as noise stays deleted when the impact start moves (and after a restart).
    const noise = (await timeline(call, incident.id)).find((e) => e.kind === 'change' && e.data.ref === 'flag-90m')!;
    const deletion = await responder.emitWithAck('incident:command', reviseEntry(noise, { deleted: true }, { id: ulid(), author: 'ann', console: 'console-1' }) as IncidentCommand);
    expect(deletion.ok).toBe(true);
    await setImpactStart(call, incident.id, now - 12 * MIN);
    expect(changeRefs(await timeline(call, incident.id))).toEqual(['deploy-20m', 'rollback-now']);

    // A restart rebuilds from the log and copies nothing twice when the start moves again.
    await t.hub.close();
    second = await startHub(
      { host: '127.0.0.1', port: 0, dataDir: `${t.dir}/data`, workspaceFile: t.workspaceFile, demo: false, demoPort: 0, demoSpeed: 1, uiDir: null, allowedOrigins: [], adminTokenSeed: t.adminToken, rateLimitPerSecond: 1000, watchWorkspace: false },
      { log: () => {}, vars: { METRICS_URL: metricsUrl() } },
    );
    const again = api(second.url, secret);
    await setImpactStart(again, incident.id, now - 15 * MIN);
    expect(changeRefs(await timeline(again, incident.id))).toEqual(['deploy-20m', 'rollback-now']);

    const changesIn = async (): Promise<string[]> => {
      const md = await (await again(`/api/v1/incidents/${incident.id}/postmortem.md`)).text();
      return md.split('## Changes and deploys')[1]!.split('\n## ')[0]!.split('\n').filter((l) => l.startsWith('| 20'));
    };
    let rows = await changesIn();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/\| before impact \| entitlement-api \| deploy \| entitlement-api 4\.2\.1 \\<b\\>rolled out\\</);
    expect(rows[1]).toMatch(/\| during \| entitlement-api \| rollback \| rolled back to 4\.2\.0 \|/);
    const md = await (await again(`/api/v1/incidents/${incident.id}/postmortem.md`)).text();
    expect(md.split('## Timeline')[1]!.split('\n## ')[0]).toMatch(/\| change \(before impact\) \| deploybot · ingest \| entitlement-api 4\.2\.1/);

    // Impact started 4 h ago after all: the 5 h old change is now within the window, once, and the 20 min old deploy came during impact.
    await setImpactStart(again, incident.id, now - 4 * HOUR);
    await setImpactStart(again, incident.id, now - 4 * HOUR - MIN);
    entries = await timeline(again, incident.id);
    expect(changeRefs(entries)).toEqual(['deploy-20m', 'rollback-now', 'deploy-5h']);
    rows = await changesIn();
    expect(rows[0]).toMatch(/\| before impact \| cdn-edge \| config \| CDN config v41 \|/);
    expect(rows[1]).toMatch(/\| during \| entitlement-api \| deploy \|/);
    expect(rows).toHaveLength(3);
  });

  it('does not copy a change into an incident declared more than the look-back after it', async () => {
    const { responder, secret } = await room();
    const call = api(t.hub.url, secret);
    await ingest(call, { id: 'old-deploy', service: 'entitlement-api', description: 'entitlement-api 4.2.0', at: Date.now() - 5 * HOUR, kind: 'deploy' });
    const incident = await declare(responder);
    expect(changeRefs(await timeline(call, incident.id))).toEqual([]);
    const md = await (await call(`/api/v1/incidents/${incident.id}/postmortem.md`)).text();
    expect(md).toContain('## Changes and deploys');
    expect(md).not.toContain('entitlement-api 4.2.0');
  });

  it('looks back as far as the workspace says', async () => {
    const { responder, secret } = await room(`${workspace}incidents:\n  changeLookback: 6h\n`);
    const call = api(t.hub.url, secret);
    await ingest(call, { id: 'old-deploy', service: 'entitlement-api', description: 'entitlement-api 4.2.0', at: Date.now() - 5 * HOUR, kind: 'deploy' });
    const incident = await declare(responder);
    expect(changeRefs(await timeline(call, incident.id))).toEqual(['old-deploy']);
  });
});

describe('a change logged on the console', () => {
  /** The command the scribe line sends for `line` (through the outbox, as `incident:command`). */
  const scribed = (incidentId: string, line: string, firstKeystrokeAt = Date.now()): IncidentCommand => {
    const parsed = parseScribeLine(line, { firstKeystrokeAt, now: Date.now(), timeZone: 'Europe/Amsterdam' });
    if (!parsed.ok) throw new Error(parsed.error);
    return { id: ulid(), incidentId, kind: parsed.kind, text: parsed.text, occurredAt: parsed.occurredAt, data: parsed.data, author: 'ann', console: 'console-1' } as IncidentCommand;
  };

  it('lands in the timeline and in the change log (a chart marker), once, and reaches an incident declared later', async () => {
    const { responder, secret } = await room();
    const call = api(t.hub.url, secret);
    const recorded: Change[] = [];
    responder.on('change:recorded', (c) => recorded.push(c));
    const incident = await declare(responder, 'entitlement-api');

    const rollback = scribed(incident.id, '-5m rollback: #entitlement-api back to 4.2.0');
    const first = await responder.emitWithAck('incident:command', rollback);
    // The outbox sends again when no ack came: the same id is stored once, in the timeline and the log.
    const retry = await responder.emitWithAck('incident:command', rollback);
    expect(first.ok && retry.ok && retry.duplicate).toBe(true);
    const flag = scribed(incident.id, 'flag: shield off');
    expect((await responder.emitWithAck('incident:command', flag)).ok).toBe(true);

    const entries = (await timeline(call, incident.id)).filter((e) => e.kind === 'change');
    expect(entries).toEqual([
      expect.objectContaining({ id: rollback.id, text: 'entitlement-api back to 4.2.0', author: 'ann', console: 'console-1', occurredAt: rollback.occurredAt, data: { source: 'rollback', service: 'entitlement-api' } }),
      expect.objectContaining({ id: flag.id, text: 'shield off', data: { source: 'feature_flag' } }),
    ]);
    const listed: Change[] = (await (await call(`/api/v1/changes?since=${Date.now() - HOUR}`)).json()).changes;
    expect(listed).toEqual([
      expect.objectContaining({ id: rollback.id, service: 'entitlement-api', description: 'entitlement-api back to 4.2.0', author: 'ann', at: rollback.occurredAt, kind: 'rollback', incidentIds: [incident.id] }),
      // No #service: the incident's affected service.
      expect.objectContaining({ id: flag.id, service: 'entitlement-api', kind: 'feature_flag' }),
    ]);
    await eventually('the walls to hear of both changes', () => recorded.length === 2);

    // Moving this incident's impact start copies none of its own changes twice; an incident declared next gets them.
    await setImpactStart(call, incident.id, Date.now() - 30 * MIN);
    expect(changeRefs(await timeline(call, incident.id))).toEqual([rollback.id, flag.id]);
    const next = await declare(responder);
    expect(changeRefs(await timeline(call, next.id))).toEqual([rollback.id, flag.id]);
  });
});

describe('a console change after it is logged', () => {
  const scribed = (incidentId: string, line: string): IncidentCommand => {
    const parsed = parseScribeLine(line, { firstKeystrokeAt: Date.now(), now: Date.now(), timeZone: 'Europe/Amsterdam' });
    if (!parsed.ok) throw new Error(parsed.error);
    return { id: ulid(), incidentId, kind: parsed.kind, text: parsed.text, occurredAt: parsed.occurredAt, data: parsed.data, author: 'ann', console: 'console-1' } as IncidentCommand;
  };
  const meta = () => ({ id: ulid(), author: 'ann', console: 'console-1' });
  const listed = async (call: ReturnType<typeof api>): Promise<Change[]> => (await (await call(`/api/v1/changes?since=${Date.now() - 3 * HOUR}`)).json()).changes;
  /** The version of `rootId` the timeline shows now (null once deleted). */
  const shown = (entries: readonly TimelineEntry[], rootId: string): TimelineEntry | null => {
    let current = entries.find((e) => e.id === rootId)!;
    for (let next = entries.find((e) => e.supersedes === current.id); next; next = entries.find((e) => e.supersedes === current.id)) current = next;
    return current.deleted ? null : current;
  };

  it('an edit rewrites its change-log row and its marker on the walls; a deletion withdraws both, and no incident declared later gets it', async () => {
    const { responder, secret } = await room();
    const call = api(t.hub.url, secret);
    const wall = await t.connect(t.adminToken);
    const heard: Change[] = [];
    const withdrawn: string[] = [];
    wall.on('change:recorded', (c) => heard.push(c));
    wall.on('change:withdrawn', ({ id }) => withdrawn.push(id));
    const incident = await declare(responder, 'entitlement-api');

    const deploy = scribed(incident.id, '-5m deploy: #entitlement-api 4.2.1');
    expect((await responder.emitWithAck('incident:command', deploy)).ok).toBe(true);
    const logged = (await timeline(call, incident.id)).find((e) => e.id === deploy.id)!;
    // The scribe typed the wrong version, and the wrong service.
    const edit = reviseEntry(logged, { text: 'login-api 4.2.2', occurredAt: deploy.occurredAt - 10 * MIN, data: { source: 'deploy', service: 'login-api' } }, meta()) as IncidentCommand;
    expect((await responder.emitWithAck('incident:command', edit)).ok).toBe(true);

    expect(await listed(call)).toEqual([
      expect.objectContaining({ id: deploy.id, description: 'login-api 4.2.2', service: 'login-api', at: deploy.occurredAt - 10 * MIN, kind: 'deploy', incidentIds: [incident.id] }),
    ]);
    await eventually('the walls to hear of the edit', () => heard.some((c) => c.id === deploy.id && c.description === 'login-api 4.2.2'));

    const edited = (await timeline(call, incident.id)).find((e) => e.id === edit.id)!;
    expect((await responder.emitWithAck('incident:command', reviseEntry(edited, { deleted: true }, meta()) as IncidentCommand)).ok).toBe(true);
    expect(await listed(call)).toEqual([]);
    await eventually('the walls to drop its marker', () => withdrawn.includes(deploy.id));
    const next = await declare(responder);
    expect(changeRefs(await timeline(call, next.id))).toEqual([]);
    wall.close();
  });

  it('reaches every other open incident, marked as logged in the first, and its copies follow an edit and a deletion', async () => {
    const { responder, secret } = await room();
    const call = api(t.hub.url, secret);
    const closed = await declare(responder);
    for (const status of ['resolved', 'closed'] as const) {
      const ack = await responder.emitWithAck('incident:command', { id: ulid(), incidentId: closed.id, kind: 'status', text: '', occurredAt: Date.now(), data: { status }, author: 'ann', console: 'console-1' } as IncidentCommand);
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
    }
    const a = await declare(responder, 'entitlement-api');
    const b = await declare(responder, 'login');

    const flag = scribed(a.id, 'flag: #login shield off');
    expect((await responder.emitWithAck('incident:command', flag)).ok).toBe(true);
    expect((await listed(call)).find((c) => c.id === flag.id)).toMatchObject({ incidentIds: [a.id, b.id] });
    const copy = (await timeline(call, b.id)).find((e) => e.kind === 'change' && e.data.ref === flag.id)!;
    expect(copy).toMatchObject({ text: 'login shield off', author: 'ann', console: 'ingest', data: { service: 'login', source: 'feature_flag', from: { incident: a.id, title: 'Entitlement 500s' } } });
    expect(changeRefs(await timeline(call, closed.id))).toEqual([]);

    const logged = (await timeline(call, a.id)).find((e) => e.id === flag.id)!;
    const edit = reviseEntry(logged, { text: 'shield off for EU tenants' }, meta()) as IncidentCommand;
    expect((await responder.emitWithAck('incident:command', edit)).ok).toBe(true);
    expect(shown(await timeline(call, b.id), copy.id)).toMatchObject({ text: 'shield off for EU tenants', data: { from: { incident: a.id } } });

    const edited = (await timeline(call, a.id)).find((e) => e.id === edit.id)!;
    expect((await responder.emitWithAck('incident:command', reviseEntry(edited, { deleted: true }, meta()) as IncidentCommand)).ok).toBe(true);
    expect(shown(await timeline(call, b.id), copy.id)).toBeNull();
  });
});
