import { describe, expect, it } from 'vitest';
import { groupLabelText, groupMarkerLabels, labelForms, layoutTopLabels, markerLabelRoomChars, markerLabelWidthPx, topLabelWidthPx } from './marker-labels.ts';

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
    // one marker's words: its kind whole rather than cut ("deplo…"); echarts ends what still does not fit in "…"
    expect(groupLabelText(['deploy · entitlement'], 9)).toBe('deploy');
    expect(groupLabelText(['deploy · entitlement'], 5)).toBe('deploy');
    expect(groupLabelText(['Second half'], 8)).toBe('Second half');
  });

  it('prefers the newest marker’s kind whole to its words cut', () => {
    const deploys = ['declared', 'deploy · cdn-config', 'deploy · cdn-edge', 'deploy · cdn-origin', 'deploy · cdn-shield'];
    // was "deploy · cd… +4"
    expect(groupLabelText(deploys, 15)).toBe('deploy +4');
    expect(labelForms('deploy · entitlement')).toEqual(['deploy · entitlement', 'deploy']);
    expect(labelForms('Kick-off')).toEqual(['Kick-off']);
    expect(labelForms('Stream opens (pre-match show)')).toEqual(['Stream opens (pre-match show)', 'Stream opens']);
  });
});

describe('labels across the top of a short plot', () => {
  const font = 16;
  const texts = (layout: ReturnType<typeof layoutTopLabels>) => layout.map((l) => [l.anchor, l.text, l.align]);

  it('writes key moments whole where a label up its line would hold 6–9 characters', () => {
    expect(markerLabelRoomChars(70, font)).toBeLessThan(9);
    expect(texts(layoutTopLabels([100, 400], ['Second half', 'Kick-off'], 800, font))).toEqual([
      [0, 'Second half', 'left'],
      [1, 'Kick-off', 'left'],
    ]);
  });

  it('groups markers by their words’ width, saying as much as the room to the next label holds', () => {
    const outage = ['deploy · entitlement', 'declared', 'mitigated'];
    expect(texts(layoutTopLabels([400, 413, 426], outage, 800, font))).toEqual([[0, 'mitigated +2', 'left']]);
    expect(texts(layoutTopLabels([100, 113, 126], outage, 800, font))).toEqual([[0, 'deploy · entitlement › declared › mitigated', 'left']]);
    // A deploy 85 px before "declared": room for its kind only, whole.
    expect(texts(layoutTopLabels([100, 185], ['deploy · entitlement', 'declared'], 800, font))).toEqual([
      [0, 'deploy', 'left'],
      [1, 'declared', 'left'],
    ]);
  });

  it('writes a label at the plot’s right end leftwards from its line', () => {
    expect(texts(layoutTopLabels([100, 790], ['Kick-off', 'mitigated'], 800, font))).toEqual([
      [0, 'Kick-off', 'left'],
      [1, 'mitigated', 'right'],
    ]);
  });

  it('never draws two labels over each other nor past the plot, and loses no marker', () => {
    const xPx = [0, 3, 7, 30, 31, 55, 58, 59, 120, 121, 200, 390, 560, 790, 795].map((x) => x * 1.0);
    const labels = xPx.map((_, i) => (i % 3 === 0 ? 'deploy · entitlement-gateway' : i % 3 === 1 ? 'declared' : 'SEV1 impact started'));
    const layout = layoutTopLabels(xPx, labels, 800, font);
    const spans = layout.map((l) => {
      const w = topLabelWidthPx(l.text, font);
      const x = xPx[l.anchor]!;
      return l.align === 'left' ? [x, x + w] : [x - w, x];
    });
    spans.forEach(([start, end]) => {
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeLessThanOrEqual(800);
    });
    spans.slice(1).forEach(([start], i) => expect(start).toBeGreaterThanOrEqual(spans[i]![1]!));
    expect(layout.flatMap((l) => l.members)).toEqual(xPx.map((_, i) => i));
    expect(layout.every((l) => !l.text.includes('…'))).toBe(true);
  });
});

describe('labels up a line', () => {
  it('keep what they had', () => {
    expect(groupLabelText(['Kick-off'], 40)).toBe('Kick-off');
  });
});

describe('room for a label', () => {
  it('fits fewer characters up a shorter line or at a bigger font', () => {
    expect(markerLabelRoomChars(150, 16)).toBe(14);
    expect(markerLabelRoomChars(75, 16)).toBe(7);
    expect(markerLabelRoomChars(150, 24)).toBe(9);
  });
});
