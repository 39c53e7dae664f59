// The only module that imports third-party packages. The library build bundles
// this file into dist/vendor.js, so the published modules have no bare imports
// and load from a plain <script type="module"> with no import map or CDN.
//   wasm-feature-detect — picks the SIMD128 or the scalar build
//   d3-scale-chromatic  — perceptual colour maps (Blues; colour-blind-safe viridis, cividis)
// Typed here rather than re-exported: the published vendor.d.ts then names no package a consumer does not
// install (both are bundled, and devDependencies).
import { simd } from 'wasm-feature-detect';
import * as chromatic from 'd3-scale-chromatic';

type Interpolator = (t: number) => string;

export const simdSupported: () => Promise<boolean> = simd;
export const interpolateBlues: Interpolator = chromatic.interpolateBlues;
export const interpolateCividis: Interpolator = chromatic.interpolateCividis;
export const interpolateRdBu: Interpolator = chromatic.interpolateRdBu;
export const interpolateViridis: Interpolator = chromatic.interpolateViridis;
