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

  it('says the first marker, on whose line the label is drawn, with how many came after when all the words do not fit', () => {
    const outage = ['deploy · entitlement', 'declared', 'mitigated'];
    expect(groupLabelText(outage, 43)).toBe('deploy · entitlement › declared › mitigated');
    // was "mitigated +2" on the deploy's line
    expect(groupLabelText(outage, 42)).toBe('deploy · entitlement +2');
    expect(groupLabelText(outage, 22)).toBe('deploy +2');
    // shorter still: the first's words are shortened, the count stays
    expect(groupLabelText(['declared', 'mitigated', 'resolved'], 9)).toBe('decla… +2');
    expect(groupLabelText(outage, 5)).toBe('deploy +2');
    // one marker's words: its kind whole rather than cut ("deplo…"); echarts ends what still does not fit in "…"
    expect(groupLabelText(['deploy · entitlement'], 9)).toBe('deploy');
    expect(groupLabelText(['deploy · entitlement'], 5)).toBe('deploy');
    expect(groupLabelText(['Second half'], 8)).toBe('Second half');
  });

  it('prefers the first marker’s kind whole to its words cut', () => {
    const deploys = ['deploy · cdn-config', 'deploy · cdn-edge', 'deploy · cdn-origin', 'declared', 'deploy · cdn-shield'];
    // was "deploy · cd… +4"
    expect(groupLabelText(deploys, 15)).toBe('deploy +4');
    expect(labelForms('deploy · entitlement')).toEqual(['deploy · entitlement', 'deploy']);
    expect(labelForms('Kick-off')).toEqual(['Kick-off']);
    expect(labelForms('Stream opens (pre-match show)')).toEqual(['Stream opens (pre-match show)', 'Stream opens']);
  });

  it('says what an incident marker is, never its severity alone', () => {
    expect(labelForms('SEV1 · impact')).toEqual(['SEV1 · impact', 'SEV1 impact']);
    expect(labelForms('Incident · mitigated')).toEqual(['Incident · mitigated', 'Incident mitigated']);
    // was "SEV1" and "SEV2 +2"
    expect(groupLabelText(['SEV1 · mitigated'], 4)).toBe('SEV1 mitigated');
    expect(groupLabelText(['SEV1 · resolved', 'SEV2 · declared', 'SEV2 · mitigated'], 16)).toBe('SEV1 resolved +2');
  });
});

/**
 * The demo's outage as the walls drew it (two incidents, so each marker names its severity), over
 * a 15-minute chart ending 00:11:19: the SEV1's impact, detection and declaration, a deploy and
 * its rollback, the SEV1 mitigated and resolved, a SEV2 declared and mitigated.
 */
const demoOutage: [string, string][] = [
  ['23:59:34', 'SEV1 · impact'],
  ['00:00:55', 'SEV1 · detected'],
  ['00:01:02', 'SEV1 · declared'],
  ['00:01:42', 'deploy · entitlement-api'],
  ['00:03:01', 'rollback · entitlement-api'],
  ['00:06:40', 'SEV1 · mitigated'],
  ['00:08:12', 'SEV1 · resolved'],
  ['00:10:08', 'SEV2 · declared'],
  ['00:10:59', 'SEV2 · mitigated'],
];
const demoLabels = demoOutage.map(([, label]) => label);
/** Each marker's x on a plot this wide. */
function demoX(plotWidthPx: number): number[] {
  const secondOfDay = (hms: string) => {
    const [h, m, s] = hms.split(':').map(Number) as [number, number, number];
    return (h > 12 ? h - 24 : h) * 3600 + m * 60 + s;
  };
  const end = secondOfDay('00:11:19');
  return demoOutage.map(([at]) => ((secondOfDay(at) - (end - 900)) / 900) * plotWidthPx);
}

describe('the demo outage’s labels', () => {
  const font = 17;

  it('names the marker each label is drawn on, across the top of a short 1920 panel', () => {
    const layout = layoutTopLabels(demoX(700), demoLabels, 700, font);
    // was "SEV1" on the impact line, "rollback +3" on the detection's, "SEV1", "SEV2 +2" on the SEV1's resolution
    expect(layout.map((l) => [demoOutage[l.anchor]![1], l.text])).toEqual([
      ['SEV1 · impact', 'SEV1 · impact +4'],
      ['SEV1 · mitigated', 'SEV1 mitigated +3'],
    ]);
  });

  it('says each marker whole where a wider plot keeps them apart', () => {
    const layout = layoutTopLabels(demoX(1750), demoLabels, 1750, 26);
    expect(layout.map((l) => [demoOutage[l.anchor]![1], l.text])).toEqual([
      ['SEV1 · impact', 'SEV1 · impact +3'],
      ['rollback · entitlement-api', 'rollback'],
      ['SEV1 · mitigated', 'SEV1 · mitigated +3'],
    ]);
  });

  it('starts every label, across the top or up its line, with the words of the marker it is drawn on', () => {
    // Its whole words, or its shortest form, or (cut) that form's start: never another marker's.
    const startsWithOwnWords = (text: string, anchor: number) => [demoLabels[anchor]!, labelForms(demoLabels[anchor]!).at(-1)!.slice(0, 4)].some((w) => text.startsWith(w));
    for (const [width, fontPx] of [[500, 14], [700, 17], [1250, 19], [1750, 26], [3600, 26]] as const) {
      const xPx = demoX(width);
      for (const l of layoutTopLabels(xPx, demoLabels, width, fontPx)) {
        expect(startsWithOwnWords(l.text, l.anchor), `${width} px: ${l.text}`).toBe(true);
        expect(l.text, `${width} px: whole words`).not.toContain('…');
      }
      for (const g of groupMarkerLabels(xPx, markerLabelWidthPx(fontPx))) {
        const text = groupLabelText(
          g.members.map((i) => demoLabels[i]!),
          markerLabelRoomChars(140, fontPx),
        );
        expect(startsWithOwnWords(text, g.anchor), `${width} px: ${text}`).toBe(true);
        expect(text, `${width} px: never the severity alone`).not.toMatch(/^SEV\d( \+\d+)?$/);
      }
    }
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
    expect(texts(layoutTopLabels([400, 413, 426], outage, 800, font))).toEqual([[0, 'deploy · entitlement +2', 'left']]);
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
