import bcrypt from 'bcrypt';
import request from 'supertest';
import { createUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #17, findings 1 to 4: what a stranger can do to someone else's logins.
 * Client addresses come from X-Forwarded-For (TRUST_PROXY_HOPS=1), as behind a proxy.
 */
describe('rehashing at login (finding 4)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ BCRYPT_ROUNDS: '5' })));
  afterAll(() => t.close());

  const storedHash = async (id: number) => (await t.db.query('SELECT password FROM users WHERE id = $1', [id]))[0].password as string;

  it('rehashes a password stored at another cost than BCRYPT_ROUNDS when it logs in, and not on a wrong one', async () => {
    const user = await createUser(t);
    expect(bcrypt.getRounds(await storedHash(user.id))).toBe(5);
    // A hash made before BCRYPT_ROUNDS changed.
    await t.db.query('UPDATE users SET password = $2 WHERE id = $1', [user.id, await bcrypt.hash(user.password, 4)]);
    await request(t.server).post('/login').type('form').send({ username: user.email, password: 'wrong-password' }).expect(403);
    expect(bcrypt.getRounds(await storedHash(user.id))).toBe(4);
    await request(t.server).post('/login').type('form').send({ username: user.email, password: user.password }).expect(200);
    const rehashed = await storedHash(user.id);
    expect(bcrypt.getRounds(rehashed)).toBe(5);
    await expect(bcrypt.compare(user.password, rehashed)).resolves.toBe(true);
    await request(t.server).post('/login').type('form').send({ username: user.email, password: user.password }).expect(200);
  });

  it('rehashes a hash of a higher cost down to BCRYPT_ROUNDS too', async () => {
    const user = await createUser(t);
    await t.db.query('UPDATE users SET password = $2 WHERE id = $1', [user.id, await bcrypt.hash(user.password, 6)]);
    await request(t.server).post('/login').type('form').send({ username: user.email, password: user.password }).expect(200);
    expect(bcrypt.getRounds(await storedHash(user.id))).toBe(5);
  });
});
