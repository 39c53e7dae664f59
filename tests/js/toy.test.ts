// Embeddings, projections, URL state and CSV: the front end's pure parts, in Node.
import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { embedSentences, embedToken, addPositionalEncoding } from '../../web/src/toy/embedding.js';
import { seededProjections, identityProjections } from '../../web/src/toy/projections.js';
import { computeScene, prepareScene, ProjectionCache, type SceneInput } from '../../web/src/toy/scene.js';
import { matrixToCsv } from '../../web/src/ui/export.js';
import { defaultState, stateFromHash, stateToHash } from '../../web/src/ui/state.js';
import { builds } from './helpers.js';

const sha = (values: Float32Array) => createHash('sha256').update(new Uint8Array(values.buffer)).digest('hex').slice(0, 16);

describe('embeddings', () => {
  it('depend only on the token text, bit for bit', () => {
    const a = new Float32Array(512), b = new Float32Array(512);
    embedToken('사과', 512, a);
    embedToken('사과', 512, b);
    expect(a).toEqual(b);
    // A fixed fingerprint: the same numbers on every machine (integer hashing and PRNG, no Math.random).
    expect(sha(a)).toBe('e3b7666a10114795');
    embedToken('사과'.normalize('NFD'), 512, b);
    expect(b).toEqual(a);
    embedToken('배', 512, b);
    expect(b).not.toEqual(a);
  });

  it('make PAD the zero vector and keep positions out of PAD rows', () => {
    const texts = [['<sos>', '철수', 'PAD']];
    const embeddings = embedSentences(texts, 8);
    expect(Array.from(embeddings.subarray(16, 24))).toEqual(new Array(8).fill(0));
    addPositionalEncoding(embeddings, texts, 8);
    expect(Array.from(embeddings.subarray(16, 24))).toEqual(new Array(8).fill(0));
    expect(embeddings[0]).not.toBe(0);
  });

  it('give the same attention on both wasm builds', async () => {
    const [simd, scalar] = await Promise.all(builds.map((build) => build.load()));
    const query = embedSentences([['<sos>', '커피', '한잔', '할래요', '?', '<eos>']], 64);
    const { inProjWeight, outProjWeight } = seededProjections(64);
    const options = { query, batch: 1, queryLength: 6, modelDim: 64, heads: 4, inProjWeight, outProjWeight };
    const a = simd.multiHeadAttention(options).weights!, b = scalar.multiHeadAttention(options).weights!;
    for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-5);
  });
});

describe('projections', () => {
  it('are seeded and identity is the identity', () => {
    expect(seededProjections(16).inProjWeight).toEqual(seededProjections(16).inProjWeight);
    const { inProjWeight } = identityProjections(3);
    expect(Array.from(inProjWeight.subarray(0, 9))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});

describe('scenes', () => {
  const input = (change: Partial<SceneInput>): SceneInput => ({
    sentences: ['철수가 사과를 맛있게 먹었다.', 'the cat sat'], crossWith: [], modelDim: 64, heads: 4, mask: 'both',
    projection: 'identity', positional: true, trace: true, tokenizer: {}, ...change,
  });

  // Identity projections take a shortcut (plain attention on the embedding split into heads); it must give
  // exactly what multiHeadAttention with identity weights gives.
  for (const build of builds) {
    it(`give identity projections bit for bit as multiHeadAttention does (${build.name})`, async () => {
      const jm = await build.load();
      const { inProjWeight, outProjWeight } = identityProjections(64);
      for (const change of [{}, { mask: 'causal' as const }, { mask: 'none' as const, crossWith: ['I drink coffee'] }]) {
        const prepared = prepareScene(input(change));
        const scene = computeScene(jm, prepared, new ProjectionCache());
        const direct = jm.multiHeadAttention({
          query: prepared.query, memory: prepared.memory, batch: scene.batch, queryLength: scene.queryLength,
          keyLength: scene.keyLength, modelDim: 64, heads: 4, inProjWeight, outProjWeight, causal: prepared.causal,
          keyLengths: prepared.paddingMask ? prepared.keys.lengths : undefined, trace: true,
        });
        expect(scene.weights).toEqual(direct.weights);
        expect(scene.output).toEqual(direct.output);
        expect(scene.trace).toEqual(direct.trace);
      }
      jm.dispose();
    });
  }

  it('compute the trace only when asked for, on first read', async () => {
    const jm = await builds[0].load();
    const traced = computeScene(jm, prepareScene(input({ projection: 'projected' })), new ProjectionCache());
    expect(traced.trace).toBe(traced.trace);
    expect(traced.trace!.scaled).toHaveLength(2 * 4 * traced.queryLength * traced.keyLength);
    expect(computeScene(jm, prepareScene(input({ trace: false })), new ProjectionCache()).trace).toBeUndefined();
    jm.dispose();
  });

  it('keep a refused trace as traceError, without computing it again', async () => {
    const jm = await builds[0].load();
    let traceCalls = 0;
    const refusing = Object.create(jm, { multiHeadAttention: { value: (options: { trace?: boolean }) => {
      if (!options.trace) return jm.multiHeadAttention(options as Parameters<typeof jm.multiHeadAttention>[0]);
      traceCalls++;
      throw new Error('multiHeadAttention: these sizes need about 2048 MB of wasm memory');
    } } }) as typeof jm;
    const scene = computeScene(refusing, prepareScene(input({ projection: 'projected' })), new ProjectionCache());
    expect(scene.weights.length).toBeGreaterThan(0);
    expect(scene.trace).toBeUndefined();
    expect(scene.traceError?.message).toMatch(/wasm memory/);
    expect(scene.trace).toBeUndefined();
    expect(traceCalls).toBe(1);
    jm.dispose();
  });
});

describe('URL state', () => {
  it('round-trips every field', () => {
    const state = { ...defaultState(), sentences: ['철수가 사과를 먹었다.', 'A & B = C?'], crossWith: ['#hash'], heads: 4,
      modelDim: 64, view: 'steps' as const, head: 2, row: 1, mask: 'both' as const, projection: 'projected' as const,
      positional: true, colormap: 'cividis' as const, lang: 'ko' as const, korean: 'eojeol' as const,
      specialTokens: false, lowercase: true, maxTokens: 300 };
    expect(stateFromHash(`#${stateToHash(state)}`)).toEqual({ state, notices: [] });
  });

  it('keeps links short: defaults are left out', () => {
    expect(stateToHash({ ...defaultState(), head: 3 })).toBe('head=3');
  });

  it('turns malformed values into notices and defaults', () => {
    const { state, notices } = stateFromHash('#heads=0&view=<script>&mask=%E0%A4%A&unknown=1&maxTokens=2000');
    expect(state.heads).toBe(defaultState().heads);
    expect(state.view).toBe('head');
    expect(notices.map((n) => n.key)).toEqual(['heads', 'view', 'mask', 'unknown', 'maxTokens']);
    expect(notices[0]).toEqual({ key: 'heads', given: '0', expected: 'an integer from 1 to 64' });
  });
});

describe('CSV export', () => {
  it('quotes labels and defuses spreadsheet formulas', () => {
    const csv = matrixToCsv(['=cmd', 'a,b'], ['"x"', '사과'], [0.5, -Infinity, 0.25, 0.75]);
    expect(csv).toBe('query \\ key,"""x""",사과\r\n\'=cmd,0.5,-Infinity\r\n"a,b",0.25,0.75\r\n');
  });
});
