import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The API serves the build at /app/ (src/web-app/serve-web-app.ts), from its own origin.
// `npm run dev` serves it with hot reload on port 5173 and sends every other path to the
// API (port 8000, in watch mode beside it), as one origin would.
const api = process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 8000}`;

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  // The client workspace's TypeScript source (its package.json's "source" export), not a build of it.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    // Everything of Vite's own (the app, its modules, hot reload) is under the base.
    proxy: { '^/(?!app(/|$))': api },
  },
});
