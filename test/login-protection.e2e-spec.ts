import bcrypt from 'bcrypt';
import request from 'supertest';
import { bearer, createUser, unique } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #17, findings 1 to 4: what a stranger can do to someone else's logins.
 * Client addresses come from X-Forwarded-For (TRUST_PROXY_HOPS=1), as behind a proxy.
 */
const login = (t: TestApp, username: string, password: string, ip: string) =>
  request(t.server).post('/login').set('X-Forwarded-For', ip).type('form').send({ username, password });

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = Date.now();
  const result = await work();
  return [result, Date.now() - started];
};

/** Error lines (pino level 50 and above) the app wrote. */
const errorLines = (t: TestApp) => t.logs.filter((line) => line.level >= 50);

// First in the file: only the first app of a file can capture its log lines (test/support/test-app.ts).
describe('the bounded hashing queue (finding 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(
      { TRUST_PROXY_HOPS: '1', BCRYPT_ROUNDS: '10', BCRYPT_QUEUE_MAX: '1', REGISTRATIONS_PER_MINUTE: '1000', LOGIN_MAX_FAILURES_PER_CLIENT: '20', LOG_LEVEL: 'warn' },
      { captureLogs: true },
    );
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After past the queue, and a refused login counts as no failure', async () => {
    const register = (i: number) =>
      request(t.server).post('/users').set('X-Forwarded-For', `192.0.2.${i + 1}`).send({ email: `queue-${i}-${unique()}@example.com`, password: 'password123' });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => register(i)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    const busy = answers.find((r) => r.status === 503)!;
    expect(busy.body).toEqual({ detail: 'Too many password checks at once, try again shortly' });
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // 20 wrong passwords at once from one address (LOGIN_MAX_FAILURES_PER_CLIENT=20): the ones the
    // queue refused give their places back, so the address may fail exactly that many times more.
    const fail = () => login(t, `nobody-${unique()}@example.com`, 'wrong-password', '198.51.100.90');
    const logins = await Promise.all(Array.from({ length: 20 }, fail));
    const busyLogins = logins.filter((r) => r.status === 503).length;
    expect(busyLogins).toBeGreaterThan(0);
    expect(logins.filter((r) => r.status === 403).length).toBe(20 - busyLogins);
    for (let i = 0; i < busyLogins; i++) await fail().expect(403);
    await fail().expect(429);
    // A 503 is no error of the server's: no error line in the log.
    expect(errorLines(t)).toEqual([]);
  });
});

describe('failed logins: no stranger locks an account out (finding 1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY_HOPS: '1',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_MAX_FAILURES_PER_CLIENT: '10',
      LOGIN_SLOWDOWN_AFTER: '4',
      LOGIN_SLOWDOWN_MAX_MS: '1000',
    });
  });
  afterAll(() => t.close());

  it('refuses 40 simultaneous wrong passwords from one address after the limit, and the victim still logs in from elsewhere', async () => {
    const victim = await createUser(t);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(t, victim.email, `wrong-${i}`, '198.51.100.66')));
    const statuses = answers.map((r) => r.status).sort();
    // At most LOGIN_MAX_FAILURES evaluated; the rest refused before any password work.
    expect(statuses).toEqual([...Array(3).fill(403), ...Array(37).fill(429)]);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.body).toEqual({ detail: 'Too many failed login attempts, try again later' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);

    await login(t, victim.email, victim.password, '203.0.113.10').expect(200);
    // The attacking address stays refused for this account, even with the right password...
    await login(t, victim.email, victim.password, '198.51.100.66').expect(429);
    // ...but not for another account (its failures are per account and address, and 3 < 10 per address).
    const other = await createUser(t);
    await login(t, other.email, other.password, '198.51.100.66').expect(200);
  });

  it('slows down, never refuses, wrong passwords for one account from many addresses; the right one logs in', async () => {
    const victim = await createUser(t);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(t, victim.email, `wrong-${i}`, `198.51.100.${100 + i}`)));
    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(403));
    // 40 failures, past LOGIN_SLOWDOWN_AFTER (4): each attempt on the account now waits, at most LOGIN_SLOWDOWN_MAX_MS.
    const [res, ms] = await timed(() => login(t, victim.email, victim.password, '203.0.113.11'));
    expect(res.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(4000);
  });

  it('slows an account down by its failures: 100 ms more for each one past LOGIN_SLOWDOWN_AFTER', async () => {
    const victim = await createUser(t);
    const [first, fast] = await timed(() => login(t, victim.email, 'wrong', '192.0.2.201'));
    expect(first.status).toBe(403);
    for (let i = 2; i <= 6; i++) await login(t, victim.email, 'wrong', `192.0.2.${200 + i}`).expect(403);
    // The 7th attempt: 3 past the 4 free ones, 300 ms.
    const [res, slow] = await timed(() => login(t, victim.email, victim.password, '192.0.2.220'));
    expect(res.status).toBe(200);
    expect(slow).toBeGreaterThanOrEqual(280);
    expect(slow - fast).toBeGreaterThanOrEqual(200);
  });

  it('counts an unknown address exactly as a registered one', async () => {
    const email = `nobody-${unique()}@example.com`;
    for (let i = 0; i < 3; i++) await login(t, email, 'wrong', '198.51.100.7').expect(403);
    await login(t, email, 'wrong', '198.51.100.7').expect(429);
    await login(t, email, 'wrong', '198.51.100.8').expect(403);
  });
});

describe('client addresses (finding 2)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ TRUST_PROXY_HOPS: '1', LOGIN_MAX_FAILURES_PER_CLIENT: '4' })));
  afterAll(() => t.close());

  it('counts an IPv6 /64 as one client address', async () => {
    const fail = (ip: string) => login(t, `nobody-${unique()}@example.com`, 'wrong', ip);
    await fail('2001:db8:1:2::1').expect(403);
    await fail('2001:db8:1:2::2').expect(403);
    await fail('2001:db8:1:2:aaaa:bbbb:cccc:dddd').expect(403);
    await fail('2001:0db8:0001:0002::9').expect(403);
    const res = await fail('2001:db8:1:2:ffff::1').expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    // Another /64 is another client.
    await fail('2001:db8:1:3::1').expect(403);
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address', async () => {
    const fail = (ip: string) => login(t, `nobody-${unique()}@example.com`, 'wrong', ip);
    for (const ip of ['192.0.2.77', '::ffff:192.0.2.77', '192.0.2.77', '::ffff:c000:24d']) await fail(ip).expect(403);
    await fail('192.0.2.77').expect(429);
  });
});

describe('successful logins (finding 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY_HOPS: '1',
      LOGIN_MAX_SUCCESSES_PER_ACCOUNT: '3',
      LOGIN_MAX_SUCCESSES_PER_CLIENT: '5',
      REGISTRATIONS_PER_MINUTE: '1000',
    });
  });
  afterAll(() => t.close());

  it('counts successful logins per account: past the limit, 429 from any address', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 3; i++) await login(t, user.email, user.password, `203.0.113.${20 + i}`).expect(200);
    const res = await login(t, user.email, user.password, '203.0.113.30').expect(429);
    expect(res.body).toEqual({ detail: 'Too many logins, try again later' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // A wrong password is still just wrong (a stranger cannot use this limit against the account).
    await login(t, user.email, 'wrong-password', '203.0.113.31').expect(429);
  });

  it('counts successful logins per client address, across accounts', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser(t)));
    for (const user of users.slice(0, 5)) await login(t, user.email, user.password, '203.0.113.40').expect(200);
    const res = await login(t, users[5].email, users[5].password, '203.0.113.40').expect(429);
    expect(res.body).toEqual({ detail: 'Too many logins, try again later' });
    await login(t, users[5].email, users[5].password, '203.0.113.41').expect(200);
  });

  it('lets through at most the per-address limit of 20 simultaneous correct logins', async () => {
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser(t)));
    const answers = await Promise.all(users.map((user) => login(t, user.email, user.password, '203.0.113.50')));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(5).fill(200), ...Array(15).fill(429)]);
  });
});

describe('sessions per user (finding 3)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ TRUST_PROXY_HOPS: '1', SESSIONS_PER_USER: '3' })));
  afterAll(() => t.close());

  it('keeps at most SESSIONS_PER_USER sessions: a new login ends the oldest', async () => {
    const user = await createUser(t);
    const pairs = [];
    for (let i = 0; i < 3; i++) pairs.push((await login(t, user.email, user.password, `198.51.100.${200 + i}`).expect(200)).body);
    await new Promise((r) => setTimeout(r, 50));
    // The oldest is refreshed (used): the one used longest ago ends instead.
    const refreshed = (await request(t.server).post('/login').type('form').send({ grant_type: 'refresh_token', refresh_token: pairs[0].refresh_token }).expect(200)).body;
    const newest = (await login(t, user.email, user.password, '198.51.100.210').expect(200)).body;
    const sessions = await request(t.server).get('/users/me/sessions').set(bearer(newest.access_token)).expect(200);
    expect(sessions.body).toHaveLength(3);
    await request(t.server).get('/users/me').set(bearer(pairs[1].access_token)).expect(401);
    await request(t.server).post('/login').type('form').send({ grant_type: 'refresh_token', refresh_token: pairs[1].refresh_token }).expect(401);
    for (const token of [refreshed.access_token, pairs[2].access_token, newest.access_token]) {
      await request(t.server).get('/users/me').set(bearer(token)).expect(200);
    }
  });
});

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
