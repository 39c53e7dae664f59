// Projection weights in nn.MultiheadAttention layout: identity (the classic
// walk-through: Q = K = V = the embedding, no W_O) or seeded random (Xavier
// uniform), the same on every machine for the same seed.
import { seededRandom } from './embedding.js';

export interface ProjectionWeights {
  /** [3E, E]: rows W_Q; W_K; W_V */
  inProjWeight: Float32Array;
  /** [E, E] */
  outProjWeight: Float32Array;
}

function identityBlock(modelDim: number, out: Float32Array, offset: number) {
  for (let i = 0; i < modelDim; i++) out[offset + i * modelDim + i] = 1;
}

export function identityProjections(modelDim: number): ProjectionWeights {
  const inProjWeight = new Float32Array(3 * modelDim * modelDim);
  for (let block = 0; block < 3; block++) identityBlock(modelDim, inProjWeight, block * modelDim * modelDim);
  const outProjWeight = new Float32Array(modelDim * modelDim);
  identityBlock(modelDim, outProjWeight, 0);
  return { inProjWeight, outProjWeight };
}

/** Xavier-uniform weights, bound √(6 / (E + E)), so Q, K, V keep the embeddings' spread. */
export function seededProjections(modelDim: number, seed = 1): ProjectionWeights {
  const random = seededRandom(seed);
  const bound = Math.sqrt(6 / (2 * modelDim));
  const fill = (count: number) => Float32Array.from({ length: count }, () => (random() * 2 - 1) * bound);
  return { inProjWeight: fill(3 * modelDim * modelDim), outProjWeight: fill(modelDim * modelDim) };
}
