import { useEffect } from 'react';
import { useAppStoreApi } from '../state/react.tsx';

/** While the calling screen is mounted (and wants it), the transport keeps the canary board current. */
export function useWatchCanaries(enabled = true): void {
  const store = useAppStoreApi();
  useEffect(() => {
    if (!enabled) return;
    store.getState().canaryWatch(1);
    return () => store.getState().canaryWatch(-1);
  }, [store, enabled]);
}
