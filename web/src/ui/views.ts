// The four views of one scene. Each draws into a container it empties first;
// they share the Heatmap renderer and the token labels.
import { averageWeights, headWeights, maskOf, type ViewScene } from './scenes/scene.js';
import { Heatmap, type HeatmapData, type HeatmapStyle } from '../render/heatmap.js';
import type { Strings } from './i18n.js';
import { isDim, tokenDescription, tokenLabel } from './labels.js';
import type { WidgetState } from './state.js';

export interface ViewContext {
  scene: ViewScene;
  state: WidgetState;
  strings: Strings;
  /** Width available to the view, in CSS pixels. */
  width: number;
  style: Partial<HeatmapStyle>;
}

/** The matrix a single-head view shows: weights of `state.head` (or the average) in `state.row`. */
export function weightMatrix(context: ViewContext): HeatmapData {
  const { scene, state } = context;
  const row = Math.min(state.row, scene.batch - 1);
  const values = state.head < 0 ? averageWeights(scene, row) : headWeights(scene, row, Math.min(state.head, scene.heads - 1));
  return { ...axes(scene, row), values, masked: maskOf(scene, row), rowSums: true };
}

export function axes(scene: ViewScene, row: number) {
  const queries = scene.queryTokens[row], keys = scene.keyTokens[row];
  return {
    rowLabels: queries.map(tokenLabel), columnLabels: keys.map(tokenLabel),
    dimRows: queries.map(isDim), dimColumns: keys.map(isDim),
  };
}

export { maskOf };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ------------------------------------------------------------------ one head

/** Draws the single-head view; reuses `previous` (canvas and all) when it is still in the container. */
export function renderHeadView(container: HTMLElement, context: ViewContext, previous?: Heatmap | null): { heatmap: Heatmap; data: HeatmapData } {
  let heatmap = previous && container.contains(previous.canvas) ? previous : null;
  if (!heatmap) {
    container.replaceChildren();
    const canvas = element('canvas', 'jm-heatmap');
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-roledescription', 'heatmap');
    const scroller = element('div', 'jm-scroll');
    scroller.append(canvas);
    container.append(scroller);
    heatmap = new Heatmap(canvas);
  }
  const data = weightMatrix(context);
  heatmap.draw(data, context.style, context.width);
  heatmap.canvas.setAttribute('aria-label', `${context.strings.rowsAreQueries} ${data.rowLabels.length} × ${data.columnLabels.length}`);
  return { heatmap, data };
}

// ------------------------------------------------------------------ all heads

export function renderGrid(container: HTMLElement, context: ViewContext, openHead: (head: number) => void) {
  container.replaceChildren();
  const grid = element('div', 'jm-grid');
  const { scene, state, strings } = context;
  const row = Math.min(state.row, scene.batch - 1);
  const thumbWidth = Math.max(140, Math.min(260, Math.floor(context.width / 4) - 12));
  const heads = [...Array.from({ length: scene.heads }, (_, h) => h), -1];
  for (const head of heads) {
    const button = element('button', 'jm-thumb');
    button.type = 'button';
    button.dataset.head = String(head);
    const title = head < 0 ? strings.average : strings.thumbnailLabel(head + 1);
    button.setAttribute('aria-label', head < 0 ? strings.average : strings.openHead(head + 1));
    const canvas = element('canvas', 'jm-thumb-canvas');
    button.append(element('span', 'jm-thumb-title', title), canvas);
    const values = head < 0 ? averageWeights(scene, row) : headWeights(scene, row, head);
    new Heatmap(canvas).draw({ ...axes(scene, row), values, masked: maskOf(scene, row) },
      { ...context.style, showValues: false, maxCell: 18, zoom: 1 }, thumbWidth);
    button.addEventListener('click', () => openHead(head));
    grid.append(button);
  }
  container.append(grid);
}

// ------------------------------------------------------------------ step by step

interface Stage {
  id: string;
  title: string;
  shape: string;
  data: HeatmapData;
  note?: string;
}

/** [rows, columns] slice of a [B,H,rows,columns] tensor. */
function slice4(tensor: Float32Array, scene: ViewScene, row: number, head: number, rows: number, columns: number) {
  const start = ((row * scene.heads + head) * rows) * columns;
  return tensor.subarray(start, start + rows * columns);
}

function dimLabels(count: number, prefix = 'd'): string[] {
  return Array.from({ length: count }, (_, d) => `${prefix}${d}`);
}

export function stagesOf(context: ViewContext): Stage[] {
  const { scene, state, strings } = context;
  const trace = scene.trace;
  if (!trace) return [];
  const row = Math.min(state.row, scene.batch - 1), head = Math.max(0, Math.min(state.head, scene.heads - 1));
  const L = scene.queryLength, S = scene.keyLength, D = scene.headDim, E = scene.modelDim;
  const { rowLabels, columnLabels, dimRows, dimColumns } = axes(scene, row);
  const mask = maskOf(scene, row);
  const cells = (values: Float32Array, extra: Partial<HeatmapData> = {}): HeatmapData =>
    ({ rowLabels, columnLabels, dimRows, dimColumns, values, diverging: true, ...extra });
  const byDim = (labels: string[], dims: boolean[], values: Float32Array, columns: number): HeatmapData =>
    ({ rowLabels: labels, columnLabels: dimLabels(columns), dimRows: dims, values, diverging: true });
  const bandStart = head * D;
  const heads = `h${head + 1}`;
  const stages: Stage[] = [
    { id: 'queries', title: `${strings.stageQueries} (${heads})`, shape: `[L=${L}, dₖ=${D}]`, data: byDim(rowLabels, dimRows, slice4(trace.queries, scene, row, head, L, D), D) },
    { id: 'keys', title: `${strings.stageKeys} (${heads})`, shape: `[S=${S}, dₖ=${D}]`, data: byDim(columnLabels, dimColumns, slice4(trace.keys, scene, row, head, S, D), D) },
    { id: 'values', title: `${strings.stageValues} (${heads})`, shape: `[S=${S}, dᵥ=${D}]`, data: byDim(columnLabels, dimColumns, slice4(trace.values, scene, row, head, S, D), D) },
    { id: 'scores', title: strings.stageScores, shape: `[L=${L}, S=${S}]`, data: cells(slice4(trace.scores, scene, row, head, L, S)) },
    { id: 'scaled', title: `${strings.stageScaled} (√${D} = ${Math.sqrt(D).toFixed(2)})`, shape: `[L=${L}, S=${S}]`, data: cells(slice4(trace.scaled, scene, row, head, L, S)) },
    { id: 'masked', title: strings.stageMasked, shape: `[L=${L}, S=${S}]`, data: cells(slice4(trace.masked, scene, row, head, L, S), { masked: mask }) },
    { id: 'softmax', title: strings.stageSoftmax, shape: `[L=${L}, S=${S}]`, data: { ...cells(headWeights(scene, row, head), { masked: mask, rowSums: true }), diverging: false } },
    { id: 'output', title: `${strings.stageOutput} (${heads})`, shape: `[L=${L}, dᵥ=${D}]`, data: byDim(rowLabels, dimRows, slice4(trace.headOutputs, scene, row, head, L, D), D) },
    { id: 'concat', title: strings.stageConcat, shape: `[L=${L}, E=${E}]`, data: { ...byDim(rowLabels, dimRows, sliceRows(trace.concat, row, L, E), E), columnBand: { start: bandStart, end: bandStart + D } } },
  ];
  // A checkpoint's trace ends before W_O (the layer's output goes on through residuals and norms).
  if (scene.output) stages.push({ id: 'projected', title: strings.stageProjected, shape: `[L=${L}, E=${E}]`,
    data: byDim(rowLabels, dimRows, sliceRows(scene.output, row, L, E), E),
    note: scene.projection === 'identity' ? strings.stageIdentityOut : undefined });
  return stages;
}

function sliceRows(tensor: Float32Array, row: number, rows: number, columns: number) {
  return tensor.subarray(row * rows * columns, (row + 1) * rows * columns);
}

export function renderSteps(container: HTMLElement, context: ViewContext) {
  container.replaceChildren();
  const list = element('ol', 'jm-steps');
  for (const stage of stagesOf(context)) {
    const item = element('li', 'jm-step');
    item.dataset.stage = stage.id;
    const heading = element('h3', 'jm-step-title');
    heading.append(element('span', 'jm-step-name', stage.title), element('span', 'jm-step-shape', stage.shape));
    item.append(heading);
    if (stage.note) item.append(element('p', 'jm-step-note', stage.note));
    const scroller = element('div', 'jm-scroll');
    const canvas = element('canvas', 'jm-step-canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `${stage.title} ${stage.shape}`);
    scroller.append(canvas);
    item.append(scroller);
    new Heatmap(canvas).draw(stage.data, { ...context.style, maxCell: 30, minCell: 3 }, context.width - 24);
    list.append(item);
  }
  container.append(list);
}

// ------------------------------------------------------------------ table

export function renderTable(container: HTMLElement, context: ViewContext) {
  container.replaceChildren();
  const data = weightMatrix(context);
  const { strings, state, scene } = context;
  // Headers name the tokens with their part of speech in morpheme mode; the heatmap's axes have no room for it.
  const row = Math.min(state.row, scene.batch - 1);
  const rowLabels = scene.queryTokens[row].map(tokenDescription), columnLabels = scene.keyTokens[row].map(tokenDescription);
  const table = element('table', 'jm-table');
  const headName = state.head < 0 ? strings.average : strings.headOf(state.head + 1, context.scene.heads);
  // A model's table names its layer too: the numbers are that layer's.
  const layerName = scene.layers.length > 1 ? `${strings.layerOf(scene.layer + 1, scene.layers.length)}, ` : '';
  table.append(element('caption', '', strings.tableCaption(`${layerName}${headName}`)));
  const head = table.createTHead().insertRow();
  head.append(element('th', '', `${strings.query} \\ ${strings.key}`));
  for (const label of columnLabels) {
    const th = element('th', '', label);
    th.scope = 'col';
    head.append(th);
  }
  const body = table.createTBody();
  rowLabels.forEach((label, i) => {
    const tr = body.insertRow();
    const th = element('th', '', label);
    th.scope = 'row';
    tr.append(th);
    data.columnLabels.forEach((_, j) => {
      const k = i * data.columnLabels.length + j;
      tr.append(element('td', data.masked?.[k] ? 'jm-masked' : '', data.masked?.[k] ? '−∞' : data.values[k].toFixed(3)));
    });
  });
  const scroller = element('div', 'jm-scroll');
  scroller.append(table);
  container.append(scroller);
}
