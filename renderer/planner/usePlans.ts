import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PlanSummary, TemplateSummary } from '../../shared/protocol/plans.ts';
import { useHub } from '../app/hub-context.tsx';
import { useApp } from '../state/react.tsx';
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

/**
 * Who records a state move, a decision, a lesson or a check-in: the name given in the planner,
 * else the one this console signs incident entries with; '' when neither is known (the actions
 * then wait for a name: never the plan owner's, or the audit trail names someone who did not act).
 */
export function useActingPerson(): { person: string; setPerson: (p: string) => void; acting: string; consoleName: string | null } {
  const [person, setPerson] = usePerson();
  const handle = useApp((s) => s.identity.person);
  // The console keeps a handle without its "@" ("ann"); a plan names people "@ann".
  const consoleName = handle?.trim() ? `@${handle.trim().replace(/^@/, '')}` : null;
  return { person, setPerson, acting: person.trim() || consoleName || '', consoleName };
}

/** Why an action that records a person waits, for its button's title and the editor's hint. */
export const NEEDS_PERSON = 'Type your name in "Acting as" first: this is recorded with who did it';

/** The "Acting as" field's id, so an action waiting for a name can take the person there. */
export const PERSON_FIELD_ID = 'planner-person';
