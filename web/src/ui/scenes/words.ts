// The words toggle: attention between whole words instead of pieces (BertViz #23, #40). A word's row is the mean
// of its pieces' rows (each piece's row sums to 1, so the word's does too); a word's column is the sum of its
// pieces' columns (the attention a query gives the word). Pieces join a word when drawn joined ("##는", "+를")
// or when they are bytes of one character.
import type { Token } from '../../text/tokenizer.js';
import { isMasked, type ViewScene } from './scene.js';

/** [word][piece indices] for one row of tokens. */
export function wordGroups(tokens: readonly Token[]): number[][] {
  const groups: number[][] = [];
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const sameCharacter = previous !== undefined && token.start >= 0 && token.start === previous.start;
    if (groups.length > 0 && (token.joinedToPrevious || sameCharacter)) groups[groups.length - 1].push(i);
    else groups.push([i]);
  });
  return groups;
}

function wordToken(tokens: readonly Token[], group: number[], text: string): Token {
  const first = tokens[group[0]], last = tokens[group[group.length - 1]];
  if (group.length === 1 || first.start < 0) return first;
  return { ...first, text: text.slice(first.start, last.end), joinedToPrevious: false };
}

/** The scene over words; undefined when no piece joins another (nothing to aggregate). Needs batch 1 per row's groups. */
export function wordScene(scene: ViewScene): ViewScene | undefined {
  const queryGroups = scene.queryTokens.map(wordGroups), keyGroups = scene.keyTokens.map(wordGroups);
  const L = queryGroups[0].length, S = keyGroups[0].length;
  if (L === scene.queryLength && S === scene.keyLength) return undefined;
  // Rows of a batch with different word counts would need padding of their own: pieces are drawn instead.
  if (queryGroups.some((g) => g.length !== L) || keyGroups.some((g) => g.length !== S)) return undefined;
  const { batch, heads } = scene;
  const masks = new Uint8Array(batch * L * S);
  const layers = scene.layers.map((weights) => {
    const out = new Float32Array(batch * heads * L * S);
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < heads; h++) {
        const from = (b * heads + h) * scene.queryLength * scene.keyLength, to = (b * heads + h) * L * S;
        queryGroups[b].forEach((queries, i) => keyGroups[b].forEach((keys, j) => {
          let sum = 0;
          for (const q of queries) for (const k of keys) sum += weights[from + q * scene.keyLength + k];
          out[to + i * S + j] = sum / queries.length;
        }));
      }
    }
    return out;
  });
  // A word pair is masked when every piece pair is.
  for (let b = 0; b < batch; b++) {
    queryGroups[b].forEach((queries, i) => keyGroups[b].forEach((keys, j) => {
      masks[(b * L + i) * S + j] = queries.every((q) => keys.every((k) => isMasked(scene, b, q, k))) ? 1 : 0;
    }));
  }
  const tokensOf = (rows: Token[][], groups: number[][][], texts: string[]) =>
    rows.map((tokens, b) => groups[b].map((group) => wordToken(tokens, group, texts[b] ?? '')));
  // Field by field, not a spread: a spread would read the toy's trace getter, which computes the trace.
  return {
    source: scene.source, cross: scene.cross, queryTexts: scene.queryTexts, keyTexts: scene.keyTexts,
    queryTokens: tokensOf(scene.queryTokens, queryGroups, scene.queryTexts),
    keyTokens: tokensOf(scene.keyTokens, keyGroups, scene.keyTexts), keyLengths: keyGroups.map((g) => g.length),
    truncated: scene.truncated, batch, queryLength: L, keyLength: S, heads, headDim: scene.headDim, modelDim: scene.modelDim,
    causal: scene.causal, paddingMask: scene.paddingMask, masks, layers, layer: scene.layer, weights: layers[scene.layer],
  };
}
