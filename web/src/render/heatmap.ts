// Draws one matrix on a canvas: rows are queries, columns are keys. Cells go
// through an ImageData one pixel per cell, scaled up without smoothing, so a
// 1024 × 1024 matrix is one draw; hover and focus are an overlay on a cached
// base image, so moving the pointer never redraws the cells. The base image is
// copied from the canvas only when an overlay first needs it: most draws are
// never hovered, and the copy of a large canvas costs a few milliseconds.
import { COLORMAPS, DIVERGING, lutColor, lutOf, type ColormapName, type Lut } from './colormaps.js';

export interface HeatmapData {
  /** Query labels, one per row. */
  rowLabels: readonly string[];
  /** Key labels, one per column. */
  columnLabels: readonly string[];
  /** Labels drawn dimmed (PAD, special tokens), by index. */
  dimRows?: readonly boolean[];
  dimColumns?: readonly boolean[];
  /** [rows, columns], row-major. */
  values: ArrayLike<number>;
  /** [rows, columns]: 1 where the cell was masked (−∞ before softmax). */
  masked?: Uint8Array;
  /** Colour domain; default [0, 1] (weights). */
  domain?: readonly [number, number];
  /** Signed values: diverging colours centred on zero. */
  diverging?: boolean;
  /** Show each row's sum on the right (weights: they are 1). */
  rowSums?: boolean;
  /** Columns to outline, e.g. the current head's block in the concat. */
  columnBand?: { start: number; end: number };
}

export interface HeatmapStyle {
  colormap: ColormapName;
  /** Largest and smallest cell edge in CSS pixels. */
  maxCell: number;
  minCell: number;
  /** Multiplies the fitted cell size (zoom). */
  zoom: number;
  showValues: boolean;
  font: string;
  /** The legend's name for masked cells, in the reader's language. */
  maskedLabel: string;
}

export const HEATMAP_DEFAULTS: HeatmapStyle = {
  colormap: 'blues',
  maxCell: 44,
  minCell: 2,
  zoom: 1,
  showValues: true,
  font: '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", system-ui, sans-serif',
  maskedLabel: 'masked (−∞)',
};

export interface Cell {
  row: number;
  column: number;
}

/** Where everything landed, for hit-testing and tests. */
export interface HeatmapLayout {
  left: number;
  top: number;
  cell: number;
  rows: number;
  columns: number;
  width: number;
  height: number;
}

const LABEL_FONT_PX = 13;
const LEGEND_HEIGHT = 40;
const LEGEND_WIDTH = 160;
const SUM_COLUMN_WIDTH = 52;
const MASK_RGB: [number, number, number] = [236, 236, 236];
const MASK_HATCH = '#b9b9b9';
const INK_RGB = [0x1b, 0x1b, 0x1b], ON_DARK_RGB = [255, 255, 255];
const INK = `rgb(${INK_RGB.join(',')})`, ON_DARK_INK = `rgb(${ON_DARK_RGB.join(',')})`;
const DIM_INK = '#8a8a8a';

// ------------------------------------------------------------------ colours

function interpolatorOf(data: HeatmapData, style: HeatmapStyle) {
  return data.diverging ? DIVERGING : COLORMAPS[style.colormap];
}

/** [0,1] position of a value on the colour scale (0.5 is zero for a symmetric diverging domain). */
function scalePosition(data: HeatmapData, value: number): number {
  const [low, high] = domainOf(data);
  const t = (value - low) / (high - low || 1);
  return Math.min(1, Math.max(0, t));
}

/** The domain: given, or symmetric around zero for signed data (a scan: Heatmap.draw resolves it once). */
function domainOf(data: HeatmapData): readonly [number, number] {
  if (data.domain) return data.domain;
  if (!data.diverging) return [0, 1];
  let extent = 0;
  for (let k = 0; k < data.values.length; k++) {
    const v = data.values[k];
    if (Number.isFinite(v)) extent = Math.max(extent, Math.abs(v));
  }
  return [-(extent || 1), extent || 1];
}

// ------------------------------------------------------------------ layout

function shorten(label: string, max = 12): string {
  const characters = [...label];
  return characters.length > max ? characters.slice(0, max - 1).join('') + '…' : label;
}

function maxLabelWidth(context: CanvasRenderingContext2D, labels: readonly string[]): number {
  let widest = 0;
  // Measuring thousands of labels is slow and thinned-out labels are not drawn anyway.
  const stride = Math.max(1, Math.floor(labels.length / 256));
  for (let i = 0; i < labels.length; i += stride) widest = Math.max(widest, context.measureText(shorten(labels[i])).width);
  return widest;
}

export function layoutHeatmap(
  context: CanvasRenderingContext2D, data: HeatmapData, style: HeatmapStyle, availableWidth: number,
): HeatmapLayout {
  context.font = `${LABEL_FONT_PX}px ${style.font}`;
  const rows = data.rowLabels.length, columns = data.columnLabels.length;
  const left = Math.ceil(maxLabelWidth(context, data.rowLabels)) + 12;
  // Column labels are drawn at 45°: their height is width / √2 plus a line.
  const top = Math.ceil(maxLabelWidth(context, data.columnLabels) * Math.SQRT1_2) + LABEL_FONT_PX + 10;
  const right = data.rowSums ? SUM_COLUMN_WIDTH : 16;
  const fitted = Math.floor((availableWidth - left - right) / Math.max(columns, 1));
  const cell = Math.max(style.minCell, Math.min(style.maxCell, fitted) * style.zoom);
  const width = Math.ceil(left + columns * cell + right);
  return { left, top, cell, rows, columns, width: Math.max(width, left + 260), height: Math.ceil(top + rows * cell + LEGEND_HEIGHT) };
}

/**
 * Every how many rows (or columns) a label is drawn: all of them while a cell holds a line of text, fewer below.
 * Column labels run at 45°, so two neighbours are only cell / √2 apart across their lines and need a cell √2
 * times as large (about 21 px instead of 15).
 */
export function labelStride(cell: number, rotated = false): number {
  const line = (LABEL_FONT_PX + 2) * (rotated ? Math.SQRT2 : 1);
  return Math.max(1, Math.ceil(line / cell));
}

// ------------------------------------------------------------------ drawing

/** Writes an opaque colour (three bytes of r, g, b) to the pixel at byte `at`. */
function setPixel(image: ImageData, at: number, rgb: ArrayLike<number>) {
  image.data.set(rgb, at);
  image.data[at + 3] = 255;
}

/** The table's colour for scale position t (0…1). */
function scaleColor(lut: Lut, t: number): Lut {
  return lutColor(lut, t);
}

function cellImage(data: HeatmapData, style: HeatmapStyle, rows: number, columns: number): ImageData {
  const image = new ImageData(Math.max(columns, 1), Math.max(rows, 1));
  const lut = lutOf(interpolatorOf(data, style));
  for (let k = 0; k < rows * columns; k++) {
    setPixel(image, k * 4, data.masked?.[k] ? MASK_RGB : scaleColor(lut, scalePosition(data, data.values[k])));
  }
  return image;
}

/** `pixels` is a scratch canvas the cells are put on, one pixel each, before they are scaled up. */
function drawCells(
  context: CanvasRenderingContext2D, pixels: HTMLCanvasElement, data: HeatmapData, layout: HeatmapLayout, style: HeatmapStyle,
) {
  if (layout.rows === 0 || layout.columns === 0) return;
  pixels.width = layout.columns;
  pixels.height = layout.rows;
  pixels.getContext('2d')!.putImageData(cellImage(data, style, layout.rows, layout.columns), 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(pixels, layout.left, layout.top, layout.columns * layout.cell, layout.rows * layout.cell);
  if (data.masked && layout.cell >= 8) drawHatches(context, data.masked, layout);
  if (style.showValues && layout.cell >= 30) drawValues(context, data, layout, style);
}

function drawHatches(context: CanvasRenderingContext2D, masked: Uint8Array, layout: HeatmapLayout) {
  context.save();
  context.strokeStyle = MASK_HATCH;
  context.lineWidth = 1;
  context.beginPath();
  for (let i = 0; i < layout.rows; i++) {
    for (let j = 0; j < layout.columns; j++) {
      if (!masked[i * layout.columns + j]) continue;
      const x = layout.left + j * layout.cell, y = layout.top + i * layout.cell, size = layout.cell;
      for (let offset = 5; offset < 2 * size; offset += 7) {
        const a = Math.min(offset, size), b = Math.max(0, offset - size);
        context.moveTo(x + b, y + a);
        context.lineTo(x + a, y + b);
      }
    }
  }
  context.stroke();
  context.restore();
}

function formatValue(value: number): string {
  if (value === -Infinity) return '−∞';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toFixed(2);
}

const MASKED_INK = '#6b6b6b';

/** WCAG's relative luminance of an sRGB colour (0 black … 1 white). */
function luminance(rgb: ArrayLike<number>): number {
  const linear = (byte: number) => {
    const c = byte / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
}

/** WCAG's contrast ratio of two colours (1 … 21). */
export function contrast(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour for a cell of colour `rgb`: dark or light ink, whichever contrasts more. Read off the cell's
 * own colour, as maps differ: Blues darkens as weights grow, viridis and cividis lighten, RdBu is dark at both ends.
 */
export function inkOn(rgb: ArrayLike<number>): string {
  return contrast(rgb, ON_DARK_RGB) > contrast(rgb, INK_RGB) ? ON_DARK_INK : INK;
}

const inkTables = new WeakMap<Lut, string[]>();

/** inkOn for each of a colour table's 256 entries, made once per table. */
function inksOf(lut: Lut): string[] {
  let inks = inkTables.get(lut);
  if (!inks) inkTables.set(lut, (inks = Array.from({ length: 256 }, (_, entry) => inkOn(scaleColor(lut, entry / 255)))));
  return inks;
}

/** The text colour of a cell's value: read off its colour, grey for masked ones. */
function valueInk(data: HeatmapData, inks: string[], k: number): string {
  if (data.masked?.[k]) return MASKED_INK;
  return inks[Math.round(scalePosition(data, data.values[k]) * 255)];
}

// One pass per text colour: setting fillStyle parses the colour, and per cell that was a visible share
// of a re-render (32 × 32 cells).
function drawValues(context: CanvasRenderingContext2D, data: HeatmapData, layout: HeatmapLayout, style: HeatmapStyle) {
  context.font = `${Math.min(12, Math.floor(layout.cell / 3.2))}px ${style.font}`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  const cells = layout.rows * layout.columns;
  const inkTable = inksOf(lutOf(interpolatorOf(data, style)));
  const inks = Array.from({ length: cells }, (_, k) => valueInk(data, inkTable, k));
  for (const ink of [INK, ON_DARK_INK, MASKED_INK]) {
    context.fillStyle = ink;
    for (let k = 0; k < cells; k++) {
      if (inks[k] !== ink) continue;
      const i = Math.floor(k / layout.columns), j = k % layout.columns;
      const text = ink === MASKED_INK ? '−∞' : formatValue(data.values[k]);
      context.fillText(text, layout.left + (j + 0.5) * layout.cell, layout.top + (i + 0.5) * layout.cell);
    }
  }
}

function drawLabels(context: CanvasRenderingContext2D, data: HeatmapData, layout: HeatmapLayout, style: HeatmapStyle) {
  context.font = `${LABEL_FONT_PX}px ${style.font}`;
  const stride = labelStride(layout.cell);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (let i = 0; i < layout.rows; i += stride) {
    context.fillStyle = data.dimRows?.[i] ? DIM_INK : INK;
    context.fillText(shorten(data.rowLabels[i]), layout.left - 6, layout.top + (i + 0.5) * layout.cell);
  }
  context.textAlign = 'left';
  const columnStride = labelStride(layout.cell, true);
  for (let j = 0; j < layout.columns; j += columnStride) {
    context.save();
    context.fillStyle = data.dimColumns?.[j] ? DIM_INK : INK;
    context.translate(layout.left + (j + 0.5) * layout.cell, layout.top - 6);
    context.rotate(-Math.PI / 4);
    context.fillText(shorten(data.columnLabels[j]), 0, 0);
    context.restore();
  }
}

function drawRowSums(context: CanvasRenderingContext2D, data: HeatmapData, layout: HeatmapLayout) {
  const stride = labelStride(layout.cell);
  context.fillStyle = '#555';
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  const x = layout.left + layout.columns * layout.cell + 6;
  context.fillText('Σ', x, layout.top - 10);
  for (let i = 0; i < layout.rows; i += stride) {
    let sum = 0;
    for (let j = 0; j < layout.columns; j++) sum += data.masked?.[i * layout.columns + j] ? 0 : data.values[i * layout.columns + j];
    context.fillText(sum.toFixed(2), x, layout.top + (i + 0.5) * layout.cell);
  }
}

const legendStrips = new WeakMap<(t: number) => string, HTMLCanvasElement>();

/**
 * The legend's colours, one pixel per column, made once per colour map from the table the cells are coloured
 * with (so the legend shows exactly the colours a cell can take). Sampling the colour map itself cost 160 more
 * colour strings made and parsed, a few milliseconds of the first heatmap.
 */
function legendStrip(interpolate: (t: number) => string): HTMLCanvasElement {
  let strip = legendStrips.get(interpolate);
  if (strip) return strip;
  const lut = lutOf(interpolate);
  const image = new ImageData(LEGEND_WIDTH, 1);
  for (let x = 0; x < LEGEND_WIDTH; x++) setPixel(image, x * 4, scaleColor(lut, x / (LEGEND_WIDTH - 1)));
  strip = document.createElement('canvas');
  strip.width = LEGEND_WIDTH;
  strip.height = 1;
  strip.getContext('2d')!.putImageData(image, 0, 0);
  legendStrips.set(interpolate, strip);
  return strip;
}

function drawLegend(context: CanvasRenderingContext2D, data: HeatmapData, layout: HeatmapLayout, style: HeatmapStyle) {
  const [low, high] = domainOf(data);
  const y = layout.top + layout.rows * layout.cell + 14;
  context.imageSmoothingEnabled = false;
  context.drawImage(legendStrip(interpolatorOf(data, style)), layout.left, y, LEGEND_WIDTH, 10);
  context.font = `12px ${style.font}`;
  context.fillStyle = INK;
  context.textBaseline = 'top';
  context.textAlign = 'left';
  context.fillText(formatValue(low), layout.left, y + 13);
  context.textAlign = 'right';
  context.fillText(formatValue(high), layout.left + LEGEND_WIDTH, y + 13);
  if (data.masked?.some((m) => m)) {
    const x = layout.left + LEGEND_WIDTH + 16;
    context.fillStyle = `rgb(${MASK_RGB.join(',')})`;
    context.fillRect(x, y - 2, 14, 14);
    context.strokeStyle = MASK_HATCH;
    context.beginPath();
    context.moveTo(x, y + 12);
    context.lineTo(x + 14, y - 2);
    context.stroke();
    context.textAlign = 'left';
    context.fillStyle = INK;
    context.fillText(style.maskedLabel, x + 20, y);
  }
}

function drawBand(context: CanvasRenderingContext2D, band: { start: number; end: number }, layout: HeatmapLayout) {
  context.save();
  context.strokeStyle = '#e4572e';
  context.lineWidth = 2;
  context.strokeRect(layout.left + band.start * layout.cell, layout.top, (band.end - band.start) * layout.cell, layout.rows * layout.cell);
  context.restore();
}

/** Sizes a canvas for CSS pixels × devicePixelRatio; reallocates only when the size changes. */
function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = globalThis.devicePixelRatio || 1;
  const pixelWidth = Math.ceil(width * ratio), pixelHeight = Math.ceil(height * ratio);
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const context = canvas.getContext('2d');
  if (!context) throw new Error('heatmap: this browser gives no 2D canvas context');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  // Text in no particular language, as when every heatmap was drawn on a canvas outside the document: one
  // inside the widget inherits its lang (Chromium's context.lang), which shapes the same labels differently.
  (context as CanvasRenderingContext2D & { lang?: string }).lang = '';
  context.clearRect(0, 0, width, height);
  return context;
}

/** Copies `source` onto the context's canvas pixel for pixel (sizeCanvas gave both the same size). */
function copyPixels(context: CanvasRenderingContext2D, source: HTMLCanvasElement) {
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.drawImage(source, 0, 0);
  context.restore();
}

/** A heatmap on one canvas, with a cached base image and a hover/focus overlay. */
export class Heatmap {
  layout: HeatmapLayout | null = null;
  private readonly base: HTMLCanvasElement = document.createElement('canvas');
  /** Whether `base` holds the current drawing (it is copied when an overlay first needs it). */
  private baseIsCurrent = false;
  /** Only for measuring label widths before the size is known. */
  private readonly measure = document.createElement('canvas').getContext('2d')!;
  /** The cells, one pixel each; kept, as a new canvas and context every draw was a visible share of a re-render. */
  private readonly pixels = document.createElement('canvas');
  private hover: Cell | null = null;
  private focus: Cell | null = null;

  constructor(readonly canvas: HTMLCanvasElement) {}

  /** Draws new data; returns the layout. */
  draw(given: HeatmapData, style: Partial<HeatmapStyle> = {}, availableWidth = 800): HeatmapLayout {
    const fullStyle = { ...HEATMAP_DEFAULTS, ...style };
    // Resolved once here; a signed matrix's domain is otherwise a scan of every value, per cell.
    const data: HeatmapData = { ...given, domain: domainOf(given) };
    const layout = layoutHeatmap(this.measure, data, fullStyle, availableWidth);
    const context = sizeCanvas(this.canvas, layout.width, layout.height);
    drawCells(context, this.pixels, data, layout, fullStyle);
    drawLabels(context, data, layout, fullStyle);
    if (data.rowSums) drawRowSums(context, data, layout);
    if (data.columnBand) drawBand(context, data.columnBand, layout);
    drawLegend(context, data, layout, fullStyle);
    this.layout = layout;
    this.baseIsCurrent = false;
    // Where the cells are, for tools and tests that read pixels.
    this.canvas.dataset.layout = JSON.stringify({ left: layout.left, top: layout.top, cell: layout.cell, rows: layout.rows, columns: layout.columns });
    this.clampInteraction();
    if (this.hover || this.focus) this.compose();
    return layout;
  }

  setHover(cell: Cell | null) {
    this.hover = cell;
    this.compose();
  }

  setFocus(cell: Cell | null) {
    this.focus = cell;
    this.compose();
  }

  getFocus(): Cell | null {
    return this.focus;
  }

  /** The cell under a point in CSS pixels relative to the canvas, or null. */
  cellAt(x: number, y: number): Cell | null {
    const layout = this.layout;
    if (!layout) return null;
    const column = Math.floor((x - layout.left) / layout.cell), row = Math.floor((y - layout.top) / layout.cell);
    if (row < 0 || column < 0 || row >= layout.rows || column >= layout.columns) return null;
    return { row, column };
  }

  private clampInteraction() {
    const inside = (cell: Cell | null) =>
      cell && this.layout && cell.row < this.layout.rows && cell.column < this.layout.columns ? cell : null;
    this.hover = inside(this.hover);
    this.focus = inside(this.focus);
  }

  /** Redraws the canvas as the base image plus the hover and focus overlays. */
  private compose() {
    const layout = this.layout;
    if (!layout) return;
    if (!this.baseIsCurrent) {
      copyPixels(sizeCanvas(this.base, layout.width, layout.height), this.canvas);
      this.baseIsCurrent = true;
    }
    const context = sizeCanvas(this.canvas, layout.width, layout.height);
    copyPixels(context, this.base);
    if (this.hover) this.drawCrosshair(context, this.hover, layout);
    if (this.focus) this.drawOutline(context, this.focus, layout, '#111', 3);
  }

  private drawCrosshair(context: CanvasRenderingContext2D, cell: Cell, layout: HeatmapLayout) {
    context.save();
    context.fillStyle = 'rgba(255, 196, 0, 0.18)';
    context.fillRect(layout.left, layout.top + cell.row * layout.cell, layout.columns * layout.cell, layout.cell);
    context.fillRect(layout.left + cell.column * layout.cell, layout.top, layout.cell, layout.rows * layout.cell);
    context.restore();
    this.drawOutline(context, cell, layout, '#e4572e', 2);
  }

  private drawOutline(context: CanvasRenderingContext2D, cell: Cell, layout: HeatmapLayout, color: string, width: number) {
    context.save();
    context.strokeStyle = color;
    context.lineWidth = width;
    context.strokeRect(layout.left + cell.column * layout.cell + width / 2, layout.top + cell.row * layout.cell + width / 2,
      layout.cell - width, layout.cell - width);
    context.restore();
  }
}
