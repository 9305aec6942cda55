/** An event under way, as the wall's event strip shows it: the sports-final template's plan, made live through the hub's API. */
import { hubApi } from './hub-api.ts';

/** The minute `ms` falls in, as a plan's event start is written (UTC, "2026-05-29T19:00"). */
const utcMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

/**
 * A "Cup Final" plan from the sports-final template, its event starting at `start` (epoch ms,
 * UTC), moved through planned and ready to live. With `triggerAtOnce`, its entitlement trigger
 * fires as soon as the 403s cross its line (the template's holds a minute first); given risk ids,
 * those risks' triggers do (`['entitlement-saturation', 'drm-latency']`: the 403s' and the
 * playback errors', as in the demo's outage). Returns the plan's id.
 */
export async function liveFinal(hubUrl: string, start: number, { triggerAtOnce = false }: { triggerAtOnce?: boolean | readonly string[] } = {}): Promise<string> {
  const call = hubApi(hubUrl);
  const final = await call('POST', '/api/v1/plans', { template: 'sports-final', event: { name: 'Cup Final', start: utcMinute(start), timezone: 'UTC' } });
  const id = String(final.id);
  const atOnce = triggerAtOnce === true ? ['entitlement-saturation'] : triggerAtOnce || [];
  if (atOnce.length > 0) {
    const stored = await call('GET', `/api/v1/plans/${id}`);
    const plan = stored.plan as { risks: { id: string; contingency?: { trigger?: { for?: string } } }[] };
    for (const risk of atOnce) delete plan.risks.find((r) => r.id === risk)!.contingency!.trigger!.for;
    await call('POST', `/api/v1/plans/${id}?revision=${String(stored.revision)}`, plan);
  }
  for (const state of ['planned', 'ready', 'live']) await call('POST', `/api/v1/plans/${id}/state`, { state, by: '@ops' });
  return id;
}
