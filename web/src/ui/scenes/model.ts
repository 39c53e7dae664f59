// A loaded checkpoint as a view scene. One run gives every layer (the model and lines views need them all); the
// chosen layer's trace (Q, K, V, scores… for the step view) is a second run, made only when a view reads it.
// Encoder–decoder models (marian) read the second text as the translation: its tokens are the decoder's, and
// each decoder row is labelled by the token that position writes (row t predicts target token t), so an
// alignment head reads "coffee → 커피". With no second text, the greedy translation is the target.
import type { MultiHeadTrace } from '../../core/jumok.js';
import type { Model, ModelRunOptions, ModelRunResult, TokenizedText } from '../../checkpoint/types.js';
import type { Token } from '../../text/tokenizer.js';
import { viewTokens } from './model-tokens.js';
import type { ViewScene } from './scene.js';

export const ATTENTION_KINDS = ['encoder', 'decoder', 'cross'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];
/** The runtime's name for each kind (run's trace option). */
const TRACE_ATTENTION = { encoder: 'self', decoder: 'decoder', cross: 'cross' } as const;
/** Architectures whose self-attention is causal (and which predict the next token). */
export const CAUSAL_TYPES = new Set(['gpt2', 'llama']);
/** A greedy translation stops here even without an end token. */
const MAX_TRANSLATION_TOKENS = 40;


export function isEncoderDecoder(model: Model): boolean {
  return model.config.model_type === 'marian';
}

/** One run of a model on a text (and, for marian, its translation): every layer of every kind. */
export interface ModelRun {
  model: Model;
  text: string;
  source: TokenizedText;
  /** marian: the target, its tokens (what each decoder position writes), and whether the model wrote it. */
  target?: { text: string; encoded: TokenizedText; greedy: boolean; decoderInputIds: number[] };
  result: ModelRunResult;
  inputs: ModelRunOptions;
  /** Traces already computed, by attention kind and layer (a hover reads the raw score from one). */
  traces: Map<string, { trace?: MultiHeadTrace; error?: Error }>;
}

function encode(model: Model, text: string): TokenizedText {
  if (!model.tokenizer) throw new Error('this model has no tokenizer.json: expected one beside config.json to turn text into tokens');
  return model.tokenizer.encode(text);
}

function positionsOf(model: Model): number | undefined {
  const positions = model.config.max_position_embeddings ?? model.config.n_positions;
  return typeof positions === 'number' ? positions : undefined;
}

/** Cuts a text's tokens to the model's positions (and the page's cap); says whether it had to. */
function capped(encoded: TokenizedText, limit: number): { encoded: TokenizedText; truncated: boolean } {
  if (encoded.ids.length <= limit) return { encoded, truncated: false };
  return { encoded: { ids: encoded.ids.slice(0, limit), tokens: encoded.tokens.slice(0, limit) }, truncated: true };
}

function greedyTarget(model: Model, sourceIds: number[]): string {
  const generated = model.generate({ inputIds: sourceIds, maxNewTokens: MAX_TRANSLATION_TOKENS });
  return model.tokenizer!.decode(generated.newIds);
}

export function runModel(model: Model, text: string, targetText: string, maxTokens: number): ModelRun & { truncated: boolean; limit: number } {
  const limit = Math.min(maxTokens, positionsOf(model) ?? maxTokens);
  const { encoded: source, truncated } = capped(encode(model, text), limit);
  if (source.ids.length === 0) throw new Error('no tokens: the text is empty');
  if (!isEncoderDecoder(model)) {
    const inputs: ModelRunOptions = { inputIds: [source.ids], logitsAt: 'all' };
    return { model, text, source, result: model.run(inputs), inputs, truncated, limit, traces: new Map() };
  }
  const greedy = targetText.trim() === '';
  const written = greedy ? greedyTarget(model, source.ids) : targetText;
  const encoded = capped(encode(model, written), limit - 1).encoded;
  const start = Number(model.config.decoder_start_token_id ?? model.config.pad_token_id ?? 0);
  // Teacher forcing: position t reads the target up to t−1 and writes target token t.
  const decoderInputIds = [start, ...encoded.ids.slice(0, -1)];
  const inputs: ModelRunOptions = { inputIds: [source.ids], decoderInputIds: [decoderInputIds], logitsAt: 'all' };
  return { model, text, source, target: { text: written, encoded, greedy, decoderInputIds }, result: model.run(inputs), inputs,
    truncated, limit, traces: new Map() };
}

function layersOf(run: ModelRun, kind: AttentionKind): Float32Array[] {
  const { result } = run;
  if (kind === 'decoder' && result.decoderAttentions) return result.decoderAttentions;
  if (kind === 'cross' && result.crossAttentions) return result.crossAttentions;
  return result.attentions;
}

/** The start token has no text: drawn as its piece, or as what it is when the vocabulary does not say. */
const START_LABEL = '<start>';

/** The decoder's input tokens: the start token, then the target shifted right by one. */
function decoderInputTokens(run: ModelRun, target: NonNullable<ModelRun['target']>): Token[] {
  const piece = run.model.tokenizer?.pieceOf(target.decoderInputIds[0]);
  const start: Token = { text: piece ?? START_LABEL, kind: 'special', start: -1, end: -1, joinedToPrevious: false, sentence: 0 };
  return [start, ...viewTokens(target.encoded.tokens).slice(0, -1)];
}

export interface ModelSceneChoice {
  kind: AttentionKind;
  layer: number;
}

export function modelScene(run: ModelRun & { truncated: boolean; limit: number }, choice: ModelSceneChoice, noTraceMessage: string): ViewScene {
  const kind: AttentionKind = run.target ? choice.kind : 'encoder';
  const layers = layersOf(run, kind);
  const layer = Math.max(0, Math.min(layers.length - 1, choice.layer));
  const sourceTokens = viewTokens(run.source.tokens);
  const targetTokens = run.target ? viewTokens(run.target.encoded.tokens) : [];
  const queryTokens = kind === 'encoder' ? sourceTokens : targetTokens;
  const keyTokens = kind === 'encoder' ? sourceTokens : kind === 'cross' ? sourceTokens : decoderInputTokens(run, run.target!);
  const L = queryTokens.length, S = keyTokens.length;
  const heads = layers[layer].length / (L * S);
  // lastHiddenState is [1,T,E] for marian (the decoder's), [1,L,E] otherwise.
  const hiddenRows = run.target ? run.target.decoderInputIds.length : run.source.ids.length;
  const modelDim = run.result.lastHiddenState.length / hiddenRows;
  // Computed at most once per run, kind and layer: every render makes a new scene, the run stays.
  const traceKey = `${kind}:${layer}`;
  const loadTrace = () => {
    let traced = run.traces.get(traceKey);
    if (!traced) {
      try {
        const trace = run.model.run({ ...run.inputs, logitsAt: 'none', trace: { layer, attention: TRACE_ATTENTION[kind] } }).trace;
        traced = trace ? { trace } : { error: new Error(noTraceMessage) };
      } catch (error) {
        traced = { error: error as Error };
      }
      run.traces.set(traceKey, traced);
    }
    return traced;
  };
  const queryText = kind === 'encoder' ? run.text : run.target!.text;
  const keyText = kind === 'decoder' ? run.target!.text : run.text;
  return {
    source: 'model', cross: kind === 'cross', queryTokens: [queryTokens], keyTokens: [keyTokens],
    queryTexts: [queryText], keyTexts: [keyText], keyLengths: [S], truncated: run.truncated, cutAt: run.limit, batch: 1,
    queryLength: L, keyLength: S, heads, headDim: modelDim / heads, modelDim,
    causal: kind === 'decoder' || (kind === 'encoder' && CAUSAL_TYPES.has(String(run.model.config.model_type))),
    paddingMask: false, layers, layer, weights: layers[layer],
    get trace() {
      return loadTrace().trace;
    },
    get traceError() {
      return loadTrace().error;
    },
  };
}
