/**
 * The hub's canary service on its own, on a real SQLite store in a fresh temporary folder; the
 * service, the store and the folder go when the test ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { CanaryService, type CanaryServiceOptions } from '../../electron/hub/canaries/service.ts';
import { openStore, type Store } from '../../electron/hub/store/store.ts';
import { parseWorkspace } from '../../electron/hub/workspace/load.ts';

export interface TestCanaryService {
  /** The temporary folder: the service's baseDir (a relative junitFolder is found here). */
  readonly dir: string;
  readonly store: Store;
  readonly service: CanaryService;
  /** Parses `yaml` as the room's workspace file and applies it to the service (throws on any issue). */
  apply(yaml: string): void;
  /** Closes the store now, as the hub does after the service (the cleanup does not close it again). */
  closeStore(): void;
}

/**
 * A canary service in a new folder named `prefix`…, its clock in UTC; the store in the folder, or
 * in its subfolder `storeIn`. No workspace yet: `apply` one.
 */
export async function startCanaryService(
  prefix: string,
  options: Omit<CanaryServiceOptions, 'baseDir' | 'timeZone'>,
  { storeIn }: { storeIn?: string } = {},
): Promise<TestCanaryService> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const store = openStore(storeIn === undefined ? dir : join(dir, storeIn));
  let storeOpen = true;
  const closeStore = () => {
    if (storeOpen) store.close();
    storeOpen = false;
  };
  onTestFinished(closeStore);
  const service = new CanaryService(store.canaries, { ...options, timeZone: () => 'UTC', baseDir: dir });
  onTestFinished(() => service.close());
  const apply = (yaml: string) => {
    const loaded = parseWorkspace(yaml, 'room.yaml', {});
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    service.apply(loaded.workspace);
  };
  return { dir, store, service, apply, closeStore };
}
