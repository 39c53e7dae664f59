// A seeded property test of checkpoint parsing (web/src/checkpoint/safetensors.ts and sources.ts, and the
// core's checks behind them): 600 corrupted copies of a reference checkpoint — truncated, bytes of the header
// or data changed, header fields replaced, config fields removed or given other values. Every load either
// succeeds and runs (or refuses the run with an Error), or is refused with an Error saying what is wrong;
// never a crash, a hang or a dead instance: the same instance loads the good checkpoint after each.
import { readFileSync } from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import { loadJumok, type Jumok, type ModelFiles } from '../../web/src/index.js';
import { modelsDir } from './helpers.js';

const CASES = 600;
const SEED = 20261206;

// mulberry32: small, seeded, good enough to pick mutations.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const folder = `${modelsDir}gpt2-prefixed-f16/`;
const goodConfig = JSON.parse(readFileSync(`${folder}config.json`, 'utf8')) as Record<string, unknown>;
const goodWeights = new Uint8Array(readFileSync(`${folder}model.safetensors`));
const headerLength = Number(new DataView(goodWeights.buffer, goodWeights.byteOffset).getBigUint64(0, true));

const STRANGE_VALUES: unknown[] = [null, 0, -1, 1.5, 1e12, '12', true, [], {}, Number.NaN];

type Mutation = (pick: () => number) => ModelFiles;
const index = (pick: () => number, n: number) => Math.floor(pick() * n);

const MUTATIONS: Record<string, Mutation> = {
  truncated: (pick) => ({ config: goodConfig, weights: goodWeights.slice(0, index(pick, goodWeights.length)) }),
  'header byte changed': (pick) => {
    const weights = goodWeights.slice();
    weights[8 + index(pick, headerLength)] = index(pick, 256);
    return { config: goodConfig, weights };
  },
  'header length changed': (pick) => {
    const weights = goodWeights.slice();
    new DataView(weights.buffer).setBigUint64(0, BigInt(index(pick, 2 * headerLength)), true);
    return { config: goodConfig, weights };
  },
  'data byte changed': (pick) => {
    const weights = goodWeights.slice();
    for (let i = 0; i < 8; i++) weights[8 + headerLength + index(pick, weights.length - 8 - headerLength)] = index(pick, 256);
    return { config: goodConfig, weights };
  },
  'header field replaced': (pick) => {
    const header = JSON.parse(new TextDecoder().decode(goodWeights.subarray(8, 8 + headerLength))) as Record<string, Record<string, unknown>>;
    const names = Object.keys(header).filter((name) => name !== '__metadata__');
    const entry = header[names[index(pick, names.length)]];
    const field = ['dtype', 'shape', 'data_offsets'][index(pick, 3)];
    entry[field] = pick() < 0.5 ? STRANGE_VALUES[index(pick, STRANGE_VALUES.length)]
      : field === 'dtype' ? ['F64', 'I8', 'U8', 'F16', 'BF16', 'Q4'][index(pick, 6)]
      : [index(pick, 300), index(pick, 300)];
    let json = JSON.stringify(header);
    json += ' '.repeat((8 - (json.length % 8)) % 8);
    const bytes = new TextEncoder().encode(json);
    const weights = new Uint8Array(8 + bytes.length + goodWeights.length - 8 - headerLength);
    new DataView(weights.buffer).setBigUint64(0, BigInt(bytes.length), true);
    weights.set(bytes, 8);
    weights.set(goodWeights.subarray(8 + headerLength), 8 + bytes.length);
    return { config: goodConfig, weights };
  },
  'config field changed': (pick) => {
    const config = { ...goodConfig };
    const names = Object.keys(config);
    const name = names[index(pick, names.length)];
    if (pick() < 0.3) delete config[name];
    else config[name] = pick() < 0.5 ? STRANGE_VALUES[index(pick, STRANGE_VALUES.length)] : index(pick, 200);
    return { config, weights: goodWeights };
  },
};

describe('corrupted checkpoints (seeded property test)', () => {
  let jm: Jumok;
  beforeAll(async () => (jm = await loadJumok()));

  it(`${CASES} corrupted loads: each an Error saying what is wrong, or a model that runs; the instance keeps working`, async () => {
    const pick = random(SEED);
    const names = Object.keys(MUTATIONS);
    const outcomes: Record<string, { loaded: number; refused: number }> = {};
    for (let i = 0; i < CASES; i++) {
      const name = names[i % names.length];
      const files = MUTATIONS[name](pick);
      const outcome = (outcomes[name] ??= { loaded: 0, refused: 0 });
      try {
        const model = await jm.loadModel(files);
        outcome.loaded++;
        try {
          const { attentions } = model.run({ inputIds: [[1, 2, 3]] });
          expect(attentions.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^run: .*expected/);
        }
        model.dispose();
      } catch (error) {
        outcome.refused++;
        expect(error, `${name} #${i}`).toBeInstanceOf(Error);
        // Each message names its source (loadModel, the file) and says what was expected.
        expect((error as Error).message, `${name} #${i}`).toMatch(/^(loadModel|weights\[0\]): .*(expected|must be)/s);
      }
      if (i % 25 === 0) {
        const model = await jm.loadModel({ config: goodConfig, weights: goodWeights });
        expect(model.run({ inputIds: [[1, 2, 3]] }).attentions).toHaveLength(3);
        model.dispose();
      }
    }
    console.log('corrupted checkpoints:', JSON.stringify(outcomes));
    for (const name of names) expect(outcomes[name].refused, name).toBeGreaterThan(0);
  }, 120_000);
});
