import type { HubClient } from './hub.ts';

/** A GET against the hub's REST API with the session's token; the hub's message on failure. */
export async function hubGet(hub: Pick<HubClient, 'hubUrl' | 'token'>, path: string, accept = 'application/json'): Promise<Response> {
  const base = (hub.hubUrl() ?? '').replace(/\/$/, '');
  const token = hub.token();
  const response = await fetch(`${base}${path}`, { headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      message = ((await response.json()) as { message?: string }).message ?? message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  return response;
}

export async function hubGetJson<T>(hub: Pick<HubClient, 'hubUrl' | 'token'>, path: string): Promise<T> {
  return (await hubGet(hub, path)).json() as Promise<T>;
}

/** A POST of a JSON text to the hub's REST API with the session's token; the hub's message on failure. */
export async function hubPostJson<T>(hub: Pick<HubClient, 'hubUrl' | 'token'>, path: string, jsonText: string): Promise<T> {
  const base = (hub.hubUrl() ?? '').replace(/\/$/, '');
  const token = hub.token();
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    body: jsonText,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const reply = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new Error(reply.message ?? `${response.status} ${response.statusText}`);
  return reply;
}
