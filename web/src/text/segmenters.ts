// The Intl.Segmenter instances the tokenizer shares, made on first use. A page's
// first Intl object loads ICU's data, 15–25 ms in Chromium on a small machine:
// made at import time, that cost delayed every page importing jumok before it
// could even start fetching the wasm; made on first use, it is paid while the
// wasm loads (the widget tokenizes before it waits for the core).

type Granularity = 'word' | 'grapheme';

const segmenters = new Map<Granularity, Intl.Segmenter>();

/** The shared segmenter of one granularity; they keep nothing between calls, so sharing is safe. */
export function segmenter(granularity: Granularity): Intl.Segmenter {
  let found = segmenters.get(granularity);
  if (!found) segmenters.set(granularity, (found = new Intl.Segmenter('en', { granularity })));
  return found;
}
