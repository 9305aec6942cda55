/**
 * Settings → Hub: join a shared hub by URL and token, or go back to the embedded one. A remote
 * hub is asked first (hub-check.ts); then the choice is saved into settings.json (other keys
 * kept) and the app restarts onto it. A restart rather than a live switch: the hub connection is
 * read once at start by the console, the walls (with their own viewer token) and the app://
 * page's CSP, and the embedded hub is started or stopped — all of which a fresh start does right.
 * Plain Node (no electron import): the restart itself is handed in.
 */
import { rmSync } from 'node:fs';
import type { HubChoice, HubChoiceResult, HubInUse, HubSettingsState } from '../../shared/bridge.ts';
import { tokenLimits } from '../../shared/domain/token-powers.ts';
import { checkHub } from './hub-check.ts';
import { loadSettings, saveHubChoice } from './settings.ts';

/** Long enough for the answer to reach the page before its window closes. */
export const RESTART_DELAY_MS = 300;

export interface HubChoiceOptions {
  /** settings.json. */
  readonly file: string;
  /** The hub in use now; null while it is starting. */
  readonly inUse: () => HubInUse | null;
  /** Start the app again (it then reads settings.json afresh). */
  readonly restart: () => void;
  /** The walls' viewer token (wall-token.ts): issued by the hub left behind, it must not be shown to the next. */
  readonly wallTokenFile?: string;
  readonly log?: (line: string) => void;
  readonly checkTimeoutMs?: number;
}

export interface HubChoiceHandler {
  state(): HubSettingsState;
  /** One choice at a time, in the order asked: the check is async. */
  choose(choice: HubChoice): Promise<HubChoiceResult>;
}

export function createHubChoice(options: HubChoiceOptions): HubChoiceHandler {
  const log = options.log ?? ((line: string) => console.log(line));
  let restarting = false;
  let queue: Promise<unknown> = Promise.resolve();

  const restartSoon = (): void => {
    restarting = true;
    // The walls' token was issued by the hub being left: never send it to another (ensureWallToken
    // tries the stored one first), and a new one is made on the hub joined.
    if (options.wallTokenFile) rmSync(options.wallTokenFile, { force: true });
    setTimeout(options.restart, RESTART_DELAY_MS);
  };

  const choose = async (choice: HubChoice): Promise<HubChoiceResult> => {
    if (restarting) return { ok: false, error: 'the app is already restarting onto the hub chosen a moment ago' };
    if (choice.mode === 'embedded') {
      // Rewriting it would drop the embedded hub's workspace and demo settings for nothing.
      if (options.inUse()?.mode === 'embedded') return { ok: false, error: 'the app already uses the hub inside it: nothing to change' };
      const saved = saveHubChoice(options.file, { mode: 'embedded' });
      if (!saved.ok) return saved;
      log('[mission-control] Settings → Hub: back to the embedded hub; restarting');
      restartSoon();
      return { ok: true, message: 'Saved: the app restarts now with the hub inside it.' };
    }
    const checked = await checkHub(choice.url, choice.token, options.checkTimeoutMs);
    if (!checked.ok) {
      log(`[mission-control] Settings → Hub: not joined: ${checked.error}`);
      return checked;
    }
    // A token that cannot run incidents is allowed, but only once the person has read so.
    const limited = checked.access ? tokenLimits(checked.access.role, checked.access.scopes) : null;
    if (limited !== null && choice.limitedOk !== true) return { ok: false, limited };
    const saved = saveHubChoice(options.file, { mode: 'remote', url: checked.url, token: checked.token });
    if (!saved.ok) return saved;
    const role = checked.access ? `, a ${checked.access.role} token` : '';
    log(`[mission-control] Settings → Hub: joining the hub at ${checked.url} (version ${checked.version}${role}); restarting`);
    restartSoon();
    return { ok: true, message: `The hub at ${checked.url} (version ${checked.version}) took the token: saved; the app restarts now to join it.` };
  };

  return {
    state: () => {
      const inUse = options.inUse();
      if (inUse?.mode !== 'remote') return { inUse, file: options.file };
      // What the way back restores, so the page can say it (the file is read now: a hand edit counts).
      const hub = loadSettings(options.file, () => undefined).hub;
      return { inUse, file: options.file, embedded: { workspace: (hub.mode === 'remote' ? hub.embedded?.workspace : hub.workspace) ?? null } };
    },
    choose: (choice) => {
      const result = queue.then(() => choose(choice));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
