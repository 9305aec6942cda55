/**
 * A pre-scale step on the night moves planned → scaled → validated (→ scaled down afterwards):
 * the one next status a single click marks, with its words, or null when nothing follows.
 */
import type { CapacityStep } from '../../shared/model/plan.ts';

type CapacityStatus = CapacityStep['status'];

const next: Record<CapacityStatus, { status: CapacityStatus; action: string } | null> = {
  planned: { status: 'scaled', action: 'Mark scaled' },
  scaled: { status: 'validated', action: 'Mark validated' },
  validated: { status: 'scaled_down', action: 'Mark scaled down' },
  scaled_down: null,
  skipped: null,
};

export const nextCapacityStatus = (status: CapacityStatus): { status: CapacityStatus; action: string } | null => next[status];
