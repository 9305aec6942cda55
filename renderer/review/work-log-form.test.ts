import { describe, expect, it } from 'vitest';
import { blankWorkLogFields, localDateTime, readWorkLogFields } from './work-log-form.ts';

describe('the review page log-work form', () => {
  const now = new Date(2026, 11, 7, 9, 30).getTime();

  it('starts on the console identity and now, and reads into the API body', () => {
    const fields = { ...blankWorkLogFields({ team: 'identity', person: 'ann', now }), duration: '2h', kind: 'toil' as const, text: 'restarted the packager by hand' };
    expect(fields.at).toBe(localDateTime(now));
    expect(readWorkLogFields(fields, 'log-1')).toEqual({
      ok: true,
      body: { id: 'log-1', team: 'identity', person: 'ann', at: now, duration: '2h', toil: true, text: 'restarted the packager by hand' },
    });
    expect(readWorkLogFields({ ...fields, kind: 'project', text: '' }, 'log-1')).toMatchObject({ ok: true, body: { toil: false } });
  });

  it('names the field that is wrong: a duration it cannot read, no person, no time', () => {
    const reading = readWorkLogFields({ ...blankWorkLogFields({ team: 'identity', person: null, now }), duration: 'two hours', at: '' }, 'log-1');
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.errors.duration).toMatch(/expected a duration such as/);
    expect(reading.errors.person).toBe('required: this cannot be left blank');
    expect(reading.errors.at).toBe('required: this cannot be left blank');
    expect(reading.errors.kind).toBe('required: choose toil or project / engineering'); // not chosen for you
    expect(reading.errors.team).toBeUndefined();
  });
});
