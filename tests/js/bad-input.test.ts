// Bad-input rows beyond tests/js/errors.test.ts, on both builds: finite values so large that float32 would
// overflow inside the computation (they used to come back as NaN), empty arrays, and inputs that only look
// wrong. Every error names what was wrong and what was expected, and the instance keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { builds, good, goodMha, type Jumok } from './helpers.js';


describe.each(builds)('$name build', ({ load }) => {
  let jm: Jumok;
  beforeAll(async () => (jm = await load()));
  afterAll(() => jm.dispose());

  it.each<[string, Record<string, unknown>, RegExp | string]>([
    ['queries and keys whose scores overflow float32',
      { queries: new Float32Array(30).fill(1e20), keys: new Float32Array(40).fill(-1e20) },
      'attention: inputs too large: a score could reach 5e+40 (headDim · max|queries| · max|keys| = 5 · 1e+20 · 1e+20), ' +
      'beyond float32; expected values small enough that it stays below 8.51e+37'],
    ['values whose weighted sum overflows float32', { values: new Float32Array(40).fill(3e38) },
      /^attention: inputs too large: an output before normalising could reach 1\.2e\+39 \(keyLength · max\|values\| = 4 · 3e\+38\)/],
    ['an empty Float32Array', { keys: new Float32Array(0) },
      'attention: keys has 0 values, expected 40 for [batch,heads,keyLength,headDim] = [1,2,4,5]'],
    ['keyLengths holding NaN', { keyLengths: [NaN] }, 'attention: keyLengths[0] = NaN is not an integer, expected 0 to keyLength'],
    ['an Int32Array of keyLengths with one entry too many', { keyLengths: Int32Array.of(1, 2) },
      'attention: keyLengths has 2 entries, expected one per batch row (batch = 1)'],
    ['Infinity as a size', { batch: Infinity }, 'attention: batch must be a positive integer up to 2147483647, got Infinity'],
    ['2³¹ as a size, printed in full', { heads: 2 ** 31 }, 'attention: heads must be a positive integer up to 2147483647, got 2147483648'],
  ])('attention: %s', (_, change, message) => {
    expect(() => jm.attention({ ...good(), ...change } as never)).toThrowError(message);
    const { output, weights } = jm.attention(good());
    expect(output.every(Number.isFinite)).toBe(true);
    expect(weights!.every((w) => w === 0.25)).toBe(true);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['projections that overflow float32', { query: new Float32Array(48).fill(1e19), inProjWeight: new Float32Array(192).fill(1e19) },
      /^multiHeadAttention: inputs too large: a projection could reach 8e\+38 \(modelDim = 8, max\|query\| = 1e\+19, max\|inProjWeight\| = 1e\+19/],
    ['scores that overflow float32 after the projections', { query: new Float32Array(48).fill(1e10), inProjWeight: new Float32Array(192).fill(1e10) },
      /^multiHeadAttention: inputs too large: a score could reach 2\.56e\+42 \(modelDim = 8, max\|query\| = 1e\+10, max\|inProjWeight\| = 1e\+10, max\|inProjBias\| = 0, max\|outProjWeight\| = 0\.02\), beyond float32/],
    ['an output projection that overflows float32', { query: new Float32Array(48).fill(1e15), outProjWeight: new Float32Array(64).fill(1e30) },
      /^multiHeadAttention: inputs too large: an output could reach 6\.4e\+44 .*max\|outProjWeight\| = 1e\+30\), beyond float32; expected values small enough that it stays below 8\.51e\+37$/],
  ])('multiHeadAttention: %s', (_, change, message) => {
    expect(() => jm.multiHeadAttention({ ...goodMha(), ...change } as never)).toThrowError(message);
    expect(jm.multiHeadAttention(goodMha()).output.every(Number.isFinite)).toBe(true);
  });

  it('large but representable inputs still compute, with finite results', () => {
    const big = { ...good(), queries: new Float32Array(30).fill(1e15), keys: new Float32Array(40).fill(-1e15),
      values: new Float32Array(40).fill(1e30) };
    const { output, weights } = jm.attention(big);
    expect(output.every(Number.isFinite)).toBe(true);
    expect(weights!.every((w) => w === 0.25)).toBe(true); // equal scores, even at 1e30
  });

  it('equal scores far from zero give equal weights (the SIMD padding bug the fuzzer found)', () => {
    for (const keyLength of [3, 5, 7, 9, 13]) {
      const n = 2 * keyLength * 3;
      const { weights, output } = jm.attention({ queries: new Float32Array(6).fill(-6.7e7), keys: new Float32Array(n).fill(-6.7e7),
        values: new Float32Array(n).fill(1), batch: 1, heads: 2, queryLength: 1, keyLength, headDim: 3 });
      for (const w of weights!) expect(w).toBeCloseTo(1 / keyLength, 6);
      for (const o of output) expect(o).toBeCloseTo(1, 6);
    }
  });

  it('a subarray view of a larger buffer is read from its own offset', () => {
    const backing = new Float32Array(100).fill(9);
    const queries = backing.subarray(50, 80).fill(0.1);
    const viaView = jm.attention({ ...good(), queries });
    expect(viaView.output).toEqual(jm.attention(good()).output);
  });
});
