/**
 * A watched folder for JUnit reports: a CI job (or anyone) drops `*.xml` into it; each file is
 * read once it has settled — the same size and mtime for `settleMs` by the hub's clock, however
 * often the folder is scanned (a watcher event right after a scan must not catch a writer pausing
 * mid-file) — then moved to `processed/`, or to `failed/` beside a `NAME.error.txt` saying why
 * (with the line and column for a malformed report).
 *
 * - A file that does not parse but changed since it was first seen, or was written only moments
 *   ago, may be a writer that paused longer than the settle time (a runner writing in chunks, a
 *   copy over a slow share): it is read again once it has been unchanged for RETRY_SETTLES ×
 *   settleMs, and refused when the same bytes fail again (or when it was neither).
 * - The files ready in one scan are handed over together, so the hub can date them by their own
 *   time and let only the newest of each suite set its state (a backlog read at start-up).
 * - What was ingested is remembered by the hub (by content), so a file that cannot be moved out
 *   (a read-only folder) is not ingested again, neither on the next scan nor after a restart.
 * - `processed/` and `failed/` keep a file KEEP_MOVED_MS after it was moved there (its mtime is set
 *   to the move), then it is deleted: on start and every hour.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JUnitIngestReply } from '../../../../shared/protocol/canaries.ts';
import { JUNIT_DEFAULTS, JUnitParseError } from './parse.ts';

/** How long `processed/` and `failed/` keep a file (a constant: the workspace has no inbox settings). */
export const KEEP_MOVED_MS = 7 * 86_400_000;
/** How often they are pruned (and the hub reminded of files it could not move). */
const MAINTAIN_EVERY_MS = 3_600_000;
/** Default settle time: a file must be unchanged this long before it is read. */
export const SETTLE_MS = 2000;
/** A file that did not parse while it may still be being written waits this many settle times before the next try. */
const RETRY_SETTLES = 10;

/** A settled file, as handed to the hub. */
export interface JUnitFile {
  name: string;
  bytes: Uint8Array;
  mtimeMs: number;
}

/** What the hub did with one file. */
export type JUnitFileOutcome =
  | {
      kind: 'ingested';
      /** What the hub remembers the report by. */
      key: string;
      reply: JUnitIngestReply;
      /** When the run happened, and what that was read from. */
      at: number;
      dated: 'report' | 'file' | 'read';
      /** Set when the report went into the suite's history without changing its state: why. */
      historyOnly: string | null;
      note?: string;
    }
  | { kind: 'duplicate'; key: string; suite: string; ingestedAt: number }
  | { kind: 'refused'; error: Error };

export interface JUnitFolderOptions {
  /** How often the folder is scanned (a watcher, where it works, scans sooner). */
  scanMs: number;
  /** How long a file must be unchanged before it is read (default SETTLE_MS). */
  settleMs?: number;
  log: (message: string) => void;
  /** Ingest the files ready in one scan; one outcome per file, in the same order. */
  ingest: (files: JUnitFile[]) => JUnitFileOutcome[];
  /** Reports ingested but still lying in the folder (not movable): the hub keeps remembering them. */
  keep?: (keys: string[]) => void;
}

/** A file seen in the folder, not yet handled. */
interface Seen {
  /** Size and mtime as last seen, and since when (the hub's clock). */
  mark: string;
  since: number;
  /** The mark when it was first seen, or when it last failed to parse. */
  first: string;
  /** How long it must be unchanged before it is read. */
  wait: number;
  /** Whether it failed to parse before (and is waiting for another try). */
  retried: boolean;
}

interface Ready {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
  mark: string;
  seen: Seen;
}

export class JUnitFolder {
  readonly #dir: string;
  readonly #o: JUnitFolderOptions;
  readonly #settleMs: number;
  readonly #seen = new Map<string, Seen>();
  /** Files handled but not movable (permissions): not looked at again while unchanged. */
  readonly #stuck = new Map<string, { mark: string; key: string | null }>();
  readonly #timers: NodeJS.Timeout[] = [];
  #watcher: FSWatcher | null = null;
  #scanning: Promise<void> | null = null;
  #again = false;
  #closed = false;

  constructor(dir: string, options: JUnitFolderOptions) {
    this.#dir = dir;
    this.#o = options;
    this.#settleMs = options.settleMs ?? SETTLE_MS;
  }

  get dir(): string {
    return this.#dir;
  }

  start(): void {
    void (async () => {
      try {
        await mkdir(join(this.#dir, 'processed'), { recursive: true });
        await mkdir(join(this.#dir, 'failed'), { recursive: true });
      } catch (error) {
        this.#o.log(`canaries: cannot use the JUnit folder ${this.#dir}: ${(error as Error).message}`);
        return;
      }
      if (this.#closed) return;
      try {
        // A hint only: the scan below is what finds files (fs.watch is unreliable on network shares).
        this.#watcher = watch(this.#dir, () => void this.scan());
        this.#watcher.on('error', () => {});
      } catch {
        /* polling alone */
      }
      const scan = setInterval(() => void this.scan(), this.#o.scanMs);
      const maintain = setInterval(() => void this.maintain(), MAINTAIN_EVERY_MS);
      scan.unref();
      maintain.unref();
      this.#timers.push(scan, maintain);
      void this.maintain();
      void this.scan();
    })();
  }

  /** Scan now (serialised: a scan asked for during one runs right after it). */
  scan(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#scanning) {
      this.#again = true;
      return this.#scanning;
    }
    this.#scanning = this.#scanOnce()
      .catch((error: unknown) => this.#o.log(`canaries: scanning ${this.#dir} failed: ${(error as Error).message}`))
      .finally(() => {
        this.#scanning = null;
        if (this.#again) {
          this.#again = false;
          void this.scan();
        }
      });
    return this.#scanning;
  }

  async #scanOnce(): Promise<void> {
    const entries = await readdir(this.#dir, { withFileTypes: true });
    // One clock reading per scan: files first seen together (a backlog at start-up) settle together.
    const now = Date.now();
    const present = new Set<string>();
    const ready: Ready[] = [];
    for (const entry of entries) {
      if (this.#closed) return;
      // A link to a report (a CI job's output folder linked in) is read like the report itself.
      if ((!entry.isFile() && !entry.isSymbolicLink()) || !/\.xml$/i.test(entry.name) || entry.name.startsWith('.')) continue;
      present.add(entry.name);
      const path = join(this.#dir, entry.name);
      let info;
      try {
        info = await stat(path);
      } catch {
        continue; // gone meanwhile (or a link to nothing)
      }
      if (!info.isFile()) continue;
      const mark = `${info.size}:${info.mtimeMs}`;
      const stuck = this.#stuck.get(entry.name);
      if (stuck?.mark === mark) continue;
      if (stuck) this.#stuck.delete(entry.name); // written again: a new report
      const seen = this.#seen.get(entry.name);
      if (!seen) {
        this.#seen.set(entry.name, { mark, since: now, first: mark, wait: this.#settleMs, retried: false });
        continue;
      }
      if (seen.mark !== mark) {
        seen.mark = mark; // still being written: settle again
        seen.since = now;
        seen.wait = this.#settleMs;
        continue;
      }
      if (now - seen.since < seen.wait) continue;
      ready.push({ name: entry.name, path, size: info.size, mtimeMs: info.mtimeMs, mark, seen });
    }
    for (const name of this.#seen.keys()) if (!present.has(name)) this.#seen.delete(name);
    for (const name of this.#stuck.keys()) if (!present.has(name)) this.#stuck.delete(name);
    if (ready.length > 0 && !this.#closed) await this.#processAll(ready);
  }

  get #retryMs(): number {
    return this.#settleMs * RETRY_SETTLES;
  }

  /** Read the ready files, hand them to the hub together, and move each by what became of it. */
  async #processAll(ready: Ready[]): Promise<void> {
    const files: JUnitFile[] = [];
    const read: Ready[] = [];
    for (const r of ready) {
      if (r.size > JUNIT_DEFAULTS.maxBytes) {
        await this.#refuse(r, `the file is ${r.size} bytes, over the ${JUNIT_DEFAULTS.maxBytes}-byte limit`);
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await readFile(r.path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // gone meanwhile
        await this.#refuse(r, `cannot read it: ${(error as Error).message}`);
        continue;
      }
      if (bytes.length !== r.size) {
        r.seen.mark = ''; // written to between the look and the read: settle again
        continue;
      }
      files.push({ name: r.name, bytes, mtimeMs: r.mtimeMs });
      read.push(r);
    }
    if (files.length === 0 || this.#closed) return;
    let outcomes: JUnitFileOutcome[];
    try {
      outcomes = this.#o.ingest(files);
    } catch (error) {
      outcomes = files.map(() => ({ kind: 'refused', error: error as Error }));
    }
    for (const [i, r] of read.entries()) {
      const outcome = outcomes[i] ?? { kind: 'refused', error: new Error('the hub gave no answer for it') };
      if (outcome.kind === 'refused') {
        const error = outcome.error;
        const now = Date.now();
        // Changed since it was first seen (or since the last try), or written just now: perhaps a
        // writer that paused. The same bytes failing a second time are refused.
        const changed = r.seen.first !== r.mark;
        const recent = !r.seen.retried && now - r.mtimeMs < this.#retryMs;
        if (error instanceof JUnitParseError && (changed || recent)) {
          r.seen.first = r.mark;
          r.seen.since = now;
          r.seen.wait = this.#retryMs;
          r.seen.retried = true;
          this.#o.log(
            `canaries: ${r.name} does not parse yet (${error.message}); it ${changed ? 'changed since it was first seen' : 'was written moments ago'}, so it is read again once unchanged for ${Math.round(this.#retryMs / 1000)} s`,
          );
          continue;
        }
        await this.#refuse(r, error.message);
        continue;
      }
      this.#seen.delete(r.name);
      if (outcome.kind === 'duplicate') {
        this.#o.log(`canaries: ${r.name} was already ingested (the same report, for suite "${outcome.suite}", on ${new Date(outcome.ingestedAt).toISOString()}): not ingested again`);
      } else {
        const { reply } = outcome;
        const dated = outcome.dated === 'report' ? 'its timestamp' : outcome.dated === 'file' ? "the file's mtime" : 'the time it was read';
        this.#o.log(
          `canaries: ${r.name} → suite "${reply.suite}": ${reply.tests} tests, ${reply.failed} failed, ${reply.errored} errored; ran ${new Date(outcome.at).toISOString()} (from ${dated}${outcome.note ? `: ${outcome.note}` : ''})` +
            (outcome.historyOnly ? `; kept in the suite's history only: ${outcome.historyOnly}` : ''),
        );
      }
      if ((await this.#move(r.path, 'processed', r.name)) === null) this.#stuck.set(r.name, { mark: r.mark, key: outcome.key });
    }
  }

  async #refuse(r: Ready, reason: string): Promise<void> {
    this.#seen.delete(r.name);
    const moved = await this.#move(r.path, 'failed', r.name);
    if (moved) await writeFile(`${moved}.error.txt`, `${r.name} was not ingested:\n${reason}\n`).catch(() => {});
    else this.#stuck.set(r.name, { mark: r.mark, key: null });
    this.#o.log(`canaries: ${r.name} refused: ${reason}`);
  }

  /** Move into processed/ or failed/, keeping the name unless it is taken. Returns the new path. */
  async #move(path: string, to: 'processed' | 'failed', name: string): Promise<string | null> {
    let target = join(this.#dir, to, name);
    try {
      await stat(target);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      target = join(this.#dir, to, name.replace(/(\.xml)?$/i, `.${stamp}$1`));
    } catch {
      /* free */
    }
    // Its age in processed/ or failed/ counts from now (pruning goes by mtime). Set before the
    // move: set after, an old report would lie there with its old mtime while the prune ran.
    const now = new Date();
    await utimes(path, now, now).catch(() => {});
    try {
      await rename(path, target);
    } catch (error) {
      this.#o.log(`canaries: cannot move ${name} to ${to}/: ${(error as Error).message}`);
      return null;
    }
    return target;
  }

  /**
   * Delete what processed/ and failed/ have kept longer than KEEP_MOVED_MS, and remind the hub of
   * the reports it ingested that are still here. Returns how many files were deleted.
   */
  async maintain(now = Date.now()): Promise<number> {
    if (this.#closed) return 0;
    const keys = [...this.#stuck.values()].flatMap((s) => (s.key === null ? [] : [s.key]));
    if (keys.length > 0) {
      try {
        this.#o.keep?.(keys);
      } catch (error) {
        this.#o.log(`canaries: ${(error as Error).message}`);
      }
    }
    let deleted = 0;
    for (const sub of ['processed', 'failed'] as const) {
      let entries;
      try {
        entries = await readdir(join(this.#dir, sub), { withFileTypes: true });
      } catch {
        continue; // not there (yet)
      }
      for (const entry of entries) {
        if (this.#closed) return deleted;
        if (!entry.isFile()) continue;
        const path = join(this.#dir, sub, entry.name);
        try {
          if ((await stat(path)).mtimeMs >= now - KEEP_MOVED_MS) continue;
          await unlink(path);
          deleted++;
        } catch {
          /* gone meanwhile, or not ours to delete */
        }
      }
    }
    if (deleted > 0) this.#o.log(`canaries: deleted ${deleted} files older than ${KEEP_MOVED_MS / 86_400_000} days from ${this.#dir}/processed and failed`);
    return deleted;
  }

  close(): void {
    this.#closed = true;
    for (const t of this.#timers) clearInterval(t);
    this.#watcher?.close();
  }
}
