// Draws one attention matrix on a canvas: rows are queries, columns are keys.
// Canvas (not DOM cells) so that 1024 × 1024 stays a single draw.
import { interpolateBlues, interpolateCividis, interpolateViridis } from '../vendor.js';

export const COLORMAPS = {
  blues: interpolateBlues,
  viridis: interpolateViridis,
  cividis: interpolateCividis,
} as const;
export type ColormapName = keyof typeof COLORMAPS;

export interface HeatmapData {
  /** Query labels, one per row. */
  rowLabels: readonly string[];
  /** Key labels, one per column. */
  columnLabels: readonly string[];
  /** [rows, columns], row-major. */
  values: Float32Array | readonly number[];
  /** [rows, columns]: 1 where the cell was masked (−∞ before softmax). */
  masked?: Uint8Array;
  /** Colour scale domain; default [0, 1] (attention weights). */
  domain?: readonly [number, number];
  /** Show each row's sum on the right (weights: they are 1). */
  rowSums?: boolean;
}

export interface HeatmapStyle {
  colormap: ColormapName;
  /** Largest cell edge in CSS pixels. */
  maxCell: number;
  font: string;
}

export const HEATMAP_DEFAULTS: HeatmapStyle = {
  colormap: 'blues',
  maxCell: 44,
  font: '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", system-ui, sans-serif',
};

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
const LEGEND_HEIGHT = 36;
const SUM_COLUMN_WIDTH = 56;
const MASK_FILL = '#f1f1f1';
const MASK_HATCH = '#c4c4c4';

function shorten(label: string, max = 14): string {
  return [...label].length > max ? [...label].slice(0, max - 1).join('') + '…' : label;
}

function maxLabelWidth(context: CanvasRenderingContext2D, labels: readonly string[]): number {
  return labels.reduce((widest, label) => Math.max(widest, context.measureText(shorten(label)).width), 0);
}

export function layoutHeatmap(
  context: CanvasRenderingContext2D, data: HeatmapData, style: HeatmapStyle, availableWidth: number,
): HeatmapLayout {
  context.font = `${LABEL_FONT_PX}px ${style.font}`;
  const rows = data.rowLabels.length, columns = data.columnLabels.length;
  const left = Math.ceil(maxLabelWidth(context, data.rowLabels)) + 12;
  // Column labels are drawn at 45°, so their height is width / √2 plus a line.
  const top = Math.ceil(maxLabelWidth(context, data.columnLabels) * Math.SQRT1_2) + LABEL_FONT_PX + 8;
  const right = data.rowSums ? SUM_COLUMN_WIDTH : 12;
  const cell = Math.max(2, Math.min(style.maxCell, Math.floor((availableWidth - left - right) / Math.max(columns, 1))));
  return { left, top, cell, rows, columns, width: left + columns * cell + right, height: top + rows * cell + LEGEND_HEIGHT + 8 };
}

function labelStride(cell: number): number {
  // Thin the labels out when cells are smaller than a line of text.
  return Math.max(1, Math.ceil((LABEL_FONT_PX + 2) / cell));
}

function hatch(context: CanvasRenderingContext2D, x: number, y: number, size: number) {
  context.fillStyle = MASK_FILL;
  context.fillRect(x, y, size, size);
  if (size < 6) return;
  context.save();
  context.beginPath();
  context.rect(x, y, size, size);
  context.clip();
  context.strokeStyle = MASK_HATCH;
  context.lineWidth = 1;
  context.beginPath();
  for (let offset = -size; offset < size; offset += 6) {
    context.moveTo(x + offset, y + size);
    context.lineTo(x + offset + size, y);
  }
  context.stroke();
  context.restore();
}

function textColorOn(value: number): string {
  return value > 0.55 ? '#ffffff' : '#1b1b1b';
}

function drawCells(context: CanvasRenderingContext2D, data: HeatmapData, layout: HeatmapLayout, style: HeatmapStyle) {
  const colormap = COLORMAPS[style.colormap];
  const [low, high] = data.domain ?? [0, 1];
  const span = high - low || 1;
  const showValues = layout.cell >= 30;
  context.font = `${Math.min(12, layout.cell / 3)}px ${style.font}`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  for (let i = 0; i < layout.rows; i++) {
    for (let j = 0; j < layout.columns; j++) {
      const k = i * layout.columns + j;
      const x = layout.left + j * layout.cell, y = layout.top + i * layout.cell;
      if (data.masked?.[k]) {
        hatch(context, x, y, layout.cell);
        continue;
      }
      const t = Math.min(1, Math.max(0, (data.values[k] - low) / span));
      context.fillStyle = colormap(t);
      context.fillRect(x, y, layout.cell, layout.cell);
      if (showValues) {
        context.fillStyle = textColorOn(t);
        context.fillText(data.values[k].toFixed(2), x + layout.cell / 2, y + layout.cell / 2);
      }
    }
  }
}

function drawLabels(context: CanvasRenderingContext2D, data: HeatmapData, layout: HeatmapLayout, style: HeatmapStyle) {
  context.font = `${LABEL_FONT_PX}px ${style.font}`;
  context.fillStyle = '#1b1b1b';
  const stride = labelStride(layout.cell);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (let i = 0; i < layout.rows; i += stride) {
    context.fillText(shorten(data.rowLabels[i]), layout.left - 6, layout.top + (i + 0.5) * layout.cell);
  }
  context.textAlign = 'left';
  for (let j = 0; j < layout.columns; j += stride) {
    context.save();
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
    for (let j = 0; j < layout.columns; j++) sum += data.values[i * layout.columns + j];
    context.fillText(sum.toFixed(2), x, layout.top + (i + 0.5) * layout.cell);
  }
}

function drawLegend(context: CanvasRenderingContext2D, data: HeatmapData, layout: HeatmapLayout, style: HeatmapStyle) {
  const colormap = COLORMAPS[style.colormap];
  const [low, high] = data.domain ?? [0, 1];
  const y = layout.top + layout.rows * layout.cell + 14;
  const width = Math.min(200, Math.max(120, layout.columns * layout.cell));
  for (let x = 0; x < width; x++) {
    context.fillStyle = colormap(x / (width - 1));
    context.fillRect(layout.left + x, y, 1, 10);
  }
  context.fillStyle = '#1b1b1b';
  context.textBaseline = 'top';
  context.textAlign = 'left';
  context.fillText(String(low), layout.left, y + 13);
  context.textAlign = 'right';
  context.fillText(String(high), layout.left + width, y + 13);
  if (data.masked?.some((m) => m)) {
    hatch(context, layout.left + width + 16, y - 2, 14);
    context.textAlign = 'left';
    context.fillStyle = '#1b1b1b';
    context.fillText('−∞ (masked)', layout.left + width + 34, y);
  }
}

/** Sizes the canvas for its data and device pixel ratio, draws, and returns the layout. */
export function drawHeatmap(
  canvas: HTMLCanvasElement, data: HeatmapData, style: Partial<HeatmapStyle> = {}, availableWidth = 800,
): HeatmapLayout {
  const fullStyle = { ...HEATMAP_DEFAULTS, ...style };
  const context = canvas.getContext('2d');
  if (!context) throw new Error('drawHeatmap: this browser gives no 2D canvas context');
  const layout = layoutHeatmap(context, data, fullStyle, availableWidth);
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.ceil(layout.width * ratio);
  canvas.height = Math.ceil(layout.height * ratio);
  canvas.style.width = `${layout.width}px`;
  canvas.style.height = `${layout.height}px`;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, layout.width, layout.height);
  drawCells(context, data, layout, fullStyle);
  drawLabels(context, data, layout, fullStyle);
  if (data.rowSums) drawRowSums(context, data, layout);
  drawLegend(context, data, layout, fullStyle);
  return layout;
}

/** The cell under a point in CSS pixels, or null. */
export function cellAt(layout: HeatmapLayout, x: number, y: number): { row: number; column: number } | null {
  const column = Math.floor((x - layout.left) / layout.cell), row = Math.floor((y - layout.top) / layout.cell);
  if (row < 0 || column < 0 || row >= layout.rows || column >= layout.columns) return null;
  return { row, column };
}
