import { describe, expect, it } from 'vitest';
import { fieldIssues } from './issues.ts';
import { wallThemes, workspaceSchema } from './workspace.ts';

const wall = (extra: Record<string, unknown>) => ({
  version: 1,
  title: 'Room',
  sources: [{ id: 'demo', type: 'scrape', url: 'http://127.0.0.1:9/metrics' }],
  walls: [{ id: 'main', title: 'Main', panels: [{ id: 'txt', title: 'Txt', type: 'text', gridPos: { x: 0, y: 0, w: 6, h: 4 }, content: 'x' }], ...extra }],
});

describe("a wall's theme", () => {
  it('is dark unless the wall says otherwise', () => {
    expect(workspaceSchema.parse(wall({})).walls[0]!.theme).toBe('dark');
  });

  it('takes every theme it names', () => {
    for (const theme of wallThemes) expect(workspaceSchema.parse(wall({ theme })).walls[0]!.theme).toBe(theme);
    expect(wallThemes).toEqual(['dark', 'high-contrast', 'dim']);
  });

  it('refuses an unknown theme, naming the ones it knows', () => {
    const input = wall({ theme: 'light' });
    const result = workspaceSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['walls.0.theme', 'Invalid option: expected one of "dark"|"high-contrast"|"dim"'],
    ]);
    // As the hub reports it for the file: the field, what was expected, what it got.
    expect(fieldIssues(result.error!, input)).toEqual([
      { path: ['walls', 0, 'theme'], field: 'walls[0].theme', message: 'expected "dark" or "high-contrast" or "dim", got "light"' },
    ]);
  });
});
