// BertViz's model view: every layer × head of the scene as a thumbnail, a row per layer ending in the layer's
// average over heads; a click opens that head (or the average) in the heatmap.
import { drawThumbnail } from '../render/thumbnail.js';
import { averageWeights, headWeights, maskOf } from './scenes/scene.js';
import type { ViewContext } from './views.js';

const THUMB = { min: 28, max: 120, gap: 6, label: 48 };

export function renderModelView(container: HTMLElement, context: ViewContext, open: (layer: number, head: number) => void) {
  container.replaceChildren();
  const { scene, state, strings } = context;
  const row = Math.min(state.row, scene.batch - 1);
  const columns = scene.heads + 1;
  // The label column, then a gap before each thumbnail.
  const size = Math.max(THUMB.min, Math.min(THUMB.max, Math.floor((context.width - THUMB.label - columns * THUMB.gap) / columns)));
  const mask = maskOf(scene, row);
  const grid = document.createElement('div');
  grid.className = 'jm-model-grid';
  grid.style.setProperty('--columns', String(columns));
  grid.style.setProperty('--thumb', `${size}px`);
  grid.dataset.layers = String(scene.layers.length);
  grid.dataset.heads = String(scene.heads);
  grid.append(document.createElement('span'));
  for (let h = 0; h < columns; h++) {
    grid.append(Object.assign(document.createElement('span'), { className: 'jm-model-head', textContent: h < scene.heads ? String(h + 1) : strings.averageShort }));
  }
  scene.layers.forEach((_, layer) => {
    grid.append(Object.assign(document.createElement('span'), { className: 'jm-model-layer', textContent: strings.layerShort(layer + 1) }));
    for (let head = 0; head < columns; head++) {
      const average = head === scene.heads;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = average ? 'jm-model-thumb jm-model-average' : 'jm-model-thumb';
      button.dataset.layer = String(layer);
      button.dataset.head = String(average ? -1 : head);
      button.setAttribute('aria-label', average ? strings.openLayerAverage(layer + 1) : strings.openLayerHead(layer + 1, head + 1));
      const canvas = document.createElement('canvas');
      const values = average ? averageWeights(scene, row, layer) : headWeights(scene, row, head, layer);
      drawThumbnail(canvas, values, scene.queryLength, scene.keyLength, size, state.colormap, mask);
      button.append(canvas);
      button.addEventListener('click', () => open(layer, average ? -1 : head));
      grid.append(button);
    }
  });
  const scroller = document.createElement('div');
  scroller.className = 'jm-scroll';
  scroller.append(grid);
  container.append(scroller);
}
