// ONNX Runtime Web as a peer: the package scripts/bench.sh installs into build/bench-peers (never part
// of the default install), run in this Node process or, through its browser bundle, in a page
// (browser.mjs); both on ort-session.mjs's session.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { ortAttention } from './ort-session.mjs';

const PACKAGE = 'node_modules/onnxruntime-web';
// The wasm-only browser build with its glue bundled; it fetches its .wasm from beside itself.
const BROWSER_BUNDLE = 'dist/ort.wasm.bundle.min.mjs';

/** The installed package (its folder, version and browser bundle), or null when it is not installed. */
export function ortPackage(peersDir) {
  const folder = `${peersDir}/${PACKAGE}`;
  if (!existsSync(`${folder}/package.json`)) return null;
  const { version } = JSON.parse(readFileSync(`${folder}/package.json`, 'utf8'));
  return { folder, version, browserBundle: `${folder}/${BROWSER_BUNDLE}` };
}

/** The `ort` module in this Node process: the build the package's exports give Node. */
export async function importOrt(installed) {
  const require = createRequire(`${installed.folder}/package.json`);
  return import(pathToFileURL(require.resolve('onnxruntime-web')).href);
}

/** ORT's attention session in this Node process. */
export async function loadOrt(installed, heads, headDim) {
  return ortAttention(await importOrt(installed), heads, headDim);
}
