import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

/**
 * d3-scale-chromatic builds every one of its ~40 colour schemes when it is imported: a few milliseconds of a page's
 * start-up, before the first heatmap, for the four jumok uses. Those top-level calls have no side effects but are
 * not marked pure, so nothing shook them out; these are the functions they call, marked pure for the bundler.
 * The demo's build (vite.config.ts) uses the same list.
 */
export const D3_PURE_FUNCTIONS = ['colors', 'ramp', 'ramp$1', 'interpolateCubehelixLong', 'cubehelix$1', 'rgb'];

/**
 * The bundled packages' licences (ISC, Apache-2.0) ask for their notices to travel with the code, and bundling
 * drops their comments: Vite writes the notices out. One file serves vendor.js and element.js (the same
 * packages); the demo's build writes its own.
 */
export const THIRD_PARTY_LICENSES = { fileName: 'THIRD-PARTY-LICENSES.md' };

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
    rolldownOptions: { treeshake: { manualPureFunctions: D3_PURE_FUNCTIONS } },
    license: THIRD_PARTY_LICENSES,
    lib: {
      entry: { vendor: fileURLToPath(new URL('./src/vendor.ts', import.meta.url)) },
      formats: ['es'],
    },
  },
});
