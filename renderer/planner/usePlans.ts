import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PlanSummary, TemplateSummary } from '../../shared/protocol/plans.ts';
import { useHub } from '../app/hub-context.tsx';
import { createPlansApi, type PlansApi } from '../transport/plans.ts';

export function usePlansApi(): PlansApi {
  const hub = useHub();
  return useMemo(() => createPlansApi(hub), [hub]);
}

/** The plan list and templates, with a reload for after a change. */
export function usePlanList(api: PlansApi): { plans: PlanSummary[]; templates: TemplateSummary[]; error: string | null; reload: () => void } {
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all([api.list(), api.templates()])
      .then(([p, t]) => {
        if (!live) return;
        setPlans(p);
        setTemplates(t);
        setError(null);
      })
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [api, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { plans, templates, error, reload };
}

const PERSON_KEY = 'mc.planner.person';

/** Who the planner acts as ("@name"), kept on this screen. */
export function usePerson(): [string, (p: string) => void] {
  const [person, setPerson] = useState(() => {
    try {
      return localStorage.getItem(PERSON_KEY) ?? '';
    } catch {
      return '';
    }
  });
  const set = useCallback((p: string) => {
    setPerson(p);
    try {
      localStorage.setItem(PERSON_KEY, p);
    } catch {
      // kept for this page
    }
  }, []);
  return [person, set];
}
