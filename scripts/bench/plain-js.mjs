// Attention in plain JavaScript loops over Float32Arrays: the baseline a
// developer would write by hand. Same maths and layout as the core:
// queries, keys, values [H,n,D] → output [H,n,D], weights [H,n,n].
export function plainAttention(queries, keys, values, heads, n, headDim) {
  const output = new Float32Array(heads * n * headDim), weights = new Float32Array(heads * n * n);
  const scale = 1 / Math.sqrt(headDim);
  for (let h = 0; h < heads; h++) {
    const base = h * n * headDim;
    for (let i = 0; i < n; i++) {
      const row = (h * n + i) * n, q = base + i * headDim;
      let max = -Infinity;
      for (let j = 0; j < n; j++) {
        const k = base + j * headDim;
        let dot = 0;
        for (let d = 0; d < headDim; d++) dot += queries[q + d] * keys[k + d];
        weights[row + j] = dot * scale;
        if (weights[row + j] > max) max = weights[row + j];
      }
      let sum = 0;
      for (let j = 0; j < n; j++) sum += weights[row + j] = Math.exp(weights[row + j] - max);
      const out = base + i * headDim;
      for (let j = 0; j < n; j++) {
        const p = (weights[row + j] /= sum), v = base + j * headDim;
        for (let d = 0; d < headDim; d++) output[out + d] += p * values[v + d];
      }
    }
  }
  return { output, weights };
}
