import bcrypt from 'bcrypt';
import { loadConfig } from '../config/app-config';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(loadConfig({ BCRYPT_ROUNDS: '4' }));

  it('hashes with bcrypt at the configured cost and verifies', async () => {
    const hash = await hasher.hash('password123');
    expect(hash).toMatch(/^\$2b\$04\$/);
    await expect(hasher.verify('password123', hash)).resolves.toBe(true);
    await expect(hasher.verify('password124', hash)).resolves.toBe(false);
  });

  it('does the same bcrypt work when there is no user, and refuses', async () => {
    const compare = jest.spyOn(bcrypt, 'compare');
    await expect(hasher.verify('password123', undefined)).resolves.toBe(false);
    expect(compare).toHaveBeenCalledWith('password123', expect.stringMatching(/^\$2b\$04\$.{53}$/));
    compare.mockRestore();
  });
});
