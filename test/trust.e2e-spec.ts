import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { AccountsService } from '../src/accounts/accounts.service';
import { bearer, createLoggedInUser, createUser, LoggedInUser, logIn, unique } from './support/factories';
import { MailCatcher } from './support/mail-catcher';
import { startTestApp, TEST_SECRET, TestApp } from './support/test-app';

/** Issue #17, findings 6 to 10. */
const now = () => Math.floor(Date.now() / 1000);
/** A token minted the course's way (`{user_id, exp}`, no `sid`), with any other claims given. */
const courseToken = (userId: number, claims: Record<string, unknown> = {}) =>
  jwt.sign({ user_id: userId, exp: now() + 30 * 60, ...claims }, TEST_SECRET, { algorithm: 'HS256', noTimestamp: true });
const UNAUTHORIZED = { detail: 'Could not validate credentials' };
const RESET_ANSWER = { message: 'If the address is registered, a reset link has been sent' };
const INVALID_CREDENTIALS = { detail: 'Invalid Credentials' };
const login = (t: TestApp, username: string, password: string) => request(t.server).post('/login').type('form').send({ username, password });
// First in the file: only the first app of a file can capture its log lines (test/support/test-app.ts).
describe('production without SMTP_URL (finding 10)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ NODE_ENV: 'production', TRUST_PROXY_HOPS: '1', LOG_LEVEL: 'warn' }, { captureLogs: true })));
  afterAll(() => t.close());

  it('starts, says so in one warning line, and answers POST /password-reset with 503', async () => {
    const user = await createUser(t);
    for (const email of [user.email, 'nobody@example.com']) {
      const res = await request(t.server).post('/password-reset').send({ email }).expect(503);
      expect(res.body).toEqual({ detail: 'Password reset is not configured' });
    }
    await request(t.server).post('/password-reset/confirm').send({ token: 'x'.repeat(43), new_password: 'password456' }).expect(400);
    const warnings = t.logs.filter((line) => /SMTP_URL/.test(line.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].level).toBe(40);
    expect(t.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe('course-style tokens (finding 6)', () => {
  describe('accepted (ACCEPT_COURSE_TOKENS unset: on, for course clients)', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t.close());

    it('are refused after "log out everywhere", whatever they claim about when they were issued', async () => {
      const user = await createLoggedInUser(t);
      const plain = courseToken(user.id);
      const issuedLater = courseToken(user.id, { iat: now() + 3600, exp: now() + 7200 });
      const longLived = courseToken(user.id, { exp: now() + 365 * 86400 });
      for (const token of [plain, issuedLater, longLived]) await request(t.server).get('/users/me').set(bearer(token)).expect(200);
      await request(t.server).delete('/users/me/sessions').set(user.auth).expect(204);
      for (const token of [plain, issuedLater, longLived, courseToken(user.id, { iat: now() + 5 })]) {
        const res = await request(t.server).get('/users/me').set(bearer(token)).expect(401);
        expect(res.body).toEqual(UNAUTHORIZED);
      }
      // A login still works, with a session.
      const again = await logIn(t, user);
      await request(t.server).get('/users/me').set(bearer(again.access_token)).expect(200);
    });

    it('keep working for other users, and after a password change a new one works', async () => {
      const user = await createLoggedInUser(t);
      await request(t.server).get('/users/me').set(bearer(courseToken(user.id))).expect(200);
      await request(t.server).put('/users/me/password').set(user.auth).send({ current_password: user.password, new_password: 'another-password' }).expect(204);
      await new Promise((r) => setTimeout(r, 1100));
      await request(t.server).get('/users/me').set(bearer(courseToken(user.id, { iat: now() }))).expect(200);
    });
  });

  describe('refused (ACCEPT_COURSE_TOKENS=false)', () => {
    let t: TestApp;
    let user: LoggedInUser;
    beforeAll(async () => {
      t = await startTestApp({ ACCEPT_COURSE_TOKENS: 'false' });
      user = await createLoggedInUser(t);
    });
    afterAll(() => t.close());

    it('answers 401 to a token without sid, and lets tokens with a session through', async () => {
      for (const token of [courseToken(user.id), courseToken(user.id, { iat: now() })]) {
        const res = await request(t.server).get('/users/me').set(bearer(token)).expect(401);
        expect(res.body).toEqual(UNAUTHORIZED);
        expect(res.headers['www-authenticate']).toBe('Bearer');
      }
      await request(t.server).get('/users/me').set(user.auth).expect(200);
    });
  });
});

describe('e-mail addresses and Unicode (finding 7)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ REGISTRATIONS_PER_MINUTE: '1000' })));
  afterAll(() => t.close());

  const register = (email: string, password = 'password123') => request(t.server).post('/users').send({ email, password });
  const refusedEmail = (res: request.Response) => {
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([{ loc: ['body', 'email'], msg: expect.stringMatching(/^value is not a valid email address/), type: 'value_error' }]);
  };

  it.each([
    ['a quoted local part holding CR/LF', '"a\r\nBcc: x@evil.example"@example.com'],
    ['a quoted local part holding < and >', '"<script>"@example.com'],
    ['a plain quoted local part', '"ada"@example.com'],
    ['a control character', 'ada\u0007@example.com'],
    ['a C1 control character', 'ada\u0085@example.com'],
    ['a tab inside', 'ad\ta@example.com'],
  ])('refuses %s with 422 at ["body", "email"], at registration and at password reset', async (_case, email) => {
    refusedEmail(await register(email));
    refusedEmail(await request(t.server).post('/password-reset').send({ email }));
  });

  it('treats e-mails that differ only in composition as one account, stored in NFC', async () => {
    const local = `jose\u0301-${unique()}`;
    const composed = `${local.normalize('NFC')}@example.com`;
    const decomposed = `${local}@example.com`;
    expect(composed).not.toBe(decomposed);
    const created = await register(decomposed).expect(201);
    expect(created.body.email).toBe(composed);
    const taken = await register(composed).expect(409);
    expect(taken.body).toEqual({ detail: `User with email: ${composed} already exists` });
    await login(t, composed, 'password123').expect(200);
    await login(t, decomposed, 'password123').expect(200);
  });

  it('normalises passwords to NFC: a password typed with a decomposed "é" logs in', async () => {
    const email = `nfc-${unique()}@example.com`;
    await register(email, 'caf\u00e9-password').expect(201);
    await login(t, email, 'cafe\u0301-password').expect(200);
    await login(t, email, 'caf\u00e9-password').expect(200);
    await login(t, email, 'cafe-password').expect(403);
  });

  it('lets a password hashed as typed (before normalisation) log in once as typed, then rehashes it in NFC', async () => {
    const user = await createUser(t);
    const typed = 'cre\u0300me-bru\u0302le\u0301e';
    // A hash made before this change: of the password exactly as it was typed.
    await t.db.query('UPDATE users SET password = $2 WHERE id = $1', [user.id, await bcrypt.hash(typed, 4)]);
    await login(t, user.email, typed).expect(200);
    const [{ password }] = await t.db.query('SELECT password FROM users WHERE id = $1', [user.id]);
    await expect(bcrypt.compare(typed.normalize('NFC'), password)).resolves.toBe(true);
    await login(t, user.email, typed.normalize('NFC')).expect(200);
    await login(t, user.email, typed).expect(200);
  });

  it('normalises e-mails stored before the change (the migration), leaving a clash to the account that had the NFC form', async () => {
    const migration = t.db.migrations.find((m) => m.name?.startsWith('NormaliseEmails'));
    expect(migration).toBeDefined();
    const tag = unique();
    const nfd = `zoe\u0308-${tag}@example.com`;
    const clashNfd = `rene\u0301-${tag}@example.com`;
    const hash = await bcrypt.hash('password123', 4);
    await t.db.query('INSERT INTO users (email, password) VALUES ($1, $3), ($2, $3), ($4, $3)', [nfd, clashNfd, hash, clashNfd.normalize('NFC')]);
    const runner = t.db.createQueryRunner();
    try {
      await migration!.up(runner);
    } finally {
      await runner.release();
    }
    const emails = (await t.db.query('SELECT email FROM users WHERE email LIKE $1 ORDER BY id', [`%-${tag}@example.com`])).map((r: { email: string }) => r.email);
    expect(emails).toEqual([nfd.normalize('NFC'), clashNfd, clashNfd.normalize('NFC')]);
    await login(t, nfd, 'password123').expect(200);
  });
});

describe('password reset requests past the limits (finding 8)', () => {
  let t: TestApp;
  let mail: MailCatcher;
  beforeAll(async () => {
    mail = await MailCatcher.start();
    t = await startTestApp({ SMTP_URL: mail.url, PASSWORD_RESETS_PER_ADDRESS: '2', PASSWORD_RESETS_PER_CLIENT: '4', TRUST_PROXY_HOPS: '1' });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });

  const ask = (email: string, ip: string) => request(t.server).post('/password-reset').set('X-Forwarded-For', ip).send({ email });

  it('always answer 202; the mails past the limit per address are dropped silently, so a stranger cannot block a reset', async () => {
    const victim = await createUser(t);
    for (let i = 0; i < 6; i++) expect((await ask(victim.email, `198.51.100.${i + 1}`).expect(202)).body).toEqual(RESET_ANSWER);
    await t.app.get(AccountsService).idle();
    expect(mail.mailsTo(victim.email)).toHaveLength(2);
  });

  it('drop the mails past the limit per client address silently too', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser(t)));
    for (const user of users) await ask(user.email, '203.0.113.9').expect(202);
    await t.app.get(AccountsService).idle();
    expect(users.map((user) => mail.mailsTo(user.email).length)).toEqual([1, 1, 1, 1, 0, 0]);
  });
});

describe('ids, path encoding and the login password (finding 9)', () => {
  let t: TestApp;
  let user: LoggedInUser;
  beforeAll(async () => {
    t = await startTestApp();
    user = await createLoggedInUser(t);
  });
  afterAll(() => t.close());

  it.each([
    ['GET', '/posts/9007199254740993', 'post with id: 9007199254740993 was not found'],
    ['GET', '/posts/9007199254740993/', 'post with id: 9007199254740993 was not found'],
    ['PUT', '/posts/9007199254740993', 'post with id: 9007199254740993 does not exist'],
    ['PATCH', '/posts/9007199254740993', 'post with id: 9007199254740993 does not exist'],
    ['DELETE', '/posts/9007199254740993', 'post with id: 9007199254740993 does not exist'],
    ['PUT', '/posts/9007199254740993/vote', 'Post with id: 9007199254740993 does not exist'],
    ['GET', '/users/9007199254740993', 'User with id: 9007199254740993 does not exist'],
    ['GET', '/users/123456789012345678901234567890', 'User with id: 123456789012345678901234567890 does not exist'],
    ['DELETE', '/users/me/sessions/18446744073709551617', 'Session with id: 18446744073709551617 does not exist'],
  ])('names the id of %s %s as it was sent', async (method, path, detail) => {
    const req = request(t.server)[method.toLowerCase() as 'get'](path).set(user.auth);
    const res = await (['PUT', 'PATCH'].includes(method) && !path.endsWith('/vote') ? req.send({ title: 't', content: 'c' }) : req);
    expect([res.status, res.body]).toEqual([404, { detail }]);
  });

  const INT_PARSING = { loc: ['path', 'id'], msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' };
  it.each([
    ['GET', '/posts/%ZZ'],
    ['GET', '/posts/%FF'],
    ['GET', '/posts/%E0%A4%A/'],
    ['DELETE', '/posts/12%'],
    ['GET', '/users/%ZZ'],
    ['DELETE', '/users/me/sessions/%C0%80'],
  ])('answers %s %s (malformed percent-encoding in an id) with 422 at ["path", "id"]', async (method, path) => {
    const res = await request(t.server)[method.toLowerCase() as 'get'](path).set(user.auth);
    expect([res.status, res.body]).toEqual([422, { detail: [INT_PARSING] }]);
  });

  it('checks the token first, as for any other id', async () => {
    const res = await request(t.server).get('/posts/%ZZ').expect(401);
    expect(res.body).toEqual({ detail: 'Not authenticated' });
  });

  it.each([['/no-such/%ZZ'], ['/%ZZ'], ['/posts/1/%ZZ'], ['/no-such/%FF?x=1']])('answers GET %s (no route) with 404 Not Found', async (path) => {
    const res = await request(t.server).get(path).set(user.auth);
    expect([res.status, res.body]).toEqual([404, { detail: 'Not Found' }]);
  });

  it.each([
    ['a NUL', 'pass\u0000word123'],
    ['a NUL after the right password', 'password123\u0000'],
  ])('answers a password holding %s at POST /login as any wrong password: 403 "Invalid Credentials"', async (_case, password) => {
    const res = await request(t.server).post('/login').type('form').send({ username: user.email, password });
    expect([res.status, res.body]).toEqual([403, INVALID_CREDENTIALS]);
    const multipart = await request(t.server).post('/login').field('username', user.email).field('password', password);
    expect([multipart.status, multipart.body]).toEqual([403, INVALID_CREDENTIALS]);
  });
});
