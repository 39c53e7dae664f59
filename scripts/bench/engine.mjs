// Loads one build of the core through the package itself (dist/, built by
// scripts/build.sh lib), so every bench call crosses the JS↔wasm boundary the
// way a user's call does: options object, checks, copies in and out.
import { pathToFileURL } from 'node:url';

import { loadJumok } from '../../dist/index.js';

export async function loadEngine(wasmDir, build /* 'simd' | 'scalar' */) {
  const jumok = await loadJumok({ simd: build === 'simd', wasmUrl: pathToFileURL(`${wasmDir}/`) });
  // Wasm memory figures for the streaming and model-load rows, from the instance's private engine.
  const heap = () => jumok.engine;
  return {
    attention: (options) => jumok.attention(options),
    multiHeadAttention: (options) => jumok.multiHeadAttention(options),
    loadModel: (source) => jumok.loadModel(source),
    heapBytesTotal: () => heap().heapBytesTotal(),
    heapBytesInUse: () => heap().heapBytesInUse(),
    dispose: () => jumok.dispose(),
  };
}
