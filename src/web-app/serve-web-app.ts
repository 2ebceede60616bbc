import express, { Express, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the web app lives; its Vite build uses the same base (web/vite.config.ts). */
export const WEB_APP_PATH = '/app';

/**
 * `web/dist` of the checkout or image this file runs from: next to the nearest
 * package.json above it (dist/src/web-app/ when built, src/web-app/ under ts-jest).
 */
export function defaultWebAppDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'web', 'dist');
}

/**
 * The web app's built files under /app/, from the same origin as the API, so that the
 * CSP's 'self' covers them and no CORS is involved. Plain Express routes: the JWT guard
 * is Nest's and does not see them, and any path under /app/ that is not a file is a page
 * of the app (index.html; the app's router picks the page). A missing file with an
 * extension is a 404, not the page, so that a stale asset link fails visibly. Other
 * methods fall through to the app's 405. Without a build, /app/ says so in a 404.
 */
export function serveWebApp(http: Express, dir = defaultWebAppDir()): void {
  const index = join(dir, 'index.html');
  http.use(
    WEB_APP_PATH,
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders(res, path) {
        // Vite puts a content hash in every file name under assets/: they never change.
        const hashed = path.startsWith(join(dir, 'assets'));
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  const page = (req: Request, res: Response) => {
    if (/\.[^/]*$/.test(req.path)) return res.status(404).json({ detail: 'Not Found' });
    if (!existsSync(index)) return res.status(404).json({ detail: 'The web app is not built: run `npm run build` (it writes web/dist)' });
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  http.get(WEB_APP_PATH, page);
  http.get(`${WEB_APP_PATH}/*page`, page);
}
