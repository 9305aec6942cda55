/**
 * Which marker lines carry a label, so that no two labels overlap. A marker label is written up
 * its line (rotated), so it is as wide on screen as one line of text: markers closer together than
 * that would print their words on top of each other ("deploy", "declared" and "mitigated" a minute
 * apart in an outage read "dedemi"). Such markers share one label on the first line of the group,
 * their words in time order ("deploy › declared › mitigated": the group reads as the story of the
 * outage on a wall where nobody hovers for a tooltip), or where those do not fit the first one's
 * words, the line the label is on, and how many follow ("deploy +2"). Every line is still drawn
 * in its own colour.
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
 * An incident marker's label while several incidents are marked: its severity, then the marker
 * ("SEV1 · impact", renderer/state/incident-annotations.ts). Both say what it is: "SEV1" alone
 * does not tell the impact from the mitigation, nor "impact" alone whose it is.
 */
const INCIDENT_MARKER = /^((?:SEV\d+|Incident)) · (.+)$/;

/**
 * The forms a marker's label may take, longest first, none cut mid-word: whole, without its
 * aside ("Stream opens (pre-match show)" → "Stream opens"), then its kind alone ("deploy ·
 * entitlement" → "deploy"), which still tells the room what happened there. An incident marker's
 * shortest is its severity and marker ("SEV1 impact"), never the severity alone.
 */
export function labelForms(label: string): string[] {
  const incident = INCIDENT_MARKER.exec(label);
  if (incident) return [label, `${incident[1]!} ${incident[2]!}`];
  const forms = [label];
  const add = (form: string) => {
    if (form !== '' && !forms.includes(form)) forms.push(form);
  };
  add(label.replace(/\s*\([^()]*\)$/, '').trim());
  add(forms[forms.length - 1]!.split(' · ')[0]!.trim());
  return forms;
}

/**
 * The words of a group's label, in time order: "deploy · entitlement › declared › mitigated" (the
 * markers' own labels use "·", so "›" tells one from the next and reads as what came after). The
 * same words twice in a row are said once with a count ("deploy · cdn ×2"). When that is longer
 * than the line has room for (a short panel), the first marker's words, whose line the label is
 * drawn on, with how many came after it: "SEV1 impact +4" on the impact line (the newest's words
 * there put "rollback +4" on the impact line), its kind alone if that is what fits ("deploy +4",
 * never "deploy · cd… +4"), and only when no whole form fits cut ("decla… +2"); every word is
 * still on the chart element (data-marks, aria-label) and in the timeline. One marker's label is
 * shortened the same way ("deploy"); one still too long is left for the chart to end in "…".
 */
export function groupLabelText(labels: readonly string[], roomChars = Number.POSITIVE_INFINITY): string {
  const parts: { label: string; count: number }[] = [];
  for (const label of labels) {
    const last = parts[parts.length - 1];
    if (last?.label === label) last.count += 1;
    else parts.push({ label, count: 1 });
  }
  const full = parts.map((p) => (p.count > 1 ? `${p.label} ×${p.count}` : p.label)).join(' › ');
  if (full.length <= roomChars) return full;
  const forms = labelForms(labels[0]!);
  const shortest = forms[forms.length - 1]!;
  if (labels.length < 2) return forms.find((f) => f.length <= roomChars) ?? shortest;
  const count = ` +${labels.length - 1}`;
  const whole = forms.find((f) => f.length + count.length <= roomChars);
  if (whole !== undefined) return whole + count;
  // Shorten the words, not the count: "decla… +2" still says three happened here.
  const keep = roomChars - count.length - 1;
  return keep >= MIN_WORD_CHARS ? `${shortest.slice(0, keep)}…${count}` : shortest + count;
}

/** A label's padding along the line of text (left and right), px. */
export const MARKER_LABEL_SIDE_PADDING_PX = 4;

/** A label written across the top of the plot: its width on screen, px, for its text and font size. */
export function topLabelWidthPx(text: string, fontPx: number): number {
  return Math.ceil(text.length * fontPx * CHAR_WIDTH_EM) + 2 * MARKER_LABEL_SIDE_PADDING_PX;
}

/** How many characters a label across the top holds in this many px. */
function topLabelRoomChars(px: number, fontPx: number): number {
  return Math.max(0, Math.floor((px - 2 * MARKER_LABEL_SIDE_PADDING_PX) / (fontPx * CHAR_WIDTH_EM)));
}

/** Labels across the top of the plot are drawn on a plot shorter than this many characters up a line. */
export const TOP_LABELS_BELOW_CHARS = 14;

/** A group's label across the top of the plot. */
export interface TopLabel extends MarkerLabelGroup {
  readonly text: string;
  /** 'left': the words start at the anchor's line; 'right': they end there (a marker too near the plot's right end). */
  readonly align: 'left' | 'right';
}

/**
 * Labels written across the top of a short plot, where a label up its line would hold 6–9
 * characters ("Second …"): each label starts at its group's first line, and a marker closer to
 * it than the group's label is wide (its shortest whole form: "deploy +2", "SEV1 impact +1") joins the group, so
 * groups follow the words' width, not a line height. Each label then takes the room up to the
 * next one for its longest form that fits (groupLabelText). A label with no room left of the
 * plot's right end is written leftwards from its line.
 * @param xPx each marker's x on the plot, px, ascending; @param labels their words.
 */
export function layoutTopLabels(xPx: readonly number[], labels: readonly string[], plotWidthPx: number, fontPx: number): TopLabel[] {
  const gap = Math.ceil(fontPx / 2);
  const shortestWidth = (members: readonly number[]) => topLabelWidthPx(groupLabelText(members.map((i) => labels[i]!), 0), fontPx);
  const groups: number[][] = [];
  xPx.forEach((x, i) => {
    const last = groups[groups.length - 1];
    if (last && x - xPx[last[0]!]! < shortestWidth(last) + gap) last.push(i);
    else groups.push([i]);
  });
  // The newest group near the right end: written leftwards if it fits between its line and the
  // previous label, else it joins the previous group (whose label then counts it, "SEV1 impact +2").
  let rightAligned = false;
  while (groups.length > 0) {
    const last = groups[groups.length - 1]!;
    const x = xPx[last[0]!]!;
    if (x + shortestWidth(last) <= plotWidthPx) break;
    const prev = groups[groups.length - 2];
    const prevEnd = prev ? xPx[prev[0]!]! + shortestWidth(prev) + gap : 0;
    if (!prev || x - shortestWidth(last) >= prevEnd) {
      rightAligned = true;
      break;
    }
    groups.pop();
    prev.push(...last);
  }
  const out: TopLabel[] = [];
  // Right to left: each label's room ends a gap before the next one starts; the last's at the
  // plot's end, as the check above measured it ("SEV2 declar… +1" where it fitted whole).
  let nextStart = plotWidthPx + gap;
  for (let g = groups.length - 1; g >= 0; g--) {
    const members = groups[g]!;
    const x = xPx[members[0]!]!;
    const words = members.map((i) => labels[i]!);
    const align = rightAligned && g === groups.length - 1 ? 'right' : 'left';
    let text: string;
    if (align === 'right') {
      const prev = groups[g - 1];
      const room = x - (prev ? xPx[prev[0]!]! + shortestWidth(prev) + gap : 0);
      text = groupLabelText(words, topLabelRoomChars(room, fontPx));
      nextStart = x - topLabelWidthPx(text, fontPx);
    } else {
      text = groupLabelText(words, topLabelRoomChars(nextStart - gap - x, fontPx));
      nextStart = x;
    }
    out.unshift({ anchor: members[0]!, members, text, align });
  }
  return out;
}
