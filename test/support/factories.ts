import request from 'supertest';
import { startTestApp, TestApp } from './test-app';

let sequence = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++sequence}`;

export interface TestUser {
  id: number;
  email: string;
  password: string;
  created_at: string;
}

export interface LoggedInUser extends TestUser {
  token: string;
  auth: { Authorization: string };
}

export async function createUser(t: TestApp, fields: Partial<Pick<TestUser, 'email' | 'password'>> = {}): Promise<TestUser> {
  const email = fields.email ?? `user-${unique()}@example.com`;
  const password = fields.password ?? 'password123';
  const res = await request(t.server).post('/users').send({ email, password }).expect(201);
  return { ...res.body, password };
}

export async function loginAs(t: TestApp, user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  const res = await request(t.server).post('/login').type('form').send({ username: user.email, password: user.password }).expect(200);
  return res.body.access_token;
}

/** A new user, logged in. */
export async function createLoggedInUser(t: TestApp): Promise<LoggedInUser> {
  const user = await createUser(t);
  const token = await loginAs(t, user);
  return { ...user, token, auth: { Authorization: `Bearer ${token}` } };
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
