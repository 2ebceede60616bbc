import bcrypt from 'bcrypt';
import { loadConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(loadConfig({ BCRYPT_ROUNDS: '4' }), new Metrics());

  it('hashes with bcrypt at the configured cost, in NFC, and checks', async () => {
    const hash = await hasher.hash('cafe\u0301-password');
    expect(hash).toMatch(/^\$2b\$04\$/);
    await expect(bcrypt.compare('caf\u00e9-password', hash)).resolves.toBe(true);
    await expect(hasher.check('cafe\u0301-password', hash)).resolves.toEqual({ matches: true, rehash: false });
    await expect(hasher.check('caf\u00e9-password', hash)).resolves.toEqual({ matches: true, rehash: false });
    await expect(hasher.check('cafe-password', hash)).resolves.toEqual({ matches: false, rehash: false });
  });

  it('asks for a rehash of a hash of another cost, or of the password as typed', async () => {
    await expect(hasher.check('password123', await bcrypt.hash('password123', 5))).resolves.toEqual({ matches: true, rehash: true });
    const typed = 'cafe\u0301-password';
    await expect(hasher.check(typed, await bcrypt.hash(typed, 4))).resolves.toEqual({ matches: true, rehash: true });
  });

  it('does the same bcrypt work when there is no user, and refuses', async () => {
    const compare = jest.spyOn(bcrypt, 'compare');
    await expect(hasher.check('password123', undefined)).resolves.toEqual({ matches: false, rehash: false });
    expect(compare).toHaveBeenCalledTimes(1);
    expect(compare).toHaveBeenCalledWith('password123', expect.stringMatching(/^\$2b\$04\$.{53}$/));
    // Two forms of the password, two comparisons, with a user or without.
    compare.mockClear();
    await hasher.check('cafe\u0301-password', undefined);
    expect(compare).toHaveBeenCalledTimes(2);
    compare.mockRestore();
  });

  it('never matches a password with a NUL, even one that starts with the right password', async () => {
    const hash = await hasher.hash('password123');
    await expect(hasher.check('password123\u0000junk', hash)).resolves.toEqual({ matches: false, rehash: false });
  });
});
