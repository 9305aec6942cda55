/**
 * Warnings of TLS certificates near their expiry: once per check and certificate (the store keeps
 * that across restarts), as a notice on the boards and a line in the log. In memory, only the
 * certificates a check's last run showed are held, so rotations and removed checks leave nothing;
 * one shown again (a load balancer alternating two certificates) is looked up in the store, and
 * written only the first time.
 */
import { formatAge } from '../../../shared/domain/freshness.ts';
import type { CertInfo } from '../../../shared/protocol/canaries.ts';
import type { CanaryRepository } from '../store/canaries.ts';
import type { CanaryRecord } from './board.ts';
import type { CanaryDeltas } from './deltas.ts';

const DAY_MS = 86_400_000;

export interface CertWarningsOptions {
  readonly repo: Pick<CanaryRepository, 'certWarned' | 'warnCertOnce'>;
  readonly deltas: Pick<CanaryDeltas, 'notice' | 'tileChanged' | 'flushSoon'>;
  readonly log: (message: string) => void;
}

export class CertWarnings {
  readonly #o: CertWarningsOptions;
  /**
   * The certificates each check was warned about, by fingerprint: only those its last run showed
   * (the store remembers every warning, so one rotated back in is not warned about again).
   */
  readonly #warned = new Map<string, Set<string>>();

  constructor(options: CertWarningsOptions) {
    this.#o = options;
  }

  /** How many certificates are remembered as warned about: those the checks show now, no more. */
  get held(): number {
    let n = 0;
    for (const warned of this.#warned.values()) n += warned.size;
    return n;
  }

  /** A run's certificates: each within its check's warning period is warned about once. */
  check(c: CanaryRecord, certs: readonly CertInfo[], now: number): void {
    if (c.config.kind !== 'check' || c.config.certExpiryWarnDays === 0) {
      this.#warned.delete(c.id);
      return;
    }
    // A run that reached no certificate (a failed connection) says nothing of a rotation.
    if (certs.length > 0) this.#forgetUnseen(c.id, certs);
    const within = c.config.certExpiryWarnDays * DAY_MS;
    for (const cert of certs) {
      if (cert.validTo - now >= within) continue;
      let warned = this.#warned.get(c.id);
      if (warned?.has(cert.fingerprint)) continue;
      if (!warned) this.#warned.set(c.id, (warned = new Set()));
      warned.add(cert.fingerprint);
      // A read first: warned about before, it needs no write (every run would take the write lock for nothing).
      if (this.#o.repo.certWarned(c.id, cert.fingerprint) || !this.#o.repo.warnCertOnce(c.id, cert.fingerprint, cert.validTo, now)) continue;
      const left = cert.validTo - now;
      const when = new Date(cert.validTo).toISOString().replace('T', ' ').slice(0, 16);
      const days = (ms: number) => (ms < DAY_MS ? formatAge(ms) : `${(ms / DAY_MS).toFixed(1)} days`);
      const message =
        left > 0
          ? `${c.config.name}: the TLS certificate for ${cert.subject || 'the host'} (issuer ${cert.issuer || 'unknown'}) expires in ${days(left)}, on ${when} UTC`
          : `${c.config.name}: the TLS certificate for ${cert.subject || 'the host'} expired ${days(-left)} ago, on ${when} UTC`;
      this.#o.deltas.notice({ id: c.id, kind: 'cert-expiry', at: now, message });
      this.#o.log(`canary ${message}`);
      this.#o.deltas.tileChanged(c.id);
      this.#o.deltas.flushSoon();
    }
  }

  /** The canary is gone (or is no longer the check it was). */
  forget(canaryId: string): void {
    this.#warned.delete(canaryId);
  }

  /** Forget the certificates warned about that this check no longer shows (rotated out). */
  #forgetUnseen(canaryId: string, certs: readonly CertInfo[]): void {
    const warned = this.#warned.get(canaryId);
    if (!warned) return;
    for (const fingerprint of warned) if (!certs.some((cert) => cert.fingerprint === fingerprint)) warned.delete(fingerprint);
    if (warned.size === 0) this.#warned.delete(canaryId);
  }
}
