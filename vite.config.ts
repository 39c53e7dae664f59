import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

// The demo page. A relative base keeps the static build working from any folder or subpath.
export default defineConfig({
  root: fileURLToPath(new URL('./web/demo', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./build/demo', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true }, // port: scripts/demo.sh
});
