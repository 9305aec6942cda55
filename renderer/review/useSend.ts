import { useState } from 'react';

/**
 * Sending a review form: busy while it goes, the hub's refusal in its own words, the saved record
 * handed on. Shared by the risk and work-log forms.
 */
export function useSend<T>(onSaved: (saved: T) => void): { busy: boolean; sendError: string | null; send: (post: () => Promise<T>) => Promise<void> } {
  const [sendError, setSendError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (post: () => Promise<T>) => {
    setSendError(null);
    setBusy(true);
    try {
      onSaved(await post());
    } catch (e) {
      setSendError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, sendError, send };
}
