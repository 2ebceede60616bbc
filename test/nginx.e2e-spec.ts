import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, freshDataDir, removeDir, ServerProcess, startServer } from './support/server-process';

const SITE = resolve(__dirname, '../deploy/nginx/social-api.conf');
const nginxBinary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((p) => existsSync(p));

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

// Debian's nginx package; .ci/run installs it. Without it (a developer's machine) the file is skipped.
const withNginx = nginxBinary ? describe : describe.skip;

withNginx("nginx in front of the app (deploy/nginx/social-api.conf, Debian's nginx)", () => {
  jest.setTimeout(90_000);
  let dir: string;
  let dataDir: string;
  let app: ServerProcess;
  let nginx: ChildProcess;
  let cert: string;
  let httpPort: number;
  let httpsPort: number;

  /** One request on its own connection, from a given loopback address, TLS checked against the test's certificate. */
  const call = (opts: { tls?: boolean; path: string; method?: string; headers?: Record<string, string>; body?: string; from?: string }): Promise<Answer> =>
    new Promise((done, fail) => {
      const request = opts.tls === false ? httpRequest : httpsRequest;
      const req = request(
        {
          host: '127.0.0.1',
          port: opts.tls === false ? httpPort : httpsPort,
          path: opts.path,
          method: opts.method ?? 'GET',
          headers: opts.headers,
          localAddress: opts.from ?? '127.0.0.1',
          agent: false,
          ca: cert,
          servername: 'localhost',
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('latin1') }));
        },
      );
      req.on('error', fail);
      req.end(opts.body);
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'social-api-nginx-'));
    // nginx's workers drop to an unprivileged user when started as root: they must reach the directory.
    chmodSync(dir, 0o755);
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');

    dataDir = freshDataDir();
    app = await startServer({
      DATA_DIR: dataDir,
      BCRYPT_ROUNDS: '4',
      TRUST_PROXY_HOPS: '1',
      LOGIN_MAX_FAILURES: '1000',
      LOGIN_MAX_FAILURES_PER_CLIENT: '3',
      STREAM_HEARTBEAT_SECONDS: '1',
    });

    // The site file as shipped, with only its addresses, ports and certificate paths changed.
    [httpPort, httpsPort] = [await freePort(), await freePort()];
    const appPort = new URL(app.url).port;
    const site = readFileSync(SITE, 'utf8')
      .replace(/^\s*listen \[::\]:.*$/gm, '')
      .replace(/listen 80;/, `listen 127.0.0.1:${httpPort};`)
      .replace(/listen 443 /, `listen 127.0.0.1:${httpsPort} `)
      .replace(/ssl_certificate \S+;/, `ssl_certificate ${join(dir, 'cert.pem')};`)
      .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${join(dir, 'key.pem')};`)
      .replaceAll('proxy_pass http://127.0.0.1:8000;', `proxy_pass http://127.0.0.1:${appPort};`);
    expect(site).toContain(`proxy_pass http://127.0.0.1:${appPort};`);
    expect(site).not.toContain('proxy_pass http://127.0.0.1:8000;');
    writeFileSync(join(dir, 'site.conf'), site);
    for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, 'tmp', t), { recursive: true, mode: 0o777 });
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
       worker_processes 1;
       pid ${dir}/nginx.pid;
       error_log ${dir}/error.log;
       events { worker_connections 64; }
       http {
         access_log ${dir}/access.log;
         client_body_temp_path ${dir}/tmp/body;
         proxy_temp_path ${dir}/tmp/proxy;
         fastcgi_temp_path ${dir}/tmp/fastcgi;
         uwsgi_temp_path ${dir}/tmp/uwsgi;
         scgi_temp_path ${dir}/tmp/scgi;
         include ${dir}/site.conf;
       }`,
    );
    nginx = spawn(nginxBinary!, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
    const started = Date.now();
    for (;;) {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      const up = await call({ path: '/health' }).then((r) => r.status === 200, () => false);
      if (up) break;
      if (Date.now() - started > 15_000) throw new Error('nginx did not answer in 15 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx.on('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await app?.stop();
    removeDir(dataDir);
    removeDir(dir);
  });

  it('sends plain HTTP to HTTPS and serves the API over TLS, gzipped', async () => {
    const plain = await call({ tls: false, path: '/posts?limit=1' });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://127.0.0.1/posts?limit=1');

    const root = await call({ path: '/' });
    expect(root).toMatchObject({ status: 200, body: '{"message":"Hello World"}' });

    const docs = await call({ path: '/openapi.json', headers: { 'Accept-Encoding': 'gzip' } });
    expect(docs.status).toBe(200);
    expect(docs.headers['content-encoding']).toBe('gzip');
  });

  it("stops bodies over the app's BODY_LIMIT_BYTES (100 KB) with 413 and lets smaller ones through", async () => {
    const body = (bytes: number) => JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(bytes) });
    const tooBig = await call({ path: '/users', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body(110 * 1024) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toContain('nginx');
    const fits = await call({ path: '/users', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body(90 * 1024) });
    expect(fits.status).toBe(422);
  });

  it('limits failed logins by the real client address, which a client-sent X-Forwarded-For cannot change', async () => {
    const failLogin = (from: string, i: number) =>
      call({
        path: '/login',
        method: 'POST',
        from,
        // Each attempt claims to come from somewhere else.
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': `203.0.113.${i}, 198.51.100.${i}` },
        body: `username=nobody${i}%40example.com&password=wrong`,
      }).then((r) => r.status);

    expect([await failLogin('127.0.0.1', 1), await failLogin('127.0.0.1', 2), await failLogin('127.0.0.1', 3)]).toEqual([403, 403, 403]);
    expect(await failLogin('127.0.0.1', 4)).toBe(429);
    // Another client, through the same nginx, has its own count.
    expect(await failLogin('127.0.0.2', 5)).toBe(403);
  });

  it('passes GET /stream on as it comes: heartbeats and events, not gzipped, past the default buffers', async () => {
    // The app asks for no buffering itself (X-Accel-Buffering); the site file must not rely on it, and must wait
    // far longer than a heartbeat before it gives up on a quiet stream.
    const stream = /location = \/stream \{([^}]*)\}/.exec(readFileSync(SITE, 'utf8'))?.[1] ?? '';
    expect(stream).toContain('proxy_buffering off;');
    expect(Number(/proxy_read_timeout (\d+)h;/.exec(stream)?.[1]) * 3600).toBeGreaterThan(25);
    const email = `stream-${Date.now()}@example.com`;
    const json = { 'Content-Type': 'application/json' };
    expect((await call({ path: '/users', method: 'POST', headers: json, body: JSON.stringify({ email, password: 'password123' }) })).status).toBe(201);
    // From an address of its own: the failed-login test has used up 127.0.0.1's allowance.
    const login = await call({ path: '/login', method: 'POST', from: '127.0.0.3', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `username=${encodeURIComponent(email)}&password=password123` });
    expect(login.status).toBe(200);
    const auth = `Bearer ${JSON.parse(login.body).access_token}`;

    const received: { at: number; text: string }[] = [];
    const opened = Date.now();
    const req = httpsRequest({ host: '127.0.0.1', port: httpsPort, path: '/stream', headers: { Authorization: auth, 'Accept-Encoding': 'gzip' }, agent: false, ca: cert, servername: 'localhost' });
    const res = await new Promise<IncomingMessage>((done, fail) => req.on('response', done).on('error', fail).end());
    try {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(res.headers['content-encoding']).toBeUndefined();
      res.setEncoding('utf8');
      res.on('data', (text: string) => received.push({ at: Date.now(), text }));
      const until = async (what: () => boolean, ms: number) => {
        for (const end = Date.now() + ms; !what(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error(`not within ${ms} ms: ${JSON.stringify(received)}`);
      };
      // Two heartbeats, each as it is written: a buffering proxy would hold them.
      await until(() => received.filter((r) => r.text.includes(': heartbeat')).length >= 2, 3500);
      expect(received.find((r) => r.text.includes(': heartbeat'))!.at - opened).toBeLessThan(2000);
      const posted = Date.now();
      expect((await call({ path: '/posts', method: 'POST', headers: { ...json, Authorization: auth }, body: JSON.stringify({ title: 'through nginx', content: 'live' }) })).status).toBe(201);
      await until(() => received.some((r) => r.text.includes('event: timeline')), 2000);
      expect(received.find((r) => r.text.includes('event: timeline'))!.at - posted).toBeLessThan(1000);
    } finally {
      req.destroy();
    }
  });
});
