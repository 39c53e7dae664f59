import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

// Bundles web/src/vendor.ts (the third-party code) into dist/vendor.js, over
// the file tsc emitted. Only the vendor file is bundled: the rest of dist is
// tsc's one-file-per-module output, so new URL('../wasm/…', import.meta.url)
// stays literal for the consumer's bundler to follow.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    lib: {
      entry: { vendor: fileURLToPath(new URL('./src/vendor.ts', import.meta.url)) },
      formats: ['es'],
    },
  },
});
