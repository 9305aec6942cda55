/**
 * Impact snapshots: a chart as it looked at a moment, uploaded by a console as PNG and kept by
 * the hub, so the timeline (and the postmortem) shows the evidence rather than a link to a live
 * dashboard that has moved on. The upload is idempotent by its id (a ULID from the client); the
 * `snapshot` timeline entry that shows it is logged separately, through the outbox, naming it.
 */
import { createHash } from 'node:crypto';
import { MAX_SNAPSHOT_BYTES } from '../../../shared/protocol/incidents.ts';
import type { SnapshotInfo, SnapshotRepository } from '../store/snapshots.ts';
import { CommandRefused } from './errors.ts';
import { checkPng } from './png.ts';

export { MAX_SNAPSHOT_BYTES };
/** All snapshots of one incident, at most this much: a runaway client cannot fill the disk. */
export const MAX_SNAPSHOT_BYTES_PER_INCIDENT = 200 * 1024 * 1024;

export const snapshotPath = (incidentId: string, id: string): string => `/api/v1/incidents/${incidentId}/snapshots/${id}`;

export interface StoredSnapshot extends SnapshotInfo {
  /** Where to GET it (with a viewer token). */
  url: string;
}

export class SnapshotService {
  readonly #repo: SnapshotRepository;
  readonly #incidentExists: (id: string) => boolean;
  readonly #now: () => number;

  constructor(repo: SnapshotRepository, options: { incidentExists: (id: string) => boolean; now?: () => number }) {
    this.#repo = repo;
    this.#incidentExists = options.incidentExists;
    this.#now = options.now ?? Date.now;
  }

  /** Keep a PNG under `id`; the same bytes again answer the first copy (`duplicate`). */
  store(incidentId: string, id: string, bytes: Uint8Array, tokenId: string | null): { snapshot: StoredSnapshot; duplicate: boolean } {
    if (!this.#incidentExists(incidentId)) throw new CommandRefused('not_found', `no incident with id ${incidentId}`);
    if (bytes.length === 0) throw new CommandRefused('invalid', 'the body is empty: send the PNG bytes');
    if (bytes.length > MAX_SNAPSHOT_BYTES) throw new CommandRefused('invalid', `the PNG is ${bytes.length} bytes; a snapshot may be at most ${MAX_SNAPSHOT_BYTES}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = this.#repo.info(id);
    if (known) {
      if (known.incidentId !== incidentId || known.sha256 !== sha256) {
        throw new CommandRefused('invalid', `snapshot id ${id} is already used for another picture: make a new id`, { conflict: true });
      }
      return { snapshot: this.#withUrl(known), duplicate: true };
    }
    const png = checkPng(bytes);
    if (!png.ok) throw new CommandRefused('invalid', png.message);
    if (this.#repo.totalFor(incidentId) + bytes.length > MAX_SNAPSHOT_BYTES_PER_INCIDENT) {
      throw new CommandRefused('invalid', `this incident already holds ${MAX_SNAPSHOT_BYTES_PER_INCIDENT / 1024 / 1024} MiB of snapshots`, { conflict: true });
    }
    const info: SnapshotInfo = { id, incidentId, size: bytes.length, sha256, width: png.width, height: png.height, createdAt: this.#now() };
    this.#repo.put(info, bytes, tokenId);
    return { snapshot: this.#withUrl(info), duplicate: false };
  }

  /** The PNG bytes, or null when the incident has no such snapshot. */
  bytes(incidentId: string, id: string): Uint8Array | null {
    return this.#repo.bytes(id, incidentId);
  }

  /** Whether a timeline entry may name this snapshot. */
  has(incidentId: string, id: string): boolean {
    return this.#repo.info(id)?.incidentId === incidentId;
  }

  #withUrl(info: SnapshotInfo): StoredSnapshot {
    return { ...info, url: snapshotPath(info.incidentId, info.id) };
  }
}
