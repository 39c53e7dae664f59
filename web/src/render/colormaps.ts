// Colour maps, from d3-scale-chromatic (perceptually uniform, tested for colour-blind readers).
import { interpolateBlues, interpolateCividis, interpolateRdBu, interpolateViridis } from '../vendor.js';

/** Sequential maps for weights in [0, 1]: Blues by default; viridis and cividis are colour-blind safe. */
export const COLORMAPS = {
  blues: interpolateBlues,
  viridis: interpolateViridis,
  cividis: interpolateCividis,
} as const;
export type ColormapName = keyof typeof COLORMAPS;

/** Diverging map for signed values (scores, Q, K, V): red below zero, blue above, white at zero. */
export const DIVERGING = interpolateRdBu;

export type Lut = Uint8ClampedArray; // 256 × RGB

const lutCache = new WeakMap<(t: number) => string, Lut>();

/** 256 RGB entries sampled from an interpolator (parsing "rgb(…)" once, not per cell). */
export function lutOf(interpolate: (t: number) => string): Lut {
  let lut = lutCache.get(interpolate);
  if (lut) return lut;
  lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    lut.set(parseColor(interpolate(i / 255)), i * 3);
  }
  lutCache.set(interpolate, lut);
  return lut;
}

/** d3-scale-chromatic gives "rgb(r, g, b)" for some maps and "#rrggbb" for others. */
function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return [r, g, b];
}

/** The colour at scale position t (0…1): three bytes r, g, b. */
export function lutColor(lut: Lut, t: number): Lut {
  const entry = Math.round(Math.min(1, Math.max(0, t)) * 255) * 3;
  return lut.subarray(entry, entry + 3);
}

/** Colours of heads drawn together (the lines view): categorical, head h takes colour h mod 10. */
export { schemeTableau10 as HEAD_COLORS } from '../vendor.js';
