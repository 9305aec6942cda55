/**
 * A chart as PNG, the way it is drawn now: echarts renders its canvas to a data URL (on the
 * panel's own background, so the picture reads like the wall), decoded here to bytes (a data:
 * URL cannot be fetched under the app's content security policy).
 */
import { echarts } from '../charts/echarts.ts';
import { darkPalette } from '../charts/theme.ts';

/** The PNG of the first echarts chart inside `container`, or null when none has drawn yet. */
export function chartPng(container: HTMLElement | null): Blob | null {
  const el = container?.querySelector<HTMLElement>('.chart');
  const chart = el ? echarts.getInstanceByDom(el) : undefined;
  if (!chart || chart.isDisposed()) return null;
  return pngFromDataUrl(chart.getDataURL({ type: 'png', pixelRatio: 1, backgroundColor: darkPalette.colors.panel }));
}

export function pngFromDataUrl(url: string): Blob {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:image/png;base64,') || comma < 0) throw new Error('the chart did not render as PNG');
  const binary = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'image/png' });
}
