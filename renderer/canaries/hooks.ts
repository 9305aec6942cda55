import { useEffect } from 'react';
import { useAppStoreApi } from '../state/react.tsx';

/** While the calling screen is mounted, the transport keeps the canary board current. */
export function useWatchCanaries(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    store.getState().canaryWatch(1);
    return () => store.getState().canaryWatch(-1);
  }, [store]);
}
