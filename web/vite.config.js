// The dashboard is served by `kchart serve --web web/dist` at the site root,
// so assets are addressed from "/" (deep links such as /chart/x/ must find
// them). `npm run dev` proxies the API to a kchart server on port 8080.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 200,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/feed.atom': 'http://127.0.0.1:8080',
    },
  },
});
