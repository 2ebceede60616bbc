import request from 'supertest';
import { startTestApp, TestApp } from './test-app';

let sequence = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++sequence}`;

export interface TestUser {
  id: number;
  email: string;
  username: string;
  password: string;
  created_at: string;
}

/** The UserOut of a test user, as its owner (or anyone, with USER_EMAILS=public) sees it. */
export const userOut = ({ id, email, username, created_at }: TestUser) => ({ id, email, username, created_at });

export interface LoggedInUser extends TestUser {
  token: string;
  refreshToken: string;
  auth: { Authorization: string };
}

/** POST /login's answer. */
export interface TokenAnswer {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

export async function createUser(t: TestApp, fields: Partial<Pick<TestUser, 'email' | 'password' | 'username'>> = {}): Promise<TestUser> {
  const email = fields.email ?? `user-${unique()}@example.com`;
  const password = fields.password ?? 'password123';
  const res = await request(t.server).post('/users').send({ email, password, username: fields.username }).expect(201);
  return { ...res.body, password };
}

/** Logs in (a new session) and returns the whole answer. */
export async function logIn(t: TestApp, user: Pick<TestUser, 'email' | 'password'>, userAgent = 'jest'): Promise<TokenAnswer> {
  const res = await request(t.server).post('/login').set('User-Agent', userAgent).type('form').send({ username: user.email, password: user.password }).expect(200);
  return res.body;
}

/** Logs in and returns the access token. */
export async function loginAs(t: TestApp, user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  return (await logIn(t, user)).access_token;
}

/** The refresh grant of POST /login. */
export function refresh(t: TestApp, refreshToken: string) {
  return request(t.server).post('/login').type('form').send({ grant_type: 'refresh_token', refresh_token: refreshToken });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A new user, logged in. */
export async function createLoggedInUser(t: TestApp, fields: Partial<Pick<TestUser, 'email' | 'password' | 'username'>> = {}): Promise<LoggedInUser> {
  const user = await createUser(t, fields);
  const answer = await logIn(t, user);
  return { ...user, token: answer.access_token, refreshToken: answer.refresh_token, auth: bearer(answer.access_token) };
}

export interface TestPost {
  id: number;
  title: string;
  content: string;
  published: boolean;
  owner_id: number;
}

export async function createPost(
  t: TestApp,
  owner: LoggedInUser,
  fields: Partial<Pick<TestPost, 'title' | 'content' | 'published'>> = {},
): Promise<TestPost> {
  const body = { title: `title ${unique()}`, content: 'some content', ...fields };
  const res = await request(t.server).post('/posts').set(owner.auth).send(body).expect(201);
  return res.body;
}

export function vote(t: TestApp, voter: LoggedInUser, postId: number, dir: 0 | 1 = 1) {
  return request(t.server).post('/vote').set(voter.auth).send({ post_id: postId, dir });
}

/** PUT (or DELETE) /profiles/{username}/follow. */
export function follow(t: TestApp, follower: LoggedInUser, followee: Pick<TestUser, 'username'>, on = true) {
  return request(t.server)[on ? 'put' : 'delete'](`/profiles/${followee.username}/follow`).set(follower.auth);
}

/**
 * Polls `check` until it passes or `timeoutMs` runs out (then its last failure is
 * thrown): for what the contract lets happen shortly after an answer (a timeline fan-out).
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export { unique };

export interface AppWithTwoUsers {
  t: TestApp;
  alice: LoggedInUser;
  bob: LoggedInUser;
}

/** Starts the app with two logged-in users before the file's tests and closes it after them. */
export function useAppWithTwoUsers(): AppWithTwoUsers {
  const s = {} as AppWithTwoUsers;
  beforeAll(async () => {
    s.t = await startTestApp();
    [s.alice, s.bob] = await Promise.all([createLoggedInUser(s.t), createLoggedInUser(s.t)]);
  });
  afterAll(() => s.t.close());
  return s;
}
