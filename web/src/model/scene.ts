// From sentences and options to everything the views draw: tokens, masks,
// per-head weights and (on request) every intermediate stage.
import type { Jumok, MultiHeadTrace } from '../core/jumok.js';
import { tokenizeBatch, type Token, type TokenizerOptions } from '../text/tokenizer.js';
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
  /** Compute every intermediate (for the step-through view). */
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
  trace?: MultiHeadTrace;
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

export function computeScene(jm: Jumok, input: SceneInput, projections: ProjectionCache): Scene {
  if (input.sentences.length === 0) throw new Error('no sentence: type at least one');
  if (input.modelDim % input.heads !== 0) {
    throw new Error(`model dimension ${input.modelDim} is not divisible by ${input.heads} heads; expected a multiple of the head count`);
  }
  const queries = tokenizeBatch(input.sentences, input.tokenizer);
  const sources = crossSources(input);
  const keys = sources.length ? tokenizeBatch(sources, input.tokenizer) : queries;
  const batch = queries.sentences.length;
  const queryLength = queries.sentences[0].length, keyLength = keys.sentences[0].length;
  if (queryLength === 0 || keyLength === 0) throw new Error('no tokens: the text is empty and special tokens are off');

  const paddingMask = input.mask === 'padding' || input.mask === 'both';
  const causal = input.mask === 'causal' || input.mask === 'both';
  const weights = projections.get(input.projection, input.modelDim);
  const result = jm.multiHeadAttention({
    query: embed(queries.sentences, input),
    memory: sources.length ? embed(keys.sentences, input) : undefined,
    batch, queryLength, keyLength, modelDim: input.modelDim, heads: input.heads,
    inProjWeight: weights.inProjWeight, outProjWeight: weights.outProjWeight,
    keyLengths: paddingMask ? keys.lengths : undefined, causal, trace: input.trace,
  });
  return {
    cross: sources.length > 0,
    queryTokens: queries.sentences, keyTokens: keys.sentences, keyLengths: keys.lengths,
    truncated: [...queries.truncated, ...(sources.length ? keys.truncated : [])].some(Boolean),
    batch, queryLength, keyLength, modelDim: input.modelDim, heads: input.heads, headDim: input.modelDim / input.heads,
    causal, paddingMask, projection: input.projection,
    weights: result.weights!, output: result.output, trace: result.trace,
  };
}
