import request from 'supertest';
import { createApiClient, fieldErrors, isHttpError, isValidationError, memoryTokenStore, pageInfo } from '../client/src/index';
import { createLoggedInUser, createPost, createUser, TestUser, userOut } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** The typed client (client/) against the real app, over HTTP with Node's fetch. */
describe('typed client', () => {
  let t: TestApp;
  let base: string;
  let user: TestUser;
  /** Every request the client sends, as "METHOD /path". */
  let sent: string[];
  const recordingFetch: typeof fetch = (input, init) => {
    const req = new Request(input, init);
    sent.push(`${req.method} ${new URL(req.url).pathname}`);
    return fetch(req);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    user = await createUser(t);
  });
  beforeEach(() => (sent = []));
  afterAll(async () => {
    await t.close();
  });

  it('logs in with the form grant and reads typed answers', async () => {
    const client = createApiClient({ baseUrl: base, fetch: recordingFetch });
    const pair = await client.login(user.email, user.password);
    expect(pair).toMatchObject({ token_type: 'bearer', refresh_token: expect.any(String) });
    const { data } = await client.api.GET('/users/me');
    expect(data).toEqual(userOut(user));
  });

  it('on a 401 refreshes once for all concurrent requests, retries each once, and the old refresh token is dead', async () => {
    const tokens = memoryTokenStore();
    const client = createApiClient({ baseUrl: base, tokens, fetch: recordingFetch });
    const first = await client.login(user.email, user.password);
    // An access token the server refuses (as an expired one would be).
    tokens.save({ ...first, access_token: `${first.access_token}x` });
    sent = [];
    const answers = await Promise.all([client.api.GET('/users/me'), client.api.GET('/posts'), client.api.GET('/users/me/sessions')]);
    expect(answers.map((a) => a.response.status)).toEqual([200, 200, 200]);
    expect(sent.filter((s) => s === 'POST /login')).toHaveLength(1);
    expect(sent).toHaveLength(3 + 1 + 3);
    expect(tokens.refreshToken()).not.toBe(first.refresh_token);
    // Rotation: the first refresh token was used; presenting it again ends the session.
    await request(t.server).post('/login').type('form').send({ grant_type: 'refresh_token', refresh_token: first.refresh_token }).expect(401, { detail: 'Invalid refresh token' });
    const ended = jest.fn();
    const stale = createApiClient({ baseUrl: base, tokens, fetch: recordingFetch, onSessionEnded: ended });
    tokens.save({ ...first, access_token: 'not-a-token', refresh_token: tokens.refreshToken()! });
    const { response, error } = await stale.api.GET('/users/me');
    expect(response.status).toBe(401);
    expect(isHttpError(error) && error.detail).toBe('Could not validate credentials');
    expect(ended).toHaveBeenCalledTimes(1);
    expect(tokens.refreshToken()).toBeUndefined();
  });

  it('resumes a session from a stored refresh token without a 401 first', async () => {
    const pair = await createApiClient({ baseUrl: base }).login(user.email, user.password);
    const client = createApiClient({ baseUrl: base, tokens: memoryTokenStore(pair.refresh_token), fetch: recordingFetch });
    expect((await client.api.GET('/users/me')).response.status).toBe(200);
    expect(sent).toEqual(['POST /login', 'GET /users/me']);
  });

  it('reads the paging headers and narrows the two error shapes', async () => {
    const author = await createLoggedInUser(t);
    for (let i = 0; i < 3; i++) await createPost(t, author, { title: `client paging ${i}` });
    const client = createApiClient({ baseUrl: base });
    await client.login(author.email, author.password);
    const page = await client.api.GET('/posts', { params: { query: { limit: 2, search: 'client paging' } } });
    expect(pageInfo(page.response)).toEqual({ totalCount: 3, totalCountCapped: false, nextCursor: expect.any(String) });
    const last = await client.api.GET('/posts', { params: { query: { limit: 2, search: 'client paging', cursor: pageInfo(page.response).nextCursor } } });
    expect(last.data?.map((p) => p.Post.title)).toEqual(['client paging 0']);
    expect(pageInfo(last.response).nextCursor).toBeUndefined();

    const invalid = await client.api.POST('/posts', { body: { title: '', content: 'x', published: true } });
    expect(invalid.response.status).toBe(422);
    expect(isValidationError(invalid.error)).toBe(true);
    expect(fieldErrors(invalid.error)).toEqual({ title: expect.any(String) });
    const missing = await client.api.GET('/posts/{id}', { params: { path: { id: 999999 } } });
    expect(isHttpError(missing.error) && missing.error.detail).toBe('post with id: 999999 was not found');
  });

  it('logs out: the session ends on the server and the tokens are forgotten', async () => {
    const tokens = memoryTokenStore();
    const client = createApiClient({ baseUrl: base, tokens });
    const pair = await client.login(user.email, user.password);
    await client.logout();
    expect(tokens.accessToken()).toBeUndefined();
    await request(t.server).get('/users/me').set('Authorization', `Bearer ${pair.access_token}`).expect(401);
  });
});
