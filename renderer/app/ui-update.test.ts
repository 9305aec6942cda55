import { describe, expect, it } from 'vitest';
import { claimReload, RELOAD_RETRY_MS, uiOutdated } from './ui-update.ts';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
};

describe('a page older than the build its hub serves', () => {
  const origin = 'http://wall-hub:4820';

  it('is outdated only when the hub that served it names another build', () => {
    expect(uiOutdated('index-new.js', 'index-old.js', origin, origin)).toBe(true);
    expect(uiOutdated('index-old.js', 'index-old.js', origin, origin)).toBe(false);
    // The desktop app carries its own build: its hub is not its origin.
    expect(uiOutdated('index-new.js', 'index-old.js', origin, 'app://mission-control')).toBe(false);
    // A hub that serves no UI, or an older hub that does not say.
    expect(uiOutdated(null, 'index-old.js', origin, origin)).toBe(false);
  });

  it('reloads once per build: a reload that did not bring the new build is not repeated in a loop', () => {
    const storage = memoryStorage();
    const t = 1_000_000;
    expect(claimReload('index-new.js', storage, t)).toBe(true);
    expect(claimReload('index-new.js', storage, t + 20_000)).toBe(false); // a cache still served the old page
    expect(claimReload('index-newer.js', storage, t + 30_000)).toBe(true); // another upgrade
    expect(claimReload('index-newer.js', storage, t + 30_000 + RELOAD_RETRY_MS)).toBe(true); // tried again later
  });

  it('never reloads when it cannot remember having tried', () => {
    const broken = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(claimReload('index-new.js', broken, 0)).toBe(false);
  });
});
