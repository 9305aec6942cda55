/**
 * One HTTP(S) request as a canary makes it: a fresh connection every time (so DNS, connect and TLS
 * are measured on every run, as a customer's first request would pay them), true phase times from
 * the socket's own events (`lookup`, `connect`, `secureConnect`, then the response's first byte and
 * its end), the peer certificate, and every failure in one of the classes the board shows.
 *
 * Node's http/https rather than fetch: fetch pools connections and hides the socket, so neither
 * the phases nor the certificate are visible, and its errors arrive wrapped.
 */
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { FailureClass } from '../../../shared/model/canary.ts';
import type { CanaryTimings, CertInfo } from '../../../shared/protocol/canaries.ts';

export interface ProbeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  tls: { ca: string | null; insecureSkipVerify: boolean; servername: string | null };
  /** The request fails as a timeout after this long. */
  timeoutMs: number;
  /** The timeout named in the message (the check's, when this request has only what is left of it). */
  statedTimeoutMs?: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
  now?: () => number;
}

export interface ProbeResponse {
  ok: true;
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The body was longer than maxBodyBytes and was cut there. */
  truncated: boolean;
  timings: CanaryTimings;
  cert: CertInfo | null;
}

export interface ProbeFailure {
  ok: false;
  classification: FailureClass;
  message: string;
  /** The error code Node gave (ECONNREFUSED, CERT_HAS_EXPIRED…), if any. */
  code: string | null;
  timings: CanaryTimings;
  cert: CertInfo | null;
}

export type ProbeResult = ProbeResponse | ProbeFailure;

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** The class of a Node network error: the words on the tile and whether a retry is worth it. */
export function classifyError(code: string | null, message: string): FailureClass {
  if (code === null) return /timed? ?out/i.test(message) ? 'timeout' : 'error';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'ENODATA' || code === 'ESERVFAIL') return 'dns';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return 'connect-refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'HPE_INVALID_CONSTANT' || code === 'ERR_STREAM_PREMATURE_CLOSE') return 'connect-reset';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_')) return 'tls';
  if (code.startsWith('HPE_')) return 'error'; // the server spoke something that is not HTTP
  return 'error';
}

const DESCRIBE: Partial<Record<string, string>> = {
  ENOTFOUND: 'DNS: no such host',
  EAI_AGAIN: 'DNS: lookup timed out (temporary failure)',
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed while sending the request',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate (not trusted)',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in the chain (not trusted)',
  CERT_HAS_EXPIRED: 'TLS: the certificate has expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: unable to verify the certificate (unknown issuer)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS: unable to verify the certificate (issuer not trusted)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: the certificate is for another host name',
};

export function certInfo(cert: PeerCertificate | undefined, now: number): CertInfo | null {
  if (!cert || !cert.valid_to || !cert.fingerprint256) return null;
  const validTo = Date.parse(cert.valid_to);
  if (!Number.isFinite(validTo)) return null;
  const name = (n: unknown) => {
    if (n && typeof n === 'object' && 'CN' in n) {
      const cn = (n as { CN?: string | string[] }).CN;
      return Array.isArray(cn) ? cn.join(', ') : (cn ?? '');
    }
    return '';
  };
  return {
    subject: name(cert.subject),
    issuer: name(cert.issuer),
    validTo,
    fingerprint: cert.fingerprint256,
    daysLeft: Math.floor(((validTo - now) / 86_400_000) * 10) / 10,
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Make one request; never throws. */
export function probe(req: ProbeRequest): Promise<ProbeResult> {
  const now = req.now ?? Date.now;
  return new Promise<ProbeResult>((resolve) => {
    const t0 = performance.now();
    let lookupAt: number | null = null;
    let connectAt: number | null = null;
    let secureAt: number | null = null;
    let sentAt: number | null = null;
    let firstByteAt: number | null = null;
    let cert: CertInfo | null = null;
    let settled = false;
    const isHttps = req.url.protocol === 'https:';

    const timings = (end: number): CanaryTimings => {
      const ready = secureAt ?? connectAt;
      return {
        dnsMs: lookupAt === null ? null : round(lookupAt - t0),
        connectMs: connectAt === null ? null : round(connectAt - (lookupAt ?? t0)),
        tlsMs: secureAt === null || connectAt === null ? null : round(secureAt - connectAt),
        firstByteMs: firstByteAt === null ? null : round(firstByteAt - (sentAt ?? ready ?? t0)),
        transferMs: firstByteAt === null ? null : round(end - firstByteAt),
        totalMs: round(end - t0),
      };
    };
    const phase = () =>
      firstByteAt !== null ? 'while reading the response' : sentAt !== null || (connectAt !== null && (!isHttps || secureAt !== null)) ? 'waiting for the first byte' : connectAt !== null ? 'during the TLS handshake' : lookupAt !== null || req.url.hostname.match(/^[\d.]+$|^\[/) ? 'while connecting' : 'while resolving the host';

    const fail = (classification: FailureClass, message: string, code: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      resolve({ ok: false, classification, message, code, timings: timings(performance.now()), cert });
      request.destroy();
    };

    const timedLookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, options, (err, address, family) => {
        lookupAt = performance.now();
        (callback as (e: NodeJS.ErrnoException | null, a: string | { address: string; family: number }[], f?: number) => void)(err, address, family);
      });
    };

    const options: https.RequestOptions = {
      method: req.method,
      headers: req.headers,
      agent: false, // a fresh connection: every phase is measured on every run
      lookup: timedLookup,
    };
    if (isHttps) {
      options.rejectUnauthorized = !req.tls.insecureSkipVerify;
      if (req.tls.ca) options.ca = req.tls.ca;
      if (req.tls.servername) options.servername = req.tls.servername;
    }

    const request = (isHttps ? https : http).request(req.url, options, (response) => {
      firstByteAt = performance.now();
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({
          ok: true,
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers,
          body: Buffer.concat(chunks),
          truncated,
          timings: timings(performance.now()),
          cert,
        });
      };
      response.on('data', (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        if (size > req.maxBodyBytes) {
          chunks.push(chunk.subarray(0, chunk.length - (size - req.maxBodyBytes)));
          truncated = true;
          finish();
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', finish);
      response.on('close', () => {
        if (!response.complete) fail('connect-reset', 'the connection was reset while reading the response', 'ECONNRESET');
      });
      response.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? null;
        fail(classifyError(code, error.message), `${DESCRIBE[code ?? ''] ?? error.message} while reading the response`, code);
      });
    });

    request.on('socket', (socket: Socket) => {
      socket.once('connect', () => (connectAt = performance.now()));
      if (isHttps) {
        socket.once('secureConnect', () => {
          secureAt = performance.now();
          cert = certInfo((socket as TLSSocket).getPeerCertificate(), now());
        });
      }
    });
    request.on('finish', () => (sentAt = performance.now()));
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? null;
      const cls = classifyError(code, error.message);
      const words = DESCRIBE[code ?? ''] ?? (cls === 'tls' ? `TLS: ${error.message}` : error.message);
      fail(cls, code === 'ECONNRESET' ? `${words} ${phase()}` : words, code);
    });

    const timer = setTimeout(() => fail('timeout', `no answer within ${Math.round(req.statedTimeoutMs ?? req.timeoutMs)} ms (timed out ${phase()})`, null), Math.max(1, req.timeoutMs));
    const onAbort = () => fail('error', 'the run was cancelled', null);
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });

    if (req.body) request.end(req.body);
    else request.end();
  });
}
