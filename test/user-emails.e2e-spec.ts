import request from 'supertest';
import { createLoggedInUser, createPost, LoggedInUser, userOut } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** USER_EMAILS=private: other users' e-mails appear nowhere; a user still sees their own. */
describe('USER_EMAILS=private', () => {
  let t: TestApp;
  let alice: LoggedInUser;
  let bob: LoggedInUser;
  beforeAll(async () => {
    t = await startTestApp({ USER_EMAILS: 'private' });
    [alice, bob] = [await createLoggedInUser(t), await createLoggedInUser(t)];
  });
  afterAll(() => t.close());

  const withoutEmail = (user: LoggedInUser) => {
    const { email: _email, ...rest } = userOut(user);
    return rest;
  };

  it("GET /users/{id} needs a token, and shows someone else's account without an email key", async () => {
    expect((await request(t.server).get(`/users/${alice.id}`).expect(401)).body).toEqual({ detail: 'Not authenticated' });
    const other = await request(t.server).get(`/users/${alice.id}`).set(bob.auth).expect(200);
    expect(other.body).toEqual(withoutEmail(alice));
    expect(other.body).not.toHaveProperty('email');
    expect((await request(t.server).get(`/users/${alice.id}`).set(alice.auth).expect(200)).body).toEqual(userOut(alice));
  });

  it('shows your own e-mail at sign-up and in /users/me', async () => {
    expect((await request(t.server).get('/users/me').set(alice.auth).expect(200)).body).toEqual(userOut(alice));
    const res = await request(t.server).post('/users').send({ email: 'private-signup@example.com', password: 'password123' }).expect(201);
    expect(res.body.email).toBe('private-signup@example.com');
  });

  it("leaves the e-mail out of other owners' posts in every list, and keeps it in your own", async () => {
    const post = await createPost(t, alice);
    const mine = await createPost(t, bob);
    await request(t.server).put(`/profiles/${alice.username}/follow`).set(bob.auth).expect(200);
    const reads = [
      (await request(t.server).get(`/posts/${post.id}`).set(bob.auth).expect(200)).body,
      ...(await request(t.server).get('/posts?limit=100').set(bob.auth).expect(200)).body,
      ...(await request(t.server).get(`/profiles/${alice.username}/posts`).set(bob.auth).expect(200)).body,
      ...(await request(t.server).get('/timeline').set(bob.auth).expect(200)).body,
    ];
    for (const out of reads) {
      const owner = out.Post.owner;
      expect(owner).toEqual(owner.id === bob.id ? userOut(bob) : withoutEmail(alice));
    }
    expect(reads.map((r) => r.Post.id)).toEqual(expect.arrayContaining([post.id, mine.id]));
    expect(JSON.stringify(reads)).not.toContain(alice.email);
  });

  it('documents GET /users/{id} as needing the token', async () => {
    const doc = (await request(t.server).get('/openapi.json').expect(200)).body;
    expect(doc.paths['/users/{id}'].get.security).toBeUndefined();
    expect(doc.paths['/users'].post.security).toEqual([]);
  });
});
