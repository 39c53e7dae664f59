// ONNX Runtime Web as a peer: its wasm backend, one thread, in this Node
// process, on the graph of onnx-model.mjs. Installed by scripts/bench.sh into
// build/bench-peers (never part of the default install).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { attentionModel } from './onnx-model.mjs';

export async function loadOrt(peersDir, heads, headDim) {
  const packageJson = `${peersDir}/node_modules/onnxruntime-web/package.json`;
  if (!existsSync(packageJson)) return null;
  const require = createRequire(packageJson);
  const ort = await import(pathToFileURL(require.resolve('onnxruntime-web')).href);
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  const session = await ort.InferenceSession.create(attentionModel(heads, headDim), {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  return {
    version,
    /** One call: copies in, runs, copies out (getData), like jumok's copies. */
    async attention(queries, keys, values, n) {
      const dims = [heads, n, headDim];
      const results = await session.run({
        Q: new ort.Tensor('float32', queries, dims),
        K: new ort.Tensor('float32', keys, dims),
        V: new ort.Tensor('float32', values, dims),
      });
      return { output: results.output.data, weights: results.weights.data };
    },
    release: () => session.release(),
  };
}
