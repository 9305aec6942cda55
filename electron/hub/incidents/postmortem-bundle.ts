/**
 * The postmortem as one self-contained zip: `postmortem.md` with every impact snapshot linked as
 * `images/<snapshot id>.png`, and those PNGs beside it. Unzipped, it opens in any Markdown viewer
 * (or pastes into a wiki) with the pictures showing, without a hub or a token.
 *
 * The zip is streamed, one snapshot read from the store at a time, with backpressure from the
 * socket: an incident may hold up to 200 MiB of snapshots, and building that in memory per
 * download would let a few slow downloads hold gigabytes. PNGs are already compressed, so they
 * are stored as they are; only the Markdown is deflated.
 */
import { Readable } from 'node:stream';
import { strToU8, Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';
import { ulidSchema } from '../../../shared/model/incident.ts';
import { inline } from './markdown.ts';
import type { Postmortem } from './postmortem.ts';
import { postmortemMarkdown, type SnapshotLink } from './postmortem-markdown.ts';

/** Where a snapshot's PNG sits inside the bundle, relative to postmortem.md. */
export const bundledImagePath = (assetId: string): string => `images/${assetId}.png`;

/** Reads a stored PNG by its id, or null when the incident has no such snapshot. */
export type ReadSnapshot = (assetId: string) => Uint8Array | null;

/** Reads and checks stored snapshots for a bundle. */
export interface SnapshotStore {
  has: (assetId: string) => boolean;
  read: ReadSnapshot;
}

/**
 * The snapshots a bundle may carry: stored ones with a ULID id (what the upload makes them), so
 * the id is a safe file name. Each once, however many entries show it, in the postmortem's order.
 */
export function storedAssets(pm: Postmortem, has: (assetId: string) => boolean): string[] {
  return [...new Set(pm.snapshots.map((s) => s.assetId))].filter((id) => ulidSchema.safeParse(id).success && has(id));
}

/**
 * The postmortem's Markdown with each snapshot in `bundled` shown as the picture at
 * `images/<id>.png` (beside the document), and any other said to be left out, with why.
 */
export function bundledMarkdown(pm: Postmortem, bundled: ReadonlySet<string>, leftOutWhy: string): string {
  const imageLink: SnapshotLink = (s) =>
    bundled.has(s.assetId) ? `![${inline(s.panelId ?? 'impact snapshot')}](${bundledImagePath(s.assetId)})` : `_(picture left out: ${leftOutWhy})_`;
  return postmortemMarkdown(pm, imageLink);
}

/** The stream of zip bytes for the postmortem and its pictures. */
export function postmortemBundle(pm: Postmortem, store: SnapshotStore): Readable {
  const assets = new Set(storedAssets(pm, store.has));
  return Readable.from(zipChunks(bundledMarkdown(pm, assets, 'it is not on the hub'), assets, store.read));
}

async function* zipChunks(markdown: string, assets: Set<string>, read: ReadSnapshot): AsyncGenerator<Uint8Array> {
  // fflate's synchronous Zip calls back during push(): collect, then hand each batch downstream.
  let pending: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  const take = (): Uint8Array[] => {
    if (failure) throw failure;
    const out = pending;
    pending = [];
    return out;
  };
  const add = (file: ZipInputFile & { push: (chunk: Uint8Array, final: boolean) => void }, bytes: Uint8Array) => {
    zip.add(file);
    file.push(bytes, true);
  };

  add(new ZipDeflate('postmortem.md', { level: 6 }), strToU8(markdown));
  yield* take();
  for (const assetId of assets) {
    const png = read(assetId);
    if (png) add(new ZipPassThrough(bundledImagePath(assetId)), png);
    yield* take();
  }
  zip.end();
  yield* take();
}
