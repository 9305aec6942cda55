/**
 * The risk backlog over REST (`POST /api/v1/risks`): operational and security risks with
 * likelihood and impact (1–5 each, score = product), the effort to retire them (1–5), an owner
 * and a mitigation plan. Posting the same id again replaces the risk (its status moves it out of
 * the backlog: mitigated, accepted, closed).
 */
import { z } from 'zod';
import type { BacklogRisk } from '../domain/review/risk-backlog.ts';

const scale = z.number().int().min(1).max(5);

export const riskStatuses = ['open', 'mitigating', 'mitigated', 'accepted', 'closed'] as const;

export const riskBodySchema = z
  .object({
    id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, { message: 'expected letters, digits, . _ : -' }),
    title: z.string().trim().min(1).max(200),
    category: z.enum(['operational', 'security']),
    likelihood: scale,
    impact: scale,
    effort: scale,
    owner: z.string().trim().min(1).max(80).nullish(),
    mitigation: z.string().trim().min(1).max(2000).nullish().describe('The plan; a risk with an owner and a plan counts as planned.'),
    team: z.string().trim().min(1).max(120).nullish(),
    status: z.enum(riskStatuses).default('open'),
  })
  .strict();

/** A risk as the hub keeps it: the backlog's fields, the team, when it last changed. */
export interface StoredRisk extends BacklogRisk {
  readonly owner: string | null;
  readonly mitigation: string | null;
  readonly team: string | null;
  readonly updatedAt: number;
}

export const storedRiskSchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  effort: z.number(),
  owner: z.string().nullable(),
  mitigation: z.string().nullable(),
  team: z.string().nullable(),
  status: z.string(),
  updatedAt: z.number(),
});
