// Every bad checkpoint and bad run of the README's table: a clear Error naming what was wrong and what was
// expected, nothing half-loaded, and the instance goes on working.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadJumok, type Jumok, type ModelFiles } from '../../web/src/index.js';
import { builds, modelsDir } from './helpers.js';
import { readTensors, writeTensors, type RawTensor } from './safetensors.js';

const folder = `${modelsDir}bert-mlm/`;
const config = () => JSON.parse(readFileSync(`${folder}config.json`, 'utf8')) as Record<string, unknown>;
const tensors = () => readTensors(`${folder}model.safetensors`);
const weights = () => new Uint8Array(readFileSync(`${folder}model.safetensors`));
const files = (changes: Partial<ModelFiles> = {}): ModelFiles => ({ config: config(), weights: weights(), ...changes });
const good = () => ({ inputIds: [[2, 5, 7, 3]] });

// Every row on both builds: `jm` is the instance of the build whose tests are running.
let jm: Jumok;

// After each refusal the same instance loads and runs a good checkpoint.
async function expectRefused(load: () => Promise<unknown>, message: RegExp | string) {
  await expect(load()).rejects.toThrow(message);
  const model = await jm.loadModel(files());
  expect(model.run(good()).attentions).toHaveLength(2);
  model.dispose();
}

describe.each(builds)('$name build', ({ load }) => {
  beforeAll(async () => {
    jm = await load();
  });

  describe('a bad checkpoint is refused with a clear Error', () => {
    it('a truncated file', async () => {
      await expectRefused(() => jm.loadModel(files({ weights: weights().subarray(0, 5000) })),
        /model.safetensors|weights\[0\]: tensor .* has data_offsets \[\d+, \d+\] outside the \d+ bytes of data; expected 0 ≤ begin ≤ end ≤ the data length \(is the file truncated\?\)/);
    });

    it('a file shorter than the header length', async () => {
      await expectRefused(() => jm.loadModel(files({ weights: weights().subarray(0, 6) })),
        'weights[0]: 6 bytes is too short for a safetensors file; expected an 8-byte header length first');
    });

    it('a header length beyond the file', async () => {
      const file = weights();
      new DataView(file.buffer).setBigUint64(0, 1n << 40n, true);
      await expectRefused(() => jm.loadModel(files({ weights: file })),
        /weights\[0\]: the header length 1099511627776 runs past the end of the file \(\d+ bytes\); expected a safetensors file, whole/);
    });

    it('a header that is not JSON', async () => {
      const file = weights();
      file[8] = 0x7b + 1;  // '|' where '{' was
      await expectRefused(() => jm.loadModel(files({ weights: file })), /weights\[0\]: the header is not JSON \(.*\); expected a safetensors file/);
    });

    it('offsets out of range, overlapping, or not covering the data', async () => {
      const shift = (by: number) => (h: Record<string, unknown>) => {
        const entry = Object.values(h)[1] as { data_offsets: number[] };
        entry.data_offsets = entry.data_offsets.map((o) => o + by);
      };
      await expectRefused(() => jm.loadModel(files({ weights: writeTensors(tensors(), shift(-4)) })),
        /tensors overlap: .* starts at byte \d+, inside an earlier tensor/);
      await expectRefused(() => jm.loadModel(files({ weights: writeTensors(tensors(), shift(4)) })),
        /bytes \d+ to \d+ of the data belong to no tensor; expected the tensors to cover the data/);
      await expectRefused(() => jm.loadModel(files({
        weights: writeTensors(tensors(), (h) => ((Object.values(h)[0] as { data_offsets: number[] }).data_offsets = [0, 1e9])),
      })), /has data_offsets \[0, 1000000000\] outside the \d+ bytes of data/);
    });

    it('a needed tensor stored in a dtype other than F32, F16 or BF16', async () => {
      const all = tensors();
      const name = 'bert.encoder.layer.0.attention.self.query.weight';
      all.set(name, { ...all.get(name)!, dtype: 'I32' });
      await expectRefused(() => jm.loadModel(files({ weights: writeTensors(all) })),
        `loadModel: tensor ${name} is stored as I32; expected F32, F16 or BF16 for a weight the model uses`);
    });

    it('unused tensors are skipped whatever their dtype (I64 position_ids, BOOL attn.bias, a pooler)', async () => {
      const noprefix = await jm.loadModel(`${modelsDir}bert-base-noprefix`);
      expect(noprefix.unusedTensors).toEqual(expect.arrayContaining(['embeddings.position_ids', 'pooler.dense.weight']));
      const gpt2 = await jm.loadModel(`${modelsDir}gpt2-prefixed-f16`);
      expect(gpt2.unusedTensors).toEqual(expect.arrayContaining(['transformer.h.0.attn.bias', 'transformer.h.0.attn.masked_bias']));
      noprefix.dispose();
      gpt2.dispose();
    });

    it('a tensor whose shape is not what config.json implies (named, both shapes)', async () => {
      await expectRefused(() => jm.loadModel(files({ config: { ...config(), intermediate_size: 96 } })),
        'loadModel: tensor bert.encoder.layer.0.intermediate.dense.bias has shape [97], expected [96] from config.json');
    });

    it('a missing tensor (named)', async () => {
      const all = tensors();
      all.delete('bert.encoder.layer.1.output.dense.weight');
      await expectRefused(() => jm.loadModel(files({ weights: writeTensors(all) })),
        'loadModel: the checkpoint has no tensor encoder.layer.1.output.dense.weight (with or without the prefix bert.); ' +
        'expected every weight of a bert model of the sizes in config.json');
    });

    it('part of a head', async () => {
      const all = tensors();
      all.delete('cls.predictions.bias');
      await expectRefused(() => jm.loadModel(files({ weights: writeTensors(all) })),
        'loadModel: the checkpoint has part of the language-model head but no tensor cls.predictions.bias; expected all of the head or none of it');
    });

    it('an unknown model_type (the supported ones listed)', async () => {
      await expectRefused(() => jm.loadModel(files({ config: { ...config(), model_type: 't5' } })),
        'loadModel: config.json: model_type "t5" is not supported; expected one of bert, roberta, gpt2, llama, marian');
    });

    it('a size of the wrong type; a missing size takes transformers\' default', async () => {
      await expectRefused(() => jm.loadModel(files({ config: { ...config(), hidden_size: '60' } })),
        'loadModel: config.json: hidden_size must be an integer from 1 to 2147483647, got "60"');
      const { hidden_size: _, ...withoutHidden } = config();
      await expectRefused(() => jm.loadModel(files({ config: withoutHidden })),
        "loadModel: config.json: hidden_size 768 (transformers' default: config.json has no hidden_size) is not a " +
        'multiple of num_attention_heads 5; expected heads that divide the hidden size');
      const { vocab_size: __, ...withoutVocabulary } = config();
      await expectRefused(() => jm.loadModel(files({ config: withoutVocabulary })),
        'loadModel: tensor bert.embeddings.word_embeddings.weight has shape [137,60], expected [30522,60] from config.json');
    });

    it('sizes beyond wasm memory, refused before allocating', async () => {
      const before = jm.backend;
      await expectRefused(() => jm.loadModel(files({ config: { ...config(), hidden_size: 40000, intermediate_size: 40000, num_attention_heads: 5 } })),
        /loadModel: the weights of this model need about \d+ MB of wasm memory, but only \d+ MB of the 2048 MB maximum is free; expected a smaller model or input/);
      expect(jm.backend).toBe(before);
    });

    it('config.json that is not an object; tokenizer.json that is not one', async () => {
      await expectRefused(() => jm.loadModel(files({ config: '[1,2]' })), 'loadModel: config.json is not a JSON object; expected a Hugging Face config');
      await expectRefused(() => jm.loadModel(files({ tokenizer: '"text"' })), 'tokenizer.json is not a JSON object; expected a Hugging Face tokenizers file');
    });
  });

  describe('a bad run is refused with a clear Error, and the model keeps working', () => {
    async function expectRunRefused(options: unknown, message: string | RegExp, name = 'bert-mlm') {
      const model = await jm.loadModel(`${modelsDir}${name}`);
      expect(() => model.run(options as never)).toThrow(message);
      const decoder = name === 'marian' ? { decoderInputIds: [[130, 5]] } : {};
      expect(model.run({ ...good(), ...decoder }).attentions[0].length).toBeGreaterThan(0);
      model.dispose();
    }

    it('token ids negative or past the vocabulary', async () => {
      await expectRunRefused({ inputIds: [[2, -1]] }, 'run: inputIds[0][1] = -1 is not a token id of this model; expected 0 to 136');
      await expectRunRefused({ inputIds: [[2, 137]] }, 'run: inputIds[0][1] = 137 is not a token id of this model; expected 0 to 136');
      await expectRunRefused({ inputIds: [[2, 1.5]] }, 'run: inputIds[0][1] is number 1.5; expected an integer');
    });

    it('a sequence longer than the model\'s positions', async () => {
      const max = config().max_position_embeddings as number;
      await expectRunRefused({ inputIds: [new Array(max + 1).fill(2)] },
        `run: inputIds rows have ${max + 1} tokens, more than the ${max} positions this model has (max_position_embeddings); expected at most ${max}`);
    });

    it('an attentionMask of the wrong shape, wrong values or left padding', async () => {
      await expectRunRefused({ inputIds: [[2, 5, 7]], attentionMask: [[1, 1]] }, 'run: attentionMask is 1×2, expected 1×3 (the shape of inputIds)');
      await expectRunRefused({ inputIds: [[2, 5, 7]], attentionMask: [[1, 2, 0]] }, 'run: attentionMask[0][1] = 2; expected 1 (real) or 0 (padding)');
      await expectRunRefused({ inputIds: [[2, 5, 7]], attentionMask: [[0, 1, 1]] },
        'run: attentionMask[0] has a 1 after a 0 at position 1; expected right padding: the real tokens first, then 0s');
    });

    it('rows that are all padding', async () => {
      await expectRunRefused({ inputIds: [[2, 5], [2, 5]], attentionMask: [[1, 1], [0, 0]] },
        'run: attentionMask[1] is all padding; expected at least one real token (a 1) per row');
    });

    it('ragged rows, and inputs the architecture does not take', async () => {
      await expectRunRefused({ inputIds: [[2, 5], [2]] }, /run: inputIds\[1\] has 1 values, expected 2 like inputIds\[0\]/);
      await expectRunRefused({ inputIds: [[2, 5]], decoderInputIds: [[0]] },
        'run: decoderInputIds are for encoder-decoder (marian) models, and this is a bert model; expected inputIds only');
      await expectRunRefused({ inputIds: [[2, 5]] }, /run: a marian model translates: expected decoderInputIds/, 'marian');
      await expectRunRefused({ inputIds: [[2, 5]], tokenTypeIds: [[0, 0]] }, /run: tokenTypeIds are for bert and roberta models, and this is a gpt2 model/, 'gpt2-hub');
    });

    it('a disposed model', async () => {
      const model = await jm.loadModel(files());
      model.dispose();
      expect(() => model.run(good())).toThrow('run: this model was disposed; load it again with loadModel()');
      expect(() => model.generate({ inputIds: [1] })).toThrow('generate: this model was disposed; load it again with loadModel()');
    });

    it('generate on a model that does not generate', async () => {
      await expectRunRefused(undefined, 'run: expected one options object, got undefined');
      const model = await jm.loadModel(files());
      expect(() => model.generate({ inputIds: [2, 5] })).toThrow('generate: a bert model does not generate text; expected a gpt2, llama or marian model');
      model.dispose();
    });
  });
});

describe('loading from a URL', () => {
  beforeAll(async () => {
    jm = await loadJumok();
  });
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url!, 'http://x').pathname);
      try {
        const body = readFileSync(`${modelsDir}${path.slice(1)}`);
        response.writeHead(200, { 'content-length': body.length }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a folder URL loads, sharded too, with progress', async () => {
    const progress: number[] = [];
    const model = await jm.loadModel(`${base}llama-sharded`, { onProgress: ({ loaded }) => progress.push(loaded) });
    expect(model.run({ inputIds: [[1, 2, 3]] }).attentions).toHaveLength(3);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    model.dispose();
  });

  it('HTTP 404 and a failed fetch name the URL', async () => {
    await expectRefused(() => jm.loadModel(`${base}no-such-model/`),
      `loadModel: could not fetch ${base}no-such-model/config.json: HTTP 404; expected a model folder holding config.json and model.safetensors`);
    await expectRefused(() => jm.loadModel('http://127.0.0.1:9/model/'), /loadModel: could not fetch http:\/\/127.0.0.1:9\/model\/config.json: /);
  });
});

export type { RawTensor };

describe('non-finite weights', () => {
  it('a NaN or an infinity in a weight is refused at load, naming the tensor and the value', async () => {
    const jm = await loadJumok();
    const all = readTensors(`${modelsDir}bert-mlm/model.safetensors`);
    const name = 'bert.encoder.layer.1.output.dense.weight';
    const values = new Float32Array(all.get(name)!.bytes.slice().buffer);
    values[7] = Number.NaN;
    all.set(name, { ...all.get(name)!, bytes: new Uint8Array(values.buffer) });
    await expect(jm.loadModel({ config: JSON.parse(readFileSync(`${modelsDir}bert-mlm/config.json`, 'utf8')), weights: writeTensors(all) }))
      .rejects.toThrow(`loadModel: tensor ${name}[7] is NaN, expected a finite number`);
    jm.dispose();
  });
});
