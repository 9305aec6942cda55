// Builds the UI (renderer/) into dist/renderer. The same files are served by the hub at `/` for
// browsers and by the Electron protocol at app://mission-control/, hence the relative base.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const HUB = 'http://127.0.0.1:4820';

export default defineConfig({
  root: 'renderer',
  base: './',
  // No CSP <meta> here: the hub (HTTP header) and the Electron app:// protocol each send the
  // policy for their host; the page has no inline script or handler, so it runs under both.
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // echarts (tree-shaken) is most of the bundle; it is loaded once from disk or loopback.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/socket.io': { target: HUB, ws: true, changeOrigin: false },
      '/api': { target: HUB, changeOrigin: false },
    },
  },
});
