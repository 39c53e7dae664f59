// Golden cases from ../shared/golden and tolerant comparison, shared by the JS tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';

import { loadJumok, type Jumok } from '../../web/src/index.js';

export const goldenDir = fileURLToPath(new URL('../../../shared/golden/', import.meta.url));
/** Hugging Face checkpoints with PyTorch's outputs (their README gives layouts and tolerances). */
export const modelsDir = `${goldenDir}models/`;

export interface Golden {
  kind: 'sdpa' | 'mha';
  name: string;
  B: number; H: number; L: number; S: number; D?: number; E?: number;
  causal: boolean;
  key_lengths: number[] | null;
  q?: number[]; k?: number[]; v?: number[];
  query?: number[]; memory?: number[] | null;
  in_proj_weight?: number[]; in_proj_bias?: number[]; out_proj_weight?: number[]; out_proj_bias?: number[];
  weights: number[];
  output: number[];
}

export const sdpaCases = ['sdpa_basic', 'sdpa_causal', 'sdpa_cross', 'sdpa_padding'];
export const mhaCases = ['mha_self', 'mha_causal', 'mha_cross', 'mha_padding'];

export function loadGolden(name: string): Golden {
  return JSON.parse(readFileSync(`${goldenDir}${name}.json`, 'utf8')) as Golden;
}

export const f32 = (values: number[] | null | undefined) => (values ? Float32Array.from(values) : undefined);

/** Within 1e-5 relative to the largest expected magnitude (at least 1). */
export function expectClose(got: Float32Array | undefined, want: ArrayLike<number>, what: string, tolerance = 1e-5) {
  expect(got, what).toBeInstanceOf(Float32Array);
  expect(got!.length, `${what} length`).toBe(want.length);
  let scale = 1;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]));
  let worst = 0, worstAt = -1;
  for (let i = 0; i < want.length; i++) {
    const error = Math.abs(got![i] - want[i]);
    if (!(error <= worst)) (worst = error), (worstAt = i);
  }
  expect(worst, `${what}[${worstAt}]: got ${got![worstAt]}, want ${want[worstAt]}`).toBeLessThanOrEqual(tolerance * scale);
}

/** Both builds, forced, so that each .wasm is tested whatever the engine supports. */
export const builds = [
  { name: 'simd', load: () => loadJumok({ simd: true }), backend: 'wasm-simd128' },
  { name: 'scalar', load: () => loadJumok({ simd: false }), backend: 'wasm-scalar' },
] as const;

/** A valid small attention call: batch 1, 2 heads, 3 queries, 4 keys, head dim 5 (fresh arrays each time). */
export const good = () => ({
  queries: new Float32Array(30).fill(0.1), keys: new Float32Array(40).fill(0.2), values: new Float32Array(40).fill(0.3),
  batch: 1, heads: 2, queryLength: 3, keyLength: 4, headDim: 5,
});

/** A valid small multi-head call: batch 2, 3 tokens, modelDim 8, 2 heads. */
export const goodMha = () => ({
  query: new Float32Array(2 * 3 * 8).fill(0.1), batch: 2, queryLength: 3, modelDim: 8, heads: 2,
  inProjWeight: new Float32Array(3 * 8 * 8).fill(0.01), outProjWeight: new Float32Array(8 * 8).fill(0.02),
});

export type { Jumok };
