// The npm entry point: `import { loadJumok } from 'jumok'`.
export { loadJumok } from './core/jumok.js';
export { shippedModels, SHIPPED_MODEL_NAMES } from './checkpoint/shipped.js';
export type { ShippedModelName } from './checkpoint/shipped.js';
export type {
  AttentionOptions,
  AttentionResult,
  Backend,
  Jumok,
  LoadOptions,
  MultiHeadAttentionOptions,
  MultiHeadAttentionResult,
  MultiHeadTrace,
  ResultArrays,
  WithWeights,
} from './core/jumok.js';
export type {
  GenerateOptions,
  GenerateResult,
  GenerationStep,
  LoadModelOptions,
  LoadProgress,
  Model,
  ModelFiles,
  ModelRunOptions,
  ModelRunResult,
  ModelSource,
  ModelToken,
  ModelTokenizer,
  TokenizedText,
} from './checkpoint/types.js';
export { loadMorphemes } from './text/morphemes.js';
export type { MorphemeLoadOptions, MorphemeLoadProgress } from './text/morphemes.js';
export { tokenize, tokenizeBatch, TOKENIZER_CONFIG } from './text/tokenizer.js';
export type { Token, TokenizerOptions, KoreanMode } from './text/tokenizer.js';
