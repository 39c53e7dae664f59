// 10,000 calls of each API, with an error thrown every few calls, must not grow wasm memory or the JS heap.
// Wasm memory: malloc's bytes in use and the size of the WebAssembly.Memory, read through the engine's
// heapBytesInUse()/heapBytesTotal() (the instance's private `engine`; test-only). JS heap: heapUsed after a
// full garbage collection (gc() is exposed here through v8.setFlagsFromString, so no Vitest flag is needed).
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Engine } from '../../web/src/core/wasm-module.js';
import { tokenize, tokenizeBatch } from '../../web/src/text/tokenizer.js';
import { builds, modelsDir, type Jumok } from './helpers.js';
import { readTensors, writeTensors } from './safetensors.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CALLS = 10_000;
/** Bounds, in bytes, on growth over a whole run after warm-up (a leak of one small result per call is ~4 MB). */
const WASM_IN_USE_BOUND = 0; // buffers are reused, error messages freed: malloc's bytes in use must not move
const JS_HEAP_BOUND = 1.5 * 1024 * 1024;

const engineOf = (jm: Jumok) => (jm as unknown as { engine: Engine }).engine;

function jsHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

interface Usage { wasmInUse: number; wasmTotal: number; jsHeap: number }
const usage = (jm: Jumok): Usage => ({
  wasmInUse: engineOf(jm).heapBytesInUse(), wasmTotal: engineOf(jm).heapBytesTotal(), jsHeap: jsHeap(),
});

/** Runs `call(i)` for i < count; calls that are meant to fail must throw an Error. */
function repeat(count: number, call: (i: number) => unknown, failing: (i: number) => boolean) {
  let thrown = 0;
  for (let i = 0; i < count; i++) {
    if (failing(i)) {
      expect(() => call(i)).toThrowError(Error);
      thrown++;
    } else {
      call(i);
    }
  }
  return thrown;
}

const fill = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed));

// batch 1, 2 heads, 5 queries, 7 keys, head dim 8
const attentionCall = (i: number) => ({
  queries: fill(80, i % 7), keys: fill(112, 1), values: fill(112, 2),
  batch: 1, heads: 2, queryLength: 5, keyLength: 7, headDim: 8, keyLengths: [1 + (i % 7)], causal: i % 2 === 0,
  needWeights: i % 3 !== 0,
});

// Every tenth call fails, each time for another reason: in TypeScript or in C++, before or after the inputs
// were copied into wasm memory, and one refused as too big for wasm memory.
const attentionFailures: Array<(call: ReturnType<typeof attentionCall>) => object> = [
  (c) => ({ ...c, queries: new Float32Array(79) }),
  (c) => ({ ...c, keys: Float32Array.from(c.keys, (x, j) => (j === 50 ? NaN : x)) }),
  (c) => ({ ...c, keyLengths: [8] }),
  (c) => ({ ...c, values: [1, 2, 3] }),
  (c) => ({ ...c, heads: 3 }),
  (c) => ({ ...c, queries: new Float32Array(65536), keys: new Float32Array(65536), values: new Float32Array(65536),
    heads: 1, queryLength: 65536, keyLength: 65536, headDim: 1, keyLengths: undefined, needWeights: true }),
  (c) => ({ ...c, queries: new Float32Array(80).fill(1e20), keys: new Float32Array(112).fill(-1e20) }),
];

const E = 8;
const mhaCall = (i: number) => ({
  query: fill(2 * 4 * E, i % 5), batch: 2, queryLength: 4, modelDim: E, heads: 2,
  inProjWeight: fill(3 * E * E, 3), inProjBias: fill(3 * E, 4), outProjWeight: fill(E * E, 5),
  keyLengths: [4, 1 + (i % 4)], causal: i % 2 === 1, trace: i % 4 === 0,
  ...(i % 3 === 0 ? { memory: fill(2 * 6 * E, 6), keyLength: 6, keyLengths: [6, 1 + (i % 6)] } : {}),
});
const mhaFailures: Array<(call: ReturnType<typeof mhaCall>) => object> = [
  (c) => ({ ...c, heads: 3 }),
  (c) => ({ ...c, inProjWeight: new Float32Array(10) }),
  (c) => ({ ...c, query: Float32Array.from(c.query, (x, j) => (j === 3 ? Infinity : x)) }),
  (c) => ({ ...c, keyLengths: [1, 2, 3] }),
  (c) => ({ ...c, outProjBias: new Float64Array(E) }),
  (c) => ({ ...c, query: new Float32Array(c.query.length).fill(1e20) }),
];

/** Filled in by the tests below, printed at the end for the README. */
const report: string[] = [];
afterAll(() => console.log(`leak check (growth after warm-up over ${CALLS} calls):\n  ${report.join('\n  ')}`));

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(3)} MB`;

describe.each(builds)('$name build', ({ name, load }) => {
  let jm: Jumok;
  beforeAll(async () => (jm = await load()));
  afterAll(() => jm.dispose());

  function check(what: string, run: (count: number) => number) {
    run(500); // warm-up: buffers, workspace and Embind's caches reach their size
    const before = usage(jm);
    const thrown = run(CALLS);
    const after = usage(jm);
    const growth = { wasmInUse: after.wasmInUse - before.wasmInUse, wasmTotal: after.wasmTotal - before.wasmTotal,
      jsHeap: after.jsHeap - before.jsHeap };
    report.push(`${name} ${what}: ${thrown} errors; wasm in use ${growth.wasmInUse} B (of ${mb(after.wasmInUse)}), ` +
      `wasm memory ${growth.wasmTotal} B (of ${mb(after.wasmTotal)}), JS heap ${mb(growth.jsHeap)}`);
    expect(thrown).toBeGreaterThan(CALLS / 20);
    expect(growth.wasmInUse, 'bytes malloc holds').toBeLessThanOrEqual(WASM_IN_USE_BOUND);
    expect(growth.wasmTotal, 'size of the WebAssembly.Memory').toBe(0);
    expect(growth.jsHeap, 'JS heap after gc').toBeLessThan(JS_HEAP_BOUND);
  }

  it(`attention: ${CALLS} calls, every 10th an error`, () => {
    check('attention', (count) => repeat(count,
      (i) => jm.attention((i % 10 === 9 ? attentionFailures[(i / 10 | 0) % attentionFailures.length]!(attentionCall(i)) : attentionCall(i)) as never),
      (i) => i % 10 === 9));
  });

  it(`multiHeadAttention: ${CALLS} calls (self, cross, trace), every 7th an error`, () => {
    check('multiHeadAttention', (count) => repeat(count,
      (i) => jm.multiHeadAttention((i % 7 === 6 ? mhaFailures[(i / 7 | 0) % mhaFailures.length]!(mhaCall(i)) : mhaCall(i)) as never),
      (i) => i % 7 === 6));
  });

  it('the results stay valid: finite, rows sum to 1 or 0, their own buffers', () => {
    for (let i = 0; i < 50; i++) {
      const call = attentionCall(i);
      const { output, weights } = jm.attention({ ...call, needWeights: true });
      expect(output.every(Number.isFinite)).toBe(true);
      for (let row = 0; row < 10; row++) {
        const sum = weights!.subarray(row * 7, row * 7 + 7).reduce((s, x) => s + x, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
      }
      const mha = jm.multiHeadAttention({ ...mhaCall(i), trace: true });
      for (const array of [mha.output, mha.weights!, ...Object.values(mha.trace!)]) {
        expect(array.byteOffset).toBe(0);
        expect(array.buffer.byteLength).toBe(array.byteLength); // a copy, not a view into wasm memory
      }
    }
  });
});

describe('instances', () => {
  it('20 instances loaded, used and disposed give their wasm memory back', async () => {
    // Each instance has its own WebAssembly.Memory (16 MiB at first), counted in Node's `external` memory;
    // 20 kept alive would add over 300 MB.
    const external = () => (gc(), gc(), process.memoryUsage().external);
    const before = external();
    for (let i = 0; i < 20; i++) {
      const jm = await builds[i % 2]!.load();
      jm.attention(attentionCall(i));
      jm.dispose();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const growth = external() - before;
    report.push(`20 instances loaded and disposed: external memory ${mb(growth)}`);
    expect(growth).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('tokenizer', () => {
  it(`tokenize and tokenizeBatch: ${CALLS} calls each, every 10th an error`, () => {
    const texts = ['철수가 사과를 맛있게 먹었다.', "The animal didn't cross the street.", '👩‍👩‍👧 <b>x</b> \uD800 مرحبا', ' '];
    const run = (count: number) => repeat(count, (i) => {
      if (i % 10 === 9) return tokenize(texts[i % 4]!, { maxTokens: 0 });
      tokenize(texts[i % 4]!, { korean: i % 2 ? 'eojeol' : 'particle' });
      return tokenizeBatch(texts, { maxTokens: 16 });
    }, (i) => i % 10 === 9);
    run(500);
    const before = jsHeap();
    expect(run(CALLS)).toBe(CALLS / 10);
    const growth = jsHeap() - before;
    report.push(`tokenize + tokenizeBatch: JS heap ${mb(growth)}`);
    expect(growth).toBeLessThan(JS_HEAP_BOUND);
  });
});

describe('models', () => {
  it.each(builds)('$name build: a checkpoint loaded, run and disposed 1,000 times, every 10th load refused, leaves wasm memory as it was', async ({ load }) => {
    const jm = await load();
    const folder = `${modelsDir}llama-gqa/`;
    const files = { config: JSON.parse(readFileSync(`${folder}config.json`, 'utf8')), weights: readFileSync(`${folder}model.safetensors`) };
    // Refused by the config check, before any tensor; and at the end, once every other tensor was stored.
    const badConfig = { ...files, config: { ...files.config, num_key_value_heads: 4 } };
    const tensors = readTensors(`${folder}model.safetensors`);
    tensors.delete('model.norm.weight');
    const missingTensor = { ...files, weights: writeTensors(tensors) };
    const cycle = async (i: number) => {
      if (i % 20 === 9) return expect(jm.loadModel(badConfig)).rejects.toThrow(/is not a multiple of num_key_value_heads/);
      if (i % 20 === 19) return expect(jm.loadModel(missingTensor)).rejects.toThrow(/has no tensor norm.weight/);
      const model = await jm.loadModel(files);
      model.run({ inputIds: [[1, 2, 3, 4 + (i % 5)]], logitsAt: i % 2 ? 'last' : 'all' });
      model.dispose();
    };
    for (let i = 0; i < 20; i++) await cycle(i);
    const before = usage(jm);
    for (let i = 0; i < 1000; i++) await cycle(i);
    const after = usage(jm);
    report.push(`1,000 model loads: wasm in use ${mb(after.wasmInUse - before.wasmInUse)}, memory ${mb(after.wasmTotal - before.wasmTotal)}`);
    expect(after.wasmInUse - before.wasmInUse).toBe(0);
    expect(after.wasmTotal).toBe(before.wasmTotal);
    jm.dispose();
  }, 120_000);
});
