import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { bearer, createLoggedInUser, createPost, createUser, eventually, follow, LoggedInUser, logIn, loginAs, TestUser } from '../support/factories';
import { linkIn, MailCatcher } from '../support/mail-catcher';
import { freePort } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The web app (web/, served at /app/) in Chromium, driven through what a person sees:
 * controls found by their labels and roles. Every page is checked for console errors,
 * requests to other hosts and (axe-core) serious or critical accessibility problems.
 * `npm run test:browser` builds the app first; UPDATE_SCREENSHOTS=1 also writes the
 * screenshots of docs/screenshots/.
 */
// The callbacks given to page.evaluate run in the page. The tests' tsconfig has no DOM library
// (it would retype Node's globals for every suite), so these are the few page globals they use.
declare const window: { innerWidth: number; scrollY: number; scrollTo(x: number, y: number): void; getComputedStyle(el: unknown): { borderTopColor: string }; dispatchEvent(event: unknown): void };
declare const document: {
  activeElement: unknown;
  body: { scrollHeight: number };
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): { length: number };
  getElementById(id: string): { textContent: string | null } | null;
};
declare const localStorage: { getItem(key: string): string | null };
declare const Event: new (type: string) => unknown;

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? join(__dirname, '../../docs/screenshots') : undefined;
/** Every flow runs at both. */
const VIEWPORTS = [
  ['desktop', { width: 1024, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const;
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

interface Problems {
  /** Console errors and uncaught exceptions (the browser's own lines about 4xx answers aside). */
  errors: string[];
  /** Requests to anything but the app's origin. */
  foreign: string[];
  /** Answers >= 500, and 404s of the app's own files. */
  failures: string[];
}

describe('web app in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let mail: MailCatcher;
  let opened: { context: BrowserContext; problems: Problems }[] = [];

  beforeAll(async () => {
    mail = await MailCatcher.start();
    const port = await freePort();
    // PASSWORD_RESET_URL is left at its default, http://localhost:<PORT>/app/reset-password.
    t = await startTestApp({ PORT: String(port), SMTP_URL: mail.url });
    await t.app.listen(port, '127.0.0.1');
    base = `http://localhost:${port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterEach(async () => {
    const found = opened.map((o) => o.problems);
    await Promise.all(opened.map((o) => o.context.close()));
    opened = [];
    for (const problems of found) expect(problems).toEqual({ errors: [], foreign: [], failures: [] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await mail?.close();
  });

  /** A new browser profile (its own localStorage) with one page, watched for problems. */
  /** The width the flows of the running describe block use. */
  let viewport: { width: number; height: number } = VIEWPORTS[0][1];
  async function open(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: Problems }> {
    const context = await browser.newContext({ colorScheme: 'light', viewport, ...options });
    const page = await context.newPage();
    // Shorter than Jest's 30 s for the test, so that a failure names the step that waited.
    page.setDefaultTimeout(10_000);
    const problems: Problems = { errors: [], foreign: [], failures: [] };
    page.on('console', (msg) => {
      // Chromium logs every 4xx answer ("Failed to load resource: ... status of 401"); the app expects those.
      if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) problems.errors.push(msg.text());
    });
    page.on('pageerror', (err) => problems.errors.push(String(err)));
    context.on('request', (req) => {
      if (!req.url().startsWith(`${base}/`) && !req.url().startsWith('data:')) problems.foreign.push(req.url());
    });
    context.on('response', (res) => {
      if (res.status() >= 500 || (res.status() === 404 && res.url().startsWith(`${base}/app/`))) problems.failures.push(`${res.status()} ${res.url()}`);
    });
    opened.push({ context, problems });
    return { page, problems };
  }

  /** axe-core in the page: no serious or critical violation. */
  async function expectAccessible(page: Page, what: string): Promise<void> {
    // Through the DevTools protocol, which the page's CSP does not govern (an inline <script> it would block).
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const { violations } = await axe.run();
      return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    expect({ what, violations: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).toEqual({ what, violations: [] });
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true, level: 1 }).waitFor();
  const article = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });
  const voteButton = (page: Page, title: string) => article(page, title).getByRole('button', { name: `Vote for ${title}` });

  /** What a control's error says (its aria-describedby text), and that it is marked invalid. */
  async function errorAt(control: Locator): Promise<string> {
    await control.and(control.page().locator('[aria-invalid="true"]')).waitFor();
    return control.evaluate((el: { getAttribute(name: string): string | null }) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
  }

  async function logInThroughForm(page: Page, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
    await page.goto(`${base}/app/login`);
    await page.getByLabel('Email', { exact: true }).fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await heading(page, 'Home');
  }

  /** A username no other test uses (3 to 30 of A-Z a-z 0-9 _). */
  let named = 0;
  const uname = (prefix: string) => `${prefix}_${(++named).toString(36)}${Date.now().toString(36).slice(-5)}`;

  const refreshTokenIn = (page: Page) => page.evaluate(() => localStorage.getItem('social.refresh_token'));

  describe.each(VIEWPORTS)('at %s width', (_, size) => {
    beforeAll(() => void (viewport = size));
    afterAll(() => void (viewport = VIEWPORTS[0][1]));

    it('signs up (the API’s 422 at the fields), stays logged in across a reload, logs out', async () => {
      const { page } = await open();
      await page.goto(`${base}/app/`);
      await heading(page, 'Log in');
      expect(new URL(page.url()).pathname).toBe('/app/login');
      await expectAccessible(page, 'login');
      await screenshot(page, 'login');

      await page.getByRole('link', { name: 'Create an account' }).click();
      await heading(page, 'Create an account');
      await page.getByLabel('Email', { exact: true }).fill('not-an-email');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Sign up' }).click();
      expect(await errorAt(page.getByLabel('Email', { exact: true }))).toMatch(/email/i);
      expect(await errorAt(page.getByLabel('Password', { exact: true }))).toMatch(/8/);
      await expectAccessible(page, 'sign-up with errors');

      const email = `browser-${Date.now()}@example.com`;
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill('password123');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await heading(page, 'Home');
      // A new account follows no one: the timeline says where to find people.
      await page.getByText('Your timeline is empty', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'everyone’s posts' }).waitFor();
      expect(await refreshTokenIn(page)).toBeTruthy();

      await page.reload();
      await heading(page, 'Home');
      await page.getByRole('button', { name: 'Log out' }).waitFor();

      const logout = page.waitForRequest((req) => req.url() === `${base}/logout` && req.method() === 'POST');
      await page.getByRole('button', { name: 'Log out' }).click();
      expect((await (await logout).response())?.status()).toBe(204);
      await heading(page, 'Log in');
      await page.getByText('You are logged out.').waitFor();
      expect(await refreshTokenIn(page)).toBeNull();
      await page.reload();
      await heading(page, 'Log in');
    });

    it('logs in (the refusal shown), writes, edits and deletes posts; a draft is its owner’s only', async () => {
      const user = await createUser(t);
      const { page } = await open();
      await page.goto(`${base}/app/login`);
      await page.getByLabel('Email', { exact: true }).fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill('wrong-password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').filter({ hasText: 'That email and password do not match an account.' }).waitFor();
      await logInThroughForm(page, user);

      await page.getByRole('link', { name: 'New post' }).click();
      await heading(page, 'New post');
      await page.getByRole('button', { name: 'Publish' }).click();
      expect(await errorAt(page.getByLabel('Title'))).toBe('This cannot be empty.');
      expect(await errorAt(page.getByLabel('Content'))).toBe('This cannot be empty.');
      // Marked for the eye too: the danger colour, not the ordinary border.
      expect(await page.getByLabel('Title').evaluate((el) => window.getComputedStyle(el).borderTopColor)).toBe('rgb(179, 38, 30)');
      await expectAccessible(page, 'editor with errors');

      await page.getByLabel('Title').fill('My first post');
      await page.getByLabel('Content').fill('Written in a browser.\nTwo lines.');
      await screenshot(page, 'post-editor');
      await page.getByRole('button', { name: 'Publish' }).click();
      await heading(page, 'Home');
      await page.getByRole('status').filter({ hasText: 'Your post was published.' }).waitFor();
      await article(page, 'My first post').getByText('0 votes').waitFor();

      await page.getByRole('link', { name: 'New post' }).click();
      await page.getByLabel('Title').fill('Secret draft');
      await page.getByLabel('Content').fill('Not yet.');
      await page.getByLabel('Published').uncheck();
      await page.getByRole('button', { name: 'Save draft' }).click();
      // Drafts are not in the timeline: the editor goes on to the author's profile, where they are.
      await heading(page, `@${user.username}`);
      await page.getByRole('status').filter({ hasText: 'Your post was saved as a draft' }).waitFor();
      await article(page, 'Secret draft').getByText('Draft', { exact: true }).waitFor();
      const other = await createLoggedInUser(t);
      const othersView = await request(t.server).get('/posts').query({ search: 'Secret draft' }).set(other.auth).expect(200);
      expect(othersView.body).toEqual([]);

      await article(page, 'My first post').getByRole('link', { name: 'Edit' }).click();
      await heading(page, 'Edit post');
      await page.getByLabel('Title').fill('My edited post');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await heading(page, 'Home');
      await article(page, 'My edited post').waitFor();
      expect(await article(page, 'My first post').count()).toBe(0);

      await article(page, 'My edited post').getByRole('button', { name: 'Delete' }).click();
      await article(page, 'My edited post').getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByRole('status').filter({ hasText: 'Post deleted.' }).waitFor();
      expect(await article(page, 'My edited post').count()).toBe(0);
      const mine = await request(t.server).get('/posts').set(bearer(await loginAs(t, user))).expect(200);
      const own = mine.body.filter((p: { Post: { owner_id: number } }) => p.Post.owner_id === user.id);
      expect(own.map((p: { Post: { title: string } }) => p.Post.title)).toEqual(['Secret draft']);
    });

    it('scrolls the feed page by page with X-Next-Cursor, and searches titles', async () => {
      const author = await createLoggedInUser(t);
      const titles: string[] = [];
      for (let i = 1; i <= 26; i++) {
        const title = `${i % 9 === 0 ? 'Needle' : 'Scroll'} post ${author.id}-${String(i).padStart(2, '0')}`;
        await createPost(t, author, { title });
        titles.unshift(title);
      }
      const { page } = await open();
      const feedRequests: URL[] = [];
      page.on('request', (req) => {
        if (req.url().startsWith(`${base}/posts?`)) feedRequests.push(new URL(req.url()));
      });
      await logInThroughForm(page, author);
      // This author's posts alone (the suite's other posts are in the feed too): a search, by its address.
      const mine = `post ${author.id}-`;
      feedRequests.length = 0;
      await page.goto(`${base}/app/all?${new URLSearchParams({ search: mine })}`);
      await heading(page, 'Everyone’s posts');
      await page.getByText(`26 posts matching “${mine}”`, { exact: true }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('article').length === 10);

      // Scrolling to the end of the list loads the next pages, until the last.
      while (!(await page.getByText('You have reached the end.').isVisible())) {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.waitForTimeout(100);
      }
      const shown = await page.getByRole('article').evaluateAll((els) => els.map((el) => el.querySelector('h2')?.textContent));
      expect(shown).toEqual(titles);
      expect(feedRequests.map((url) => [url.searchParams.get('limit'), url.searchParams.get('search')])).toEqual([
        ['10', mine],
        ['10', mine],
        ['10', mine],
      ]);
      expect(feedRequests[0].searchParams.has('cursor')).toBe(false);
      expect(feedRequests[1].searchParams.get('cursor')).toBeTruthy();
      expect(feedRequests[2].searchParams.get('cursor')).not.toBe(feedRequests[1].searchParams.get('cursor'));

      // A search from the box goes into the address: it survives a reload, and Back undoes it.
      await page.getByRole('searchbox', { name: 'Search titles' }).fill(`needle post ${author.id}-`);
      await page.getByRole('searchbox', { name: 'Search titles' }).press('Enter');
      await page.getByText(/^2 posts matching/).waitFor();
      expect(new URL(page.url()).searchParams.get('search')).toBe(`needle post ${author.id}-`);
      const needles = titles.filter((t) => t.startsWith('Needle'));
      const shownTitles = () => page.getByRole('article').evaluateAll((els) => els.map((el) => el.querySelector('h2')?.textContent));
      await page.waitForFunction(() => document.querySelectorAll('article').length === 2);
      expect(await shownTitles()).toEqual(needles);
      await page.reload();
      await page.getByText(/^2 posts matching/).waitFor();
      expect(await page.getByRole('searchbox', { name: 'Search titles' }).inputValue()).toBe(`needle post ${author.id}-`);
      await page.goBack();
      await page.getByText(`26 posts matching “${mine}”`, { exact: true }).waitFor();
      expect(await page.getByRole('searchbox', { name: 'Search titles' }).inputValue()).toBe(mine);
      await page.goForward();
      await page.waitForFunction(() => document.querySelectorAll('article').length === 2);
      expect(await shownTitles()).toEqual(needles);
      await expectAccessible(page, 'feed after a search');
    });

    it('vote button: shows the viewer’s vote, updates at once, rolls back when the server refuses', async () => {
      const author = await createLoggedInUser(t);
      const title = `Vote on me ${author.id}`;
      const post = await createPost(t, author, { title });
      const voter = await createUser(t);
      const { page, problems } = await open();
      // The voter follows no one: the post is in everyone's posts, not their timeline.
      await logInThroughForm(page, voter);
      await page.getByRole('link', { name: 'Everyone', exact: true }).click();
      await heading(page, 'Everyone’s posts');

      const button = voteButton(page, title);
      expect(await button.getAttribute('aria-pressed')).toBe('false');
      await article(page, title).getByText('0 votes').waitFor();
      const put = page.waitForResponse((res) => res.url() === `${base}/posts/${post.id}/vote` && res.request().method() === 'PUT');
      await button.click();
      await article(page, title).getByText('1 vote', { exact: true }).waitFor();
      expect(await button.getAttribute('aria-pressed')).toBe('true');
      expect((await put).status()).toBe(200);

      // The server's `voted` after a reload, not the page's memory.
      await page.reload();
      await heading(page, 'Everyone’s posts');
      expect(await voteButton(page, title).getAttribute('aria-pressed')).toBe('true');
      await article(page, title).getByText('1 vote', { exact: true }).waitFor();
      const deleted = page.waitForResponse((res) => res.url() === `${base}/posts/${post.id}/vote` && res.request().method() === 'DELETE');
      await voteButton(page, title).click();
      await article(page, title).getByText('0 votes').waitFor();
      expect((await deleted).status()).toBe(200);

      // The server fails: the vote shows at once, then goes back, with a message.
      let release!: () => void;
      const held = new Promise<void>((done) => (release = done));
      await page.route(`${base}/posts/${post.id}/vote`, async (route) => {
        await held;
        await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ detail: 'Service Unavailable' }) });
      });
      await voteButton(page, title).click();
      await article(page, title).getByText('1 vote', { exact: true }).waitFor();
      expect(await voteButton(page, title).getAttribute('aria-pressed')).toBe('true');
      release();
      await article(page, title).getByRole('alert').filter({ hasText: 'Your vote was not saved' }).waitFor();
      await article(page, title).getByText('0 votes').waitFor();
      expect(await voteButton(page, title).getAttribute('aria-pressed')).toBe('false');
      // The one failure is the one made here (and Chromium's console line about it).
      expect(problems.failures).toEqual([`503 ${base}/posts/${post.id}/vote`]);
      expect(problems.errors).toEqual([expect.stringContaining('status of 503')]);
      problems.failures.length = problems.errors.length = 0;
      const stored = await request(t.server).get(`/posts/${post.id}`).set(bearer(await loginAs(t, voter))).expect(200);
      expect(stored.body).toMatchObject({ votes: 0, voted: false });
    });

    it('works with the keyboard alone: log in, vote', async () => {
      const author = await createLoggedInUser(t);
      const title = `Keyboard post ${author.id}`;
      await createPost(t, author, { title });
      const { page } = await open();
      await page.goto(`${base}/app/login?next=%2Fall`);
      await heading(page, 'Log in');
      /** Tab until the control is focused (at most 40 stops). */
      const tabTo = async (control: Locator) => {
        for (let i = 0; i < 40; i++) {
          if (await control.evaluate((el) => el === document.activeElement)) return;
          await page.keyboard.press('Tab');
        }
        throw new Error(`${control} is not reachable with Tab`);
      };
      await tabTo(page.getByLabel('Email', { exact: true }));
      await page.keyboard.type(author.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(author.password);
      await page.keyboard.press('Enter');
      await heading(page, 'Everyone’s posts');
      await tabTo(voteButton(page, title));
      await page.keyboard.press('Space');
      await article(page, title).getByText('1 vote', { exact: true }).waitFor();
      expect(await voteButton(page, title).getAttribute('aria-pressed')).toBe('true');
    });

    it('sessions: lists the devices, logs out another one, which finds itself logged out', async () => {
      const user = await createUser(t);
      const laptop = await open();
      const phone = await open({ userAgent: IPHONE, viewport: { width: 390, height: 844 } });
      await logInThroughForm(laptop.page, user);
      await logInThroughForm(phone.page, user);

      await laptop.page.getByRole('link', { name: 'Account' }).click();
      await heading(laptop.page, 'Your account');
      const sessions = laptop.page.getByRole('list').filter({ has: laptop.page.getByRole('button', { name: /Log out th/ }) }).getByRole('listitem');
      await laptop.page.waitForFunction(() => document.querySelectorAll('.sessions li').length === 2);
      const thisDevice = sessions.filter({ hasText: 'This device' });
      const iphone = sessions.filter({ hasText: 'Safari on iPhone' });
      expect(await thisDevice.count()).toBe(1);
      await thisDevice.getByRole('button', { name: 'Log out this device' }).waitFor();
      await expectAccessible(laptop.page, 'account');
      await screenshot(laptop.page, 'sessions');

      await iphone.getByRole('button', { name: 'Log out that device' }).click();
      await laptop.page.getByRole('status').filter({ hasText: 'Safari on iPhone is logged out.' }).waitFor();
      await laptop.page.waitForFunction(() => document.querySelectorAll('.sessions li').length === 1);

      // The phone is told at once (its live stream's session.ended, or, had the stream been
      // down, its reconnect refused with the refresh token): back to the login page, untouched.
      await heading(phone.page, 'Log in');
      await phone.page.getByText('Your session has ended. Please log in again.').waitFor();
      expect(await refreshTokenIn(phone.page)).toBeNull();

      await thisDevice.getByRole('button', { name: 'Log out this device' }).click();
      await heading(laptop.page, 'Log in');
      await laptop.page.getByText('You have logged out of this device.').waitFor();
      const left = await request(t.server).get('/users/me/sessions').set(bearer(await loginAs(t, user))).expect(200);
      expect(left.body).toHaveLength(1);
    });

    it('tabs share one session: each resumes it with the rotating refresh token, a log-out in one ends both', async () => {
      const user = await createUser(t);
      const { page: first, problems } = await open();
      await logInThroughForm(first, user);
      const second = await first.context().newPage();
      second.on('pageerror', (err) => problems.errors.push(String(err)));
      second.setDefaultTimeout(10_000);
      // The second tab has no access token: it refreshes, and the stored refresh token rotates.
      const before = await refreshTokenIn(first);
      await second.goto(`${base}/app/`);
      await heading(second, 'Home');
      expect(await refreshTokenIn(second)).not.toBe(before);
      // The first tab reloads with the token the second saved: no reuse, the session lives on.
      await first.reload();
      await heading(first, 'Home');
      await second.getByRole('link', { name: 'Account' }).click();
      await heading(second, 'Your account');
      await second.waitForFunction(() => document.querySelectorAll('.sessions li').length === 1);

      await second.getByRole('button', { name: 'Log out', exact: true }).click();
      await heading(second, 'Log in');
      await heading(first, 'Log in');
      await first.getByText('Your session has ended. Please log in again.').waitFor();
    });

    it('changes the password, then deletes the account', async () => {
      const user = await createUser(t);
      const { page } = await open();
      await logInThroughForm(page, user);
      // Another device, which the password change logs out.
      await logIn(t, user, IPHONE);
      await page.getByRole('link', { name: 'Account' }).click();
      await heading(page, 'Your account');
      await page.waitForFunction(() => document.querySelectorAll('.sessions li').length === 2);

      await page.getByLabel('Current password').fill('not-my-password');
      await page.getByLabel('New password').fill('a-new-password');
      await page.getByRole('button', { name: 'Change password' }).click();
      expect(await errorAt(page.getByLabel('Current password'))).toBe('That is not your current password.');
      await page.getByLabel('Current password').fill(user.password);
      await page.getByLabel('New password').fill('short');
      await page.getByRole('button', { name: 'Change password' }).click();
      expect(await errorAt(page.getByLabel('New password'))).toMatch(/8/);
      await page.getByLabel('New password').fill('a-new-password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
      // The list follows: only this device is left.
      await page.waitForFunction(() => document.querySelectorAll('.sessions li').length === 1);
      const login = (password: string) => request(t.server).post('/login').type('form').send({ username: user.email, password });
      expect((await login(user.password)).status).toBe(403);
      expect((await login('a-new-password')).status).toBe(200);

      await page.getByLabel('Password to confirm').fill('wrong-password');
      await page.getByRole('button', { name: 'Delete my account' }).click();
      expect(await errorAt(page.getByLabel('Password to confirm'))).toBe('That is not your password.');
      await page.getByLabel('Password to confirm').fill('a-new-password');
      await page.getByRole('button', { name: 'Delete my account' }).click();
      await heading(page, 'Log in');
      await page.getByText('Your account and your posts have been deleted.').waitFor();
      expect((await login('a-new-password')).status).toBe(403);
      await request(t.server).get(`/users/${user.id}`).expect(404);
    });

    it('forgot password: the mailed link opens the reset page, the new password works, the link only once', async () => {
      const user = await createUser(t);
      const { page } = await open();
      await page.goto(`${base}/app/login`);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await heading(page, 'Forgot your password?');
      await expectAccessible(page, 'forgot password');
      await page.getByLabel('Email', { exact: true }).fill(user.email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByRole('status').filter({ hasText: 'If the address is registered, a reset link has been sent' }).waitFor();

      const link = linkIn(await mail.nextMailTo(user.email));
      expect(`${link.origin}${link.pathname}`).toBe(`${base}/app/reset-password`);
      await page.goto(link.href);
      await heading(page, 'Choose a new password');
      await expectAccessible(page, 'reset password');
      await page.getByLabel('New password').fill('short');
      await page.getByRole('button', { name: 'Set new password' }).click();
      expect(await errorAt(page.getByLabel('New password'))).toMatch(/8/);
      await page.getByLabel('New password').fill('reset-in-browser');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await heading(page, 'Log in');
      await page.getByText('Your password has been changed. Log in with the new one.').waitFor();
      await logInThroughForm(page, { email: user.email, password: 'reset-in-browser' });

      await page.goto(link.href);
      await page.getByLabel('New password').fill('another-password');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByRole('alert').filter({ hasText: 'This reset link is invalid or has expired.' }).waitFor();
    });

    it('a post has its own page: links in its text, its time, a vote that the feed shows on Back, its scroll kept', async () => {
      const author = await createLoggedInUser(t);
      for (let i = 1; i <= 14; i++) await createPost(t, author, { title: `Filler ${author.id}-${i}` });
      const title = `Linked post ${author.id}`;
      const content = 'Read https://example.com/guide?a=1. Not javascript:alert(1), not ftp://example.com/file, but (http://example.org/x) too.';
      const post = await createPost(t, author, { title, content });
      for (let i = 15; i <= 24; i++) await createPost(t, author, { title: `Filler ${author.id}-${i}` });
      const { page } = await open();
      const feedRequests: string[] = [];
      page.on('request', (req) => req.url().startsWith(`${base}/timeline?`) && feedRequests.push(req.url()));
      await logInThroughForm(page, author);
      // The post is on the second page: scroll to it.
      while (!(await article(page, title).count())) {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.waitForTimeout(100);
      }
      const card = article(page, title);
      await card.scrollIntoViewIfNeeded();
      const links = card.getByRole('link');
      expect(await links.evaluateAll((els) => els.map((el) => [el.textContent, el.getAttribute('href'), el.getAttribute('rel')]))).toEqual([
        [title, `/app/posts/${post.id}`, null],
        [`@${author.username}`, `/app/@${author.username}`, null],
        ['https://example.com/guide?a=1', 'https://example.com/guide?a=1', 'noopener noreferrer'],
        ['http://example.org/x', 'http://example.org/x', 'noopener noreferrer'],
        [`0 comments on ${title}`, `/app/posts/${post.id}`, null],
        ['Edit', `/app/posts/${post.id}/edit`, null],
      ]);
      expect(await card.locator('.content').textContent()).toBe(content);
      const time = card.locator('time');
      expect(await time.textContent()).toMatch(/^(just now|\d+ minutes? ago)$/);
      expect(await time.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await time.getAttribute('title')).toMatch(/\d{4}/);

      const scrolled = await page.evaluate(() => window.scrollY);
      expect(scrolled).toBeGreaterThan(200);
      const requestsBefore = feedRequests.length;
      await card.getByRole('link', { name: title, exact: true }).click();
      await heading(page, title);
      expect(new URL(page.url()).pathname).toBe(`/app/posts/${post.id}`);
      await expectAccessible(page, 'post page');
      await voteButton(page, title).click();
      await page.getByText('1 vote', { exact: true }).waitFor();

      // Back: the feed as it was left (no page loaded again), at the same place, with the vote.
      await page.goBack();
      await heading(page, 'Home');
      await article(page, title).getByText('1 vote', { exact: true }).waitFor();
      expect(await voteButton(page, title).getAttribute('aria-pressed')).toBe('true');
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled);
      expect(feedRequests.length).toBe(requestsBefore);

      // The address works on its own (a reload, a shared link).
      await page.goto(`${base}/app/posts/${post.id}`);
      await heading(page, title);
      await page.goto(`${base}/app/posts/999999`);
      await page.getByRole('alert').filter({ hasText: 'This post does not exist any more, or it is not shared with you.' }).waitFor();
    });

    it('Account and Back: the loaded feed and its scroll position are kept', async () => {
      const author = await createLoggedInUser(t);
      for (let i = 1; i <= 25; i++) await createPost(t, author, { title: `Keep ${author.id}-${i}` });
      const { page } = await open();
      await logInThroughForm(page, author);
      // The first page must be on screen before the scroll, or the scroll reaches no end of the list to load more from.
      await page.waitForFunction(() => document.querySelectorAll('article').length === 10);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(() => document.querySelectorAll('article').length === 20);
      await page.evaluate(() => window.scrollTo(0, 900));
      const scrolled = await page.evaluate(() => window.scrollY);
      await page.getByRole('link', { name: 'Account' }).click();
      await heading(page, 'Your account');
      await page.goBack();
      await heading(page, 'Home');
      expect(await page.getByRole('article').count()).toBe(20);
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled);
    });

    it('a notice goes at the next action; a failed page says so in words, and "Try again" loads it', async () => {
      const author = await createLoggedInUser(t);
      for (let i = 1; i <= 12; i++) await createPost(t, author, { title: `Page ${author.id}-${i}` });
      const { page, problems } = await open();
      await logInThroughForm(page, author);
      await page.getByRole('link', { name: 'New post' }).click();
      await page.getByLabel('Title').fill(`Fresh ${author.id}`);
      await page.getByLabel('Content').fill('New.');
      await page.getByRole('button', { name: 'Publish' }).click();
      const published = page.getByRole('status').filter({ hasText: 'Your post was published.' });
      await published.waitFor();
      await voteButton(page, `Fresh ${author.id}`).click();
      await published.waitFor({ state: 'detached' });
      await page.reload();
      await heading(page, 'Home');
      expect(await page.getByText('Your post was published.').count()).toBe(0);

      // The second page fails with a 500: a sentence for a person, and a way to try again.
      await page.route(`${base}/timeline?*cursor=*`, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ detail: 'Internal Server Error' }) }));
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.getByRole('alert').filter({ hasText: 'The posts could not be loaded: something went wrong on our side. Try again in a moment.' }).waitFor();
      expect(await page.getByText('Internal Server Error').count()).toBe(0);
      await expectAccessible(page, 'feed with a failed page');
      await page.unroute(`${base}/timeline?*cursor=*`);
      await page.getByRole('button', { name: 'Try again' }).click();
      // The author's 13 posts: the timeline has no one else's.
      await page.waitForFunction(() => document.querySelectorAll('article').length === 13);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(problems.failures).toEqual([expect.stringMatching(/^500 .*cursor=/)]);
      expect(problems.errors).toEqual([expect.stringContaining('status of 500')]);
      problems.failures.length = problems.errors.length = 0;
    });

    it('asks before leaving unsaved text in the editor, and before logging out everywhere', async () => {
      const user = await createUser(t);
      const { page } = await open();
      await logInThroughForm(page, user);
      await page.getByRole('link', { name: 'Write' }).click();
      await heading(page, 'New post');
      await page.getByLabel('Content').fill('Half a thought');
      const dialogs: string[] = [];
      page.once('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
      await page.getByRole('link', { name: 'Account' }).click();
      expect(dialogs).toEqual(['Leave this page? Your changes to the post are not saved.']);
      await heading(page, 'New post');
      expect(await page.getByLabel('Content').inputValue()).toBe('Half a thought');
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('link', { name: 'Account' }).click();
      await heading(page, 'Your account');

      await page.getByRole('button', { name: 'Log out everywhere' }).click();
      const confirm = page.getByRole('group', { name: 'Log out everywhere?' });
      await expectAccessible(page, 'account, asking to log out everywhere');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await heading(page, 'Your account');
      await page.getByRole('button', { name: 'Log out everywhere' }).click();
      await confirm.getByRole('button', { name: 'Yes, log out everywhere' }).click();
      await heading(page, 'Log in');
      await page.getByText('You have logged out everywhere.').waitFor();
    });

    it('profiles: found from a post, follow at once (back on a refusal), the timeline, followers and following, a missing one, your own', async () => {
      const author = await createLoggedInUser(t, { username: uname('author') });
      await request(t.server).patch('/users/me').set(author.auth).send({ display_name: 'Ada Author', bio: 'Writes about paging.\nSee https://example.com/ada' }).expect(200);
      const title = `By the author ${author.id}`;
      await createPost(t, author, { title });
      const viewer = await createLoggedInUser(t, { username: uname('viewer') });
      const { page, problems } = await open();
      await logInThroughForm(page, viewer);

      // An empty timeline points to everyone's posts; the author's name there opens the profile.
      await page.getByRole('link', { name: 'everyone’s posts' }).click();
      await heading(page, 'Everyone’s posts');
      await article(page, title).getByRole('link', { name: `@${author.username}` }).click();
      await heading(page, 'Ada Author');
      expect(new URL(page.url()).pathname).toBe(`/app/@${author.username}`);
      expect(await page.getByRole('region', { name: 'Ada Author' }).locator('.username').textContent()).toBe(`@${author.username}`);
      await page.getByText('Writes about paging.', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'https://example.com/ada' }).waitFor();
      const tabs = page.getByRole('navigation', { name: `@${author.username}’s posts and people` });
      await tabs.getByRole('link', { name: '1 post', exact: true }).waitFor();
      await tabs.getByRole('link', { name: '0 followers', exact: true }).waitFor();
      await tabs.getByRole('link', { name: '0 following', exact: true }).waitFor();
      await article(page, title).waitFor();
      await expectAccessible(page, 'profile');
      if (viewport.width > 500) await screenshot(page, 'profile');

      // The server refuses: the follow shows at once, then goes back with a message.
      await page.route(`${base}/profiles/${author.username}/follow`, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ detail: 'Service Unavailable' }) }));
      await page.getByRole('button', { name: 'Follow', exact: false }).click();
      await page.getByRole('alert').filter({ hasText: 'You could not follow them: the service is unavailable for a moment.' }).waitFor();
      await tabs.getByRole('link', { name: '0 followers', exact: true }).waitFor();
      await page.getByRole('button', { name: `Follow @${author.username}`, exact: true }).waitFor();
      expect(problems.failures).toEqual([`503 ${base}/profiles/${author.username}/follow`]);
      problems.failures.length = problems.errors.length = 0;
      await page.unroute(`${base}/profiles/${author.username}/follow`);

      const put = page.waitForResponse((res) => res.url() === `${base}/profiles/${author.username}/follow` && res.request().method() === 'PUT');
      await page.getByRole('button', { name: `Follow @${author.username}`, exact: true }).click();
      await page.getByRole('button', { name: `Unfollow @${author.username}`, exact: true }).waitFor();
      await tabs.getByRole('link', { name: '1 follower', exact: true }).waitFor();
      expect((await put).status()).toBe(200);

      // The timeline has the author's post once the follow has reached it (within a second).
      await eventually(async () => expect((await request(t.server).get('/timeline').set(viewer.auth).expect(200)).body).toHaveLength(1));
      await page.getByRole('link', { name: 'Home' }).click();
      await heading(page, 'Home');
      await article(page, title).waitFor();
      await article(page, title).getByRole('link', { name: `@${author.username}` }).click();
      await heading(page, 'Ada Author');

      await tabs.getByRole('link', { name: '1 follower', exact: true }).click();
      expect(new URL(page.url()).pathname).toBe(`/app/@${author.username}/followers`);
      const followers = page.getByRole('list', { name: `People who follow @${author.username}` });
      await followers.getByRole('link', { name: `@${viewer.username}` }).waitFor();
      await expectAccessible(page, 'followers');
      await tabs.getByRole('link', { name: '0 following', exact: true }).click();
      await page.getByText(`@${author.username} does not follow anyone yet.`).waitFor();

      await page.getByRole('button', { name: `Unfollow @${author.username}`, exact: true }).click();
      await tabs.getByRole('link', { name: '0 followers', exact: true }).waitFor();
      await page.getByRole('button', { name: `Follow @${author.username}`, exact: true }).waitFor();
      await eventually(async () => expect((await request(t.server).get(`/profiles/${author.username}`).set(viewer.auth).expect(200)).body.followed).toBe(false));

      // Your own profile: a link to the settings, no Follow.
      await page.getByRole('link', { name: 'Profile', exact: true }).click();
      await heading(page, `@${viewer.username}`);
      expect(await page.getByRole('button', { name: /Follow/ }).count()).toBe(0);
      await page.getByText('You have not written a post yet.').waitFor();
      await page.getByRole('link', { name: 'Edit your profile' }).click();
      await heading(page, 'Your account');

      // Nobody by that name: a page that says so.
      await page.goto(`${base}/app/@nobody_${author.id}`);
      await heading(page, 'No such profile');
      await page.getByText(`No one has the username @nobody_${author.id}.`, { exact: false }).waitFor();
      await expectAccessible(page, 'missing profile');
    });

    it('blocks: asks first, hides their posts, unblocks from the settings', async () => {
      const troll = await createLoggedInUser(t, { username: uname('troll') });
      const title = `Troll post ${troll.id}`;
      await createPost(t, troll, { title });
      const viewer = await createLoggedInUser(t, { username: uname('calm') });
      await follow(t, viewer, troll).expect(200);
      const { page } = await open();
      await logInThroughForm(page, viewer);
      await page.goto(`${base}/app/@${troll.username}`);
      await heading(page, `@${troll.username}`);
      await page.getByRole('button', { name: `Unfollow @${troll.username}`, exact: true }).waitFor();

      await page.getByRole('button', { name: `Block @${troll.username}` }).click();
      const confirm = page.getByRole('group', { name: `Block @${troll.username}?` });
      await confirm.getByText('You stop following each other', { exact: false }).waitFor();
      await expectAccessible(page, 'profile, asking to block');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      expect((await request(t.server).get('/users/me/blocks').set(viewer.auth).expect(200)).body).toEqual([]);
      await page.getByRole('button', { name: `Block @${troll.username}` }).click();
      await confirm.getByRole('button', { name: 'Yes, block' }).click();
      await page.getByText(`You blocked @${troll.username}`, { exact: false }).waitFor();
      await page.getByRole('button', { name: `Unblock @${troll.username}` }).waitFor();
      // The block ended the follow: no Follow button, and their posts are gone for you.
      expect(await page.getByRole('button', { name: /Follow/ }).count()).toBe(0);
      await page.getByText(`@${troll.username} has not written a post yet.`).waitFor();
      await page.goto(`${base}/app/all?${new URLSearchParams({ search: title })}`);
      await page.getByText('No post has that in its title.').waitFor();

      await page.getByRole('link', { name: 'Account' }).click();
      await heading(page, 'Your account');
      const blocked = page.getByRole('list', { name: 'Blocked accounts' });
      await blocked.getByRole('link', { name: `@${troll.username}` }).waitFor();
      await expectAccessible(page, 'account with a blocked account');
      await blocked.getByRole('button', { name: `Unblock @${troll.username}` }).click();
      await page.getByText('You have not blocked anyone.', { exact: false }).waitFor();
      expect((await request(t.server).get('/users/me/blocks').set(viewer.auth).expect(200)).body).toEqual([]);
    });

    it('a post’s comments: write (the 422 at its field), reply, edit (marked edited), delete; its voters', async () => {
      const author = await createLoggedInUser(t, { username: uname('poster') });
      const title = `Talk about it ${author.id}`;
      const post = await createPost(t, author, { title });
      await request(t.server).post(`/posts/${post.id}/comments`).set(author.auth).send({ content: 'Thanks for reading.' }).expect(201);
      const viewer = await createLoggedInUser(t, { username: uname('reader') });
      const { page } = await open();
      await logInThroughForm(page, viewer);
      await page.goto(`${base}/app/posts/${post.id}`);
      await heading(page, title);
      await page.getByRole('heading', { name: '1 comment', exact: true }).waitFor();
      const comments = page.getByRole('list', { name: 'Comments', exact: true });
      const byAuthor = comments.getByRole('article', { name: `Comment by @${author.username}` });
      await byAuthor.getByText('Thanks for reading.').waitFor();
      await page.getByText('No votes yet.').waitFor();

      await page.getByRole('button', { name: 'Comment', exact: true }).click();
      expect(await errorAt(page.getByLabel('Write a comment'))).toBe('This cannot be empty.');
      await expectAccessible(page, 'post page, comment with an error');
      await page.getByLabel('Write a comment').fill('First thought.');
      await page.getByRole('button', { name: 'Comment', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Your comment was added.' }).waitFor();
      const mine = comments.getByRole('article', { name: `Comment by @${viewer.username}` });
      await mine.getByText('First thought.').waitFor();
      await page.getByRole('heading', { name: '2 comments', exact: true }).waitFor();
      expect(await page.getByLabel('Write a comment').inputValue()).toBe('');

      // A reply, one level deep, under the comment it answers.
      await byAuthor.getByRole('button', { name: `Reply to @${author.username}` }).click();
      await page.getByLabel(`Your reply to @${author.username}`).fill('You are welcome.');
      await byAuthor.getByRole('button', { name: 'Reply', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Your reply was added.' }).waitFor();
      const replies = page.getByRole('list', { name: `Replies to @${author.username}` });
      await replies.getByRole('article', { name: `Reply by @${viewer.username}` }).getByText('You are welcome.').waitFor();
      await page.getByRole('heading', { name: '3 comments', exact: true }).waitFor();
      const stored = await request(t.server).get(`/posts/${post.id}/comments`).set(viewer.auth).expect(200);
      expect(stored.body.find((c: { owner: { username: string } }) => c.owner.username === author.username).replies).toBe(1);

      // Edit: the new text, marked edited (the exact time on hover).
      await mine.getByRole('button', { name: 'Edit your comment' }).click();
      await page.getByLabel('Edit your comment').fill('Second thought.');
      await mine.getByRole('button', { name: 'Save comment' }).click();
      await mine.getByText('Second thought.').waitFor();
      const edited = mine.locator('.edited time');
      await edited.waitFor();
      expect(await edited.getAttribute('title')).toMatch(/\d{4}/);
      await mine.getByText('edited', { exact: false }).waitFor();
      await expectAccessible(page, 'post page with comments and replies');
      if (viewport.width > 500) await screenshot(page, 'post-comments');

      // Delete, after a confirmation.
      await mine.getByRole('button', { name: 'Delete this comment' }).click();
      await mine.getByRole('group', { name: 'Delete this comment?' }).getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByRole('status').filter({ hasText: 'Comment deleted.' }).waitFor();
      await mine.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: '2 comments', exact: true }).waitFor();

      // Voters: the vote shows in the list of who voted.
      await voteButton(page, title).click();
      await page.getByRole('list', { name: 'Voters' }).getByRole('link', { name: `@${viewer.username}` }).waitFor();
      // The author's comment is not the reader's: no Edit, no Delete on it.
      expect(await byAuthor.locator(':scope > .comment-actions').getByRole('button').allTextContents()).toEqual([`Reply to @${author.username}`]);
    });

    it('notifications: the unread count in the navigation, the list, marking them read, a new one on focus', async () => {
      const me = await createLoggedInUser(t, { username: uname('noted') });
      const fan = await createLoggedInUser(t, { username: uname('fan') });
      const title = `Notable ${me.id}`;
      const post = await createPost(t, me, { title });
      await follow(t, fan, me).expect(200);
      await request(t.server).put(`/posts/${post.id}/vote`).set(fan.auth).expect(200);
      await request(t.server).post(`/posts/${post.id}/comments`).set(fan.auth).send({ content: 'Great post.' }).expect(201);
      const { page } = await open();
      await logInThroughForm(page, me);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Notifications 3 unread', exact: true }).click();
      await heading(page, 'Notifications');
      const list = page.getByRole('list', { name: 'Notifications' });
      const items = list.getByRole('listitem');
      await page.waitForFunction(() => document.querySelectorAll('.notifications li').length === 3);
      expect((await items.allTextContents()).map((text) => text.replace(/\s+/g, ' ').replace(/ (just now|\d+ minutes? ago)$/, ''))).toEqual([
        `New @${fan.username} commented on your post “${title}”: Great post.`,
        `New @${fan.username} voted on your post “${title}”.`,
        `New @${fan.username} followed you.`,
      ]);
      await expectAccessible(page, 'notifications');
      if (viewport.width > 500) await screenshot(page, 'notifications');

      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await nav.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Mark all as read' }).waitFor({ state: 'detached' });
      expect(await list.getByText('New', { exact: true }).count()).toBe(0);
      expect((await request(t.server).get('/notifications/unread').set(me.auth).expect(200)).body).toEqual({ count: 0 });

      // A new one: the count is read again when the window gets the focus back.
      const other = await createLoggedInUser(t, { username: uname('newfan') });
      await follow(t, other, me).expect(200);
      await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
      await nav.getByRole('link', { name: 'Notifications 1 unread', exact: true }).waitFor();
      await list.getByRole('link', { name: `“${title}”` }).first().click();
      await heading(page, title);
    });

    it('settings: username, display name and bio, each problem at its field (a taken username too)', async () => {
      const taken = await createUser(t, { username: uname('taken') });
      const user = await createUser(t, { username: uname('plain') });
      const { page } = await open();
      await logInThroughForm(page, user);
      await page.getByRole('link', { name: 'Account' }).click();
      await heading(page, 'Your account');
      const username = page.getByLabel('Username');
      expect(await username.inputValue()).toBe(user.username);
      await username.fill('two words');
      await page.getByRole('button', { name: 'Save profile' }).click();
      // After the field's hint ("3 to 30 letters, digits or _. ...").
      expect(await errorAt(username)).toMatch(/ Use only letters \(A–Z\), digits and _, without spaces\.$/);
      await username.fill(taken.username.toUpperCase());
      await page.getByRole('button', { name: 'Save profile' }).click();
      expect(await errorAt(username)).toMatch(/ This username is taken\. Choose another one\.$/);
      await expectAccessible(page, 'account, a taken username');

      const renamed = uname('renamed');
      await username.fill(renamed);
      await page.getByLabel('Display name').fill('Grace Renamed');
      await page.getByLabel('Bio').fill('Compilers, mostly.');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByRole('status').filter({ hasText: 'Your profile was saved.' }).waitFor();
      await page.getByRole('link', { name: 'Profile', exact: true }).click();
      await heading(page, 'Grace Renamed');
      expect(new URL(page.url()).pathname).toBe(`/app/@${renamed}`);
      expect(await page.getByRole('region', { name: 'Grace Renamed' }).locator('.username').textContent()).toBe(`@${renamed}`);
      await page.getByText('Compilers, mostly.').waitFor();
      const me = await request(t.server).get(`/profiles/${renamed}`).set(bearer(await loginAs(t, user))).expect(200);
      expect(me.body).toMatchObject({ username: renamed, display_name: 'Grace Renamed', bio: 'Compilers, mostly.' });
    });

    it('after logging in, goes on to the page that was asked for', async () => {
      const user = await createUser(t);
      const { page } = await open();
      await page.goto(`${base}/app/account`);
      await heading(page, 'Log in');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/account');
      await page.getByLabel('Email', { exact: true }).fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await heading(page, 'Your account');
      expect(new URL(page.url()).pathname).toBe('/app/account');
      // Only this app's pages: another site's address is not followed.
      await page.getByRole('button', { name: 'Log out', exact: true }).click();
      await page.goto(`${base}/app/login?next=//example.com/`);
      await page.getByLabel('Email', { exact: true }).fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await heading(page, 'Home');
      expect(new URL(page.url()).pathname).toBe('/app/');
    });
  });

  describe('live updates (GET /stream)', () => {
    /** Resolves when the page's stream is open (with `watch` among its watched posts, if given). */
    const streamOpen = (page: Page, watch?: number) =>
      page.waitForResponse((res) => {
        const url = new URL(res.url());
        return url.pathname === '/stream' && res.status() === 200 && (watch === undefined || (url.searchParams.get('watch') ?? '').split(',').includes(String(watch)));
      });

    it('a post by someone followed waits behind "Show 1 new post" on the open home page, no reload', async () => {
      const [reader, author] = [await createLoggedInUser(t, { username: uname('reader') }), await createLoggedInUser(t, { username: uname('author') })];
      await follow(t, reader, author).expect(200);
      const old = await createPost(t, author, { title: `Older ${author.id}` });
      const { page } = await open();
      const opened = streamOpen(page);
      await logInThroughForm(page, reader);
      await article(page, old.title).waitFor();
      await opened;
      const title = `Live ${author.id}`;
      await createPost(t, author, { title });
      const show = page.getByRole('button', { name: 'Show 1 new post' });
      await show.waitFor();
      expect(await article(page, title).count()).toBe(0);
      await expectAccessible(page, 'home with new posts waiting');
      await show.click();
      await article(page, title).waitFor();
      expect(await page.locator('ol.posts article h2').allTextContents()).toEqual([title, old.title]);
      expect(await show.count()).toBe(0);
      // An edit and a deletion by the author reach the open list too.
      const current = await request(t.server).get('/timeline').set(reader.auth).expect(200);
      const live = current.body.find((p: { Post: { title: string } }) => p.Post.title === title).Post.id;
      await request(t.server).patch(`/posts/${live}`).set(author.auth).send({ title: `${title} (edited)` }).expect(200);
      await article(page, `${title} (edited)`).waitFor();
      await request(t.server).delete(`/posts/${old.id}`).set(author.auth).expect(204);
      await article(page, old.title).waitFor({ state: 'detached' });
    });

    it('an open post page: another user’s vote updates the count, a comment is added', async () => {
      const [reader, author, voter] = await Promise.all([createLoggedInUser(t), createLoggedInUser(t), createLoggedInUser(t)]);
      const title = `Watched ${author.id}`;
      const post = await createPost(t, author, { title });
      const { page } = await open();
      await logInThroughForm(page, reader);
      const watching = streamOpen(page, post.id);
      await page.goto(`${base}/app/posts/${post.id}`);
      await heading(page, title);
      await watching;
      await request(t.server).put(`/posts/${post.id}/vote`).set(voter.auth).expect(200);
      await page.getByText('1 vote', { exact: true }).waitFor();
      await page.getByRole('list', { name: 'Voters' }).getByRole('link', { name: `@${voter.username}` }).waitFor();
      await request(t.server).post(`/posts/${post.id}/comments`).set(voter.auth).send({ content: 'Seen live.' }).expect(201);
      await page.getByRole('heading', { name: '1 comment', level: 2 }).waitFor();
      await page.getByRole('list', { name: 'Comments' }).getByText('Seen live.').waitFor();
      await expectAccessible(page, 'post page, live');
    });

    it('a new notification updates the unread badge (and an open list) without a reload', async () => {
      const [me, fan] = await Promise.all([createLoggedInUser(t, { username: uname('badge') }), createLoggedInUser(t, { username: uname('fan') })]);
      const { page } = await open();
      const opened = streamOpen(page);
      await logInThroughForm(page, me);
      await opened;
      const nav = page.getByRole('navigation', { name: 'Main' });
      await follow(t, fan, me).expect(200);
      await nav.getByRole('link', { name: 'Notifications 1 unread', exact: true }).click();
      await heading(page, 'Notifications');
      await page.waitForFunction(() => document.querySelectorAll('.notifications li').length === 1);
      const post = await createPost(t, me, { title: `Noticed ${me.id}` });
      await request(t.server).put(`/posts/${post.id}/vote`).set(fan.auth).expect(200);
      await nav.getByRole('link', { name: 'Notifications 2 unread', exact: true }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.notifications li').length === 2);
    });

    it('the session ended elsewhere: the open tab goes to the login page and says so', async () => {
      const user = await createUser(t);
      const { page } = await open();
      const opened = streamOpen(page);
      await logInThroughForm(page, user);
      await opened;
      // "Log out everywhere" from another device.
      await request(t.server).delete('/users/me/sessions').set(bearer(await loginAs(t, user))).expect(204);
      await heading(page, 'Log in');
      await page.getByText('Your session has ended. Please log in again.').waitFor();
      expect(await refreshTokenIn(page)).toBeNull();
    });
  });

  describe('looks', () => {
    let viewer: LoggedInUser;
    beforeAll(async () => {
      // Readable names for the screenshots (the suite's own database: no clash).
      const named = async (email: string): Promise<LoggedInUser> => {
        const user = await createUser(t, { email });
        const { access_token, refresh_token } = await logIn(t, user);
        return { ...user, token: access_token, refreshToken: refresh_token, auth: bearer(access_token) };
      };
      const [ada, grace] = [await named('ada@example.com'), await named('grace@example.com')];
      viewer = await named('alan@example.com');
      // Alan's timeline: the people he follows.
      for (const followee of [ada, grace]) await follow(t, viewer, followee).expect(200);
      const posts = [
        [ada, 'Keyset paging at any depth', 'The feed continues after the last post it showed: the same cost on page 1 and page 10,000.'],
        [grace, 'Light and dark', 'The app follows the system setting, with nothing loaded from another host.'],
        [viewer, 'Notes for tomorrow', 'A draft: only its owner sees it.'],
        [ada, 'Hello from the course API', 'Paths, bodies and status codes as the FastAPI course has them.'],
      ] as const;
      for (const [owner, title, content] of posts) {
        const post = await createPost(t, owner, { title, content, published: owner !== viewer });
        if (owner === ada) await request(t.server).put(`/posts/${post.id}/vote`).set(grace.auth).expect(200);
        if (title === 'Light and dark') await request(t.server).put(`/posts/${post.id}/vote`).set(viewer.auth).expect(200);
      }
      // A followed author's post reaches the timeline within a second of its 201.
      await eventually(async () => {
        const timeline = await request(t.server).get('/timeline').set(viewer.auth).expect(200);
        expect(timeline.body).toHaveLength(3);
      });
    });

    it('feed in light and dark, accessible in both', async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page } = await open({ colorScheme });
        await logInThroughForm(page, viewer);
        await article(page, 'Light and dark').waitFor();
        await expectAccessible(page, `feed, ${colorScheme}`);
        await screenshot(page, `feed-${colorScheme}`);
      }
    });

    it('fits a 360 px wide phone: nothing wider than the screen', async () => {
      const { page } = await open({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await page.goto(`${base}/app/login`);
      await heading(page, 'Log in');
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await logInThroughForm(page, viewer);
      await article(page, 'Light and dark').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'feed, phone');
      await screenshot(page, 'feed-phone');
      await page.getByRole('link', { name: 'Account' }).click();
      await heading(page, 'Your account');
      expect(await overflow()).toBeLessThanOrEqual(0);
    });
  });
});
