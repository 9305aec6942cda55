import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryScriptName, uiBuildReader } from './ui-build.ts';

const indexHtml = (entry: string) => `<!doctype html>
<html lang="en">
  <head>
    <title>Mission Control</title>
    <script type="module" crossorigin src="./assets/${entry}"></script>
    <link rel="modulepreload" crossorigin href="./assets/durations-BydRjFku.js">
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('the UI build the hub serves', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it("is the file name of index.html's entry script, as Vite writes it", () => {
    expect(entryScriptName(indexHtml('index-CHqXIKyn.js'))).toBe('index-CHqXIKyn.js');
    expect(entryScriptName(`<script src="/x.js"></script><script type='module' src='/assets/main-1.js?v=2'></script>`)).toBe('main-1.js');
    expect(entryScriptName('<html><body>no script</body></html>')).toBeNull();
  });

  it('is read again when index.html changes under a running hub, and is null without a built UI', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-ui-build-'));
    expect(uiBuildReader(null)()).toBeNull();
    const read = uiBuildReader(dir);
    expect(read()).toBeNull(); // not built yet
    const file = join(dir, 'index.html');
    await writeFile(file, indexHtml('index-AAAA.js'));
    expect(read()).toBe('index-AAAA.js');
    await writeFile(file, indexHtml('index-BBBB.js'));
    await utimes(file, new Date(), new Date(Date.now() + 5000)); // a rebuild within the same mtime tick
    expect(read()).toBe('index-BBBB.js');
  });
});
