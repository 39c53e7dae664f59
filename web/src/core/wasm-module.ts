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

/** The names of a ModelEngine's exchange slots (cpp/bindings/embind.cpp, kModelSlotNames). */
export type ModelSlotName =
  | 'inputIds' | 'attentionMask' | 'tokenTypeIds' | 'decoderInputIds' | 'decoderAttentionMask' | 'logitPositions'
  | 'attentions' | 'decoderAttentions' | 'crossAttentions' | 'lastHiddenState' | 'encoderLastHiddenState' | 'logits'
  | `trace.${keyof MultiHeadTrace}`;

/**
 * A loaded checkpoint (cpp/bindings/embind.cpp, ModelEngine): setConfig* per config.json field → configure() →
 * per tensor beginTensor() (0: skip; else the address its bytes go to, tensorPartBytes() at a time, each part
 * followed by storeTensorPart()) → finishLoading(); a
 * run is prepareRun() → inputs copied into their slots → run(). Calls return false (beginTensor −1) with
 * error() set when refused.
 */
export interface ModelEngine {
  setConfigNumber(name: string, value: number): void;
  setConfigString(name: string, value: string): void;
  setConfigBool(name: string, value: boolean): void;
  setConfigNull(name: string): void;
  setConfigOther(name: string): void;
  configure(): boolean;
  beginTensor(name: string, dtype: string, shape: string, byteLength: number): number;
  tensorPartBytes(): number;
  storeTensorPart(byteLength: number): boolean;
  finishLoading(): boolean;
  /** Unused checkpoint tensors, one per line. */
  unusedTensors(): string;
  hasHead(): boolean;
  weightBytes(): number;
  architecture(): string;
  layers(): number;
  decoderLayers(): number;
  /** −1: none. */
  eosTokenId(): number;
  decoderStartTokenId(): number;
  prepareRun(batch: number, length: number, decoderLength: number, maskCount: number, typesCount: number,
    decoderIdsCount: number, decoderMaskCount: number, logitsAt: number, positionsCount: number, traceKind: number,
    traceLayer: number): boolean;
  run(): boolean;
  exchangeAddress(): number;
  slots(): Record<ModelSlotName, number>;
  error(): string;
  delete(): void;
}

export interface JumokWasmModule {
  Engine: new () => Engine;
  ModelEngine: new () => ModelEngine;
  /** The value count prepare* takes for an absent array. */
  absentCount: number;
  /** Views of wasm memory, replaced when it grows: read them again after every engine call. */
  HEAPF32: Float32Array;
  HEAP32: Int32Array;
  HEAPU8: Uint8Array;
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
