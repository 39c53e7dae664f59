// The demo page: one sentence, split on spaces, identity projection (Q = K = V =
// the embedding split into heads), one head's weights drawn as a heatmap.
import { loadJumok } from '../src/index.js';
import { embedSentences, splitHeads } from '../src/model/embedding.js';
import { drawHeatmap } from '../src/render/heatmap.js';

const MODEL_DIM = 512;
const HEADS = 8;

const sentenceInput = document.querySelector<HTMLInputElement>('#sentence')!;
const headSelect = document.querySelector<HTMLSelectElement>('#head')!;
const status = document.querySelector<HTMLParagraphElement>('#status')!;
const canvas = document.querySelector<HTMLCanvasElement>('#heatmap')!;

for (let h = 0; h < HEADS; h++) headSelect.add(new Option(String(h + 1), String(h)));

const jm = await loadJumok();

function render() {
  const tokens = sentenceInput.value.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) {
    status.textContent = 'Type a sentence.';
    canvas.hidden = true;
    return;
  }
  const length = tokens.length, headDim = MODEL_DIM / HEADS;
  const perHead = splitHeads(embedSentences([tokens], MODEL_DIM), 1, length, MODEL_DIM, HEADS);
  const { weights } = jm.attention({
    queries: perHead, keys: perHead, values: perHead,
    batch: 1, heads: HEADS, queryLength: length, keyLength: length, headDim,
  });
  const head = Number(headSelect.value);
  canvas.hidden = false;
  drawHeatmap(canvas, {
    rowLabels: tokens, columnLabels: tokens, rowSums: true,
    values: weights!.subarray(head * length * length, (head + 1) * length * length),
  }, {}, canvas.parentElement!.clientWidth);
  status.textContent = `${length} tokens · head ${head + 1} of ${HEADS} · ${jm.backend}`;
}

sentenceInput.addEventListener('input', render);
headSelect.addEventListener('change', render);
render();
