// The lines view: the chosen layer's head (or, with "all heads", every head overlaid in its colour) as lines
// from queries to keys. Hover or focus a token to see only its lines.
import { HEAD_COLORS } from '../render/colormaps.js';
import { LinesView, type LinesData } from '../render/lines.js';
import { headWeights } from './scenes/scene.js';
import { isDim, tokenLabel } from './labels.js';
import type { ViewContext } from './views.js';

export function linesData(context: ViewContext): LinesData {
  const { scene, state } = context;
  const row = Math.min(state.row, scene.batch - 1);
  const heads = state.head < 0 ? Array.from({ length: scene.heads }, (_, h) => h) : [Math.min(state.head, scene.heads - 1)];
  return {
    queryLabels: scene.queryTokens[row].map(tokenLabel), keyLabels: scene.keyTokens[row].map(tokenLabel),
    dimQueries: scene.queryTokens[row].map(isDim), dimKeys: scene.keyTokens[row].map(isDim),
    heads: heads.map((head) => ({ head, color: HEAD_COLORS[head % HEAD_COLORS.length], weights: headWeights(scene, row, head) })),
  };
}

/** Heads switched off, per view container (each widget has its own), for scenes with this many heads. */
const hiddenHeads = new WeakMap<HTMLElement, { heads: number; hidden: Set<number> }>();

export function renderLinesView(container: HTMLElement, context: ViewContext) {
  container.replaceChildren();
  const canvas = document.createElement('canvas');
  canvas.className = 'jm-lines';
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', context.strings.linesLabel);
  const view = new LinesView(canvas);
  const data = linesData(context);
  // Heads the reader switched off in the overlay, kept per view container (each widget has its own) across redraws.
  // Another model (another head count) starts with every head on.
  let kept = hiddenHeads.get(container);
  if (kept?.heads !== context.scene.heads) hiddenHeads.set(container, kept = { heads: context.scene.heads, hidden: new Set() });
  const hidden = kept.hidden;
  const draw = () => view.draw({ ...data, heads: data.heads.filter(({ head }) => !hidden.has(head)) }, context.width);
  draw();
  const legend = document.createElement('p');
  legend.className = 'jm-lines-legend';
  for (const { head, color } of data.heads) {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'jm-chip';
    chip.dataset.head = String(head);
    chip.style.setProperty('--chip', color);
    chip.textContent = context.strings.thumbnailLabel(head + 1);
    chip.setAttribute('aria-pressed', String(!hidden.has(head)));
    // One head alone cannot be switched off: the view would be empty.
    chip.disabled = data.heads.length === 1;
    chip.addEventListener('click', () => {
      if (hidden.has(head)) hidden.delete(head);
      else hidden.add(head);
      chip.setAttribute('aria-pressed', String(!hidden.has(head)));
      draw();
    });
    legend.append(chip);
  }
  canvas.addEventListener('pointermove', (event) => {
    const box = canvas.getBoundingClientRect();
    view.setFocus(view.tokenAt(event.clientX - box.left, event.clientY - box.top));
  });
  canvas.addEventListener('pointerleave', () => view.setFocus(null));
  // The keyboard walks the queries: each shows its lines alone.
  let focused = -1;
  canvas.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    focused = Math.max(0, Math.min(data.queryLabels.length - 1, focused + step));
    view.setFocus({ side: 'query', index: focused });
  });
  const scroller = document.createElement('div');
  scroller.className = 'jm-scroll';
  scroller.append(canvas);
  container.append(legend, scroller);
}
