/**
 * How wide a text is, in "digit widths", for sizing big numbers and words to their tile (CSS then
 * divides the tile's width by it). Bold capitals are wider than digits; dots and spaces narrower.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    if (c === 'M' || c === 'W' || c === 'm' || c === 'w') width += 1.45;
    else if (c >= 'A' && c <= 'Z') width += c === 'I' ? 0.5 : 1.25;
    else if (c === '.' || c === ',' || c === ':' || c === ' ' || c === 'i' || c === 'l' || c === '·') width += 0.5;
    else width += 1;
  }
  return Math.round(width * 100) / 100;
}
