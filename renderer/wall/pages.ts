/** A wall's pages and each page's health for the rotation (pure over the store's frames). */
import { panelValue } from '../../shared/domain/panel-value.ts';
import type { PageHealth } from '../../shared/domain/rotation.ts';
import { valueState } from '../../shared/domain/value-mapping.ts';
import { isDataPanel } from '../../shared/model/workspace.ts';
import type { PanelConfig, WallConfig } from '../../shared/model/workspace.ts';
import type { FrameEntry } from '../state/frames.ts';
import { panelFrameKey } from './model.ts';

export interface ShownPage {
  readonly id: string;
  readonly title: string;
  readonly panels: readonly PanelConfig[];
}

/** The wall's pages with their panels; a wall without pages is one page of every panel. */
export function wallPages(wall: WallConfig): ShownPage[] {
  if (!wall.pages) return [{ id: wall.id, title: wall.title, panels: wall.panels }];
  const byId = new Map(wall.panels.map((p) => [p.id, p]));
  return wall.pages.map((page) => ({ id: page.id, title: page.title, panels: page.panels.flatMap((id) => byId.get(id) ?? []) }));
}

/** A page that shows the customers' voice: where a complaint spike brings the rotation. */
export const showsPulse = (page: ShownPage): boolean => page.panels.some((p) => p.type === 'pulse' || p.type === 'posts');

/**
 * A page failed when it failed to draw, or when it has data panels and every one of them reports
 * an error (nothing on it can be trusted). Its alerts: hold-on panels whose value is critical, and
 * a complaint spike on a page that shows the pulse.
 */
export function pageHealth(
  page: ShownPage,
  holdOn: ReadonlySet<string>,
  frames: Readonly<Record<string, FrameEntry>>,
  threw: boolean,
  spike: { readonly id: string; readonly why: string } | null = null,
): PageHealth {
  const data = page.panels.filter(isDataPanel);
  const entries = data.map((p) => frames[panelFrameKey(p)]);
  const failed = threw || (data.length > 0 && entries.every((e) => e?.meta.lastError));
  const alerts = data.flatMap((panel, i) => {
    if (!holdOn.has(panel.id)) return [];
    const state = valueState(panelValue(entries[i], panel.query.aggregate), panel);
    return state === 'critical' ? [{ id: panel.id, why: `${panel.title} is critical (page ${page.title})` }] : [];
  });
  if (spike !== null && showsPulse(page)) alerts.push(spike);
  return { failed: Boolean(failed), alerts };
}
