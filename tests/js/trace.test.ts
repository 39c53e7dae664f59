// multiHeadAttention({ trace: true }) returns every stage, consistent with the weights and output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { builds, expectClose, f32, loadGolden, type Jumok } from './helpers.js';

describe.each(builds)('$name build', ({ load }) => {
  let jm: Jumok;
  beforeAll(async () => (jm = await load()));
  afterAll(() => jm.dispose());

  it('traces the padded golden case: −Infinity on padding, softmax(masked) = weights, same output', () => {
    const g = loadGolden('mha_padding');
    const options = {
      query: f32(g.query)!, batch: g.B, queryLength: g.L, modelDim: g.E!, heads: g.H,
      inProjWeight: f32(g.in_proj_weight)!, inProjBias: f32(g.in_proj_bias),
      outProjWeight: f32(g.out_proj_weight)!, outProjBias: f32(g.out_proj_bias), keyLengths: g.key_lengths!,
    };
    const traced = jm.multiHeadAttention({ ...options, trace: true, needWeights: false });
    const plain = jm.multiHeadAttention(options);
    const { trace } = traced;
    expect(trace).toBeDefined();
    expect(traced.output).toEqual(plain.output);
    expectClose(traced.weights, g.weights, 'weights');

    const { B, H, L, S } = g, D = g.E! / g.H;
    expect(trace!.queries).toHaveLength(B * H * L * D);
    expect(trace!.concat).toHaveLength(B * L * g.E!);
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++)
        for (let i = 0; i < L; i++) {
          const row = ((b * H + h) * L + i) * S;
          const masked = trace!.masked.subarray(row, row + S);
          for (let j = 0; j < S; j++) {
            if (j >= g.key_lengths![b]) expect(masked[j]).toBe(-Infinity);
            else expect(masked[j]).toBeCloseTo(trace!.scores[row + j] / Math.sqrt(D), 5);
          }
          const max = Math.max(...masked);
          const exps = Array.from(masked, (x) => Math.exp(x - max));
          const sum = exps.reduce((a, x) => a + x, 0);
          exps.forEach((x, j) => expect(traced.weights![row + j]).toBeCloseTo(x / sum, 6));
        }
  });

  it('has no trace unless asked', () => {
    const g = loadGolden('mha_self');
    const result = jm.multiHeadAttention({
      query: f32(g.query)!, batch: g.B, queryLength: g.L, modelDim: g.E!, heads: g.H,
      inProjWeight: f32(g.in_proj_weight)!, outProjWeight: f32(g.out_proj_weight)!,
    });
    expect(result.trace).toBeUndefined();
  });

  it('rejects a non-boolean trace', () => {
    const g = loadGolden('mha_self');
    expect(() => jm.multiHeadAttention({
      query: f32(g.query)!, batch: g.B, queryLength: g.L, modelDim: g.E!, heads: g.H,
      inProjWeight: f32(g.in_proj_weight)!, outProjWeight: f32(g.out_proj_weight)!, trace: 1 as never,
    })).toThrowError('multiHeadAttention: trace must be true or false, got number 1');
  });
});
