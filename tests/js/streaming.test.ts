// needWeights: false takes the SIMD build's streaming path (online softmax over
// key tiles): same output as with weights, close to the scalar build, and small
// in wasm memory even when n×n weights would not be.
import { describe, expect, it } from 'vitest';

import { builds, expectClose } from './helpers.js';

function randomInputs(seed: number, heads: number, queryLength: number, keyLength: number, headDim: number) {
  let state = seed;
  const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const fill = (n: number) => Float32Array.from({ length: n }, next);
  return { queries: fill(heads * queryLength * headDim), keys: fill(heads * keyLength * headDim),
    values: fill(heads * keyLength * headDim), batch: 1, heads, queryLength, keyLength, headDim };
}

describe.each(builds)('$name build', ({ load }) => {
  // 600 keys: three key tiles of 256, so the running max and sum are carried across tiles.
  it.each([
    { causal: false, keyLengths: undefined },
    { causal: true, keyLengths: [590] },
  ])('gives the same output with and without weights (causal $causal)', async ({ causal, keyLengths }) => {
    const jm = await load();
    const call = { ...randomInputs(7, 2, 37, 600, 24), causal, keyLengths };
    const streamed = jm.attention({ ...call, needWeights: false });
    const materialized = jm.attention({ ...call, needWeights: true });
    expect(streamed.weights).toBeUndefined();
    expect(streamed.output).toEqual(materialized.output);
    jm.dispose();
  });
});

it('streaming output of the SIMD build matches the scalar build within 1e-5', async () => {
  const [simd, scalar] = await Promise.all(builds.map((build) => build.load()));
  const call = { ...randomInputs(8, 3, 29, 531, 13), causal: true, needWeights: false };
  expectClose(simd.attention(call).output, scalar.attention(call).output, 'output');
  simd.dispose();
  scalar.dispose();
});

it('streams n = 4096, 8 heads, D = 64 in under 64 MB of wasm memory', async () => {
  const jm = await builds[0].load();
  const n = 4096, heads = 8, headDim = 64;
  const inputs = new Float32Array(heads * n * headDim).map((_, i) => Math.sin(i) * 0.5);
  const { output } = jm.attention({ queries: inputs, keys: inputs, values: inputs, batch: 1, heads,
    queryLength: n, keyLength: n, headDim, needWeights: false });
  expect(output.length).toBe(heads * n * headDim);
  expect(output.every(Number.isFinite)).toBe(true);
  // Inputs (3 × 8 MiB) and output (8 MiB) are copied in; n×n weights would be 512 MiB.
  const engine = (jm as unknown as { engine: { heapBytesTotal(): number } }).engine;
  expect(engine.heapBytesTotal()).toBeLessThan(64 * 2 ** 20);
  jm.dispose();
}, 60_000);
