/**
 * The web app's build: `npm run build` (vite build --config web/vite.config.ts)
 * writes web/dist, which the gateway serves at `/`. `npm run web:dev` serves it
 * with hot reload and proxies /graphql (HTTP and WebSocket) to a running gateway
 * (VITE_GATEWAY, default http://127.0.0.1:4000), so the browser still sees one origin.
 *
 * JSX is compiled by Vite's own esbuild step (jsx: automatic): @vitejs/plugin-react
 * only adds Fast Refresh and Babel, which the build does not need.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const gateway = process.env.VITE_GATEWAY ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The initial bundle's budget is 250 KB gzip; the size report shows both sizes.
    reportCompressedSize: true,
    rollupOptions: {
      // react-router marks its modules "use client" for React Server Components, which a browser bundle ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // GraphiQL's Monaco editor runs its language services in workers that split into chunks: ES module workers can.
  worker: { format: 'es' },
  server: {
    proxy: { '/graphql': { target: gateway, ws: true, changeOrigin: false } },
  },
});
