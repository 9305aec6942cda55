/**
 * Is this page an older build than the one its hub serves? A wall is opened once and left for
 * days; after the hub is upgraded (or rebuilt) it would go on running the old code against the
 * new hub. The hub names its build in every hello; a page it served compares it with its own entry
 * script. Only pages served by that hub compare: the desktop app carries its own build.
 */

/** The file name of this page's entry script ("index-CHqXIKyn.js"; "main.tsx" under the dev server). */
export function ownUiBuild(doc: Pick<Document, 'querySelector'> = document): string | null {
  const src = doc.querySelector<HTMLScriptElement>('script[type="module"][src]')?.getAttribute('src');
  if (!src) return null;
  return src.split(/[?#]/)[0]!.split('/').pop() || null;
}

/** Whether the hub serves another build than this page's, when the hub served this page. */
export function uiOutdated(hubBuild: string | null, ownBuild: string | null, hubUrl: string | null, pageOrigin: string): boolean {
  return hubBuild !== null && ownBuild !== null && hubUrl === pageOrigin && hubBuild !== ownBuild;
}

const RELOAD_KEY = 'mission-control:ui-reload';
/** A reload for the same build within this long did not bring it: do not loop, say so instead. */
export const RELOAD_RETRY_MS = 10 * 60_000;

/**
 * Whether to reload for the hub's build now, remembering the attempt: false when a reload for that
 * build was already tried lately (a cache or proxy still serving the old page).
 */
export function claimReload(build: string, storage: Pick<Storage, 'getItem' | 'setItem'>, now: number): boolean {
  try {
    const last = JSON.parse(storage.getItem(RELOAD_KEY) ?? 'null') as { build?: unknown; at?: unknown } | null;
    if (last !== null && last.build === build && typeof last.at === 'number' && now - last.at < RELOAD_RETRY_MS) return false;
    storage.setItem(RELOAD_KEY, JSON.stringify({ build, at: now }));
    return true;
  } catch {
    return false; // no storage: never risk a reload loop
  }
}
