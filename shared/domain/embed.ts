/**
 * How an embedded page (a Grafana dashboard, a vendor status page) is boxed in on a wall, in a
 * browser: the iframe `sandbox` tokens. A wall never shows a prompt or leaves its page, so the
 * frame never gets popups, modals, forms, downloads or top-level navigation, whatever the
 * workspace says. Only scripts and, when the workspace explicitly allows it, its own origin.
 */

/** Tokens never given to an embedded page. */
export const FORBIDDEN_SANDBOX_TOKENS = [
  'allow-top-navigation',
  'allow-top-navigation-by-user-activation',
  'allow-top-navigation-to-custom-protocols',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
  'allow-modals',
  'allow-forms',
  'allow-downloads',
  'allow-pointer-lock',
  'allow-presentation',
  'allow-storage-access-by-user-activation',
] as const;

export interface EmbedIsolationConfig {
  readonly allowScripts: boolean;
  readonly allowSameOrigin: boolean;
}

export interface EmbedSandbox {
  /** The value of the iframe's sandbox attribute ("" = everything forbidden). */
  readonly sandbox: string;
  /** Why something the workspace asked for was not granted, in words; null when all was. */
  readonly refused: string | null;
}

/**
 * The sandbox for an embed.
 *
 * `allow-scripts` together with `allow-same-origin` lets the page run as its real origin: its
 * cookies, its storage, its logged-in session. On the wall's own origin that is a full escape (the
 * page could reach into the wall, read its token and remove its own sandbox), so it is refused
 * there whatever the workspace says; elsewhere it is only granted when the workspace says
 * `allowSameOrigin: true` (some dashboards cannot run without their storage).
 *
 * @param sameOriginAsWall whether the embedded URL has the wall page's own origin.
 */
export function embedSandbox(config: EmbedIsolationConfig, sameOriginAsWall: boolean): EmbedSandbox {
  const tokens: string[] = [];
  let refused: string | null = null;
  if (config.allowScripts) tokens.push('allow-scripts');
  if (config.allowSameOrigin) {
    if (sameOriginAsWall) refused = 'allowSameOrigin refused: the page has the wall’s own origin and could escape its sandbox';
    else tokens.push('allow-same-origin');
  }
  return { sandbox: tokens.join(' '), refused };
}
