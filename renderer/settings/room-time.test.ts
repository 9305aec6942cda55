import { describe, expect, it } from 'vitest';
import { roomDateTime } from './room-time.ts';

describe('times on the settings page', () => {
  it("are on the room's 24-hour clock, like the walls, not the browser's locale", () => {
    const at = Date.UTC(2026, 11, 7, 21, 59, 22);
    expect(roomDateTime(at, 'Africa/Johannesburg')).toBe('Mon 7 Dec 2026 23:59:22');
    expect(roomDateTime(at, 'UTC')).toBe('Mon 7 Dec 2026 21:59:22');
    expect(roomDateTime(null, 'UTC', 'never')).toBe('never');
  });
});
