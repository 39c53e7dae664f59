// The public types of loaded checkpoints (jm.loadModel). No WebAssembly or DOM types: a Node-only TypeScript
// project type-checks against them.
import type { MultiHeadTrace } from '../core/jumok.js';

/** Where a checkpoint is: a folder URL, or (in Node) a folder path, holding config.json, model.safetensors (or
 * shards and model.safetensors.index.json) and optionally tokenizer.json; or the contents themselves. */
export type ModelSource = string | URL | ModelFiles;

type Bytes = ArrayBuffer | Uint8Array;

export interface ModelFiles {
  /** config.json's object (or its text). */
  config: Record<string, unknown> | string;
  /** The safetensors files: one, or every shard. */
  weights: Bytes | Bytes[];
  /** tokenizer.json's object (or its text). */
  tokenizer?: object | string;
  /** tokenizer_config.json's object (or its text). */
  tokenizerConfig?: object | string;
}

export interface LoadProgress {
  /** The file being read (its name, or its URL). */
  file: string;
  /** Bytes read so far, over every file. */
  loaded: number;
  /** Bytes to read in all, where known (a server may not say). */
  total?: number;
}

export interface LoadModelOptions {
  onProgress?: (progress: LoadProgress) => void;
}

export interface ModelRunOptions {
  /** [batch][length] token ids; rows of equal length (pad them, and say so in attentionMask). */
  inputIds: readonly (readonly number[])[];
  /** [batch][length]: 1 real, 0 padding, padding on the right. Default: all real. */
  attentionMask?: readonly (readonly number[])[];
  /** [batch][length] segment ids (bert, roberta). Default: all 0. */
  tokenTypeIds?: readonly (readonly number[])[];
  /** [batch][targetLength], marian: the target so far, starting with config.decoder_start_token_id. */
  decoderInputIds?: readonly (readonly number[])[];
  /** [batch][targetLength], marian. Default: all real. */
  decoderAttentionMask?: readonly (readonly number[])[];
  /**
   * Which positions get logits: 'all' (default, [B,L,V]), 'last' (the last real token of each row, [B,V]),
   * one position per row ([B,V]), or 'none'.
   */
  logitsAt?: 'all' | 'last' | 'none' | readonly number[];
  /**
   * Every stage of one layer's attention (for a step-by-step view): layer 0-based; attention 'self' (default:
   * the model's self-attention, marian's encoder's), 'decoder' or 'cross' (marian).
   */
  trace?: { layer: number; attention?: 'self' | 'decoder' | 'cross' };
}

export interface ModelRunResult {
  /** One per layer (marian: the encoder's), [batch, heads, length, length]; rows sum to 1. */
  attentions: Float32Array[];
  /** marian: one per decoder layer, [batch, heads, targetLength, targetLength], causal. */
  decoderAttentions?: Float32Array[];
  /** marian: one per decoder layer, [batch, heads, targetLength, length]: target queries, source keys. */
  crossAttentions?: Float32Array[];
  /** [batch, length, hidden] (marian: the decoder's, [batch, targetLength, hidden]) */
  lastHiddenState: Float32Array;
  /** marian: [batch, length, hidden] */
  encoderLastHiddenState?: Float32Array;
  /** When the checkpoint has a head: [batch, length, vocab], or [batch, vocab] for 'last' and chosen positions. */
  logits?: Float32Array;
  /**
   * The traced layer's stages when `trace` was asked for, as multiHeadAttention's trace: queries, keys, values
   * [B,H,L|S,D] (llama: after RoPE, keys and values repeated for each query head), scores, scaled and masked
   * (−Infinity where masked) [B,H,L,S], headOutputs [B,H,L,D], concat [B,L,H·D].
   */
  trace?: MultiHeadTrace;
}

export interface GenerateOptions {
  /** One sequence: for gpt2 and llama the prompt, for marian the source sentence. */
  inputIds: readonly number[] | readonly (readonly number[])[];
  /** Default 20. */
  maxNewTokens?: number;
}

export interface GenerationStep {
  /** The token chosen (greedy: the highest logit). */
  id: number;
  /** The attentions of the pass that chose it (run()'s, for the sequence so far). */
  attentions: Float32Array[];
  decoderAttentions?: Float32Array[];
  crossAttentions?: Float32Array[];
}

export interface GenerateResult {
  /** The whole sequence: the prompt and the new ids (marian: decoder_start_token_id and the new ids). */
  ids: number[];
  /** The new ids alone (the end-of-sequence id included when generation stopped on it). */
  newIds: number[];
  /** Whether generation stopped because the model chose its end-of-sequence id (else maxNewTokens ran out). */
  stoppedAtEos: boolean;
  steps: GenerationStep[];
}

export interface ModelToken {
  id: number;
  /** The vocabulary's own piece ("##ing", "▁Once", "Ġworld", "<0xEA>"). */
  piece: string;
  /** The part of the input it covers (for pieces of one character, each carries the whole character). */
  text: string;
  /** UTF-16 offsets into the input: text = input.slice(start, end); special tokens are empty. */
  start: number;
  end: number;
  special: boolean;
  /** The unknown token, standing for a word the vocabulary does not have (that word is its text). */
  unknown?: boolean;
  /** For one of several byte pieces that spell one character. */
  byte?: { index: number; count: number };
}

export interface TokenizedText {
  ids: number[];
  tokens: ModelToken[];
}

export interface ModelTokenizer {
  encode(text: string): TokenizedText;
  decode(ids: readonly number[]): string;
  /** The vocabulary's piece for an id ('##가', '▁Once', '<s>'), or undefined for an id it does not have. */
  pieceOf(id: number): string | undefined;
}

export interface Model {
  /** config.json as parsed. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Present when the checkpoint came with tokenizer.json. */
  readonly tokenizer?: ModelTokenizer;
  /** The checkpoint's tensors the model did not need (buffers, pooler, tied copies). */
  readonly unusedTensors: readonly string[];
  /** Bytes the weights hold in wasm memory (float32). */
  readonly weightBytes: number;
  run(options: ModelRunOptions): ModelRunResult;
  /** Greedy decoding, for gpt2, llama and marian. */
  generate(options: GenerateOptions): GenerateResult;
  /** Frees the weights; later calls throw. */
  dispose(): void;
}
