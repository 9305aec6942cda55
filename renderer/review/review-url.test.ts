import { describe, expect, it } from 'vitest';
import { parseReviewHash, reviewHash, reviewQuery } from './review-url.ts';

describe('the review page’s hash', () => {
  it('reads the section, week and team the weekly document links to', () => {
    expect(parseReviewHash('#/review/pager?week=2026-W07&team=identity')).toEqual({ section: 'pager', week: '2026-W07', team: 'identity' });
    expect(parseReviewHash('#/review')).toEqual({ section: null, week: null, team: null });
    expect(parseReviewHash('#/review/nowhere?week=7')).toEqual({ section: null, week: null, team: null });
  });
  it('writes them back', () => {
    expect(reviewHash({ week: '2026-W07', team: 'a b' })).toBe('#/review?week=2026-W07&team=a+b');
    expect(reviewQuery({ week: null, team: null })).toBe('');
  });
});
