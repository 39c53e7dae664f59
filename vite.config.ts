import { fileURLToPath } from 'node:url';

import { defineConfig, type Plugin } from 'vite';

import { PRELOAD_WASM } from './web/src/core/loader.js';

/**
 * Preloads the SIMD build's .wasm and Emscripten glue from the page's <head>. Without this the browser
 * learns of them only once the page's script has been fetched and run, and the wasm download, compile and
 * the glue's parse then wait behind it; preloaded, they overlap it. The loader's fetch() and import() pick
 * up the preloaded responses (same URL, same CORS mode, hence `crossorigin`).
 */
function preloadWasm(): Plugin {
  const build = PRELOAD_WASM.replace(/\.wasm$/, '');
  return {
    name: 'jumok-preload-wasm',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const files = Object.values(bundle ?? {});
        const wasm = files.find((file) => file.type === 'asset' && file.names.includes(`${build}.wasm`));
        const glue = files.find((file) => file.type === 'chunk' && file.facadeModuleId?.endsWith(`/${build}.mjs`));
        if (!wasm || !glue) throw new Error(`preloadWasm: no ${build}.wasm or ${build}.mjs in the bundle`);
        return [
          { tag: 'link', attrs: { rel: 'preload', href: `./${wasm.fileName}`, as: 'fetch', crossorigin: '' }, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'modulepreload', href: `./${glue.fileName}`, crossorigin: '' }, injectTo: 'head' },
        ];
      },
    },
  };
}

// The demo page. A relative base keeps the static build working from any folder or subpath.
export default defineConfig({
  root: fileURLToPath(new URL('./web/demo', import.meta.url)),
  base: './',
  plugins: [preloadWasm()],
  build: {
    outDir: fileURLToPath(new URL('./build/demo', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true }, // port: scripts/demo.sh
});
