import type { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { CanaryRepository } from './canaries.ts';
import { openDatabase } from './db.ts';
import { EnrolmentRepository } from './enrolments.ts';
import { IncidentRepository } from './incidents.ts';
import { SnapshotRepository } from './snapshots.ts';
import { PulseRepository } from './pulse.ts';
import { ReviewRepository } from './review.ts';
import { PlanRepository } from './plans.ts';
import { TokenRepository } from './tokens.ts';
import { WebhookDeliveryRepository } from './webhooks.ts';

/**
 * Everything the hub keeps on disk, behind repositories, so a PostgreSQL implementation can sit
 * beside this one. All SQL lives in this folder.
 */
export interface Store {
  readonly tokens: TokenRepository;
  readonly incidents: IncidentRepository;
  readonly canaries: CanaryRepository;
  readonly snapshots: SnapshotRepository;
  readonly pulse: PulseRepository;
  readonly review: ReviewRepository;
  readonly plans: PlanRepository;
  readonly enrolments: EnrolmentRepository;
  readonly webhooks: WebhookDeliveryRepository;
  /** Fold the WAL back into the main file (on a clean stop). */
  checkpoint(): void;
  close(): void;
}

export function openStore(dataDir: string): Store {
  const db: DatabaseSync = openDatabase(join(dataDir, 'mission-control.sqlite'));
  return {
    tokens: new TokenRepository(db),
    incidents: new IncidentRepository(db),
    canaries: new CanaryRepository(db),
    snapshots: new SnapshotRepository(db),
    pulse: new PulseRepository(db),
    review: new ReviewRepository(db),
    plans: new PlanRepository(db),
    enrolments: new EnrolmentRepository(db),
    webhooks: new WebhookDeliveryRepository(db),
    checkpoint: () => db.exec('PRAGMA wal_checkpoint(TRUNCATE)'),
    close: () => db.close(),
  };
}
