import request from 'supertest';
import { createLoggedInUser, createUser, LoggedInUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Issue #17, findings 6 to 10. */
const INVALID_CREDENTIALS = { detail: 'Invalid Credentials' };
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
