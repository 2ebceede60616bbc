import { isDatabaseUnavailable, isStorableId, sqlState } from './database-errors';

describe('database errors', () => {
  it('reads the SQLSTATE from TypeORM-wrapped and bare driver errors', () => {
    expect(sqlState({ driverError: { code: '23505' } })).toBe('23505');
    expect(sqlState({ code: '23503' })).toBe('23503');
    expect(sqlState(new Error('x'))).toBeUndefined();
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ driverError: { code: '57P01' } }, true],
    [{ code: '08006' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [{ code: '23505' }, false],
    [{ code: '42P01' }, false],
    [new Error('boom'), false],
  ])('tells an unreachable database (%o) from a failing query', (err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });

  it('knows which ids a serial column can hold', () => {
    expect([1, 2_147_483_647].every(isStorableId)).toBe(true);
    expect([0, -1, 2_147_483_648, 1.5, 1e23, NaN].some(isStorableId)).toBe(false);
  });
});
