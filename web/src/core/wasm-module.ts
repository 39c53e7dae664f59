// Hand-written types for the Embind module built from cpp/bindings/embind.cpp
// (Emscripten 3.1.6 has no --emit-tsd). `npm run typecheck` checks the loader
// and the API against them; keep them in step with the EMSCRIPTEN_BINDINGS block.
// Internal: nothing in the public .d.ts reaches this file, whose WebAssembly types
// a TypeScript project without the DOM library does not have.
import type { MultiHeadTrace } from './jumok.js';

/** The names of the exchange slots (cpp/bindings/embind.cpp, kSlotNames). */
export type SlotName =
  | 'queries' | 'keys' | 'values' | 'query' | 'memory' | 'inProjWeight' | 'inProjBias' | 'outProjWeight'
  | 'outProjBias' | 'keyLengths' | 'output' | 'weights' | `trace.${keyof MultiHeadTrace}`;

/**
 * The C++ Engine. A call is prepare* (value counts of the inputs, absentCount for an absent one; sizes;
 * flags) → copy the inputs into their slots → run*(); both return false with error() set when the call is
 * refused. See exchange.ts and cpp/bindings/embind.cpp.
 */
export interface Engine {
  prepareAttention(
    queriesCount: number, keysCount: number, valuesCount: number, keyLengthsCount: number,
    batch: number, heads: number, queryLength: number, keyLength: number, headDim: number,
    causal: boolean, needWeights: boolean,
  ): boolean;
  runAttention(): boolean;
  prepareMultiHeadAttention(
    queryCount: number, memoryCount: number, inProjWeightCount: number, inProjBiasCount: number,
    outProjWeightCount: number, outProjBiasCount: number, keyLengthsCount: number, batch: number,
    queryLength: number, keyLength: number, modelDim: number, heads: number,
    causal: boolean, needWeights: boolean, trace: boolean,
  ): boolean;
  runMultiHeadAttention(): boolean;
  /** Byte address of [address, count] uint32 pairs, one per slot. */
  exchangeAddress(): number;
  slots(): Record<SlotName, number>;
  error(): string;
  backend(): 'wasm-simd128' | 'wasm-scalar';
  heapBytesInUse(): number;
  heapBytesTotal(): number;
  /** Frees the C++ object (Embind handles are not garbage-collected). */
  delete(): void;
}

export interface JumokWasmModule {
  Engine: new () => Engine;
  /** The value count prepare* takes for an absent array. */
  absentCount: number;
  /** Views of wasm memory, replaced when it grows: read them again after every engine call. */
  HEAPF32: Float32Array;
  HEAP32: Int32Array;
  HEAPU32: Uint32Array;
}

export interface ModuleOptions {
  /** Emscripten hook: we compile the wasm ourselves and hand back the instance. */
  instantiateWasm(
    imports: WebAssembly.Imports,
    receiveInstance: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ): object;
}

export type CreateJumokModule = (options: ModuleOptions) => Promise<JumokWasmModule>;
