// The only module that imports third-party packages. The library build bundles
// this file into dist/vendor.js, so the published modules have no bare imports
// and load from a plain <script type="module"> with no import map or CDN.
//   wasm-feature-detect — picks the SIMD128 or the scalar build
//   d3-scale-chromatic  — perceptual colour maps (Blues; colour-blind-safe viridis, cividis)
export { simd as simdSupported } from 'wasm-feature-detect';
export { interpolateBlues, interpolateCividis, interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
