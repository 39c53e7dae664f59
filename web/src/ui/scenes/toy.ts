// The toy walk-through (web/src/toy) as a view scene: one layer, its trace read only when a view asks.
import type { Scene } from '../../toy/scene.js';
import type { ViewScene } from './scene.js';

export function toyViewScene(scene: Scene, queryTexts: string[], keyTexts: string[]): ViewScene {
  return {
    source: 'toy', cross: scene.cross, queryTokens: scene.queryTokens, keyTokens: scene.keyTokens, queryTexts, keyTexts,
    keyLengths: scene.keyLengths, truncated: scene.truncated, batch: scene.batch, queryLength: scene.queryLength,
    keyLength: scene.keyLength, heads: scene.heads, headDim: scene.headDim, modelDim: scene.modelDim,
    causal: scene.causal, paddingMask: scene.paddingMask, layers: [scene.weights], layer: 0, weights: scene.weights,
    output: scene.output, projection: scene.projection,
    // Getters, not copies: the toy computes its trace on first read.
    get trace() {
      return scene.trace;
    },
    get traceError() {
      return scene.traceError;
    },
  };
}
