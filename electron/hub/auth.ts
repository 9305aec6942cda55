import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { IngestScope, Role, TokenInfo } from '../../shared/model/auth.ts';
import type { TokenRepository } from './store/tokens.ts';

const PREFIX = 'mc_';

/** A new secret: 256 random bits. High entropy, so a plain SHA-256 is a safe way to store it. */
export function newSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Bearer credentials from an Authorization header value, or null. */
export function bearerFrom(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

export class Auth {
  readonly #tokens: TokenRepository;
  readonly #now: () => number;

  constructor(tokens: TokenRepository, now: () => number = Date.now) {
    this.#tokens = tokens;
    this.#now = now;
  }

  /** The live token behind a secret, or null (unknown, malformed or revoked). */
  authenticate(secret: unknown): TokenInfo | null {
    if (typeof secret !== 'string' || !secret.startsWith(PREFIX) || secret.length > 200) return null;
    const token = this.#tokens.activeByHash(hashSecret(secret));
    if (token) this.#tokens.touch(token.id, this.#now());
    return token;
  }

  create(name: string, role: Role, scopes: readonly IngestScope[] = []): { token: TokenInfo; secret: string } {
    const secret = newSecret();
    const token = this.#tokens.insert({ id: ulid(), name, role, scopes: [...new Set(scopes)], hash: hashSecret(secret), createdAt: this.#now() });
    return { token, secret };
  }

  revoke(id: string): boolean {
    return this.#tokens.revoke(id, this.#now());
  }

  list(): TokenInfo[] {
    return this.#tokens.list();
  }

  /**
   * Make sure an admin can get in. With a seed secret (MISSION_CONTROL_ADMIN_TOKEN), that secret
   * becomes an admin token if it is not one already. Without one, a first admin token is created
   * only when no admin exists; its secret is returned so the caller can print it once.
   */
  ensureAdmin(seed: string | undefined): { secret: string | null; created: boolean } {
    if (seed !== undefined) {
      if (!seed.startsWith(PREFIX) || seed.length < PREFIX.length + 20) {
        throw new Error(`MISSION_CONTROL_ADMIN_TOKEN must start with "${PREFIX}" and hold at least 20 more characters`);
      }
      const existing = this.#tokens.anyByHash(hashSecret(seed));
      if (existing && existing.revokedAt === null && existing.role === 'admin') return { secret: seed, created: false };
      if (existing) throw new Error('MISSION_CONTROL_ADMIN_TOKEN names a token that was revoked or is not an admin token');
      this.#tokens.insert({ id: ulid(), name: 'admin (seeded)', role: 'admin', hash: hashSecret(seed), createdAt: this.#now(), seeded: true });
      return { secret: seed, created: true };
    }
    if (this.#tokens.countActiveAdmins() > 0) return { secret: null, created: false };
    const { secret } = this.create('first admin', 'admin');
    return { secret, created: true };
  }
}

/** A token bucket per key: `burst` requests at once, refilled at `perSecond`. */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #now: () => number;

  constructor(perSecond: number, burst: number, now: () => number = Date.now) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#now = now;
  }

  take(key: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    // Bounded: forget full buckets (they behave exactly like new ones).
    if (this.#buckets.size > 10_000) {
      for (const [k, b] of this.#buckets) if (b.tokens >= this.#burst) this.#buckets.delete(k);
    }
    return allowed;
  }
}
