// Results are copies the caller owns: memory growth cannot detach them, later
// calls cannot overwrite them, and instances do not share state.
import { describe, expect, it } from 'vitest';

import { builds } from './helpers.js';

function randomCall(seed: number, queryLength: number, keyLength: number) {
  let state = seed;
  const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const fill = (n: number) => Float32Array.from({ length: n }, next);
  const heads = 4, headDim = 16;
  return { queries: fill(heads * queryLength * headDim), keys: fill(heads * keyLength * headDim),
    values: fill(heads * keyLength * headDim), batch: 1, heads, queryLength, keyLength, headDim };
}

describe.each(builds)('$name build', ({ load }) => {
  it('returns arrays with their own buffers that survive memory growth', async () => {
    const jm = await load();
    const first = jm.attention(randomCall(1, 8, 8));
    const saved = Float32Array.from(first.weights!);
    expect(first.output.buffer.byteLength).toBe(first.output.byteLength);
    jm.attention(randomCall(2, 1024, 1024)); // 16 MiB of weights: wasm memory grows
    expect(first.weights).toEqual(saved);
    jm.dispose();
  });

  it('keeps instances independent when calls interleave', async () => {
    const [a, b] = await Promise.all([load(), load()]);
    const small = randomCall(3, 5, 7), large = randomCall(4, 40, 33);
    const alone = a.attention(small);
    b.attention(large);
    const afterOther = a.attention(small);
    expect(afterOther.weights).toEqual(alone.weights);
    expect(b.attention(small).output).toEqual(alone.output);
    a.dispose();
    expect(b.attention(small).output).toEqual(alone.output);
    b.dispose();
  });

  it('gives bit-identical results for the same input', async () => {
    const jm = await load();
    const call = randomCall(5, 17, 23);
    expect(jm.attention(call).weights).toEqual(jm.attention(call).weights);
    jm.dispose();
  });
});

it('SIMD and scalar builds agree within 1e-5', async () => {
  const [simd, scalar] = await Promise.all(builds.map((build) => build.load()));
  const call = { ...randomCall(6, 33, 45), keyLengths: [40], causal: true };
  const a = simd.attention(call), b = scalar.attention(call);
  for (let i = 0; i < a.weights!.length; i++) expect(Math.abs(a.weights![i] - b.weights![i])).toBeLessThan(1e-5);
  for (let i = 0; i < a.output.length; i++) expect(Math.abs(a.output[i] - b.output[i])).toBeLessThan(1e-5);
});

it('runs again a call that needs over half of wasm memory: its buffers from the last call are freed when in the way', async () => {
  // [1,1,16384,16384] weights are 1 GiB of the 2 GiB maximum. The engine keeps its buffers for the next call; they
  // had counted as used, so the same call, which had fitted, was refused the second time.
  const jm = await builds[0].load();
  const n = 16384;
  const call = { queries: new Float32Array(n), keys: new Float32Array(n), values: new Float32Array(n).fill(1),
    batch: 1, heads: 1, queryLength: n, keyLength: n, headDim: 1 };
  for (let i = 0; i < 2; i++) {
    const { output, weights } = jm.attention(call);  // every score 0: weights 2⁻¹⁴, outputs 1, both exact
    expect([weights![0], weights![n * n - 1], output[0], output[n - 1]]).toEqual([1 / n, 1 / n, 1, 1]);
  }
  jm.dispose();
}, 120_000);
