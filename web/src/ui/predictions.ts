// What the model says beside its attention: a causal LM's top-5 next tokens (and a button that appends the top
// one, so the new token's attention is the last row), an MLM head's top-5 for each [MASK], and for jumok-ko-en
// its greedy translation, or the probability of the reader's own translation under teacher forcing.
import { CAUSAL_TYPES, type ModelRun } from './scenes/model.js';
import type { Strings } from './i18n.js';

const TOP = 5;
const MASK_PIECES = new Set(['[MASK]', '<mask>']);

export interface Candidate {
  id: number;
  text: string;
  /** The vocabulary's own piece ('▁She', '##는'), when the tokenizer says. */
  piece?: string;
  probability: number;
}

/** Softmax of one row of logits, then the k most probable ids. */
export function topK(logits: Float32Array, k = TOP): { id: number; probability: number }[] {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  const best: { id: number; logit: number }[] = [];
  logits.forEach((logit, id) => {
    if (best.length < k || logit > best[best.length - 1].logit) {
      best.push({ id, logit });
      best.sort((a, b) => b.logit - a.logit);
      if (best.length > k) best.pop();
    }
  });
  return best.map(({ id, logit }) => ({ id, probability: Math.exp(logit - max) / sum }));
}

/** [V] logits at one position of a [1,L,V] result. */
function logitsAt(run: ModelRun, position: number): Float32Array | undefined {
  const logits = run.result.logits;
  if (!logits) return undefined;
  const rows = run.target ? run.target.decoderInputIds.length : run.source.ids.length;
  const vocab = logits.length / rows;
  return logits.subarray(position * vocab, (position + 1) * vocab);
}

function candidates(run: ModelRun, position: number): Candidate[] {
  const row = logitsAt(run, position);
  if (!row) return [];
  const tokenizer = run.model.tokenizer!;
  return topK(row).map(({ id, probability }) => ({ id, probability, text: tokenizer.decode([id]), piece: tokenizer.pieceOf(id) }));
}

export type Prediction =
  | { kind: 'next'; candidates: Candidate[]; continuation: string }
  | { kind: 'fill'; masks: { position: number; candidates: Candidate[] }[] }
  | { kind: 'translation'; text: string }
  | { kind: 'score'; tokens: { text: string; probability: number }[]; logProbability: number };

export function predictionOf(run: ModelRun): Prediction | null {
  const type = String(run.model.config.model_type);
  if (!run.result.logits || !run.model.tokenizer) return null;
  if (run.target) return run.target.greedy ? { kind: 'translation', text: run.target.text } : scoreOf(run);
  if (CAUSAL_TYPES.has(type)) {
    const next = candidates(run, run.source.ids.length - 1);
    return { kind: 'next', candidates: next, continuation: continuationOf(run, next[0]?.id) };
  }
  const masks = run.source.tokens.flatMap((token, position) => (MASK_PIECES.has(token.piece) ? [{ position, candidates: candidates(run, position) }] : []));
  return masks.length > 0 ? { kind: 'fill', masks } : null;
}

/** The text the top token adds (decoded with the prompt, so a SentencePiece "▁" becomes its space). */
function continuationOf(run: ModelRun, id: number | undefined): string {
  if (id === undefined) return '';
  const tokenizer = run.model.tokenizer!;
  const before = tokenizer.decode(run.source.ids), after = tokenizer.decode([...run.source.ids, id]);
  return after.startsWith(before) ? after.slice(before.length) : ` ${tokenizer.decode([id])}`;
}

/** Teacher forcing: the probability the model gives each token of the reader's translation. */
function scoreOf(run: ModelRun): Prediction {
  const target = run.target!;
  let logProbability = 0;
  const tokens = target.encoded.tokens.map((token, position) => {
    const row = logitsAt(run, position)!;
    let max = -Infinity, sum = 0;
    for (const v of row) max = Math.max(max, v);
    for (const v of row) sum += Math.exp(v - max);
    const probability = Math.exp(row[token.id] - max) / sum;
    logProbability += Math.log(probability);
    return { text: token.special ? token.piece : token.text, probability };
  });
  return { kind: 'score', tokens, logProbability };
}

const percent = (p: number) => `${(p * 100).toFixed(1)}%`;

function list(items: Candidate[]): HTMLOListElement {
  const ol = document.createElement('ol');
  ol.className = 'jm-candidates';
  for (const { id, text, piece, probability } of items) {
    const li = document.createElement('li');
    li.dataset.id = String(id);
    li.textContent = `${JSON.stringify(text)} ${percent(probability)}`;
    // The model's own token beside the text it spells, when they differ ("She" is ▁She).
    if (piece !== undefined && piece !== text) li.title = piece;
    ol.append(li);
  }
  return ol;
}

/** Draws the prediction; onContinue appends text to the sentence (a causal LM's next token). */
export function renderPrediction(container: HTMLElement, prediction: Prediction | null, t: Strings, onContinue: (text: string) => void) {
  container.replaceChildren();
  container.hidden = prediction === null;
  if (!prediction) return;
  container.dataset.kind = prediction.kind;
  const heading = document.createElement('strong');
  container.append(heading);
  switch (prediction.kind) {
    case 'next': {
      heading.textContent = t.nextTokens;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'jm-continue';
      button.textContent = t.continueGreedy;
      button.disabled = prediction.continuation === '';
      button.addEventListener('click', () => onContinue(prediction.continuation));
      container.append(list(prediction.candidates), button);
      break;
    }
    case 'fill':
      heading.textContent = t.fillMask;
      for (const mask of prediction.masks) container.append(list(mask.candidates));
      break;
    case 'translation': {
      heading.textContent = t.greedyTranslation;
      const text = document.createElement('q');
      text.className = 'jm-translation';
      text.textContent = prediction.text;
      container.append(' ', text);
      break;
    }
    case 'score': {
      heading.textContent = t.translationScore(prediction.logProbability.toFixed(2));
      const ol = document.createElement('ol');
      ol.className = 'jm-candidates';
      for (const { text, probability } of prediction.tokens) {
        const li = document.createElement('li');
        li.textContent = `${JSON.stringify(text)} ${percent(probability)}`;
        ol.append(li);
      }
      container.append(ol);
    }
  }
}
