// Hand-written types for the Embind module built from cpp/bindings/embind.cpp
// (Emscripten 3.1.6 has no --emit-tsd). `npm run typecheck` checks the loader
// and the API against them; keep them in step with the EMSCRIPTEN_BINDINGS block.

/** Every intermediate of a multi-head call (fresh copies), as in cpp/jumok/multi_head.hpp. */
export interface EngineTrace {
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

/** What an Engine call returns: results (fresh copies) or the core's error message. */
export type EngineResult = { output: Float32Array; weights?: Float32Array; trace?: EngineTrace } | { error: string };

/** Float arrays the engine copies in; absent ones are passed as null. */
type FloatsIn = Float32Array | null;

export interface Engine {
  attention(
    queries: Float32Array, keys: Float32Array, values: Float32Array, keyLengths: Int32Array | null,
    batch: number, heads: number, queryLength: number, keyLength: number, headDim: number,
    causal: boolean, needWeights: boolean,
  ): EngineResult;
  multiHeadAttention(
    query: Float32Array, memory: FloatsIn, inProjWeight: Float32Array, inProjBias: FloatsIn,
    outProjWeight: Float32Array, outProjBias: FloatsIn, keyLengths: Int32Array | null,
    batch: number, queryLength: number, keyLength: number, modelDim: number, heads: number,
    causal: boolean, needWeights: boolean, trace: boolean,
  ): EngineResult;
  backend(): 'wasm-simd128' | 'wasm-scalar';
  heapBytesInUse(): number;
  heapBytesTotal(): number;
  /** Frees the C++ object (Embind handles are not garbage-collected). */
  delete(): void;
}

export interface JumokWasmModule {
  Engine: new () => Engine;
}

export interface ModuleOptions {
  /** Emscripten hook: we compile the wasm ourselves and hand back the instance. */
  instantiateWasm(
    imports: WebAssembly.Imports,
    receiveInstance: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ): object;
}

export type CreateJumokModule = (options: ModuleOptions) => Promise<JumokWasmModule>;
