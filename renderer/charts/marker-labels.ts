/**
 * Which marker lines carry a label, so that no two labels overlap. A marker label is written up
 * its line (rotated), so it is as wide on screen as one line of text: markers closer together than
 * that would print their words on top of each other ("deploy", "declared" and "mitigated" a minute
 * apart in an outage read "dedemi"). Such markers share one label on the first line of the group,
 * their words in time order ("deploy · declared · mitigated"): every word stays on the wall, where
 * nobody hovers for a tooltip, and the group reads as the story of the outage. Every line is
 * still drawn in its own colour.
 */

/** Markers that share one label: indexes into the positions given, in order. */
export interface MarkerLabelGroup {
  /** The marker whose line carries the label: the group's first. */
  readonly anchor: number;
  /** Every marker of the group, the anchor first. */
  readonly members: readonly number[];
}

/**
 * @param xPx each marker's x on the chart, px, in time order (ascending).
 * @param labelWidthPx how wide a label is on screen: its text's line height plus padding.
 * @returns the groups, left to right. Each anchor is at least labelWidthPx right of the previous
 *   one, so no two labels overlap; a marker closer than that to its group's anchor joins the group.
 */
export function groupMarkerLabels(xPx: readonly number[], labelWidthPx: number): MarkerLabelGroup[] {
  const groups: { anchor: number; members: number[] }[] = [];
  let anchorX = Number.NEGATIVE_INFINITY;
  xPx.forEach((x, i) => {
    const last = groups[groups.length - 1];
    if (last && x - anchorX < labelWidthPx) {
      last.members.push(i);
      return;
    }
    groups.push({ anchor: i, members: [i] });
    anchorX = x;
  });
  return groups;
}

/** The label's padding across the line (its top and bottom before rotation). */
export const MARKER_LABEL_PADDING_PX = 2;

/** The label's line height, px, for its font size (set on the label, so the estimate is exact). */
export function markerLabelLineHeightPx(fontPx: number): number {
  return Math.ceil(fontPx * 1.25);
}

/** A label's width on screen, px, for its font size: one line of text and the label's padding. */
export function markerLabelWidthPx(fontPx: number): number {
  return markerLabelLineHeightPx(fontPx) + 2 * MARKER_LABEL_PADDING_PX;
}

/**
 * A bold label character's width, in font sizes: measured 0.54–0.61 for marker words in the wall's
 * fonts, taken wide so that a label is rather shortened than cut by the plot's end.
 */
const CHAR_WIDTH_EM = 0.65;

/** How many characters of label fit along a line this long, px, at this font size. */
export function markerLabelRoomChars(lengthPx: number, fontPx: number): number {
  return Math.floor(lengthPx / (fontPx * CHAR_WIDTH_EM));
}

/** Fewer characters of a word than this say nothing: the label is left for echarts to end in "…". */
const MIN_WORD_CHARS = 3;

/**
 * The words of a group's label, in time order: "deploy · entitlement › declared › mitigated" (the
 * markers' own labels use "·", so "›" tells one from the next and reads as what came after). The
 * same words twice in a row are said once with a count ("deploy · cdn ×2"). When that is longer
 * than the line has room for (a short panel), the newest with how many came before it:
 * "mitigated +2" (or "mitiga… +2"), since what the room needs from 5 m is where the outage is
 * now; every word is still on the chart element (data-marks, aria-label) and in the timeline.
 */
export function groupLabelText(labels: readonly string[], roomChars = Number.POSITIVE_INFINITY): string {
  const parts: { label: string; count: number }[] = [];
  for (const label of labels) {
    const last = parts[parts.length - 1];
    if (last?.label === label) last.count += 1;
    else parts.push({ label, count: 1 });
  }
  const full = parts.map((p) => (p.count > 1 ? `${p.label} ×${p.count}` : p.label)).join(' › ');
  if (full.length <= roomChars || labels.length < 2) return full;
  const newest = labels[labels.length - 1]!;
  const count = ` +${labels.length - 1}`;
  if (newest.length + count.length <= roomChars) return newest + count;
  // Shorten the words, not the count: "mitiga… +2" still says three happened here.
  const keep = roomChars - count.length - 1;
  return keep >= MIN_WORD_CHARS ? `${newest.slice(0, keep)}…${count}` : newest + count;
}
