// A plain Node ESM script, run from a folder where only the packed tarball is
// installed: `import … from 'jumok'` must resolve, load both builds and compute.
import { readFileSync } from 'node:fs';

import { loadJumok } from 'jumok';

const golden = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const report = {};
for (const simd of [true, false]) {
  const jm = await loadJumok({ simd });
  const { weights } = jm.attention({
    queries: Float32Array.from(golden.q), keys: Float32Array.from(golden.k), values: Float32Array.from(golden.v),
    batch: golden.B, heads: golden.H, queryLength: golden.L, keyLength: golden.S, headDim: golden.D,
  });
  report[jm.backend] = Math.max(...golden.weights.map((want, i) => Math.abs(weights[i] - want)));
  jm.dispose();
}
console.log(JSON.stringify(report));
