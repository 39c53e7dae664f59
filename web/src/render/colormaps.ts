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
