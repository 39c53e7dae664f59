// ONNX Runtime Web's session on the graph of onnx-model.mjs, given the `ort` module: its wasm backend,
// one thread. Shared by ort.mjs (Node) and browser.mjs (a Chromium page), which load `ort` their way.
import { attentionModel } from './onnx-model.mjs';

/** A session on ONNX model bytes: the wasm backend, one thread, every graph optimization. */
export async function ortSession(ort, modelBytes) {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  return ort.InferenceSession.create(modelBytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
}

export async function ortAttention(ort, heads, headDim) {
  const session = await ortSession(ort, attentionModel(heads, headDim));
  return {
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
