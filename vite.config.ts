import { fileURLToPath } from 'node:url';

import { defineConfig, type Plugin, type Rollup } from 'vite';

import { PRELOAD_WASM } from './web/src/core/loader.js';
import { D3_PURE_FUNCTIONS, THIRD_PARTY_LICENSES } from './web/lib.config.js';

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

/** The demo's entry chunk, written next to index.html so the URLs it resolves from import.meta.url still hold once inlined. */
const ENTRY_FILE_NAMES = '[name]-[hash].js';

/**
 * Inlines the demo's entry script and stylesheet into index.html. Served separately, each was one more request
 * the page script waited for: on a busy machine the browser sent the script's request 20–40 ms after finding it,
 * and the script, as any script, also waited for the stylesheet. Inlined, the script runs as soon as the HTML is
 * parsed. Inline, its import.meta.url is the page's URL, which is why the entry chunk is built next to the page.
 * The script goes to the end of <body>: in the <head>, its ~80 KB came before the wasm preload, which the
 * browser then found only after reading them (in one trace, 70 ms after the page's first bytes).
 * The wasm and its glue stay separate files (preloaded): they are needed later and the glue is picked by SIMD support.
 */
function inlineEntry(): Plugin {
  const take = (bundle: Rollup.OutputBundle, fileName: string) => {
    const file = bundle[fileName];
    if (!file) throw new Error(`inlineEntry: ${fileName} is not in the bundle`);
    delete bundle[fileName];
    if (file.type === 'chunk') return file.code;
    return typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
  };
  // '</script' or '</style' inside the text would end the element early, and '<!--' followed by '<script' would
  // keep '</script>' from ending it at all.
  const inline = (text: string, tag: string, fileName: string, attributes = '') => {
    for (const unsafe of [`</${tag}`, '<!--', '<script']) {
      if (text.toLowerCase().includes(unsafe)) throw new Error(`inlineEntry: ${fileName} holds "${unsafe}"`);
    }
    return `<${tag}${attributes}>${text}</${tag}>`;
  };
  return {
    name: 'jumok-inline-entry',
    apply: 'build',
    generateBundle: {
      // After Vite's own generateBundle hooks: they write index.html and fill in the chunks' preload lists.
      order: 'post',
      handler(_options, bundle) {
        const page = bundle['index.html'];
        if (page?.type !== 'asset') throw new Error('inlineEntry: no index.html in the bundle');
        const scripts: string[] = [], inlinedFiles: string[] = [];
        const html = String(page.source);
        // Vite's tags changed shape, or the page has no body: fail the build rather than ship a page without its script.
        if (!html.includes('</body>')) throw new Error('inlineEntry: index.html has no </body>');
        page.source = html
          .replace(/\s*<script type="module" crossorigin src="\.\/([^"]+)"><\/script>/g, (_tag, fileName: string) => {
            scripts.push(inline(take(bundle, fileName), 'script', fileName, ' type="module"'));
            inlinedFiles.push(fileName);
            return '';
          })
          .replace(/<link rel="stylesheet" crossorigin href="\.\/([^"]+)">/g,
            (_tag, fileName: string) => inline(take(bundle, fileName), 'style', fileName))
          .replace('</body>', () => `${scripts.join('')}\n  </body>`);
        if (scripts.length === 0) throw new Error('inlineEntry: no entry <script> found in index.html');
        // A chunk importing the entry would ask for a file that is no longer there (a 404 when it loads).
        for (const file of Object.values(bundle)) {
          const gone = file.type === 'chunk' ? file.imports.find((name) => inlinedFiles.includes(name)) : undefined;
          if (gone) throw new Error(`inlineEntry: ${file.fileName} imports ${gone}, which is inlined into index.html`);
        }
      },
    },
  };
}

// The demo page. A relative base keeps the static build working from any folder or subpath.
export default defineConfig({
  root: fileURLToPath(new URL('./web/demo', import.meta.url)),
  base: './',
  plugins: [preloadWasm(), inlineEntry()],
  build: {
    outDir: fileURLToPath(new URL('./build/demo', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        entryFileNames: ENTRY_FILE_NAMES,
        // Vite's preload helper in a chunk of its own: kuromoji-ko's chunk (morpheme mode, loaded when chosen)
        // imports it too, and the entry chunk, where it would be, is inlined (inlineEntry).
        codeSplitting: { groups: [{ name: 'preload-helper', test: /vite\/preload-helper/ }] },
      },
      treeshake: { manualPureFunctions: D3_PURE_FUNCTIONS },
    },
    license: THIRD_PARTY_LICENSES,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true }, // port: scripts/demo.sh
});
