// NFC normalization that remembers where every normalized code unit came
// from, so tokens can point back into the caller's (possibly NFD) string.

/** A normalized slice of the original text plus a per-code-unit offset map. */
export interface NormalizedChunk {
  /** NFC text; lone surrogates are replaced by U+FFFD. */
  text: string;
  /** originalStart[i]: first original code unit of the cluster that produced text[i]. */
  originalStart: number[];
  /** originalEnd[i]: one past the last original code unit of that cluster. */
  originalEnd: number[];
}

// A lone surrogate cannot be shown or normalized meaningfully; U+FFFD keeps
// the length (1 unit for 1 unit) and shows the user that something was there.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A starter plus everything canonical composition can attach to it: combining
// marks (incl. the Indic vowel signs that compose) and Hangul medial/final
// jamo. Composition never crosses the start of such a cluster, so normalizing
// cluster by cluster equals normalizing the whole text. A regex is used rather
// than grapheme segmentation because V8's segment iterator slows down with
// string length.
const COMPOSING_CLUSTER =
  /[^\p{M}\u1160-\u11FF\uD7B0-\uD7FF][\p{M}\u1160-\u11FF\uD7B0-\uD7FF]*|[\p{M}\u1160-\u11FF\uD7B0-\uD7FF]+/gu;

function identityChunk(text: string, start: number): NormalizedChunk {
  const originalStart = Array.from({ length: text.length }, (_, i) => start + i);
  return { text, originalStart, originalEnd: originalStart.map((offset) => offset + 1) };
}

/** NFC-normalizes original[start, end), mapping each output unit to its source cluster. */
export function normalizeWithOffsets(original: string, start: number, end: number): NormalizedChunk {
  const repaired = original.slice(start, end).replace(LONE_SURROGATE, '\uFFFD');
  // Most text is already NFC; then every unit maps to itself.
  if (repaired.normalize('NFC') === repaired) return identityChunk(repaired, start);
  const originalStart: number[] = [];
  const originalEnd: number[] = [];
  let text = '';
  for (const match of repaired.matchAll(COMPOSING_CLUSTER)) {
    const cluster = match[0];
    const clusterStart = start + match.index!;
    const normalized = cluster.normalize('NFC');
    for (let i = 0; i < normalized.length; i++) {
      originalStart.push(clusterStart);
      originalEnd.push(clusterStart + cluster.length);
    }
    text += normalized;
  }
  return { text, originalStart, originalEnd };
}
