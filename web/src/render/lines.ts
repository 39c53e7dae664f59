// BertViz's head view: query tokens in a left column, key tokens in a right one, a line from each query to each
// key whose opacity is the weight, one colour per head when several are overlaid. Hovering (or focusing) a token
// shows only its lines. The cells' numbers stay the heatmap's; this draws their shape.

export interface LinesHead {
  head: number;
  /** CSS colour of this head's lines. */
  color: string;
  /** [L,S] weights, rows sum to 1. */
  weights: ArrayLike<number>;
}

export interface LinesData {
  queryLabels: readonly string[];
  keyLabels: readonly string[];
  dimQueries?: readonly boolean[];
  dimKeys?: readonly boolean[];
  heads: readonly LinesHead[];
}

export interface LinesLayout {
  top: number;
  rowHeight: number;
  /** x where lines start (the right edge of the query labels) and end (the left edge of the key labels). */
  leftX: number;
  rightX: number;
  rows: number;
  columns: number;
  width: number;
  height: number;
}

export type LinesFocus = { side: 'query' | 'key'; index: number } | null;

const FONT_PX = 13;
const ROW_HEIGHT = 22;
const PADDING = 8;
const GAP = { min: 60, max: 320 };
/** Lines fainter than this are not drawn (invisible, and they would cost the draw). */
const FAINTEST = 0.01;
const INK = '#1b1b1b', DIM_INK = '#8a8a8a', FOCUS_FILL = '#ffd166';
const FONT = '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", system-ui, sans-serif';

export class LinesView {
  private data: LinesData | null = null;
  private layout: LinesLayout | null = null;
  private focus: LinesFocus = null;

  constructor(readonly canvas: HTMLCanvasElement) {}

  draw(data: LinesData, availableWidth: number) {
    this.data = data;
    const context = this.canvas.getContext('2d')!;
    context.font = `${FONT_PX}px ${FONT}`;
    const widest = (labels: readonly string[]) => labels.reduce((w, label) => Math.max(w, context.measureText(label).width), 0);
    const left = Math.ceil(widest(data.queryLabels)) + PADDING * 2, right = Math.ceil(widest(data.keyLabels)) + PADDING * 2;
    const gap = Math.max(GAP.min, Math.min(GAP.max, availableWidth - left - right));
    const rows = data.queryLabels.length, columns = data.keyLabels.length;
    this.layout = { top: PADDING, rowHeight: ROW_HEIGHT, leftX: left, rightX: left + gap, rows, columns,
      width: left + gap + right, height: PADDING * 2 + Math.max(rows, columns) * ROW_HEIGHT };
    this.canvas.dataset.layout = JSON.stringify(this.layout);
    this.canvas.dataset.strongest = JSON.stringify(strongestLines(data));
    this.canvas.dataset.queries = JSON.stringify(data.queryLabels);
    this.canvas.dataset.keys = JSON.stringify(data.keyLabels);
    this.paint();
  }

  setFocus(focus: LinesFocus) {
    if (JSON.stringify(focus) === JSON.stringify(this.focus)) return;
    this.focus = focus;
    this.canvas.dataset.focus = focus ? `${focus.side}:${focus.index}` : '';
    this.paint();
  }

  /** The token under CSS pixel (x, y), if any. */
  tokenAt(x: number, y: number): LinesFocus {
    const layout = this.layout;
    if (!layout) return null;
    const index = Math.floor((y - layout.top) / layout.rowHeight);
    if (x <= layout.leftX && index >= 0 && index < layout.rows) return { side: 'query', index };
    if (x >= layout.rightX && index >= 0 && index < layout.columns) return { side: 'key', index };
    return null;
  }

  private rowY(index: number): number {
    return this.layout!.top + (index + 0.5) * this.layout!.rowHeight;
  }

  private paint() {
    const { data, layout } = this;
    if (!data || !layout) return;
    const ratio = globalThis.devicePixelRatio || 1;
    this.canvas.width = Math.round(layout.width * ratio);
    this.canvas.height = Math.round(layout.height * ratio);
    this.canvas.style.width = `${layout.width}px`;
    this.canvas.style.height = `${layout.height}px`;
    const context = this.canvas.getContext('2d')!;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, layout.width, layout.height);
    this.paintLines(context, data, layout);
    this.paintLabels(context, data, layout);
  }

  private paintLines(context: CanvasRenderingContext2D, data: LinesData, layout: LinesLayout) {
    const focus = this.focus;
    context.lineWidth = 2;
    for (const { color, weights } of data.heads) {
      context.strokeStyle = color;
      for (let i = 0; i < layout.rows; i++) {
        if (focus?.side === 'query' && focus.index !== i) continue;
        for (let j = 0; j < layout.columns; j++) {
          if (focus?.side === 'key' && focus.index !== j) continue;
          const weight = weights[i * layout.columns + j];
          if (!(weight >= FAINTEST)) continue;
          context.globalAlpha = Math.min(1, weight);
          context.beginPath();
          context.moveTo(layout.leftX, this.rowY(i));
          context.lineTo(layout.rightX, this.rowY(j));
          context.stroke();
        }
      }
    }
    context.globalAlpha = 1;
  }

  private paintLabels(context: CanvasRenderingContext2D, data: LinesData, layout: LinesLayout) {
    context.font = `${FONT_PX}px ${FONT}`;
    context.textBaseline = 'middle';
    const label = (text: string, x: number, index: number, align: CanvasTextAlign, dim: boolean, focused: boolean) => {
      if (focused) {
        const width = context.measureText(text).width + 6;
        context.fillStyle = FOCUS_FILL;
        context.fillRect(align === 'right' ? x - width + 3 : x - 3, this.rowY(index) - layout.rowHeight / 2 + 2, width, layout.rowHeight - 4);
      }
      context.fillStyle = dim ? DIM_INK : INK;
      context.textAlign = align;
      context.fillText(text, x, this.rowY(index));
    };
    const focus = this.focus;
    data.queryLabels.forEach((text, i) =>
      label(text, layout.leftX - PADDING, i, 'right', data.dimQueries?.[i] ?? false, focus?.side === 'query' && focus.index === i));
    data.keyLabels.forEach((text, j) =>
      label(text, layout.rightX + PADDING, j, 'left', data.dimKeys?.[j] ?? false, focus?.side === 'key' && focus.index === j));
  }
}

/** Per head and query, the key with the largest weight: what a reader sees as the strongest line (and tests read). */
export function strongestLines(data: LinesData): { head: number; query: number; key: number; weight: number }[] {
  const columns = data.keyLabels.length;
  const lines = [];
  for (const { head, weights } of data.heads) {
    for (let i = 0; i < data.queryLabels.length; i++) {
      let key = 0;
      for (let j = 1; j < columns; j++) if (weights[i * columns + j] > weights[i * columns + key]) key = j;
      lines.push({ head, query: i, key, weight: Number(weights[i * columns + key].toFixed(4)) });
    }
  }
  return lines;
}
