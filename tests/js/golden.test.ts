// The PyTorch golden cases through loadJumok, on both builds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { builds, expectClose, f32, loadGolden, mhaCases, sdpaCases, type Jumok } from './helpers.js';

describe.each(builds)('$name build', ({ load, backend }) => {
  let jm: Jumok;
  beforeAll(async () => (jm = await load()));
  afterAll(() => jm.dispose());

  it('reports its backend', () => expect(jm.backend).toBe(backend));

  it.each(sdpaCases)('attention matches PyTorch: %s', (name) => {
    const g = loadGolden(name);
    const result = jm.attention({
      queries: f32(g.q)!, keys: f32(g.k)!, values: f32(g.v)!,
      batch: g.B, heads: g.H, queryLength: g.L, keyLength: g.S, headDim: g.D!,
      keyLengths: g.key_lengths ?? undefined, causal: g.causal,
    });
    expectClose(result.weights, g.weights, 'weights');
    expectClose(result.output, g.output, 'output');
  });

  it.each(mhaCases)('multiHeadAttention matches PyTorch: %s', (name) => {
    const g = loadGolden(name);
    const result = jm.multiHeadAttention({
      query: f32(g.query)!, memory: f32(g.memory),
      batch: g.B, queryLength: g.L, keyLength: g.S, modelDim: g.E!, heads: g.H,
      inProjWeight: f32(g.in_proj_weight)!, inProjBias: f32(g.in_proj_bias),
      outProjWeight: f32(g.out_proj_weight)!, outProjBias: f32(g.out_proj_bias),
      keyLengths: g.key_lengths ? Int32Array.from(g.key_lengths) : undefined, causal: g.causal,
    });
    expectClose(result.weights, g.weights, 'weights');
    expectClose(result.output, g.output, 'output');
  });

  it('skips the weights when needWeights is false, with the same output', () => {
    const g = loadGolden('sdpa_padding');
    const options = {
      queries: f32(g.q)!, keys: f32(g.k)!, values: f32(g.v)!,
      batch: g.B, heads: g.H, queryLength: g.L, keyLength: g.S, headDim: g.D!, keyLengths: g.key_lengths!,
    };
    const full = jm.attention(options);
    const lean = jm.attention({ ...options, needWeights: false });
    expect(lean.weights).toBeUndefined();
    expect(lean.output).toEqual(full.output);
  });
});
