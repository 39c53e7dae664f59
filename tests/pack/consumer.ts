// Type-checked against the installed tarball's .d.ts files (tsc --noEmit).
import { loadJumok, type AttentionResult, type Jumok } from 'jumok';

const jm: Jumok = await loadJumok({ simd: 'auto', wasmUrl: new URL('https://example.invalid/wasm/') });
const result: AttentionResult = jm.multiHeadAttention({
  query: new Float32Array(8), batch: 1, queryLength: 1, modelDim: 8, heads: 2,
  inProjWeight: new Float32Array(192), outProjWeight: new Float32Array(64), keyLengths: [1], causal: true,
});
const weights: Float32Array | undefined = result.weights;
// With weights asked for (the default) they are typed as there; with needWeights: false they may not be.
const call = { queries: new Float32Array(1), keys: new Float32Array(1), values: new Float32Array(1),
  batch: 1, heads: 1, queryLength: 1, keyLength: 1, headDim: 1 };
const defaultWeights: Float32Array = jm.attention(call).weights;
const askedWeights: Float32Array = jm.multiHeadAttention({
  query: new Float32Array(8), batch: 1, queryLength: 1, modelDim: 8, heads: 2,
  inProjWeight: new Float32Array(192), outProjWeight: new Float32Array(64), needWeights: true,
}).weights;
// @ts-expect-error needWeights: false leaves weights out
const noWeights: Float32Array = jm.attention({ ...call, needWeights: false }).weights;
const backend: 'wasm-simd128' | 'wasm-scalar' = jm.backend;
// @ts-expect-error queries must be a Float32Array
jm.attention({ queries: [1], keys: new Float32Array(1), values: new Float32Array(1), batch: 1, heads: 1, queryLength: 1, keyLength: 1, headDim: 1 });
export { weights, backend, defaultWeights, askedWeights, noWeights };

// The element entry: its properties, its event and its state type.
import 'jumok/element';
import type { WidgetState } from 'jumok/element';

const element = document.createElement('jumok-attention');
element.heads = 4;
element.sentences = ['철수가 사과를 맛있게 먹었다.'];
element.addEventListener('jumok-change', (event) => {
  const state: WidgetState = event.detail;
  element.view = state.view;
});
// @ts-expect-error heads is a number
element.heads = 'four';
