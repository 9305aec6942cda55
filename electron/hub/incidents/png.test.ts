import { describe, expect, it } from 'vitest';
import { tinyPng } from '../../../test/support/png.ts';
import { checkPng } from './png.ts';

describe('the PNG check', () => {
  it('accepts a PNG and reads its size', () => {
    expect(checkPng(tinyPng(3, 2))).toEqual({ ok: true, width: 3, height: 2 });
  });

  it('refuses other bytes, a truncated PNG and an absurd size, in words', () => {
    expect(checkPng(new TextEncoder().encode('GIF89a'.padEnd(64, ' ')))).toMatchObject({ ok: false, message: expect.stringContaining('PNG signature') });
    const png = tinyPng();
    expect(checkPng(png.subarray(0, png.length - 5))).toMatchObject({ ok: false, message: expect.stringContaining('truncated') });
    const huge = tinyPng();
    new DataView(huge.buffer).setUint32(16, 100_000);
    expect(checkPng(huge)).toMatchObject({ ok: false, message: 'PNG of 100000×2 pixels: each side must be 1 to 8192' });
  });
});
