import { describe, expect, it } from 'vitest';
import { panelSchema } from '../model/workspace.ts';
import { embedSandbox, FORBIDDEN_SANDBOX_TOKENS } from './embed.ts';

describe('embed sandbox', () => {
  it('scripts without same-origin by default: the page runs in an opaque origin', () => {
    expect(embedSandbox({ allowScripts: true, allowSameOrigin: false }, false)).toEqual({ sandbox: 'allow-scripts', refused: null });
    expect(embedSandbox({ allowScripts: false, allowSameOrigin: false }, false)).toEqual({ sandbox: '', refused: null });
  });

  it('same-origin only when the workspace asks, and never on the wall’s own origin', () => {
    expect(embedSandbox({ allowScripts: true, allowSameOrigin: true }, false)).toEqual({ sandbox: 'allow-scripts allow-same-origin', refused: null });
    const own = embedSandbox({ allowScripts: true, allowSameOrigin: true }, true);
    expect(own.sandbox).toBe('allow-scripts');
    expect(own.refused).toMatch(/own origin/);
  });

  it('never grants popups, modals, forms or top navigation, whatever the config', () => {
    for (const allowScripts of [true, false]) {
      for (const allowSameOrigin of [true, false]) {
        for (const same of [true, false]) {
          const tokens = embedSandbox({ allowScripts, allowSameOrigin }, same).sandbox.split(' ');
          for (const forbidden of FORBIDDEN_SANDBOX_TOKENS) expect(tokens).not.toContain(forbidden);
        }
      }
    }
  });

  it('the schema takes only http(s) URLs without credentials, and defaults to the safe choice', () => {
    const embed = (extra: Record<string, unknown>) =>
      panelSchema.safeParse({ id: 'e', title: 'E', type: 'embed', gridPos: { x: 0, y: 0, w: 6, h: 6 }, ...extra });
    const ok = embed({ url: 'https://grafana.example/d/abc?kiosk', reload: '5m' });
    expect(ok.success && ok.data).toMatchObject({ reload: 300_000, loadTimeout: 20_000, allowScripts: true, allowSameOrigin: false });
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'https://user:pw@grafana.example/', 'ftp://x.example/', '//x.example/']) {
      expect(embed({ url }).success, url).toBe(false);
    }
    expect(embed({ url: 'https://x.example/', reload: '5s' }).success).toBe(false);
    // An embed has no source or query.
    expect(embed({ url: 'https://x.example/', source: 'demo' }).success).toBe(false);
  });
});
