import { useCallback, useSyncExternalStore } from 'react';
import { useHub } from '../../app/hub-context.tsx';
import { pulseFeed, type PulseView } from '../../transport/pulse.ts';

/** The customer pulse, live, with `minutes` of history (shared by every pulse view on screen). */
export function usePulse(minutes: number): PulseView {
  const feed = pulseFeed(useHub());
  const subscribe = useCallback((listener: () => void) => feed.subscribe(listener, minutes), [feed, minutes]);
  return useSyncExternalStore(subscribe, feed.view);
}
