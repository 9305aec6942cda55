/**
 * A watched folder for JUnit reports: a CI job (or anyone) drops `*.xml` into it; each file is
 * ingested once it has stopped growing (same size and mtime on two scans in a row, so a file still
 * being copied is never read half-written), then moved to `processed/`, or to `failed/` beside a
 * `NAME.error.txt` saying why (with the line and column for a malformed report).
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JUnitIngestReply } from '../../../../shared/protocol/canaries.ts';
import { JUNIT_DEFAULTS } from './parse.ts';

export interface JUnitFolderOptions {
  scanMs: number;
  log: (message: string) => void;
  ingest: (bytes: Uint8Array, file: string) => JUnitIngestReply;
}

export class JUnitFolder {
  readonly #dir: string;
  readonly #o: JUnitFolderOptions;
  readonly #seen = new Map<string, string>();
  /** Files handled but not movable (permissions): not ingested again while unchanged. */
  readonly #stuck = new Map<string, string>();
  #timer: NodeJS.Timeout | null = null;
  #watcher: FSWatcher | null = null;
  #scanning: Promise<void> | null = null;
  #again = false;
  #closed = false;

  constructor(dir: string, options: JUnitFolderOptions) {
    this.#dir = dir;
    this.#o = options;
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
        this.#watcher = watch(this.#dir, () => this.scan());
        this.#watcher.on('error', () => {});
      } catch {
        /* polling alone */
      }
      this.#timer = setInterval(() => this.scan(), this.#o.scanMs);
      this.#timer.unref();
      this.scan();
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
    const present = new Set<string>();
    for (const entry of entries) {
      if (this.#closed) return;
      if (!entry.isFile() || !/\.xml$/i.test(entry.name) || entry.name.startsWith('.')) continue;
      present.add(entry.name);
      const path = join(this.#dir, entry.name);
      let info;
      try {
        info = await stat(path);
      } catch {
        continue; // gone meanwhile
      }
      const mark = `${info.size}:${info.mtimeMs}`;
      if (this.#stuck.get(entry.name) === mark) continue;
      if (this.#seen.get(entry.name) !== mark) {
        this.#seen.set(entry.name, mark); // still growing, or new: look again next scan
        continue;
      }
      this.#seen.delete(entry.name);
      if (!(await this.#process(entry.name, path, info.size))) this.#stuck.set(entry.name, mark);
    }
    for (const name of this.#seen.keys()) if (!present.has(name)) this.#seen.delete(name);
  }

  /** Ingest one file and move it; false if it could not be moved. */
  async #process(name: string, path: string, size: number): Promise<boolean> {
    let reason: string;
    try {
      if (size > JUNIT_DEFAULTS.maxBytes) throw new Error(`the file is ${size} bytes, over the ${JUNIT_DEFAULTS.maxBytes}-byte limit`);
      const bytes = await readFile(path);
      const reply = this.#o.ingest(bytes, name);
      this.#o.log(`canaries: ${name} → suite "${reply.suite}": ${reply.tests} tests, ${reply.failed} failed, ${reply.errored} errored`);
      return (await this.#move(path, 'processed', name)) !== null;
    } catch (error) {
      reason = (error as Error).message;
    }
    const moved = await this.#move(path, 'failed', name);
    if (moved) await writeFile(`${moved}.error.txt`, `${name} was not ingested:\n${reason}\n`).catch(() => {});
    this.#o.log(`canaries: ${name} refused: ${reason}`);
    return moved !== null;
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
    try {
      await rename(path, target);
      return target;
    } catch (error) {
      this.#o.log(`canaries: cannot move ${name} to ${to}/: ${(error as Error).message}`);
      return null;
    }
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#watcher?.close();
  }
}
