import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createUser, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The typed client as someone outside this repository gets it: `npm pack` in client/ (which
 * builds it), the tarball installed with npm into a new, empty project in the system's temp
 * directory, then a script in each module system run against the API, and a TypeScript
 * program type-checked against the installed declarations.
 */
jest.setTimeout(120_000);

const CLIENT_DIR = join(__dirname, '..', 'client');
const TSC = require.resolve('typescript/bin/tsc');

/** What each script does, in the syntax of its module system (the import line differs). */
const script = (load: string) => `${load}
const client = createApiClient({ baseUrl: process.env.API_URL });
await client.login(process.env.EMAIL, process.env.PASSWORD);
const created = await client.api.POST('/posts', { body: { title: process.env.TITLE, content: 'from the packed client' } });
const { data, response } = await client.api.GET('/posts', { params: { query: { search: process.env.TITLE } } });
const invalid = await client.api.POST('/posts', { body: { title: '', content: 'x' } });
console.log(JSON.stringify({ created: created.response.status, titles: data.map((p) => p.Post.title), total: pageInfo(response).totalCount, invalid: fieldErrors(invalid.error) }));
`;

describe('the client package (npm pack)', () => {
  let t: TestApp;
  let base: string;
  let user: TestUser;
  let project: string;
  // Not execFileSync: the API answers from this process, whose event loop must keep running.
  const run = async (command: string, args: string[], env: Record<string, string> = {}) =>
    (await promisify(execFile)(command, args, { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } })).stdout;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    user = await createUser(t);

    project = mkdtempSync(join(tmpdir(), 'client-package-'));
    await promisify(execFile)('npm', ['pack', '--pack-destination', project], { cwd: CLIENT_DIR });
    const tarball = readdirSync(project).find((name) => name.endsWith('.tgz'))!;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-the-client', private: true }));
    await run('npm', ['install', `./${tarball}`, '--no-audit', '--no-fund', '--prefer-offline']);
  });
  afterAll(async () => {
    await t?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it.each([
    ['an ES module', 'main.mjs', "import { createApiClient, fieldErrors, pageInfo } from '@social-api/client';"],
    ['CommonJS', 'main.cjs', "const { createApiClient, fieldErrors, pageInfo } = require('@social-api/client');\n(async () => {"],
  ])('works from %s against the running API', async (_, file, load) => {
    const body = script(load) + (file.endsWith('.cjs') ? '})();\n' : '');
    writeFileSync(join(project, file), body);
    const title = `packed ${file} ${Date.now()}`;
    const out = await run(process.execPath, [file], { API_URL: base, EMAIL: user.email, PASSWORD: user.password, TITLE: title });
    expect(JSON.parse(out)).toEqual({ created: 201, titles: [title], total: 1, invalid: { title: expect.stringContaining('at least 1 character') } });
  });

  it('type-checks a program against the installed declarations, from both module systems', async () => {
    const program = `
const client = createApiClient({ baseUrl: 'http://localhost:8000' });
export async function titles(): Promise<string[]> {
  const { data } = await client.api.GET('/posts', { params: { query: { limit: 10 } } });
  const post: Schemas['PostOut'] | undefined = data?.[0];
  // @ts-expect-error: no such route; were the types missing, this line would be no error and the check would fail.
  await client.api.GET('/no-such-route');
  // @ts-expect-error: limit is a number.
  await client.api.GET('/posts', { params: { query: { limit: 'ten' } } });
  return (data ?? []).map((p) => p.Post.title).concat(post ? [post.Post.content] : []);
}
`;
    writeFileSync(join(project, 'typed.mts'), `import { createApiClient, type Schemas } from '@social-api/client';${program}`);
    writeFileSync(join(project, 'typed.cts'), `import { createApiClient, type Schemas } from '@social-api/client';${program}`);
    // A Node program's settings; "dom" (or @types/node) gives fetch's Request and Response.
    const compilerOptions = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['typed.mts', 'typed.cts'] }));
    await expect(run(process.execPath, [TSC, '-p', '.']).catch((err: { stdout: string }) => Promise.reject(new Error(err.stdout)))).resolves.toBe('');
  });
});
