/**
 * The timers the code under test keeps alive: setTimeout and setInterval are wrapped while
 * tracking, so a timer counts from its creation until it fires (a timeout), is cleared, or is
 * unref'd. Process-wide counts (`process.getActiveResourcesInfo()`) also see the test runner's
 * own timers, which come and go (vitest keeps its own, unwrapped): under load one was there when
 * a baseline was taken and gone a moment later, and a test failed for it.
 */
type Handle = ReturnType<typeof setTimeout>;

export interface LiveTimers {
  /** Timers created since tracking began that still keep the process alive. */
  count(): number;
  /** Put the real functions back. */
  stop(): void;
}

export function trackLiveTimers(): LiveTimers {
  const real = { setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval, clearTimeout: globalThis.clearTimeout, clearInterval: globalThis.clearInterval };
  const live = new Set<Handle>();
  globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle: Handle = real.setTimeout(() => {
      live.delete(handle);
      fn(...args);
    }, ms);
    live.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.setInterval = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle: Handle = real.setInterval(fn, ms, ...args);
    live.add(handle);
    return handle;
  }) as typeof setInterval;
  const clear = (handle: Handle | string | number | undefined) => {
    if (handle !== undefined && typeof handle === 'object') live.delete(handle);
  };
  globalThis.clearTimeout = ((handle?: Handle) => {
    clear(handle);
    real.clearTimeout(handle);
  }) as typeof clearTimeout;
  globalThis.clearInterval = ((handle?: Handle) => {
    clear(handle);
    real.clearInterval(handle);
  }) as typeof clearInterval;
  return {
    count: () => [...live].filter((h) => h.hasRef()).length,
    stop: () => Object.assign(globalThis, real),
  };
}
