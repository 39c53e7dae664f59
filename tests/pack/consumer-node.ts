// Type-checked as a Node-only project is: the ES2022 library and @types/node, no DOM.
import { loadJumok, type MultiHeadTrace } from 'jumok';

const jm = await loadJumok({ simd: false });
const trace: MultiHeadTrace | undefined = jm.multiHeadAttention({
  query: new Float32Array(8), batch: 1, queryLength: 1, modelDim: 8, heads: 2,
  inProjWeight: new Float32Array(192), outProjWeight: new Float32Array(64), trace: true,
}).trace;
export { trace };
