// run({ trace }): one layer's every stage, for the step-by-step view. Its softmax of `masked` is that layer's
// attention, its stages have the documented shapes, grouped-query keys repeat per query head, and a bad layer
// or kind says what was expected.
import { describe, expect, it } from 'vitest';

import { loadJumok } from '../../web/src/index.js';
import { modelsDir } from './helpers.js';

function softmaxRows(masked: Float32Array, rowLength: number): Float32Array {
  const out = new Float32Array(masked.length);
  for (let row = 0; row < masked.length / rowLength; row++) {
    const cells = masked.subarray(row * rowLength, (row + 1) * rowLength);
    const max = Math.max(...cells);
    const exps = Array.from(cells, (v) => Math.exp(v - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    exps.forEach((e, j) => (out[row * rowLength + j] = e / sum));
  }
  return out;
}

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i])), 0);

describe('run({ trace })', () => {
  it('bert: the traced layer\'s softmax(masked) is its attention; padding keys are −Infinity', async () => {
    const jm = await loadJumok();
    const model = await jm.loadModel(`${modelsDir}bert-mlm`);
    const inputIds = [[2, 5, 7, 9, 3], [2, 6, 3, 0, 0]], attentionMask = [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]];
    const { attentions, trace } = model.run({ inputIds, attentionMask, trace: { layer: 1 } });
    const [B, H, L, D] = [2, 5, 5, 12];
    expect(trace!.queries).toHaveLength(B * H * L * D);
    expect(trace!.concat).toHaveLength(B * L * H * D);
    expect(trace!.scores).toHaveLength(B * H * L * L);
    expect(maxDifference(softmaxRows(trace!.masked, L), attentions[1])).toBeLessThan(1e-6);
    expect(trace!.masked[(1 * H * L + 0) * L + 3]).toBe(-Infinity);
    expect(trace!.scaled[0]).toBeCloseTo(trace!.scores[0] / Math.sqrt(D), 6);
    model.dispose();
    jm.dispose();
  });

  it('llama (grouped-query): keys and values repeat for the query heads that share them; causal cells are −Infinity', async () => {
    const jm = await loadJumok();
    const model = await jm.loadModel(`${modelsDir}llama-gqa`);
    const { attentions, trace } = model.run({ inputIds: [[1, 5, 9, 13]], trace: { layer: 0 } });
    const [L, D] = [4, 10];
    const head = (stage: Float32Array, h: number) => stage.subarray(h * L * D, (h + 1) * L * D);
    expect(head(trace!.keys, 1)).toEqual(head(trace!.keys, 0));  // 3 query heads per key/value head
    expect(head(trace!.keys, 3)).not.toEqual(head(trace!.keys, 2));
    expect(trace!.masked[1]).toBe(-Infinity);  // query 0 cannot see key 1
    expect(maxDifference(softmaxRows(trace!.masked, L), attentions[0])).toBeLessThan(1e-6);
    model.dispose();
    jm.dispose();
  });

  it('marian: decoder self-attention and cross-attention', async () => {
    const jm = await loadJumok();
    const model = await jm.loadModel(`${modelsDir}marian`);
    const run = (attention: 'decoder' | 'cross') =>
      model.run({ inputIds: [[5, 6, 7, 2]], decoderInputIds: [[130, 8, 9]], trace: { layer: 1, attention } });
    const decoder = run('decoder'), cross = run('cross');
    expect(maxDifference(softmaxRows(decoder.trace!.masked, 3), decoder.decoderAttentions![1])).toBeLessThan(1e-6);
    expect(maxDifference(softmaxRows(cross.trace!.masked, 4), cross.crossAttentions![1])).toBeLessThan(1e-6);
    expect(cross.trace!.keys).toHaveLength(4 * 4 * 11);  // [B,H,S,D]: source keys
    model.dispose();
    jm.dispose();
  });

  it('a layer or kind the model does not have is refused', async () => {
    const jm = await loadJumok();
    const model = await jm.loadModel(`${modelsDir}bert-mlm`);
    expect(() => model.run({ inputIds: [[2, 3]], trace: { layer: 2 } })).toThrow('run: trace.layer = 2 is not a layer of this model; expected 0 to 1');
    expect(() => model.run({ inputIds: [[2, 3]], trace: { layer: 0, attention: 'cross' } }))
      .toThrow("run: trace.attention 'decoder' and 'cross' are a marian model's, and this is a bert model; expected 'self'");
    expect(() => model.run({ inputIds: [[2, 3]], trace: { layer: 0.5 } as never }))
      .toThrow("run: trace must be { layer: an integer, attention?: 'self' | 'decoder' | 'cross' }, got an object");
    expect(model.run({ inputIds: [[2, 3]] }).trace).toBeUndefined();
    model.dispose();
    jm.dispose();
  });
});
