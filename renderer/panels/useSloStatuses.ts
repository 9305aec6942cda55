/**
 * The SLOs as the hub last evaluated them (GET /api/v1/slos, viewer), asked every 30 s while the
 * caller wants them: SLO panels and the wall's status radiator. The last answer stays while a
 * later ask fails; the failure is said beside it.
 */
import { useEffect, useState } from 'react';
import type { SloStatus } from '../../shared/protocol/review.ts';
import { useHub } from '../app/hub-context.tsx';
import { hubGetJson } from '../transport/rest.ts';

/** The hub evaluates SLOs every 30 s; this asks as often. */
export const SLO_POLL_MS = 30_000;

export interface SloStatuses {
  /** null until the hub first answered. */
  readonly slos: readonly SloStatus[] | null;
  /** Why the last ask failed, null when it succeeded. */
  readonly error: string | null;
}

export function useSloStatuses(enabled = true): SloStatuses {
  const hub = useHub();
  const [state, setState] = useState<SloStatuses>({ slos: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const load = () =>
      hubGetJson<{ slos: SloStatus[] }>(hub, '/api/v1/slos').then(
        ({ slos }) => live && setState({ slos, error: null }),
        (e: unknown) => live && setState((s) => ({ slos: s.slos, error: (e as Error).message })),
      );
    void load();
    const timer = setInterval(() => void load(), SLO_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [hub, enabled]);
  return state;
}
