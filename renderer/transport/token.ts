/** Where a browser screen keeps its hub token (the desktop app gets it from the bridge instead). */
export const TOKEN_KEY = 'mc.token';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage, or null when it is unavailable (private mode, sandboxed frame). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readToken(storage: KeyValueStorage | null): string | null {
  try {
    const token = storage?.getItem(TOKEN_KEY)?.trim();
    return token ? token : null;
  } catch {
    return null;
  }
}

export function writeToken(storage: KeyValueStorage | null, token: string): void {
  try {
    storage?.setItem(TOKEN_KEY, token.trim());
  } catch {
    // Storage full or denied: the session still works until the page reloads.
  }
}

export function clearToken(storage: KeyValueStorage | null): void {
  try {
    storage?.removeItem(TOKEN_KEY);
  } catch {
    // nothing to clear
  }
}
