import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureConsoleToken } from './console-token.ts';

const posix = process.platform !== 'win32';

describe('ensureConsoleToken', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-token-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a random secret readable by the owner only, in a folder it creates', () => {
    const file = join(dir, 'Mission Control', 'console-token');
    const token = ensureConsoleToken(file);
    expect(token).toMatch(/^mc_[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('returns the same secret on every later run', () => {
    const file = join(dir, 'console-token');
    expect(ensureConsoleToken(file)).toBe(ensureConsoleToken(file));
  });

  it('tightens a file whose permissions were loosened', () => {
    const file = join(dir, 'console-token');
    const token = ensureConsoleToken(file);
    if (!posix) return;
    chmodSync(file, 0o644);
    expect(ensureConsoleToken(file)).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps a valid token someone wrote by hand', () => {
    const file = join(dir, 'console-token');
    const handMade = `mc_${'x'.repeat(30)}`;
    writeFileSync(file, `${handMade}\n`, { mode: 0o600 });
    expect(ensureConsoleToken(file)).toBe(handMade);
  });

  it('replaces a file that holds no usable token', () => {
    const file = join(dir, 'console-token');
    writeFileSync(file, 'mc_short\n', { mode: 0o644 });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const token = ensureConsoleToken(file);
    expect(token).toMatch(/^mc_[A-Za-z0-9_-]{43}$/);
    expect(error).toHaveBeenCalledOnce();
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    error.mockRestore();
  });
});
