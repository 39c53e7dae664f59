// Every reference checkpoint in shared/golden/models, loaded from its folder through both .wasm builds:
// attentions, hidden states and logits against PyTorch within that folder's README's tolerances.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { Jumok, ModelRunResult } from '../../web/src/index.js';
import { builds, modelsDir } from './helpers.js';

const modelCases = ['bert-mlm', 'bert-base-noprefix', 'roberta', 'gpt2-hub', 'gpt2-prefixed-f16', 'llama-gqa',
  'llama-bf16', 'llama-sharded', 'marian', 'stories260k'];

type Nested = number | Nested[];
interface Expected {
  inputs: Record<string, number[][]>;
  attentions: Nested;
  decoder_attentions?: Nested;
  cross_attentions?: Nested;
  encoder_last_hidden_state?: Nested;
  last_hidden_state: Nested;
  logits_positions?: number[];
  logits?: Nested;
  generation?: { start_ids: number[]; greedy_ids: number[]; text: string };
  prompts?: string[];
}

const readExpected = (name: string) => JSON.parse(readFileSync(`${modelsDir}${name}/expected.json`, 'utf8')) as Expected;
const flat = (value: Nested): number[] => (Array.isArray(value) ? value.flatMap(flat) : [value]);

function expectAttention(got: Float32Array[], want: Nested, rowLength: number, tolerance: number, what: string) {
  const all = new Float32Array(got.reduce((n, layer) => n + layer.length, 0));
  got.reduce((offset, layer) => (all.set(layer, offset), offset + layer.length), 0);
  const expected = flat(want);
  expect(all.length, `${what} length`).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < all.length; i++) {
    if (expected[i] === 0) expect(all[i], `${what}[${i}] is masked`).toBe(0);
    worst = Math.max(worst, Math.abs(all[i] - expected[i]));
  }
  expect(worst, what).toBeLessThanOrEqual(tolerance);
  for (let row = 0; row < all.length / rowLength; row++) {
    let sum = 0;
    for (let j = 0; j < rowLength; j++) sum += all[row * rowLength + j];
    expect(Math.abs(sum - 1), `${what} row ${row} sums to ${sum}`).toBeLessThanOrEqual(1e-6);
  }
}

function expectRelative(got: Float32Array | undefined, want: Nested, tolerance: number, what: string) {
  const expected = flat(want);
  expect(got?.length, `${what} length`).toBe(expected.length);
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(got![i] - expected[i]));
  expect(worst, what).toBeLessThanOrEqual(tolerance * scale);
}

function runExpected(model: Awaited<ReturnType<Jumok['loadModel']>>, expected: Expected): ModelRunResult {
  const { input_ids, attention_mask, token_type_ids, decoder_input_ids, decoder_attention_mask } = expected.inputs;
  return model.run({
    inputIds: input_ids, attentionMask: attention_mask, tokenTypeIds: token_type_ids,
    decoderInputIds: decoder_input_ids, decoderAttentionMask: decoder_attention_mask,
    logitsAt: expected.logits ? expected.logits_positions : 'none',
  });
}

describe.each(builds)('checkpoints, $name build', (build) => {
  it.each(modelCases)('%s matches PyTorch', async (name) => {
    const jm = await build.load();
    const model = await jm.loadModel(`${modelsDir}${name}`);
    const expected = readExpected(name);
    const tolerance = name === 'stories260k' ? 1e-4 : 2e-5;

    const result = runExpected(model, expected);

    const L = expected.inputs.input_ids[0].length;
    expectAttention(result.attentions, expected.attentions, L, tolerance, 'attentions');
    if (expected.decoder_attentions) {
      const T = expected.inputs.decoder_input_ids[0].length;
      expectAttention(result.decoderAttentions!, expected.decoder_attentions, T, tolerance, 'decoderAttentions');
      expectAttention(result.crossAttentions!, expected.cross_attentions!, L, tolerance, 'crossAttentions');
      expectRelative(result.encoderLastHiddenState, expected.encoder_last_hidden_state!, tolerance, 'encoderLastHiddenState');
    }
    expectRelative(result.lastHiddenState, expected.last_hidden_state, tolerance, 'lastHiddenState');
    if (expected.logits) expectRelative(result.logits, expected.logits, tolerance, 'logits');
    else expect(result.logits).toBeUndefined();
    model.dispose();
    jm.dispose();
  });

  it('stories260k generates llama2.c\'s text from <s>, id for id, and its tokenizer gives the prompts\' ids', async () => {
    const jm = await build.load();
    const model = await jm.loadModel(`${modelsDir}stories260k`);
    const expected = readExpected('stories260k');
    const generation = expected.generation!;

    const result = model.generate({ inputIds: generation.start_ids, maxNewTokens: generation.greedy_ids.length - 1 });

    expect(result.ids).toEqual(generation.greedy_ids);
    expect(result.steps).toHaveLength(40);
    expect(result.stoppedAtEos).toBe(false);
    expect(model.tokenizer!.pieceOf(result.ids[1])).toBe('▁Once');
    expect(model.tokenizer!.pieceOf(1e9)).toBeUndefined();
    expect(result.steps[0].attentions).toHaveLength(5);
    expect(model.tokenizer!.decode(result.ids)).toBe(generation.text);
    expect(model.tokenizer!.encode(expected.prompts![0]).ids).toEqual(expected.inputs.input_ids[0]);
    model.dispose();
    jm.dispose();
  });
});
