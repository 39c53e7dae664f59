// Bad input gives an Error that names the argument and says what was expected,
// and the instance keeps answering afterwards. Runs on both builds.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { builds, good, goodMha, type Jumok } from './helpers.js';


type Case = [string, Record<string, unknown>, RegExp | string];

const attentionCases: Case[] = [
  ['plain array for queries', { queries: [1, 2, 3] }, 'attention: queries must be a Float32Array, got an Array'],
  ['Float64Array for keys', { keys: new Float64Array(40) }, 'attention: keys must be a Float32Array, got a Float64Array'],
  ['missing values', { values: undefined }, 'attention: values must be a Float32Array, got undefined'],
  ['queries too short', { queries: new Float32Array(29) },
    'attention: queries has 29 values, expected 30 for [batch,heads,queryLength,headDim] = [1,2,3,5]'],
  ['keys too long', { keys: new Float32Array(41) }, /keys has 41 values, expected 40/],
  ['zero heads', { heads: 0 }, 'attention: heads must be a positive integer up to 2147483647, got 0'],
  ['negative batch', { batch: -1 }, /batch must be a positive integer up to 2147483647, got -1/],
  ['fractional headDim', { headDim: 2.5 }, /headDim must be a positive integer up to 2147483647, got 2.5/],
  ['NaN keyLength', { keyLength: NaN }, /keyLength must be a positive integer up to 2147483647, got NaN/],
  ['string queryLength', { queryLength: '3' }, 'attention: queryLength must be a positive integer, got the string "3"'],
  ['huge queryLength', { queryLength: 2 ** 40 }, /queryLength must be a positive integer up to 2147483647/],
  ['NaN in queries', { queries: new Float32Array(30).fill(NaN) }, 'attention: queries[0] is NaN, expected a finite number'],
  ['Infinity in values', { values: Float32Array.from({ length: 40 }, (_, i) => (i === 7 ? Infinity : 0)) },
    'attention: values[7] is Infinity, expected a finite number'],
  ['keyLengths too long', { keyLengths: [1, 2] }, /keyLengths has 2 entries, expected one per batch row \(batch = 1\)/],
  ['keyLengths beyond keyLength', { keyLengths: [5] }, /keyLengths\[0\] = 5 is out of range, expected 0 to keyLength = 4/],
  ['negative keyLengths', { keyLengths: Int32Array.of(-1) }, /keyLengths\[0\] = -1 is out of range/],
  ['fractional keyLengths', { keyLengths: [1.5] }, /keyLengths\[0\] = 1.5 is not an integer/],
  ['keyLengths as a string', { keyLengths: '4' }, /keyLengths must be an Int32Array or an array of integers/],
  ['causal as a string', { causal: 'yes' }, 'attention: causal must be true or false, got the string "yes"'],
];

const mhaCases: Case[] = [
  ['heads not dividing modelDim', { heads: 3 },
    /multiHeadAttention: modelDim = 8 is not divisible by heads = 3, expected modelDim to be a multiple of heads/],
  ['inProjWeight too short', { inProjWeight: new Float32Array(10) },
    'multiHeadAttention: inProjWeight has 10 values, expected 192 for [3·modelDim,modelDim] = [24,8]'],
  ['memory of the wrong size', { memory: new Float32Array(5), keyLength: 4 }, /memory has 5 values, expected 64/],
  ['keyLength without memory', { keyLength: 4 }, /keyLength = 4 differs from queryLength = 3 without memory/],
  ['outProjBias of the wrong size', { outProjBias: new Float32Array(3) }, /outProjBias has 3 values, expected 8/],
  ['NaN in inProjBias', { inProjBias: new Float32Array(24).fill(NaN) }, /inProjBias\[0\] is NaN/],
];

describe.each(builds)('$name build', ({ load }) => {
  let jm: Jumok;
  beforeAll(async () => (jm = await load()));
  afterAll(() => jm.dispose());

  it.each(attentionCases)('attention: %s', (_, change, message) => {
    expect(() => jm.attention({ ...good(), ...change } as never)).toThrowError(message);
    expect(jm.attention(good()).weights).toHaveLength(24); // still answering
  });

  it.each(mhaCases)('multiHeadAttention: %s', (_, change, message) => {
    expect(() => jm.multiHeadAttention({ ...goodMha(), ...change } as never)).toThrowError(message);
    expect(jm.multiHeadAttention(goodMha()).output).toHaveLength(48);
  });

  it('refuses sizes beyond wasm memory with a clear error and keeps working', () => {
    // 65536² weights need 16 GiB; the inputs are small because headDim is 1.
    const n = 65536;
    const huge = { queries: new Float32Array(n), keys: new Float32Array(n), values: new Float32Array(n),
      batch: 1, heads: 1, queryLength: n, keyLength: n, headDim: 1 };
    expect(() => jm.attention(huge)).toThrowError(/attention: these sizes need about 1\.6\d*e\+04 MB of wasm memory, but only .* MB of the 2048 MB maximum is free/);
    expect(jm.attention(good()).output).toHaveLength(30);
  });

  it('rejects a non-object argument', () => {
    expect(() => jm.attention(undefined as never)).toThrowError('attention: expected one options object, got undefined');
    expect(() => jm.multiHeadAttention([] as never)).toThrowError('multiHeadAttention: expected one options object, got an Array');
  });

  it('throws a clear error after dispose', async () => {
    const other = await load();
    other.dispose();
    expect(() => other.attention(good())).toThrowError(/this jumok instance was disposed/);
  });
});

describe('loadJumok options', () => {
  it('rejects an unknown simd value', async () => {
    const { loadJumok } = await import('../../web/src/index.js');
    await expect(loadJumok({ simd: 'fast' as never })).rejects.toThrowError("loadJumok: simd must be 'auto', true or false, got the string \"fast\"");
  });

  it('names the wasm it could not find', async () => {
    const { loadJumok } = await import('../../web/src/index.js');
    await expect(loadJumok({ wasmUrl: new URL('file:///nowhere/jumok-simd.wasm') })).rejects.toThrowError(
      /loadJumok: could not load file:\/\/\/nowhere\/jumok-simd.wasm: .*ENOENT/);
  });

  // A .wasm URL no other test has loaded (each load of a URL shares its compile): a scalar build's file name in a
  // fresh folder, empty until the test copies the build there.
  async function inFreshFolder(test: (wasmUrl: URL, copyBuild: () => Promise<void>) => Promise<void>) {
    const folder = await mkdtemp(join(tmpdir(), 'jumok-load-'));
    const wasmUrl = pathToFileURL(join(folder, 'jumok-scalar.wasm'));
    try {
      await test(wasmUrl, () => copyFile(new URL('../../web/src/wasm/jumok-scalar.wasm', import.meta.url), wasmUrl));
    } finally {
      await rm(folder, { recursive: true });
    }
  }

  it('tries a failed load again rather than keeping its error', async () => {
    const { loadJumok } = await import('../../web/src/index.js');
    await inFreshFolder(async (wasmUrl, copyBuild) => {
      await expect(loadJumok({ simd: false, wasmUrl })).rejects.toThrowError(/could not load .*ENOENT/);
      await copyBuild();
      const jm = await loadJumok({ simd: false, wasmUrl });
      expect(jm.backend).toBe('wasm-scalar');
      jm.dispose();
    });
  });

  it('compiles a .wasm once for every load of its URL, the #fragment aside', async () => {
    const { loadJumok } = await import('../../web/src/index.js');
    await inFreshFolder(async (wasmUrl, copyBuild) => {
      await copyBuild();
      const compile = vi.spyOn(WebAssembly, 'compile');
      try {
        const loads = await Promise.all([loadJumok({ simd: false, wasmUrl }), loadJumok({ simd: false, wasmUrl })]);
        loads.push(await loadJumok({ simd: false, wasmUrl: `${wasmUrl.href}#again` }));
        expect(compile).toHaveBeenCalledTimes(1);
        for (const jm of loads) jm.dispose();
      } finally {
        compile.mockRestore();
      }
    });
  });

  it('gives each load its own instance, also when they share a compile', async () => {
    const { loadJumok } = await import('../../web/src/index.js');
    const [a, b] = await Promise.all([loadJumok({ simd: true }), loadJumok({ simd: true })]);
    const options = good();
    const first = a.attention(options).output.slice();
    b.dispose();
    expect(a.attention(options).output).toEqual(first);
    a.dispose();
  });

  it('accepts a folder as wasmUrl', async () => {
    const { loadJumok } = await import('../../web/src/index.js');
    const jm = await loadJumok({ simd: false, wasmUrl: new URL('../../web/src/wasm/', import.meta.url) });
    expect(jm.backend).toBe('wasm-scalar');
    jm.dispose();
  });
});
