import { fileURLToPath } from 'node:url';

import { defineConfig, type Plugin } from 'vite';

import { D3_PURE_FUNCTIONS } from './lib.config.js';

/**
 * dist/element.js as one file, for the tutorial page's single <script type="module" src=".../element.js">.
 * Left as tsc's 24 modules, the browser found their imports one level at a time (4 levels); bundled (and
 * minified), the last of six elements on a page drew at 213 ms instead of 335 on localhost, and at 319 ms
 * instead of 592 with 40 ms of latency per request.
 * The wasm glue stays a separate file (import()ed next to the bundle, so only the build in use is fetched), and
 * the .wasm URLs become dist/wasm/ — the files build_lib already copied there, written again unchanged.
 * An app build, not a library build: Vite's library mode inlines every new URL(…, import.meta.url) asset as
 * base64, which would put both .wasm builds into the bundle.
 */
/**
 * Vite wraps every import() of an app build in its preload helper, which on a failed import fires
 * vite:preloadError on the host page's window (a Vite host app that reloads on that event would reload
 * whenever the glue failed to load). The glue has nothing to preload: the helper becomes a plain call.
 */
function noPreloadHelper(): Plugin {
  return {
    name: 'jumok-no-preload-helper',
    enforce: 'pre',
    load(id) {
      if (id === '\0vite/preload-helper.js') return 'export const __vitePreload = (load) => load();';
    },
  };
}

export default defineConfig({
  base: './',
  publicDir: false, // the root is the repository: nothing of it is copied into dist
  plugins: [noPreloadHelper()],
  build: {
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    emptyOutDir: false,
    target: 'es2022',
    modulePreload: false,
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: fileURLToPath(new URL('./src/element.ts', import.meta.url)),
      external: [/\/wasm\/jumok-(simd|scalar)\.mjs$/, 'kuromoji-ko'],
      preserveEntrySignatures: 'exports-only',
      output: { format: 'es', entryFileNames: 'element.js', assetFileNames: 'wasm/[name][extname]' },
      treeshake: { manualPureFunctions: D3_PURE_FUNCTIONS },
    },
  },
});
