import request from 'supertest';
import { createLoggedInUser, unique } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('usernames', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>) => request(t.server).post('/users').send({ password: 'password123', ...body });
  /** A local part no other test uses, of letters only (so that nothing of it is dropped). */
  const letters = () => `u${unique().replace(/[^a-z0-9]/gi, '')}`.slice(0, 20);

  describe('POST /users', () => {
    it('keeps a chosen username as written', async () => {
      const username = `Ada_${letters()}`.slice(0, 30);
      const res = await register({ email: `${unique()}@example.com`, username }).expect(201);
      expect(res.body).toEqual({ id: expect.any(Number), email: expect.any(String), username, created_at: expect.any(String) });
    });

    it('answers 409 for a username taken in any letter case, and stores nothing', async () => {
      const username = letters();
      await register({ email: `${unique()}@example.com`, username }).expect(201);
      const email = `${unique()}@example.com`;
      const res = await register({ email, username: username.toUpperCase() }).expect(409);
      expect(res.body).toEqual({ detail: 'Username already taken' });
      expect(await t.db.query('SELECT 1 FROM users WHERE email = $1', [email])).toEqual([]);
    });

    it.each([
      ['ab', 'string_too_short'],
      ['a'.repeat(31), 'string_too_long'],
      ['has space', 'string_pattern_mismatch'],
      ['dot.ted', 'string_pattern_mismatch'],
      ['ümlaut', 'string_pattern_mismatch'],
      [12345, 'string_type'],
      [null, 'string_type'],
    ])('answers 422 at ["body", "username"] for %j', async (username, type) => {
      const res = await register({ email: `${unique()}@example.com`, username }).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['body', 'username'], msg: expect.any(String), type }]);
    });

    it("makes one from the e-mail's local part when none is given, dropping other characters", async () => {
      const base = letters();
      const res = await register({ email: `${base}.Smith+tag@example.com` }).expect(201);
      expect(res.body.username).toBe(`${base}smithtag`.slice(0, 30));
    });

    it('appends a number where the name is taken, without regard to letter case', async () => {
      const base = letters();
      const names = [];
      for (const domain of ['a.example', 'b.example', 'c.example']) names.push((await register({ email: `${base}@${domain}` }).expect(201)).body.username);
      await register({ email: `x${unique()}@example.com`, username: `${base}4`.toUpperCase() }).expect(201);
      names.push((await register({ email: `${base}@d.example` }).expect(201)).body.username);
      expect(names).toEqual([base, `${base}2`, `${base}3`, `${base}5`]);
    });

    it('makes a valid one from a local part that has too few usable characters', async () => {
      const tiny = (await register({ email: `j@${unique()}.example` }).expect(201)).body.username;
      expect(tiny).toMatch(/^user_j\d*$/);
      const none = (await register({ email: `ÿ@${unique()}.example` }).expect(201)).body.username;
      expect(none).toMatch(/^user\d*$/);
    });

    it('gives concurrent sign-ups from one local part different usernames', async () => {
      const base = letters();
      const answers = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((d) => register({ email: `${base}@${d}.example` })));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.username.toLowerCase())).size).toBe(6);
    });

    it('of concurrent sign-ups choosing one username, one wins and the others get 409', async () => {
      const username = letters();
      const answers = await Promise.all([1, 2, 3, 4].map(() => register({ email: `${unique()}@example.com`, username })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    });

    it('gives users written in plain SQL a username too', async () => {
      const email = `${letters()}@sql.example`;
      const [row] = await t.db.query(`INSERT INTO users (email, password) VALUES ($1, 'x') RETURNING username`, [email]);
      expect(row.username).toBe(email.split('@')[0]);
    });
  });

  describe('PATCH /users/me', () => {
    it('changes the username, display name and bio, and answers the Profile', async () => {
      const user = await createLoggedInUser(t);
      const username = letters();
      const res = await request(t.server).patch('/users/me').set(user.auth).send({ username, display_name: 'Ada L.', bio: 'Engines.' }).expect(200);
      expect(res.body).toEqual({
        id: user.id,
        username,
        display_name: 'Ada L.',
        bio: 'Engines.',
        created_at: user.created_at,
        posts_count: 0,
        followers_count: 0,
        following_count: 0,
        followed: false,
        follows_you: false,
      });
      // The rest stays; an empty string clears.
      const cleared = await request(t.server).patch('/users/me').set(user.auth).send({ bio: '' }).expect(200);
      expect(cleared.body).toMatchObject({ username, display_name: 'Ada L.', bio: '' });
      expect((await request(t.server).get('/users/me').set(user.auth).expect(200)).body.username).toBe(username);
    });

    it('lets a user change the letter case of their own username', async () => {
      const user = await createLoggedInUser(t, { username: letters() });
      const res = await request(t.server).patch('/users/me').set(user.auth).send({ username: user.username.toUpperCase() }).expect(200);
      expect(res.body.username).toBe(user.username.toUpperCase());
    });

    it("answers 409 for someone else's username, in any letter case", async () => {
      const [a, b] = [await createLoggedInUser(t), await createLoggedInUser(t)];
      const res = await request(t.server).patch('/users/me').set(b.auth).send({ username: a.username.toUpperCase() }).expect(409);
      expect(res.body).toEqual({ detail: 'Username already taken' });
    });

    it.each([
      [{ display_name: 'x'.repeat(51) }, 'display_name', 'string_too_long'],
      [{ bio: '😀'.repeat(501) }, 'bio', 'string_too_long'],
      [{ bio: 'a\u0000b' }, 'bio', 'string_unicode'],
      [{ display_name: null }, 'display_name', 'string_type'],
      [{ username: 'no spaces' }, 'username', 'string_pattern_mismatch'],
    ])('answers 422 for %j', async (body, field, type) => {
      const user = await createLoggedInUser(t);
      const res = await request(t.server).patch('/users/me').set(user.auth).send(body).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['body', field], msg: expect.any(String), type }]);
    });

    it('counts lengths in code points: 500 emoji make a valid bio', async () => {
      const user = await createLoggedInUser(t);
      await request(t.server).patch('/users/me').set(user.auth).send({ bio: '😀'.repeat(500) }).expect(200);
    });

    it('answers 401 without a token, before looking at the body', async () => {
      await request(t.server).patch('/users/me').send({ bio: 'x'.repeat(9999) }).expect(401);
    });
  });
});
