import { describe, expect, it } from 'vitest';
import { groupLabelText, groupMarkerLabels, markerLabelRoomChars, markerLabelWidthPx } from './marker-labels.ts';

const anchors = (xPx: number[], width: number) => groupMarkerLabels(xPx, width).map((g) => g.anchor);
const members = (xPx: number[], width: number) => groupMarkerLabels(xPx, width).map((g) => g.members);

describe('marker labels', () => {
  it('gives markers far apart a label each', () => {
    expect(members([100, 200, 300], 24)).toEqual([[0], [1], [2]]);
  });

  it('puts a deploy, "declared" a minute later and "mitigated" under one label when they would overlap', () => {
    // 1 h across 800 px: a minute is ~13 px, a 20 px font's label 29 px wide.
    const width = markerLabelWidthPx(20);
    expect(width).toBe(29);
    expect(members([400, 413, 426], width)).toEqual([[0, 1, 2]]);
    expect(anchors([400, 413, 426], width)).toEqual([0]);
  });

  it('labels the same markers apart once the panel is wide enough', () => {
    const width = markerLabelWidthPx(20);
    expect(members([800, 830, 860], width)).toEqual([[0], [1], [2]]);
  });

  it('starts a new label once a marker is a label away from the group’s label, even in a long run of close markers', () => {
    // Every marker 10 px after the last: labels every 30 px, never two closer.
    const xPx = Array.from({ length: 10 }, (_, i) => i * 10);
    expect(members(xPx, 30)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9],
    ]);
  });

  it('never draws two labels closer than a label’s width', () => {
    const xPx = [0, 3, 7, 30, 31, 55, 58, 59, 120, 121, 200].map((x) => x * 1.7);
    const width = markerLabelWidthPx(16);
    const groups = groupMarkerLabels(xPx, width);
    const labelled = groups.map((g) => xPx[g.anchor]!);
    labelled.slice(1).forEach((x, i) => expect(x - labelled[i]!).toBeGreaterThanOrEqual(width));
    // and no marker is lost: each is in exactly one group, in time order
    expect(groups.flatMap((g) => g.members)).toEqual(xPx.map((_, i) => i));
  });

  it('draws markers at the same moment under one label', () => {
    expect(members([50, 50], 24)).toEqual([[0, 1]]);
    expect(groupMarkerLabels([], 24)).toEqual([]);
  });
});

describe('a group’s label', () => {
  it('says the markers in time order, the same words twice said once with a count', () => {
    expect(groupLabelText(['deploy · entitlement', 'declared', 'mitigated'])).toBe('deploy · entitlement › declared › mitigated');
    expect(groupLabelText(['deploy · cdn', 'deploy · cdn', 'declared'])).toBe('deploy · cdn ×2 › declared');
    expect(groupLabelText(['Kick-off'])).toBe('Kick-off');
  });

  it('says the newest with how many came before when all the words do not fit', () => {
    const outage = ['deploy · entitlement', 'declared', 'mitigated'];
    expect(groupLabelText(outage, 43)).toBe('deploy · entitlement › declared › mitigated');
    expect(groupLabelText(outage, 42)).toBe('mitigated +2');
    // shorter still: the newest's words are shortened, the count stays
    expect(groupLabelText(outage, 10)).toBe('mitiga… +2');
    expect(groupLabelText(outage, 5)).toBe('mitigated +2');
    // one marker's own words are never replaced (echarts ends them in "…")
    expect(groupLabelText(['deploy · entitlement'], 5)).toBe('deploy · entitlement');
  });
});

describe('room for a label', () => {
  it('fits fewer characters up a shorter line or at a bigger font', () => {
    expect(markerLabelRoomChars(150, 16)).toBe(14);
    expect(markerLabelRoomChars(75, 16)).toBe(7);
    expect(markerLabelRoomChars(150, 24)).toBe(9);
  });
});
