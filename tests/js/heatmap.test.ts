// The heatmap's text choices that need no canvas: which ink a cell's value gets, and how labels thin out.
import { describe, expect, it } from 'vitest';

import { COLORMAPS, DIVERGING } from '../../web/src/render/colormaps.js';
import { contrast, inkOn, labelStride } from '../../web/src/render/heatmap.js';

const rgbOf = (color: string) => {
  const hex = /^#(..)(..)(..)$/.exec(color);
  return hex ? hex.slice(1).map((part) => parseInt(part, 16)) : color.match(/\d+/g)!.map(Number);
};
const DARK_INK = inkOn([255, 255, 255]), LIGHT_INK = inkOn([0, 0, 0]);

describe('value ink', () => {
  it.each([...Object.entries(COLORMAPS), ['diverging', DIVERGING] as const])(
    '%s: every cell gets the ink that contrasts more, at least 4:1', (_, interpolate) => {
      for (let step = 0; step <= 64; step++) {
        const cell = rgbOf(interpolate(step / 64)), ink = inkOn(cell);
        const other = ink === DARK_INK ? LIGHT_INK : DARK_INK;
        expect(contrast(cell, rgbOf(ink))).toBeGreaterThanOrEqual(contrast(cell, rgbOf(other)));
        expect(contrast(cell, rgbOf(ink))).toBeGreaterThanOrEqual(4);
      }
    });

  it('follows the map: viridis is dark at 0 and light at 1, Blues the other way round', () => {
    expect([inkOn(rgbOf(COLORMAPS.viridis(0))), inkOn(rgbOf(COLORMAPS.viridis(1)))]).toEqual([LIGHT_INK, DARK_INK]);
    expect([inkOn(rgbOf(COLORMAPS.cividis(0))), inkOn(rgbOf(COLORMAPS.cividis(1)))]).toEqual([LIGHT_INK, DARK_INK]);
    expect([inkOn(rgbOf(COLORMAPS.blues(0))), inkOn(rgbOf(COLORMAPS.blues(1)))]).toEqual([DARK_INK, LIGHT_INK]);
  });
});

describe('label stride', () => {
  it('draws every row label while a cell holds a line, every column label only when the 45° lines clear', () => {
    expect([labelStride(15), labelStride(14), labelStride(44)]).toEqual([1, 2, 1]);
    // Rotated by 45°, neighbouring labels are cell / √2 apart across their lines: 21.2 px cells for 15 px lines.
    expect([labelStride(22, true), labelStride(21, true), labelStride(17, true), labelStride(8, true)]).toEqual([1, 2, 2, 3]);
  });
});
