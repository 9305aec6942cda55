import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../model/plan.ts';
import type { Change } from '../../protocol/incidents.ts';
import { changesInFreeze, freezeWindow } from './freeze.ts';
import { parsePlanText } from './plan-io.ts';

const parsed = parsePlanText(readFileSync(fileURLToPath(new URL('../../../assets/templates/sports-final.yaml', import.meta.url)), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const plan: Plan = parsed.plan;
const change = (id: string, at: number, service = 'cdn'): Change => ({ id, service, description: id, author: null, at, kind: 'deploy', url: null, recordedAt: at, incidentIds: [] });

describe('changes during the freeze', () => {
  const f = freezeWindow(plan)!;

  it('takes both ends of the freeze and nothing outside, oldest first, whatever the service', () => {
    const changes = [change('end', f.toMs, 'billing'), change('after', f.toMs + 1), change('start', f.fromMs), change('before', f.fromMs - 1)];
    expect(changesInFreeze(plan, changes).map((c) => c.id)).toEqual(['start', 'end']);
  });

  it('finds none in a plan without a freeze', () => {
    const { freeze: _freeze, ...rest } = plan;
    expect(freezeWindow(rest)).toBeNull();
    expect(changesInFreeze(rest, [change('any', f.fromMs + 1)])).toEqual([]);
  });
});
