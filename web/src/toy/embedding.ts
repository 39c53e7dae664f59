// Deterministic token embeddings: a token's vector depends only on its text,
// so every machine and both wasm builds see the same numbers. Integer hashing
// (FNV-1a) seeds an integer PRNG (mulberry32); no Math.random, no floats until
// the last step, so the values are bit-identical everywhere.

import { TOKENIZER_CONFIG } from '../text/tokenizer.js';

/** PAD's text; it embeds to the zero vector. */
const PAD_TOKEN = TOKENIZER_CONFIG.specialTexts.pad;

function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a tiny PRNG with 32-bit state, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard deviation of each embedding component. With 64-dimensional heads a
 * token's score with itself is then about √64·0.25 = 2 and with another token
 * about ±0.25: softmax is neither one-hot nor flat, as in the tutorials.
 */
export const EMBEDDING_STD = 0.5;

/** Writes the embedding of `token` (uniform, EMBEDDING_STD) into `out[offset, offset + modelDim)`. */
export function embedToken(token: string, modelDim: number, out: Float32Array, offset = 0, seed = 0): void {
  if (token === PAD_TOKEN) {
    out.fill(0, offset, offset + modelDim);
    return;
  }
  const random = seededRandom(fnv1a(token.normalize('NFC'), seed));
  for (let i = 0; i < modelDim; i++) out[offset + i] = (random() * 2 - 1) * Math.sqrt(3) * EMBEDDING_STD;
}

/** [batch, length, modelDim] for sentences already padded to one length. */
export function embedSentences(sentences: readonly (readonly string[])[], modelDim: number, seed = 0): Float32Array {
  const length = sentences[0]?.length ?? 0;
  const out = new Float32Array(sentences.length * length * modelDim);
  sentences.forEach((tokens, b) => {
    if (tokens.length !== length) throw new Error(`sentence ${b} has ${tokens.length} tokens, expected ${length} (pad first)`);
    tokens.forEach((token, t) => embedToken(token, modelDim, out, (b * length + t) * modelDim, seed));
  });
  return out;
}

/** Adds the sinusoidal positional encoding of "Attention Is All You Need" in place; PAD rows stay zero. */
export function addPositionalEncoding(embeddings: Float32Array, sentences: readonly (readonly string[])[], modelDim: number) {
  const length = sentences[0]?.length ?? 0;
  sentences.forEach((tokens, b) => {
    tokens.forEach((token, position) => {
      if (token === PAD_TOKEN) return;
      const row = (b * length + position) * modelDim;
      for (let i = 0; i < modelDim; i += 2) {
        const angle = position / Math.pow(10000, i / modelDim);
        embeddings[row + i] += Math.sin(angle);
        if (i + 1 < modelDim) embeddings[row + i + 1] += Math.cos(angle);
      }
    });
  });
}
