import { describe, expect, it } from 'vitest';
import { textWidth } from './text-width.ts';

describe('text width', () => {
  it('counts capitals wider and punctuation narrower than digits', () => {
    expect(textWidth('123')).toBe(3);
    expect(textWidth('2.41K')).toBe(4.75);
    expect(textWidth('NORMAL')).toBeGreaterThan(textWidth('123456'));
    expect(textWidth('')).toBe(0);
  });
});
