import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The API serves the build at /app/ (src/web-app/serve-web-app.ts), from its own origin.
// `npm run dev -w @social-api/web` serves it with hot reload and sends the API's paths to
// the API on port 8000 (npm start).
const api = process.env.API_URL ?? 'http://localhost:8000';

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  // The client workspace's TypeScript source (its package.json's "source" export), not a build of it.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: Object.fromEntries(['/login', '/logout', '/users', '/posts', '/vote', '/password-reset'].map((path) => [path, api])),
  },
});
