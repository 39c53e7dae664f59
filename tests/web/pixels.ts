// Reading what a heatmap canvas actually shows: layout from data-layout, colours from the pixels.
import type { Page } from 'playwright-core';

export interface Layout {
  left: number;
  top: number;
  cell: number;
  rows: number;
  columns: number;
}

export async function layoutOf(page: Page, selector: string): Promise<Layout> {
  return JSON.parse((await page.getAttribute(selector, 'data-layout'))!);
}

/** RGB at CSS pixel offsets inside cell (row, column): a point near the top-left, clear of the centred text. */
export async function cellColor(page: Page, selector: string, row: number, column: number): Promise<[number, number, number]> {
  return page.$eval(selector, (canvas: HTMLCanvasElement, [row, column]) => {
    const layout = JSON.parse(canvas.dataset.layout!);
    const ratio = canvas.width / parseFloat(canvas.style.width);
    const x = Math.round((layout.left + column * layout.cell + 2) * ratio);
    const y = Math.round((layout.top + row * layout.cell + 2) * ratio);
    const [r, g, b] = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, [row, column]);
}

/** Masked cells are neutral grey; Blues cells (even the palest) are bluer than they are red. */
export const isGrey = ([r, g, b]: number[]) => Math.abs(r - g) <= 2 && Math.abs(g - b) <= 2;
export const isBluish = ([r, , b]: number[]) => b - r >= 5;

/** Pixels that are not (nearly) white: the heatmap's ink. */
export async function inkedPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 700) count++;
    return count;
  });
}
