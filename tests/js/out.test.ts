// `out`: results copied into arrays the caller owns and reuses, instead of fresh ones.
// Same numbers as a fresh call, the caller's arrays returned, and clear errors for
// arrays that do not fit.
import { describe, expect, it } from 'vitest';

import { builds, good, goodMha } from './helpers.js';

function varied(count: number, seed: number) {
  return Float32Array.from({ length: count }, (_, i) => Math.sin(seed * 31 + i * 0.7));
}

const attentionCall = () => ({ ...good(), queries: varied(30, 1), keys: varied(40, 2), values: varied(40, 3) });

describe.each(builds)('$name build', ({ load }) => {
  it('fills the given arrays with what a fresh call returns, and returns them', async () => {
    const jm = await load();
    const fresh = jm.attention(attentionCall());
    const out = { output: new Float32Array(30).fill(NaN), weights: new Float32Array(24).fill(NaN) };
    for (let round = 0; round < 3; round++) {
      const reused = jm.attention({ ...attentionCall(), out });
      expect(reused.output).toBe(out.output);
      expect(reused.weights).toBe(out.weights);
      expect(reused.output).toEqual(fresh.output);
      expect(reused.weights).toEqual(fresh.weights);
    }
    jm.dispose();
  });

  it('fills only what is given; the rest comes fresh', async () => {
    const jm = await load();
    const weights = new Float32Array(24);
    const result = jm.attention({ ...attentionCall(), out: { weights } });
    expect(result.weights).toBe(weights);
    expect(result.output).toHaveLength(30);
    const streamed = jm.attention({ ...attentionCall(), needWeights: false, out: { output: new Float32Array(30) } });
    expect(streamed.weights).toBeUndefined();
    jm.dispose();
  });

  it('works for multiHeadAttention, the trace staying fresh', async () => {
    const jm = await load();
    const fresh = jm.multiHeadAttention(goodMha());
    const out = { output: new Float32Array(48), weights: new Float32Array(2 * 2 * 3 * 3) };
    const reused = jm.multiHeadAttention({ ...goodMha(), trace: true, out });
    expect(reused.output).toBe(out.output);
    expect(reused.output).toEqual(fresh.output);
    expect(reused.weights).toEqual(fresh.weights);
    expect(reused.trace!.concat.buffer).not.toBe(out.output.buffer);
    jm.dispose();
  });

  it.each([
    [{ out: 'yes' }, 'attention: out must be an object { output?, weights? } of Float32Arrays, got the string "yes"'],
    [{ out: new Float32Array(30) }, 'attention: out must be an object { output?, weights? } of Float32Arrays, got a Float32Array'],
    [{ out: { output: [1, 2] } }, 'attention: out.output must be a Float32Array, got an Array'],
    [{ out: { weights: new Float64Array(24) } }, 'attention: out.weights must be a Float32Array, got a Float64Array'],
    [{ out: { output: new Float32Array(29) } }, 'attention: out.output has 29 values, expected 30 for these sizes'],
    [{ out: { weights: new Float32Array(25) } }, 'attention: out.weights has 25 values, expected 24 for these sizes'],
    [{ needWeights: false, out: { weights: new Float32Array(24) } },
      'attention: out.weights was given but needWeights is false; expected needWeights: true or no out.weights'],
  ])('refuses %j with a clear error, and keeps working', async (extra, message) => {
    const jm = await load();
    expect(() => jm.attention({ ...attentionCall(), ...(extra as object) })).toThrow(message);
    expect(jm.attention(attentionCall()).output).toHaveLength(30);
    jm.dispose();
  });

  it('refuses one array, or overlapping views of one buffer, for both results', async () => {
    const jm = await load();
    const shared = new Float32Array(30);
    const message = 'attention: out.output and out.weights share memory; expected two separate arrays';
    expect(() => jm.attention({ ...attentionCall(), out: { output: shared, weights: shared } })).toThrow(message);
    const buffer = new Float32Array(54);
    expect(() => jm.attention({ ...attentionCall(), out: { output: buffer.subarray(0, 30), weights: buffer.subarray(26, 50) } }))
      .toThrow(message);
    const side = { output: buffer.subarray(0, 30), weights: buffer.subarray(30, 54) };  // one buffer, no overlap
    const result = jm.attention({ ...attentionCall(), out: side });
    expect(result.output).toBe(side.output);
    expect(result.weights).toBe(side.weights);
    jm.dispose();
  });

  it('leaves the out arrays untouched when it refuses them', async () => {
    const jm = await load();
    const output = new Float32Array(30).fill(7);
    expect(() => jm.attention({ ...attentionCall(), out: { output, weights: new Float32Array(5) } }))
      .toThrow('attention: out.weights has 5 values, expected 24 for these sizes');
    expect(output.every((x) => x === 7)).toBe(true);
    jm.dispose();
  });
});
