/**
 * Which build of the UI the hub serves: the file name of index.html's entry script, which Vite
 * names by a hash of its content ("index-CHqXIKyn.js"). It goes out in every hello, so a wall left
 * open for days on an older build sees that the hub now serves another one (an upgrade, a
 * rebuild) and reloads itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ENTRY_SCRIPT = /<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/i;

/** The entry script's file name in an index.html, without its folder or query. */
export function entryScriptName(indexHtml: string): string | null {
  const src = ENTRY_SCRIPT.exec(indexHtml)?.[1];
  if (src === undefined) return null;
  return src.split(/[?#]/)[0]!.split('/').pop() || null;
}

/** Reads the served index.html again only when it changed on disk (a rebuild under a running hub). */
export function uiBuildReader(uiDir: string | null): () => string | null {
  let cached: { mtimeMs: number; build: string | null } | null = null;
  return () => {
    if (uiDir === null) return null;
    const file = join(uiDir, 'index.html');
    try {
      const { mtimeMs } = statSync(file);
      if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, build: entryScriptName(readFileSync(file, 'utf8')) };
      return cached.build;
    } catch {
      return null; // not built: the hub says so on the page itself
    }
  };
}
