/** The wall-enrolment REST calls (the wall has no token yet, so not the socket). */
import type { EnrolClaimReply, EnrolRedeemReply, EnrolStartReply } from '../../shared/protocol/walls.ts';

async function call<T>(base: string, path: string, init: RequestInit): Promise<T> {
  const res = await fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const body = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body;
}

export const startEnrolment = (base: string): Promise<EnrolStartReply> => call(base, '/api/v1/enrol', { method: 'POST', body: '{}' });

export const claimEnrolment = (base: string, claimSecret: string): Promise<EnrolClaimReply> =>
  call(base, '/api/v1/enrol/claim', { method: 'POST', body: JSON.stringify({ claimSecret }) });


/** A code an admin created in Settings, entered on the wall: the wall's own viewer token (once). */
export const redeemEnrolment = (base: string, code: string): Promise<EnrolRedeemReply> =>
  call(base, '/api/v1/enrol/redeem', { method: 'POST', body: JSON.stringify({ code }) });
