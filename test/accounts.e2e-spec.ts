import jwt from 'jsonwebtoken';
import request from 'supertest';
import { AccountsService } from '../src/accounts/accounts.service';
import { bearer, createLoggedInUser, createPost, createUser, logIn, refresh, vote } from './support/factories';
import { linkIn, MailCatcher } from './support/mail-catcher';
import { startTestApp, TEST_SECRET, TestApp } from './support/test-app';

const now = () => Math.floor(Date.now() / 1000);
const courseToken = (userId: number) => jwt.sign({ user_id: userId, exp: now() + 30 * 60 }, TEST_SECRET, { algorithm: 'HS256', noTimestamp: true });
const loginStatus = async (t: TestApp, email: string, password: string) =>
  (await request(t.server).post('/login').type('form').send({ username: email, password })).status;

const INVALID_CREDENTIALS = { detail: 'Invalid Credentials' };
const RESET_ANSWER = { message: 'If the address is registered, a reset link has been sent' };
const INVALID_RESET = { detail: 'Invalid or expired reset token' };

describe('accounts', () => {
  let t: TestApp;
  let mail: MailCatcher;
  beforeAll(async () => {
    mail = await MailCatcher.start();
    t = await startTestApp({
      SMTP_URL: mail.url,
      MAIL_FROM: 'Social API <no-reply@social.example>',
      PASSWORD_RESET_URL: 'https://social.example/reset-password?lang=en',
      LOGIN_MAX_FAILURES: '3',
      TRUST_PROXY_HOPS: '1',
    });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });

  const me = (token: string) => request(t.server).get('/users/me').set(bearer(token));
  /** Waits for the reset work the app does after answering. */
  const settled = () => t.app.get(AccountsService).idle();

  describe('PUT /users/me/password', () => {
    it('changes the password, ends every other session and refuses course-style tokens issued before', async () => {
      const user = await createLoggedInUser(t);
      const other = await logIn(t, user);
      const course = courseToken(user.id);
      await me(course).expect(200);
      await request(t.server)
        .put('/users/me/password')
        .set(user.auth)
        .send({ current_password: user.password, new_password: 'brand-new-password' })
        .expect(204);
      await me(user.token).expect(200);
      await refresh(t, user.refreshToken).expect(200);
      await me(other.access_token).expect(401);
      await refresh(t, other.refresh_token).expect(401);
      await me(course).expect(401);
      expect(await loginStatus(t, user.email, user.password)).toBe(403);
      expect(await loginStatus(t, user.email, 'brand-new-password')).toBe(200);
    });

    it('ends every session when the change is made with a course-style token, which has none to keep', async () => {
      const user = await createLoggedInUser(t);
      const course = courseToken(user.id);
      await request(t.server)
        .put('/users/me/password')
        .set(bearer(course))
        .send({ current_password: user.password, new_password: 'brand-new-password' })
        .expect(204);
      await me(user.token).expect(401);
      await refresh(t, user.refreshToken).expect(401);
      await me(course).expect(401);
    });

    it('answers 403 "Invalid Credentials" to a wrong current password, counted as a failed login', async () => {
      const user = await createLoggedInUser(t);
      const change = () =>
        request(t.server).put('/users/me/password').set(user.auth).send({ current_password: 'not-the-password', new_password: 'brand-new-password' });
      expect((await change().expect(403)).body).toEqual(INVALID_CREDENTIALS);
      expect(await loginStatus(t, user.email, 'wrong-again')).toBe(403);
      expect((await change().expect(403)).body).toEqual(INVALID_CREDENTIALS);
      // Three failures (LOGIN_MAX_FAILURES): the account is refused from this address, here and at POST /login.
      const limited = await change().expect(429);
      expect(limited.headers['retry-after']).toBeDefined();
      expect(await loginStatus(t, user.email, user.password)).toBe(429);
      await me(user.token).expect(200);
    });

    it('answers 422 to a missing or too short new password, and 401 without a token', async () => {
      const user = await createLoggedInUser(t);
      const short = await request(t.server).put('/users/me/password').set(user.auth).send({ current_password: user.password, new_password: 'short' }).expect(422);
      expect(short.body.detail).toEqual([{ loc: ['body', 'new_password'], msg: 'password must be 8 to 72 bytes long', type: 'value_error' }]);
      const missing = await request(t.server).put('/users/me/password').set(user.auth).send({}).expect(422);
      expect(missing.body.detail.map((issue: { loc: string[] }) => issue.loc)).toEqual([
        ['body', 'current_password'],
        ['body', 'new_password'],
      ]);
      await request(t.server).put('/users/me/password').send({ current_password: 'x', new_password: 'y' }).expect(401);
      expect(await loginStatus(t, user.email, user.password)).toBe(200);
    });
  });

  describe('DELETE /users/me', () => {
    it('deletes the user with their posts, votes and sessions; every token of theirs is refused', async () => {
      const [doomed, other] = [await createLoggedInUser(t), await createLoggedInUser(t)];
      const second = await logIn(t, doomed);
      const own = await createPost(t, doomed);
      const others = await createPost(t, other);
      await vote(t, doomed, others.id).expect(201);
      await vote(t, doomed, own.id).expect(201);
      await vote(t, other, own.id).expect(201);
      await request(t.server).delete('/users/me').set(doomed.auth).send({ password: doomed.password }).expect(204);

      for (const token of [doomed.token, second.access_token, courseToken(doomed.id)]) await me(token).expect(401);
      await refresh(t, second.refresh_token).expect(401);
      expect(await loginStatus(t, doomed.email, doomed.password)).toBe(403);
      await request(t.server).get(`/users/${doomed.id}`).expect(404);
      await request(t.server).get(`/posts/${own.id}`).set(other.auth).expect(404);
      const kept = await request(t.server).get(`/posts/${others.id}`).set(other.auth).expect(200);
      expect(kept.body.votes).toBe(0);
      const [left] = await t.db.query(
        `SELECT (SELECT count(*) FROM posts WHERE owner_id = $1)::int AS posts, (SELECT count(*) FROM votes WHERE user_id = $1 OR post_id = $2)::int AS votes,
                (SELECT count(*) FROM sessions WHERE user_id = $1)::int AS sessions`,
        [doomed.id, own.id],
      );
      expect(left).toEqual({ posts: 0, votes: 0, sessions: 0 });
    });

    it('answers 403 to a wrong password (a failed login) and 422 without one; nothing is deleted', async () => {
      const user = await createLoggedInUser(t);
      const wrong = await request(t.server).delete('/users/me').set(user.auth).send({ password: 'not-the-password' }).expect(403);
      expect(wrong.body).toEqual(INVALID_CREDENTIALS);
      const missing = await request(t.server).delete('/users/me').set(user.auth).expect(422);
      expect(missing.body.detail).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
      await request(t.server).delete('/users/me').set(user.auth).send({ password: 123 }).expect(422);
      await request(t.server).delete('/users/me').send({ password: user.password }).expect(401);
      await me(user.token).expect(200);
      await request(t.server).delete('/users/me').set(user.auth).send({ password: 'still-wrong' }).expect(403);
      await request(t.server).delete('/users/me').set(user.auth).send({ password: 'wrong-third' }).expect(403);
      await request(t.server).delete('/users/me').set(user.auth).send({ password: user.password }).expect(429);
      await me(user.token).expect(200);
    });
  });

  describe('password reset', () => {
    it('mails a single-use link; the new password works, every session ends, course-style tokens are refused', async () => {
      const user = await createLoggedInUser(t);
      const course = courseToken(user.id);
      const res = await request(t.server).post('/password-reset').send({ email: `  ${user.email.toUpperCase()} ` }).expect(202);
      expect(res.body).toEqual(RESET_ANSWER);

      const message = await mail.nextMailTo(user.email);
      expect(message.from?.text).toBe('"Social API" <no-reply@social.example>');
      expect(message.subject).toBe('Reset your password');
      const link = linkIn(message);
      expect(`${link.origin}${link.pathname}`).toBe('https://social.example/reset-password');
      expect(link.searchParams.get('lang')).toBe('en');
      const token = link.searchParams.get('token')!;
      expect(token).toMatch(/^[\w-]{43}$/);
      const stored = JSON.stringify(await t.db.query('SELECT * FROM password_reset_tokens WHERE user_id = $1', [user.id]));
      expect(stored).not.toContain(token);

      await request(t.server).post('/password-reset/confirm').send({ token, new_password: 'reset-password-1' }).expect(204);
      expect(await loginStatus(t, user.email, 'reset-password-1')).toBe(200);
      expect(await loginStatus(t, user.email, user.password)).toBe(403);
      await me(user.token).expect(401);
      await refresh(t, user.refreshToken).expect(401);
      await me(course).expect(401);

      const again = await request(t.server).post('/password-reset/confirm').send({ token, new_password: 'reset-password-2' }).expect(400);
      expect(again.body).toEqual(INVALID_RESET);
      expect(await loginStatus(t, user.email, 'reset-password-1')).toBe(200);
    });

    it('answers an unknown address exactly as a registered one, and sends it nothing', async () => {
      const user = await createUser(t);
      const unknown = await request(t.server).post('/password-reset').send({ email: 'nobody-here@example.com' }).expect(202);
      const known = await request(t.server).post('/password-reset').send({ email: user.email }).expect(202);
      expect(unknown.body).toEqual(known.body);
      expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
      await mail.nextMailTo(user.email);
      await settled();
      expect(mail.mailsTo('nobody-here@example.com')).toEqual([]);
    });

    it('refuses an expired token and a token that was never issued with 400', async () => {
      const user = await createUser(t);
      await request(t.server).post('/password-reset').send({ email: user.email }).expect(202);
      const token = linkIn(await mail.nextMailTo(user.email)).searchParams.get('token')!;
      await t.db.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      expect((await request(t.server).post('/password-reset/confirm').send({ token, new_password: 'reset-password-1' }).expect(400)).body).toEqual(INVALID_RESET);
      for (const made of ['x', 'a'.repeat(43), '']) {
        const res = await request(t.server).post('/password-reset/confirm').send({ token: made, new_password: 'reset-password-1' });
        expect([made, res.status, res.body]).toEqual([made, 400, INVALID_RESET]);
      }
      expect(await loginStatus(t, user.email, user.password)).toBe(200);
    });

    it('expires the link after 30 minutes', async () => {
      const user = await createUser(t);
      await request(t.server).post('/password-reset').send({ email: user.email }).expect(202);
      await mail.nextMailTo(user.email);
      const [{ minutes }] = await t.db.query(
        'SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes FROM password_reset_tokens WHERE user_id = $1',
        [user.id],
      );
      expect(minutes).toBe(30);
    });

    it('lets only one of two concurrent confirmations with one token through', async () => {
      const user = await createUser(t);
      await request(t.server).post('/password-reset').send({ email: user.email }).expect(202);
      const token = linkIn(await mail.nextMailTo(user.email)).searchParams.get('token')!;
      const answers = await Promise.all(
        ['reset-password-a', 'reset-password-b'].map((p) => request(t.server).post('/password-reset/confirm').send({ token, new_password: p })),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([204, 400]);
      const winner = answers[0].status === 204 ? 'reset-password-a' : 'reset-password-b';
      expect(await loginStatus(t, user.email, winner)).toBe(200);
    });

    it('answers 422 to an invalid e-mail, a missing token and a too short password', async () => {
      const bad = await request(t.server).post('/password-reset').send({ email: 'not-an-address' }).expect(422);
      expect(bad.body.detail).toEqual([{ loc: ['body', 'email'], msg: 'value is not a valid email address', type: 'value_error' }]);
      await request(t.server).post('/password-reset').send({}).expect(422);
      const confirm = await request(t.server).post('/password-reset/confirm').send({ new_password: 'short' }).expect(422);
      expect(confirm.body.detail.map((issue: { loc: string[]; type: string }) => [issue.loc, issue.type])).toEqual([
        [['body', 'token'], 'missing'],
        [['body', 'new_password'], 'value_error'],
      ]);
    });
  });
});

describe('password reset rate limits and timing', () => {
  let t: TestApp;
  let mail: MailCatcher;
  beforeAll(async () => {
    // The mail server takes a second to accept each mail.
    mail = await MailCatcher.start({ delayMs: 1000 });
    t = await startTestApp({ SMTP_URL: mail.url, PASSWORD_RESETS_PER_ADDRESS: '2', PASSWORD_RESETS_PER_CLIENT: '4', TRUST_PROXY_HOPS: '1' });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });

  const ask = (email: string, ip: string) => request(t.server).post('/password-reset').set('X-Forwarded-For', ip).send({ email });

  it('answers before the mail is sent, as fast for a registered address as for any other', async () => {
    const user = await createUser(t);
    const timed = async (email: string, ip: string) => {
      const started = Date.now();
      await ask(email, ip).expect(202);
      return Date.now() - started;
    };
    const known = await timed(user.email, '192.0.2.100');
    const unknown = await timed('nobody-timed@example.com', '192.0.2.101');
    expect(known).toBeLessThan(500);
    expect(unknown).toBeLessThan(500);
    await mail.nextMailTo(user.email);
  });

  it('limits mails per address and per client address, registered or not, answering 202 all the same', async () => {
    const user = await createUser(t);
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) expect((await ask(user.email, ip).expect(202)).body).toEqual(RESET_ANSWER);
    for (let i = 0; i < 4; i++) await ask(`someone-${i}@example.com`, '192.0.2.9').expect(202);
    await ask(user.email, '192.0.2.9').expect(202);
    await t.app.get(AccountsService).idle();
    // Two per address (PASSWORD_RESETS_PER_ADDRESS), and nothing past a client's four.
    expect(mail.mailsTo(user.email)).toHaveLength(2);
  });

});
