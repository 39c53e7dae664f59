// Own numbers: attention a tutorial computed elsewhere (numpy, PyTorch), as JSON. The format is
// web/schema/attention.schema.json: tokens (or queryTokens and keyTokens) and attention as [L,S], [H,L,S] or
// Hugging Face's output_attentions, [layers][batch][heads][L][S]. Anything that would draw a wrong picture is
// refused with the problem named; rows that do not sum to 1 are drawn with a notice.
import type { Token } from '../../text/tokenizer.js';
import type { ViewScene } from './scene.js';

/** What is wrong with a file of numbers, for the notice (worded in i18n.ts). */
export type NumbersProblem =
  | { kind: 'json'; detail: string }
  | { kind: 'fetch'; url: string; detail: string }
  | { kind: 'notObject' }
  | { kind: 'missing'; field: string }
  | { kind: 'tokens'; field: string }
  | { kind: 'depth'; depth: number }
  | { kind: 'ragged'; path: string; length: number; expected: number }
  | { kind: 'length'; path: string; length: number; expected: number; field: string }
  | { kind: 'number'; path: string; value: string }
  | { kind: 'negative'; path: string; value: number }
  | { kind: 'rowSum'; rows: number; path: string; sum: number };

export class NumbersError extends Error {
  constructor(readonly problem: NumbersProblem) {
    super(problem.kind);
  }
}

export interface AttentionNumbers {
  tokens?: string[];
  queryTokens?: string[];
  keyTokens?: string[];
  attention: unknown;
}

/** Rows summing to 1 within this are weights; float32 softmax rows are off by about 1e-7. */
const ROW_SUM_TOLERANCE = 1e-3;
/** The nestings jumok reads: [L,S], [H,L,S], [layers][batch][heads][L][S]. */
const DEPTHS = [2, 3, 5];

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 20));
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((t) => typeof t === 'string')) {
    throw new NumbersError({ kind: 'tokens', field });
  }
  return value as string[];
}

/** The shape read from the first element at each level. */
function shapeOf(value: unknown): number[] {
  const shape: number[] = [];
  let level = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

/** Row-major copy, refusing ragged arrays, non-numbers and negative numbers. */
function flatten(value: unknown, shape: number[], out: Float32Array): void {
  let at = 0;
  const visit = (node: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      if (typeof node !== 'number' || !Number.isFinite(node)) throw new NumbersError({ kind: 'number', path, value: describeValue(node) });
      if (node < 0) throw new NumbersError({ kind: 'negative', path, value: node });
      out[at++] = node;
      return;
    }
    if (!Array.isArray(node)) throw new NumbersError({ kind: 'number', path, value: describeValue(node) });
    if (node.length !== shape[depth]) throw new NumbersError({ kind: 'ragged', path, length: node.length, expected: shape[depth] });
    node.forEach((child, i) => visit(child, depth + 1, `${path}[${i}]`));
  };
  visit(value, 0, 'attention');
}

/** The first row that does not sum to 1, and how many do not. */
function rowSums(values: Float32Array, shape: number[]): NumbersProblem | null {
  const S = shape[shape.length - 1];
  let rows = 0, first: { index: number; sum: number } | undefined;
  for (let r = 0; r * S < values.length; r++) {
    let sum = 0;
    for (let j = 0; j < S; j++) sum += values[r * S + j];
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      rows++;
      first ??= { index: r, sum };
    }
  }
  if (!first) return null;
  // The row's index as a path into the nesting ([layer][batch][head][query]).
  const index: number[] = [];
  let rest = first.index;
  for (const size of shape.slice(0, -1).reverse()) {
    index.unshift(rest % size);
    rest = Math.floor(rest / size);
  }
  return { kind: 'rowSum', rows, path: `attention${index.map((i) => `[${i}]`).join('')}`, sum: first.sum };
}

function tokensOf(texts: string[]): { tokens: Token[]; text: string } {
  let cursor = 0;
  const tokens = texts.map((text) => {
    const token: Token = { text, kind: 'word', start: cursor, end: cursor + text.length, joinedToPrevious: false, sentence: 0 };
    cursor += text.length + 1;
    return token;
  });
  return { tokens, text: texts.join(' ') };
}

export function parseNumbersText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NumbersError({ kind: 'json', detail: (error as Error).message });
  }
}

/** A scene of the numbers, and the problems it was drawn with (rows not summing to 1). Throws NumbersError. */
export function numbersScene(data: unknown, layer: number): { scene: ViewScene; warnings: NumbersProblem[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new NumbersError({ kind: 'notObject' });
  const given = data as Record<string, unknown>;
  if (given.attention === undefined) throw new NumbersError({ kind: 'missing', field: 'attention' });
  if (given.tokens === undefined && given.queryTokens === undefined) throw new NumbersError({ kind: 'missing', field: 'tokens' });
  const queryTexts = stringList(given.queryTokens ?? given.tokens, given.queryTokens ? 'queryTokens' : 'tokens');
  const keyTexts = stringList(given.keyTokens ?? given.queryTokens ?? given.tokens, given.keyTokens ? 'keyTokens' : given.queryTokens ? 'queryTokens' : 'tokens');
  const shape = shapeOf(given.attention);
  if (!DEPTHS.includes(shape.length)) throw new NumbersError({ kind: 'depth', depth: shape.length });
  const [L, S] = shape.slice(-2);
  // Where the query rows and the key columns are counted: attention[0]…[0] down to that axis.
  const pathTo = (axis: number) => `attention${'[0]'.repeat(axis)}`;
  if (L !== queryTexts.length) {
    throw new NumbersError({ kind: 'length', path: pathTo(shape.length - 2), length: L, expected: queryTexts.length, field: given.queryTokens ? 'queryTokens' : 'tokens' });
  }
  if (S !== keyTexts.length) {
    throw new NumbersError({ kind: 'length', path: pathTo(shape.length - 1), length: S, expected: keyTexts.length, field: given.keyTokens ? 'keyTokens' : 'tokens' });
  }
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  flatten(given.attention, shape, values);
  const warning = rowSums(values, shape);
  const layerCount = shape.length === 5 ? shape[0] : 1;
  const batch = shape.length === 5 ? shape[1] : 1;
  const heads = shape.length === 2 ? 1 : shape[shape.length - 3];
  const layerSize = batch * heads * L * S;
  const layers = Array.from({ length: layerCount }, (_, l) => values.subarray(l * layerSize, (l + 1) * layerSize));
  const chosen = Math.max(0, Math.min(layerCount - 1, layer));
  const query = tokensOf(queryTexts), key = tokensOf(keyTexts);
  const cross = given.keyTokens !== undefined;
  const scene: ViewScene = {
    source: 'numbers', cross, queryTokens: Array.from({ length: batch }, () => query.tokens),
    keyTokens: Array.from({ length: batch }, () => key.tokens), queryTexts: Array(batch).fill(query.text),
    keyTexts: Array(batch).fill(key.text), keyLengths: Array(batch).fill(S), truncated: false, batch,
    queryLength: L, keyLength: S, heads, headDim: 0, modelDim: 0, causal: false, paddingMask: false,
    layers, layer: chosen, weights: layers[chosen],
  };
  return { scene, warnings: warning ? [warning] : [] };
}
