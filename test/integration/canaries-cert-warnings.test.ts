/**
 * The certificates a check was warned about are remembered only while it shows them: a server
 * whose certificate rotates (each one expiring within the warning period) is warned about once per
 * certificate — a certificate rotated back in is not warned about again, the store remembers it —
 * while what the hub holds in memory stays one certificate, and nothing once the check is removed.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { expect, it, onTestFinished } from 'vitest';
import type { CanaryDelta, CanaryNotice } from '../../shared/protocol/canaries.ts';
import { startCanaryService } from '../support/canary-service.ts';
import { makeCert } from '../support/canaries.ts';
import { eventually } from '../support/hub.ts';
import { canaryWorkspaceYaml } from '../support/minimal-workspace.ts';

const workspaceYaml = (checks: string) =>
  canaryWorkspaceYaml('Rotation', `  suites:
    - { id: smoke, name: Smoke suite }
${checks}
`);

it('a rotating certificate is warned about once per certificate, and only the one in use is held in memory', async () => {
  const certs = await Promise.all([0, 1, 2, 3].map((i) => makeCert(3, `rotated-${i}.example`)));
  const server = https.createServer({ key: certs[0]!.key, cert: certs[0]!.cert }, (_req, res) => res.end('ok'));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const notices: CanaryNotice[] = [];
  const { service, apply } = await startCanaryService('mc-canary-certs-', {
    log: () => undefined,
    events: { delta: (d: CanaryDelta) => notices.push(...d.notices.filter((n) => n.kind === 'cert-expiry')), andon: () => undefined },
    flushMs: 10,
  });
  const load = (checks: string) => apply(workspaceYaml(checks));
  load(`  checks:\n    - { id: edge, request: { url: "${url}" }, tls: { insecureSkipVerify: true }, interval: 400ms, timeout: 300ms, jitter: 0, certExpiryWarnDays: 14 }`);
  const subject = () => service.board().entries.find((e) => e.id === 'edge')?.cert?.subject;

  for (const [i, cert] of certs.entries()) {
    server.setSecureContext({ key: cert.key, cert: cert.cert }); // new connections get the next certificate
    await eventually(`the warning for certificate ${i}`, () => notices.some((n) => n.message.includes(`rotated-${i}.example`)));
    expect(service.certWarningsHeld).toBe(1);
  }
  expect(notices).toHaveLength(4);

  // Rotated back to the first: seen on a run, not warned about again.
  server.setSecureContext({ key: certs[0]!.key, cert: certs[0]!.cert });
  await eventually('the first certificate in use again', () => subject() === 'rotated-0.example');
  const runs = service.schedulerStats().runs;
  await eventually('two more runs', () => service.schedulerStats().runs >= runs + 2);
  expect(notices).toHaveLength(4);
  expect(service.certWarningsHeld).toBe(1);

  load('');
  expect(service.certWarningsHeld).toBe(0);
});
