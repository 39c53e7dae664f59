// The public API over one Engine. JavaScript types are checked here (the
// bindings cannot see them); sizes, lengths and values are checked by the C++
// core, whose messages come back as Errors.
import { describe, loadModule, type Backend, type LoadOptions } from './loader.js';
import type { Engine, EngineResult, EngineTrace } from './wasm-module.js';

export type { Backend, LoadOptions };

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
}

/** Every stage of multi-head attention, each a fresh Float32Array (shapes in wasm-module.ts). */
export type MultiHeadTrace = EngineTrace;

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

export interface Jumok {
  readonly backend: Backend;
  attention(options: AttentionOptions): AttentionResult;
  multiHeadAttention(options: MultiHeadAttentionOptions): MultiHeadAttentionResult;
  /** Frees the wasm-side engine; later calls throw. */
  dispose(): void;
}

/** Loads the core (SIMD128 where available) and returns an independent instance. */
export async function loadJumok(options: LoadOptions = {}): Promise<Jumok> {
  const { backend, module } = await loadModule(options);
  return new JumokInstance(backend, new module.Engine());
}

class JumokInstance implements Jumok {
  constructor(readonly backend: Backend, private engine: Engine | null) {}

  attention(options: AttentionOptions): AttentionResult {
    const call = 'attention';
    const o = checkObject(call, options);
    return this.run(call, (engine) =>
      engine.attention(
        floats(call, o, 'queries'), floats(call, o, 'keys'), floats(call, o, 'values'), keyLengths(call, o),
        size(call, o, 'batch'), size(call, o, 'heads'), size(call, o, 'queryLength'), size(call, o, 'keyLength'),
        size(call, o, 'headDim'), flag(call, o, 'causal', false), flag(call, o, 'needWeights', true),
      ));
  }

  multiHeadAttention(options: MultiHeadAttentionOptions): MultiHeadAttentionResult {
    const call = 'multiHeadAttention';
    const o = checkObject(call, options);
    const queryLength = size(call, o, 'queryLength');
    return this.run(call, (engine) =>
      engine.multiHeadAttention(
        floats(call, o, 'query'), optionalFloats(call, o, 'memory'), floats(call, o, 'inProjWeight'),
        optionalFloats(call, o, 'inProjBias'), floats(call, o, 'outProjWeight'), optionalFloats(call, o, 'outProjBias'),
        keyLengths(call, o), size(call, o, 'batch'), queryLength,
        o.keyLength === undefined ? queryLength : size(call, o, 'keyLength'),
        size(call, o, 'modelDim'), size(call, o, 'heads'), flag(call, o, 'causal', false),
        flag(call, o, 'needWeights', true), flag(call, o, 'trace', false),
      ));
  }

  dispose(): void {
    this.engine?.delete();
    this.engine = null;
  }

  private run(call: string, compute: (engine: Engine) => EngineResult): MultiHeadAttentionResult {
    if (!this.engine) throw new Error(`${call}: this jumok instance was disposed; call loadJumok() again`);
    const result = compute(this.engine);
    if ('error' in result) throw new Error(`${call}: ${result.error}`);
    return result;
  }
}

type Options = Record<string, unknown>;

function checkObject(call: string, options: unknown): Options {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error(`${call}: expected one options object, got ${describe(options)}`);
  }
  return options as Options;
}

function floats(call: string, o: Options, name: string): Float32Array {
  const value = o[name];
  if (value instanceof Float32Array) return value;
  throw new Error(`${call}: ${name} must be a Float32Array, got ${describe(value)}`);
}

function optionalFloats(call: string, o: Options, name: string): Float32Array | null {
  return o[name] === undefined || o[name] === null ? null : floats(call, o, name);
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
