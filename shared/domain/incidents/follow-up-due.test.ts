import { describe, expect, it } from 'vitest';
import { dueDateText, dueDayWords, readDue } from './follow-up-due.ts';

const DAY = 86_400_000;
const LONDON = 'Europe/London';
const now = Date.UTC(2026, 2, 20, 10, 0, 0); // Friday 20 March 2026, 10:00 in London (GMT)

describe('a follow-up due date as typed', () => {
  it('counts days and weeks from now', () => {
    expect(readDue('7d', now, LONDON)).toEqual({ dueAt: now + 7 * DAY });
    expect(readDue('2W', now, LONDON)).toEqual({ dueAt: now + 14 * DAY });
  });

  it('reads a date as the end of that day in the room, across a clock change', () => {
    expect(readDue('2026-03-20', now, LONDON)).toEqual({ dueAt: Date.UTC(2026, 2, 20, 23, 59, 59, 999) });
    // London is on BST (UTC+1) from 29 March.
    expect(readDue('2026-04-01', now, LONDON)).toEqual({ dueAt: Date.UTC(2026, 3, 1, 22, 59, 59, 999) });
    expect(readDue('2026-4-1', now, LONDON)).toEqual({ dueAt: Date.UTC(2026, 3, 1, 22, 59, 59, 999) });
    expect(readDue('2026-03-21', now, 'America/New_York')).toEqual({ dueAt: Date.UTC(2026, 2, 22, 3, 59, 59, 999) });
  });

  it('refuses a day gone, a day not in the calendar, zero and more than a year', () => {
    expect(readDue('2026-03-19', now, LONDON)).toEqual({ error: '"2026-03-19" has already passed: a follow-up is due today or later' });
    expect(readDue('2026-02-29', now, LONDON)).toEqual({ error: '"2026-02-29" is not a date in the calendar' });
    expect(readDue('0d', now, LONDON)).toMatchObject({ error: expect.stringMatching(/is now/) });
    expect(readDue('53w', now, LONDON)).toMatchObject({ error: expect.stringMatching(/more than a year away/) });
    expect(readDue('2027-12-01', now, LONDON)).toMatchObject({ error: expect.stringMatching(/more than a year away/) });
  });

  it('is not a due date otherwise', () => {
    for (const token of ['', 'soon', '7', 'd7', '10m', '2026/03/21', '@bob']) expect(readDue(token, now, LONDON), token).toBeNull();
  });

  it('writes the day back as it is read, and in words', () => {
    const due = Date.UTC(2026, 3, 1, 22, 59, 59, 999);
    expect(dueDateText(due, LONDON)).toBe('2026-04-01');
    expect(readDue(dueDateText(due, LONDON), now, LONDON)).toEqual({ dueAt: due });
    expect(dueDayWords(due, LONDON)).toBe('Wed 1 Apr');
    expect(dueDayWords(due, 'UTC')).toBe('Wed 1 Apr');
    expect(dueDayWords(due, 'Asia/Tokyo')).toBe('Thu 2 Apr');
  });
});
