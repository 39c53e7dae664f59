// A matrix as a small picture without labels: one pixel per cell, scaled up without smoothing. The model view
// draws every layer × head with it (144 of them for a 12 × 12 model), so it is one putImageData and one
// drawImage per thumbnail.
import { COLORMAPS, lutColor, lutOf, type ColormapName } from './colormaps.js';

const MASK_RGB = [236, 236, 236];

/** values [L,S] in [0,1]; masked [L,S] 1 where masked. Drawn `size` CSS pixels on its longer side. */
export function drawThumbnail(canvas: HTMLCanvasElement, values: ArrayLike<number>, rows: number, columns: number,
  size: number, colormap: ColormapName, masked?: Uint8Array) {
  const lut = lutOf(COLORMAPS[colormap]);
  const image = new ImageData(Math.max(columns, 1), Math.max(rows, 1));
  for (let k = 0; k < rows * columns; k++) {
    image.data.set(masked?.[k] ? MASK_RGB : lutColor(lut, values[k]), k * 4);
    image.data[k * 4 + 3] = 255;
  }
  const scale = size / Math.max(rows, columns, 1);
  const ratio = globalThis.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(columns * scale)), height = Math.max(1, Math.round(rows * scale));
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const pixels = document.createElement('canvas');
  pixels.width = image.width;
  pixels.height = image.height;
  pixels.getContext('2d')!.putImageData(image, 0, 0);
  const context = canvas.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  context.drawImage(pixels, 0, 0, canvas.width, canvas.height);
}
