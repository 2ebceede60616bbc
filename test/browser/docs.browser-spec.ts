import { Browser, chromium, Page } from 'playwright-core';
import { createUser, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Swagger UI and ReDoc in a real browser (Debian's Chromium, driven by
 * playwright-core): run with `npm run test:browser`; `.ci/run` installs Chromium.
 */
describe('API docs in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    user = await createUser(t);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  /** A page that records requests to other hosts and CSP violations. */
  async function openPage(): Promise<{ page: Page; foreign: string[]; cspErrors: string[] }> {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const cspErrors: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(base) && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) foreign.push(req.url());
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
    });
    return { page, foreign, cspErrors };
  }

  it('logs in through Authorize with e-mail and password and executes GET /posts with 200', async () => {
    const { page, foreign, cspErrors } = await openPage();
    await page.goto(`${base}/docs`);
    await page.locator('button.authorize').first().click();
    await page.locator('#oauth_username').fill(user.email);
    await page.locator('#oauth_password').fill(user.password);
    const login = page.waitForResponse((res) => res.url() === `${base}/login` && res.request().method() === 'POST');
    await page.locator('.auth-btn-wrapper button.authorize').click();
    expect((await login).status()).toBe(200);
    await page.locator('.auth-btn-wrapper button.btn-done').click();

    await page.locator('#operations-Posts-listPosts .opblock-summary').click();
    await page.locator('#operations-Posts-listPosts button.try-out__btn').click();
    const feed = page.waitForResponse((res) => res.url().startsWith(`${base}/posts`) && res.request().method() === 'GET');
    await page.locator('#operations-Posts-listPosts button.execute').click();
    const response = await feed;
    expect(response.status()).toBe(200);
    expect(response.request().headers().authorization).toMatch(/^Bearer ey/);
    await expect(page.locator('#operations-Posts-listPosts .live-responses-table tbody .response-col_status').first().textContent()).resolves.toContain('200');

    expect(foreign).toEqual([]);
    expect(cspErrors).toEqual([]);
    await page.close();
  });

  it('renders ReDoc from the app alone', async () => {
    const { page, foreign, cspErrors } = await openPage();
    await page.goto(`${base}/redoc`);
    await page.getByRole('heading', { name: /Social API/ }).first().waitFor({ timeout: 15_000 });
    await expect(page.getByText('Users, posts and votes').first().isVisible()).resolves.toBe(true);
    expect(foreign).toEqual([]);
    expect(cspErrors).toEqual([]);
    await page.close();
  });
});
