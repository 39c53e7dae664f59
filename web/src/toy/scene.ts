// From sentences and options to everything the views draw: tokens, masks,
// per-head weights and (on request) every intermediate stage.
import type { Jumok, MultiHeadTrace } from '../core/jumok.js';
import { tokenizeBatch, type BatchResult, type Token, type TokenizerOptions } from '../text/tokenizer.js';
import { addPositionalEncoding, embedSentences } from './embedding.js';
import { identityProjections, seededProjections, type ProjectionWeights } from './projections.js';

export type MaskMode = 'padding' | 'causal' | 'both' | 'none';
export type Projection = 'identity' | 'projected';

export interface SceneInput {
  sentences: readonly string[];
  /** Cross-attention sources: one for every query sentence, or one for all; empty for self-attention. */
  crossWith: readonly string[];
  modelDim: number;
  heads: number;
  mask: MaskMode;
  projection: Projection;
  positional: boolean;
  tokenizer: TokenizerOptions;
  /** Offer every intermediate (for the step-through view); computed when first read. */
  trace: boolean;
}

export interface Scene {
  cross: boolean;
  /** [B][L] query tokens, padded with PAD. */
  queryTokens: Token[][];
  /** [B][S] key tokens (the query tokens for self-attention). */
  keyTokens: Token[][];
  /** Real keys per batch row (PAD excluded). */
  keyLengths: number[];
  truncated: boolean;
  batch: number;
  queryLength: number;
  keyLength: number;
  modelDim: number;
  heads: number;
  headDim: number;
  causal: boolean;
  paddingMask: boolean;
  projection: Projection;
  /** [B,H,L,S] */
  weights: Float32Array;
  /** [B,L,E] */
  output: Float32Array;
  /** Every intermediate when the input asked for it, computed on first read; undefined otherwise. */
  readonly trace?: MultiHeadTrace;
  /** Why the trace could not be computed (e.g. too large for wasm memory); undefined when it could. */
  readonly traceError?: Error;
}

/** Seeded weights are costly for large E: each widget keeps its own by size. */
export class ProjectionCache {
  private readonly cache = new Map<string, ProjectionWeights>();

  get(projection: Projection, modelDim: number): ProjectionWeights {
    const key = `${projection}:${modelDim}`;
    let weights = this.cache.get(key);
    if (!weights) {
      weights = projection === 'identity' ? identityProjections(modelDim) : seededProjections(modelDim);
      this.cache.set(key, weights);
    }
    return weights;
  }
}

/** The mask rule the core applies, for drawing: padding hides keys past the real ones, causal hides the future. */
export function isMasked(scene: Scene, row: number, query: number, key: number): boolean {
  return (scene.paddingMask && key >= scene.keyLengths[row]) || (scene.causal && key > query);
}

/** [L,S] weights of one head in one batch row (a view into scene.weights). */
export function headWeights(scene: Scene, row: number, head: number): Float32Array {
  const size = scene.queryLength * scene.keyLength;
  const start = (row * scene.heads + head) * size;
  return scene.weights.subarray(start, start + size);
}

/** [L,S] mean over heads: what BertViz calls the model view's summary. */
export function averageWeights(scene: Scene, row: number): Float32Array {
  const size = scene.queryLength * scene.keyLength;
  const mean = new Float32Array(size);
  for (let h = 0; h < scene.heads; h++) {
    const weights = headWeights(scene, row, h);
    for (let k = 0; k < size; k++) mean[k] += weights[k] / scene.heads;
  }
  return mean;
}

function crossSources(input: SceneInput): string[] {
  if (input.crossWith.length === 0) return [];
  if (input.crossWith.length === 1) return input.sentences.map(() => input.crossWith[0]);
  if (input.crossWith.length === input.sentences.length) return [...input.crossWith];
  throw new Error(`cross-with has ${input.crossWith.length} sentences, expected 1 or one per query sentence (${input.sentences.length})`);
}

function embed(tokens: Token[][], input: SceneInput): Float32Array {
  const texts = tokens.map((sentence) => sentence.map((token) => token.text));
  const embeddings = embedSentences(texts, input.modelDim);
  if (input.positional) addPositionalEncoding(embeddings, texts, input.modelDim);
  return embeddings;
}

/** A scene up to the wasm call: tokens, masks and embeddings ([B,L,E] query, [B,S,E] memory). */
export interface PreparedScene {
  input: SceneInput;
  queries: BatchResult;
  keys: BatchResult;
  cross: boolean;
  causal: boolean;
  paddingMask: boolean;
  query: Float32Array;
  memory?: Float32Array;
}

/**
 * Everything that does not need the wasm, so a caller can do it while the wasm still loads. Throws, with
 * a message for the reader, on input that cannot be drawn.
 */
export function prepareScene(input: SceneInput): PreparedScene {
  if (input.sentences.length === 0) throw new Error('no sentence: type at least one');
  if (input.modelDim % input.heads !== 0) {
    throw new Error(`model dimension ${input.modelDim} is not divisible by ${input.heads} heads; expected a multiple of the head count`);
  }
  const queries = tokenizeBatch(input.sentences, input.tokenizer);
  const sources = crossSources(input);
  const cross = sources.length > 0;
  const keys = cross ? tokenizeBatch(sources, input.tokenizer) : queries;
  if (queries.sentences[0].length === 0 || keys.sentences[0].length === 0) {
    throw new Error('no tokens: the text is empty and special tokens are off');
  }
  return {
    input, queries, keys, cross,
    paddingMask: input.mask === 'padding' || input.mask === 'both',
    causal: input.mask === 'causal' || input.mask === 'both',
    query: embed(queries.sentences, input),
    memory: cross ? embed(keys.sentences, input) : undefined,
  };
}

/** [B,T,E] → [B,H,T,E/H]: each head's slice of the model dimension. */
function splitHeads(x: Float32Array, batch: number, length: number, heads: number, headDim: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < batch; b++)
    for (let t = 0; t < length; t++)
      for (let h = 0; h < heads; h++) {
        const from = (b * length + t) * heads * headDim + h * headDim;
        out.set(x.subarray(from, from + headDim), ((b * heads + h) * length + t) * headDim);
      }
  return out;
}

/** [B,H,T,D] → [B,T,H·D]: the heads side by side again. */
function mergeHeads(x: Float32Array, batch: number, length: number, heads: number, headDim: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < batch; b++)
    for (let h = 0; h < heads; h++)
      for (let t = 0; t < length; t++) {
        const from = ((b * heads + h) * length + t) * headDim;
        out.set(x.subarray(from, from + headDim), (b * length + t) * heads * headDim + h * headDim);
      }
  return out;
}

type Shape = Pick<Scene, 'batch' | 'queryLength' | 'keyLength' | 'modelDim' | 'heads' | 'headDim'>;

/**
 * Identity projections make Q = K = V = the embedding split into heads, and W_O the identity, so plain
 * attention on the split embedding gives the same numbers, bit for bit (x·Iᵀ adds only exact zeros),
 * without copying and multiplying the 4·E² identity weights.
 */
function identityAttention(jm: Jumok, prepared: PreparedScene, shape: Shape, keyLengths: number[] | undefined) {
  const { batch, queryLength, keyLength, heads, headDim } = shape;
  const queries = splitHeads(prepared.query, batch, queryLength, heads, headDim);
  const keys = prepared.memory ? splitHeads(prepared.memory, batch, keyLength, heads, headDim) : queries;
  const result = jm.attention({
    queries, keys, values: keys, batch, heads, queryLength, keyLength, headDim, keyLengths, causal: prepared.causal,
  });
  return { weights: result.weights!, output: mergeHeads(result.output, batch, queryLength, heads, headDim) };
}

/**
 * The weights and output for drawing; the trace (every intermediate, for the step view and the tooltip's
 * score) is computed on first read, since most renders never look at it.
 */
export function computeScene(jm: Jumok, prepared: PreparedScene, projections: ProjectionCache): Scene {
  const { input, queries, keys, cross, causal, paddingMask } = prepared;
  const shape: Shape = {
    batch: queries.sentences.length, queryLength: queries.sentences[0].length, keyLength: keys.sentences[0].length,
    modelDim: input.modelDim, heads: input.heads, headDim: input.modelDim / input.heads,
  };
  const keyLengths = paddingMask ? keys.lengths : undefined;
  const multiHead = (trace: boolean) => {
    const weights = projections.get(input.projection, input.modelDim);
    return jm.multiHeadAttention({
      query: prepared.query, memory: prepared.memory,
      batch: shape.batch, queryLength: shape.queryLength, keyLength: shape.keyLength, modelDim: shape.modelDim,
      heads: shape.heads, inProjWeight: weights.inProjWeight, outProjWeight: weights.outProjWeight, keyLengths, causal, trace,
    });
  };
  const { weights, output } = input.projection === 'identity'
    ? identityAttention(jm, prepared, shape, keyLengths) : multiHead(false);
  // Computed at most once: a refused trace (too large for wasm memory) is kept as traceError, not retried.
  let trace: MultiHeadTrace | undefined, traceError: Error | undefined;
  const loadTrace = () => {
    if (!input.trace || trace || traceError) return;
    try {
      trace = multiHead(true).trace;
    } catch (error) {
      traceError = error as Error;
    }
  };
  return {
    cross, queryTokens: queries.sentences, keyTokens: keys.sentences, keyLengths: keys.lengths,
    truncated: [...queries.truncated, ...(cross ? keys.truncated : [])].some(Boolean),
    ...shape, causal, paddingMask, projection: input.projection, weights: weights!, output,
    get trace() {
      loadTrace();
      return trace;
    },
    get traceError() {
      loadTrace();
      return traceError;
    },
  };
}
