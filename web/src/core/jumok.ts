// The public API over one Engine. JavaScript types are checked here (the
// bindings cannot see them); sizes, lengths and values are checked by the C++
// core, whose messages come back as Errors.
import { describe, loadModule } from './loader.js';
import { Exchange } from './exchange.js';
import type { Engine, JumokWasmModule } from './wasm-module.js';
import { loadModel } from '../checkpoint/model.js';
import type { LoadModelOptions, Model, ModelSource } from '../checkpoint/types.js';

// The public types live here, and the public .d.ts reaches no other module: the loader's and the Embind
// module's types use WebAssembly's, which a TypeScript project without the DOM library does not have.

/** Which build an instance runs. */
export type Backend = 'wasm-simd128' | 'wasm-scalar';

export interface LoadOptions {
  /** 'auto' (default) uses SIMD128 where the engine supports it; true/false force a build. */
  simd?: 'auto' | boolean;
  /**
   * Where the .wasm is: a file URL/path for the chosen build, or a folder ending
   * in '/' that holds jumok-simd.wasm and jumok-scalar.wasm. Default: next to
   * this module (found through import.meta.url, which bundlers follow).
   */
  wasmUrl?: string | URL;
}

export interface AttentionOptions {
  /** [batch, heads, queryLength, headDim] */
  queries: Float32Array;
  /** [batch, heads, keyLength, headDim] */
  keys: Float32Array;
  /** [batch, heads, keyLength, headDim] */
  values: Float32Array;
  batch: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  headDim: number;
  /** [batch]: keys at index >= keyLengths[b] are padding and get weight 0. Default: none. */
  keyLengths?: Int32Array | readonly number[];
  /** Query i sees only keys j <= i. Default false. */
  causal?: boolean;
  /** Return the attention weights too. Default true. */
  needWeights?: boolean;
  /** Arrays to fill with the results instead of fresh ones (see ResultArrays). */
  out?: ResultArrays;
}

/**
 * Arrays you own and reuse, e.g. while redrawing as the reader types: the results are copied into them
 * (each must have exactly the result's length) and returned as the result's arrays.
 */
export interface ResultArrays {
  output?: Float32Array;
  /** Needs needWeights (the default). */
  weights?: Float32Array;
}

export interface MultiHeadAttentionOptions {
  /** [batch, queryLength, modelDim] */
  query: Float32Array;
  /** [batch, keyLength, modelDim] for cross-attention; omit for self-attention. */
  memory?: Float32Array;
  batch: number;
  queryLength: number;
  /** Default: queryLength (self-attention). */
  keyLength?: number;
  modelDim: number;
  heads: number;
  /** [3·modelDim, modelDim]: rows Wq; Wk; Wv, applied as x·Wᵀ + b (nn.MultiheadAttention layout). */
  inProjWeight: Float32Array;
  /** [3·modelDim] */
  inProjBias?: Float32Array;
  /** [modelDim, modelDim] */
  outProjWeight: Float32Array;
  /** [modelDim] */
  outProjBias?: Float32Array;
  keyLengths?: Int32Array | readonly number[];
  causal?: boolean;
  needWeights?: boolean;
  /** Also return every intermediate (implies needWeights). Default false. */
  trace?: boolean;
  /** Arrays to fill with output and weights instead of fresh ones (a trace's stages are always fresh). */
  out?: ResultArrays;
}

/** Every stage of multi-head attention, each a fresh Float32Array (as in cpp/jumok/multi_head.hpp). */
export interface MultiHeadTrace {
  /** [batch, heads, queryLength, headDim]: query·W_Qᵀ + b_Q, split into heads */
  queries: Float32Array;
  /** [batch, heads, keyLength, headDim] */
  keys: Float32Array;
  /** [batch, heads, keyLength, headDim] */
  values: Float32Array;
  /** [batch, heads, queryLength, keyLength]: raw Q·Kᵀ */
  scores: Float32Array;
  /** [batch, heads, queryLength, keyLength]: Q·Kᵀ / √headDim */
  scaled: Float32Array;
  /** [batch, heads, queryLength, keyLength]: scaled, −Infinity where masked */
  masked: Float32Array;
  /** [batch, heads, queryLength, headDim]: weights · V per head */
  headOutputs: Float32Array;
  /** [batch, queryLength, modelDim]: the heads side by side, before W_O */
  concat: Float32Array;
}

export interface AttentionResult {
  /** attention: [batch, heads, queryLength, headDim]; multiHeadAttention: [batch, queryLength, modelDim] */
  output: Float32Array;
  /** [batch, heads, queryLength, keyLength], rows sum to 1 (0 where every key is masked). */
  weights?: Float32Array;
}

export interface MultiHeadAttentionResult extends AttentionResult {
  /** Present when trace: true was asked for. */
  trace?: MultiHeadTrace;
}

/** A result when the weights are asked for (needWeights left out or true): they are there, typed so. */
export type WithWeights<Result extends AttentionResult> = Result & { weights: Float32Array };

export interface Jumok {
  readonly backend: Backend;
  attention(options: AttentionOptions & { needWeights?: true }): WithWeights<AttentionResult>;
  attention(options: AttentionOptions): AttentionResult;
  multiHeadAttention(options: MultiHeadAttentionOptions & { needWeights?: true }): WithWeights<MultiHeadAttentionResult>;
  multiHeadAttention(options: MultiHeadAttentionOptions): MultiHeadAttentionResult;
  /**
   * Loads a Hugging Face checkpoint (bert, roberta, gpt2, llama, marian; safetensors in F32, F16 or BF16) into
   * this instance's memory: a folder URL, a folder path in Node, or { config, weights, tokenizer? }. Several
   * models may be loaded; each is freed by its own dispose().
   */
  loadModel(source: ModelSource, options?: LoadModelOptions): Promise<Model>;
  /** Frees the wasm-side engine; later calls throw. Models loaded through it stay until their own dispose(). */
  dispose(): void;
}

/** Loads the core (SIMD128 where available) and returns an independent instance. */
export async function loadJumok(options: LoadOptions = {}): Promise<Jumok> {
  const { backend, module } = await loadModule(options);
  return new JumokInstance(backend, module);
}

class JumokInstance implements Jumok {
  // All null once disposed, so that an instance kept after dispose() holds no wasm memory.
  private engine: Engine | null;
  private exchange: Exchange | null;
  private module: JumokWasmModule | null;

  constructor(readonly backend: Backend, module: JumokWasmModule) {
    this.module = module;
    this.engine = new module.Engine();
    this.exchange = new Exchange(module, this.engine);
  }

  async loadModel(source: ModelSource, options?: LoadModelOptions): Promise<Model> {
    this.live('loadModel');
    return loadModel(this.module!, source, options);
  }

  // Every option is read and checked before prepare*: a getter on the options could otherwise call this
  // instance again between prepare* and run* and replace the prepared call.
  attention(options: AttentionOptions & { needWeights?: true }): WithWeights<AttentionResult>;
  attention(options: AttentionOptions): AttentionResult;
  attention(options: AttentionOptions): AttentionResult {
    const call = 'attention';
    const { engine, exchange } = this.live(call);
    const o = checkObject(call, options);
    const queries = floats(call, o, 'queries'), keys = floats(call, o, 'keys'), values = floats(call, o, 'values');
    const lengths = keyLengths(call, o);
    const sizes = [size(call, o, 'batch'), size(call, o, 'heads'), size(call, o, 'queryLength'),
      size(call, o, 'keyLength'), size(call, o, 'headDim')] as const;
    const causal = flag(call, o, 'causal', false), needWeights = flag(call, o, 'needWeights', true);
    const out = resultArrays(call, o, needWeights);
    check(call, engine, engine.prepareAttention(
      queries.length, keys.length, values.length, exchange.countOf(lengths), ...sizes, causal, needWeights));
    exchange.write('queries', queries);
    exchange.write('keys', keys);
    exchange.write('values', values);
    exchange.write('keyLengths', lengths);
    check(call, engine, engine.runAttention());
    return results(call, exchange, out);
  }

  multiHeadAttention(options: MultiHeadAttentionOptions & { needWeights?: true }): WithWeights<MultiHeadAttentionResult>;
  multiHeadAttention(options: MultiHeadAttentionOptions): MultiHeadAttentionResult;
  multiHeadAttention(options: MultiHeadAttentionOptions): MultiHeadAttentionResult {
    const call = 'multiHeadAttention';
    const { engine, exchange } = this.live(call);
    const o = checkObject(call, options);
    const inputs = {
      query: floats(call, o, 'query'), memory: optionalFloats(call, o, 'memory'),
      inProjWeight: floats(call, o, 'inProjWeight'), inProjBias: optionalFloats(call, o, 'inProjBias'),
      outProjWeight: floats(call, o, 'outProjWeight'), outProjBias: optionalFloats(call, o, 'outProjBias'),
    };
    const lengths = keyLengths(call, o);
    const batch = size(call, o, 'batch'), queryLength = size(call, o, 'queryLength');
    const keyLength = o.keyLength === undefined ? queryLength : size(call, o, 'keyLength');
    const modelDim = size(call, o, 'modelDim'), heads = size(call, o, 'heads');
    const causal = flag(call, o, 'causal', false);
    const needWeights = flag(call, o, 'needWeights', true), trace = flag(call, o, 'trace', false);
    const out = resultArrays(call, o, needWeights || trace);
    check(call, engine, engine.prepareMultiHeadAttention(
      inputs.query.length, exchange.countOf(inputs.memory), inputs.inProjWeight.length,
      exchange.countOf(inputs.inProjBias), inputs.outProjWeight.length, exchange.countOf(inputs.outProjBias),
      exchange.countOf(lengths), batch, queryLength, keyLength, modelDim, heads, causal, needWeights, trace));
    for (const [slot, array] of Object.entries(inputs)) exchange.write(slot as keyof typeof inputs, array);
    exchange.write('keyLengths', lengths);
    check(call, engine, engine.runMultiHeadAttention());
    const result: MultiHeadAttentionResult = results(call, exchange, out);
    if (trace) result.trace = exchange.readTrace();
    return result;
  }

  dispose(): void {
    this.engine?.delete();
    this.engine = null;
    this.exchange = null;
    this.module = null;
  }

  private live(call: string): { engine: Engine; exchange: Exchange } {
    if (!this.engine || !this.exchange) throw new Error(`${call}: this jumok instance was disposed; call loadJumok() again`);
    return { engine: this.engine, exchange: this.exchange };
  }

}

function check(call: string, engine: Engine, ok: boolean): void {
  if (!ok) throw new Error(`${call}: ${engine.error()}`);
}

// The lengths of the `out` arrays are checked before anything is copied, so a refused call leaves them as
// they were.
function results(call: string, exchange: Exchange, out: ResultArrays): AttentionResult {
  const weightsWanted = exchange.count('weights') > 0;
  checkLength(call, exchange, 'output', out.output);
  if (weightsWanted) checkLength(call, exchange, 'weights', out.weights);
  const result: AttentionResult = { output: exchange.read('output', out.output) };
  if (weightsWanted) result.weights = exchange.read('weights', out.weights);
  return result;
}

function checkLength(call: string, exchange: Exchange, slot: 'output' | 'weights', into?: Float32Array): void {
  const count = exchange.count(slot);
  if (into && into.length !== count) {
    throw new Error(`${call}: out.${slot} has ${into.length} values, expected ${count} for these sizes`);
  }
}

const overlap = (a: Float32Array, b: Float32Array) =>
  a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;

function resultArrays(call: string, o: Options, weightsWanted: boolean): ResultArrays {
  const out = o.out;
  if (out === undefined || out === null) return {};
  if (typeof out !== 'object' || Array.isArray(out) || ArrayBuffer.isView(out)) {
    throw new Error(`${call}: out must be an object { output?, weights? } of Float32Arrays, got ${describe(out)}`);
  }
  const output = optionalFloats(call, out as Options, 'out.output', 'output') ?? undefined;
  const weights = optionalFloats(call, out as Options, 'out.weights', 'weights') ?? undefined;
  if (weights && !weightsWanted) {
    throw new Error(`${call}: out.weights was given but needWeights is false; expected needWeights: true or no out.weights`);
  }
  if (output && weights && overlap(output, weights)) {
    throw new Error(`${call}: out.output and out.weights share memory; expected two separate arrays`);
  }
  return { output, weights };
}

type Options = Record<string, unknown>;

function checkObject(call: string, options: unknown): Options {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error(`${call}: expected one options object, got ${describe(options)}`);
  }
  return options as Options;
}

// label: how the message names the field (out.weights for o = out, key weights).
function floats(call: string, o: Options, label: string, key = label): Float32Array {
  const value = o[key];
  if (value instanceof Float32Array) return value;
  throw new Error(`${call}: ${label} must be a Float32Array, got ${describe(value)}`);
}

function optionalFloats(call: string, o: Options, label: string, key = label): Float32Array | null {
  return o[key] === undefined || o[key] === null ? null : floats(call, o, label, key);
}

function size(call: string, o: Options, name: string): number {
  const value = o[name];
  if (typeof value === 'number') return value; // the core checks it is a positive integer
  throw new Error(`${call}: ${name} must be a positive integer, got ${describe(value)}`);
}

function flag(call: string, o: Options, name: string, fallback: boolean): boolean {
  const value = o[name];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new Error(`${call}: ${name} must be true or false, got ${describe(value)}`);
}

const INT32_MAX = 0x7fffffff;

function keyLengths(call: string, o: Options): Int32Array | null {
  const value = o.keyLengths;
  if (value === undefined || value === null) return null;
  if (value instanceof Int32Array) return value;
  if (!Array.isArray(value)) {
    throw new Error(`${call}: keyLengths must be an Int32Array or an array of integers, got ${describe(value)}`);
  }
  value.forEach((length, b) => {
    // Int32Array would wrap or truncate these; the core checks the range against keyLength.
    if (!Number.isInteger(length) || Math.abs(length) > INT32_MAX) {
      throw new Error(`${call}: keyLengths[${b}] = ${typeof length === "number" ? length : describe(length)} is not an integer, expected 0 to keyLength`);
    }
  });
  return Int32Array.from(value);
}
