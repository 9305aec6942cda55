import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { WorkspaceState } from '../../../shared/protocol/events.ts';
import { loadWorkspaceFile } from './load.ts';

/**
 * Keeps the workspace in force. Watches the file's folder (editors often save by writing a new
 * file and renaming it over the old one) and reloads on change; an invalid edit keeps the last
 * valid workspace running and reports why the new one was refused.
 */
export class WorkspaceWatcher {
  #state: WorkspaceState = { workspace: null, issues: null, loadedAt: null };
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;
  #loading: Promise<void> = Promise.resolve();
  readonly #file: string;
  readonly #vars: Readonly<Record<string, string | undefined>>;
  readonly #onChange: (state: WorkspaceState) => void;

  constructor(file: string, vars: Readonly<Record<string, string | undefined>>, onChange: (state: WorkspaceState) => void) {
    this.#file = file;
    this.#vars = vars;
    this.#onChange = onChange;
  }

  get state(): WorkspaceState {
    return this.#state;
  }

  /** Load once; with `watching`, keep reloading on change until close(). */
  async start(watching: boolean): Promise<WorkspaceState> {
    await this.reload();
    if (watching) {
      this.#watcher = watch(dirname(this.#file), (_event, name) => {
        if (name === null || name === basename(this.#file)) this.#schedule();
      });
      this.#watcher.on('error', () => this.#schedule());
    }
    return this.#state;
  }

  /** Reloads are serialised so two quick saves cannot apply out of order. */
  reload(): Promise<void> {
    this.#loading = this.#loading.then(async () => {
      const result = await loadWorkspaceFile(this.#file, this.#vars);
      this.#state = result.ok
        ? { workspace: result.workspace, issues: null, loadedAt: Date.now() }
        : { workspace: this.#state.workspace, issues: result.issues, loadedAt: this.#state.loadedAt };
      this.#onChange(this.#state);
    });
    return this.#loading;
  }

  #schedule(): void {
    // Editors fire several events per save; settle for a moment, well inside the 2 s promise.
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.reload();
    }, 150);
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = null;
  }
}
