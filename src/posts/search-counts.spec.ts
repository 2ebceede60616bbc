import { SearchCounts } from './search-counts';

describe('SearchCounts', () => {
  it('remembers a search past the limit, forgets one that is not, and replaces what it knew', () => {
    const counts = new SearchCounts();
    counts.record('cats', '12');
    expect(counts.overUntil('cats')).toBe('12');
    counts.record('cats', '15');
    expect(counts.overUntil('cats')).toBe('15');
    counts.record('cats', undefined);
    expect(counts.overUntil('cats')).toBeUndefined();
  });

  it('forgets an entry older than its age limit', () => {
    let now = 0;
    const counts = new SearchCounts(10, 1000, () => now);
    counts.record('cats', '1');
    now = 1000;
    expect(counts.overUntil('cats')).toBe('1');
    now = 1001;
    expect(counts.overUntil('cats')).toBeUndefined();
  });

  it('holds at most maxEntries searches, dropping the oldest', () => {
    const counts = new SearchCounts(2);
    counts.record('a', '1');
    counts.record('b', '1');
    counts.record('c', '1');
    expect([counts.overUntil('a'), counts.overUntil('b'), counts.overUntil('c')]).toEqual([undefined, '1', '1']);
  });
});
