// What every view draws, whatever computed it: the toy walk-through, a loaded checkpoint or numbers a tutorial
// brought. The views read only this, so each of them draws any of the three.
import type { MultiHeadTrace } from '../../core/jumok.js';
import type { Token } from '../../text/tokenizer.js';

export type SceneSource = 'toy' | 'model' | 'numbers';

export interface ViewScene {
  source: SceneSource;
  cross: boolean;
  /** [B][L] query tokens, padded with PAD. */
  queryTokens: Token[][];
  /** [B][S] key tokens (the query tokens for self-attention). */
  keyTokens: Token[][];
  /** The texts the tokens' offsets point into, per batch row (the source line above the view). */
  queryTexts: string[];
  keyTexts: string[];
  /** Real keys per batch row (PAD excluded). */
  keyLengths: number[];
  truncated: boolean;
  /** Tokens per sentence the text was cut at, when the scene's own limit is not the page's (a model's positions). */
  cutAt?: number;
  batch: number;
  queryLength: number;
  keyLength: number;
  heads: number;
  headDim: number;
  modelDim: number;
  causal: boolean;
  paddingMask: boolean;
  /** [B,L,S]: 1 where masked, when the rule above cannot say it (whole words of a causal model). */
  masks?: Uint8Array;
  /** Every layer's weights, each [B,H,L,S] (the toy and a single matrix of numbers have one layer). */
  layers: Float32Array[];
  /** The layer shown, 0-based. */
  layer: number;
  /** [B,H,L,S]: layers[layer]. */
  weights: Float32Array;
  /** [B,L,E] after W_O, where the scene has it (the toy); the step view's last stage. */
  output?: Float32Array;
  /** The toy's projection; identity means W_O is left out. */
  projection?: 'identity' | 'projected';
  /** Every intermediate of the shown layer, when computed (read lazily: most renders never need it). */
  readonly trace?: MultiHeadTrace;
  readonly traceError?: Error;
}

/** The mask rule the core applies, for drawing: padding hides keys past the real ones, causal hides the future. */
export function isMasked(scene: ViewScene, row: number, query: number, key: number): boolean {
  if (scene.masks) return scene.masks[(row * scene.queryLength + query) * scene.keyLength + key] === 1;
  return (scene.paddingMask && key >= scene.keyLengths[row]) || (scene.causal && key > query);
}

/** [L,S] weights of one head in one batch row of a layer (a view into the layer's array). */
export function headWeights(scene: ViewScene, row: number, head: number, layer = scene.layer): Float32Array {
  const size = scene.queryLength * scene.keyLength;
  const start = (row * scene.heads + head) * size;
  return scene.layers[layer].subarray(start, start + size);
}

/** [L,S] mean over a layer's heads: BertViz's summary of a layer. */
export function averageWeights(scene: ViewScene, row: number, layer = scene.layer): Float32Array {
  const size = scene.queryLength * scene.keyLength;
  const mean = new Float32Array(size);
  for (let h = 0; h < scene.heads; h++) {
    const weights = headWeights(scene, row, h, layer);
    for (let k = 0; k < size; k++) mean[k] += weights[k] / scene.heads;
  }
  return mean;
}

/** [L,S]: 1 where the key is masked for that query. */
export function maskOf(scene: ViewScene, row: number): Uint8Array {
  const mask = new Uint8Array(scene.queryLength * scene.keyLength);
  for (let i = 0; i < scene.queryLength; i++)
    for (let j = 0; j < scene.keyLength; j++) mask[i * scene.keyLength + j] = isMasked(scene, row, i, j) ? 1 : 0;
  return mask;
}
