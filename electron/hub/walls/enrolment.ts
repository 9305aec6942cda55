/**
 * Wall device enrolment. A wall with no (or a revoked) token asks for a one-time code and shows
 * it full-screen; an admin types it into Settings with a name for the device; the wall, polling
 * with its claim secret, then receives a viewer token of its own. That token does not expire by
 * itself and can be revoked in Settings like any other. Codes and claim secrets are stored hashed.
 * The other direction works too: an admin creates a code in Settings (one use, 15 min) and types
 * it on the wall's #/enrol page, which redeems it for the token.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { ulid } from 'ulid';
import {
  ENROL_CODE_ALPHABET,
  ENROL_CODE_LENGTH,
  ENROL_TTL_MS,
  type EnrolClaimReply,
  type EnrolCodeReply,
  type EnrolRedeemReply,
  type EnrolStartReply,
} from '../../../shared/protocol/walls.ts';
import { hashSecret, type Auth } from '../auth.ts';
import type { EnrolmentRepository } from '../store/enrolments.ts';

/** Unauthenticated devices can start enrolments: at most this many wait at once. */
export const MAX_PENDING_ENROLMENTS = 100;

export class EnrolmentRefused extends Error {
  readonly status: 400 | 404 | 429;
  constructor(status: 400 | 404 | 429, message: string) {
    super(message);
    this.status = status;
  }
}

export function newEnrolCode(): string {
  let code = '';
  for (let i = 0; i < ENROL_CODE_LENGTH; i++) code += ENROL_CODE_ALPHABET[randomInt(ENROL_CODE_ALPHABET.length)];
  return code;
}

/** A fresh code, unique among stored ones: retried on the (rare) clash with the UNIQUE index. */
function uniqueCode(insert: (codeHash: string) => void): string {
  for (let attempt = 0; ; attempt++) {
    const code = newEnrolCode();
    try {
      insert(hashSecret(code));
      return code;
    } catch (error) {
      if (attempt > 5) throw error;
    }
  }
}

export class EnrolmentService {
  readonly #repo: EnrolmentRepository;
  readonly #auth: Auth;
  readonly #now: () => number;

  constructor(repo: EnrolmentRepository, auth: Auth, now: () => number = Date.now) {
    this.#repo = repo;
    this.#auth = auth;
    this.#now = now;
  }

  start(): EnrolStartReply {
    const now = this.#now();
    this.#repo.purge(now - 86_400_000);
    if (this.#repo.countPending(now) >= MAX_PENDING_ENROLMENTS) {
      throw new EnrolmentRefused(429, 'too many wall enrolments are waiting; enter or let some expire, then try again');
    }
    const claimSecret = `enrol_${randomBytes(24).toString('base64url')}`;
    const expiresAt = now + ENROL_TTL_MS;
    const code = uniqueCode((codeHash) => this.#repo.insert({ id: ulid(), codeHash, claimHash: hashSecret(claimSecret), createdAt: now, expiresAt }));
    return { code, claimSecret, expiresAt };
  }

  /** An admin creates a code in Settings for a named device: shown once, one use, 15 minutes. */
  create(deviceName: string, by: string): EnrolCodeReply {
    const now = this.#now();
    this.#repo.purge(now - 86_400_000);
    const expiresAt = now + ENROL_TTL_MS;
    // Nobody claims these by secret: a random, never-revealed one fills the column.
    const claimHash = hashSecret(randomBytes(24).toString('base64url'));
    const code = uniqueCode((codeHash) => this.#repo.insertCreated({ id: ulid(), codeHash, claimHash, createdAt: now, expiresAt, by, deviceName }));
    return { code, name: deviceName, expiresAt };
  }

  /** A wall enters a code created in Settings: its own viewer token, once; otherwise why not, in words. */
  redeem(code: string): EnrolRedeemReply {
    const now = this.#now();
    const row = this.#repo.createdByCode(hashSecret(code));
    const create = 'create a new one in Settings → Wall devices';
    if (!row) throw new EnrolmentRefused(404, `no enrolment code ${code} exists: check it, or ${create}`);
    if (row.claimed_at !== null) throw new EnrolmentRefused(404, `the code ${code} was already used (a code enrols one screen once): ${create}`);
    if (row.expires_at <= now) throw new EnrolmentRefused(404, `the code ${code} expired (codes last ${ENROL_TTL_MS / 60_000} min): ${create}`);
    const name = `wall: ${row.device_name ?? 'device'}`;
    const { token, secret } = this.#auth.create(name, 'viewer');
    if (!this.#repo.redeem(row.id, now, token.id)) {
      this.#auth.revoke(token.id);
      throw new EnrolmentRefused(404, `the code ${code} was already used (a code enrols one screen once): ${create}`);
    }
    return { token: secret, name };
  }

  /** An admin entered the code shown on a wall: the wall may now claim its token. */
  approve(code: string, deviceName: string, by: string): { name: string; expiresAt: number } {
    const now = this.#now();
    const row = this.#repo.pendingByCode(hashSecret(code), now);
    if (!row) throw new EnrolmentRefused(404, `no wall is waiting with the code ${code} (codes expire after ${ENROL_TTL_MS / 60_000} min; the wall shows a new one)`);
    // The wall picks its token up within its next polls; give it the code's lifetime to do so.
    const expiresAt = now + ENROL_TTL_MS;
    this.#repo.approve(row.id, now, by, deviceName, expiresAt);
    return { name: deviceName, expiresAt };
  }

  /** The wall's poll: pending, expired, or approved with its viewer token (given once). */
  claim(claimSecret: string): EnrolClaimReply {
    const now = this.#now();
    const row = this.#repo.byClaim(hashSecret(claimSecret));
    if (!row || row.claimed_at !== null || row.expires_at <= now) return { status: 'expired' };
    if (row.approved_at === null) return { status: 'pending' };
    const name = `wall: ${row.device_name ?? 'device'}`;
    const { token, secret } = this.#auth.create(name, 'viewer');
    this.#repo.claimed(row.id, now, token.id);
    return { status: 'approved', token: secret, name };
  }
}
