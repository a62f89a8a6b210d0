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
    // The world map's outlines and projection (map.js) in a file of their
    // own, so that the app's code stays small and cached apart from them.
    rollupOptions: {
      output: {
        manualChunks: { atlas: ['world-atlas/countries-110m.json', 'd3-geo', 'topojson-client'] },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/feed.atom': 'http://127.0.0.1:8080',
    },
  },
});
