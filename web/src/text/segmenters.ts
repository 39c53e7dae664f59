// The Intl.Segmenter instances the tokenizer shares, made on first use. A page's
// first Intl.Segmenter loads ICU's data, 15–35 ms in Chromium on a small machine:
// made at import time, that cost delayed every page importing jumok before it
// could even start fetching the wasm; made on first use, it is paid while the
// wasm loads (the widget tokenizes before it waits for the core).
//
// Plain text (ASCII letters and digits, Hangul syllables, spaces, . , ! ? and the
// apostrophes ' and ’), which is what most sentences typed into the page are,
// mostly needs no ICU: its segments are found here, the same ones Node's and
// Chromium's ICU find (a fuzz test compares them), and the first heatmap of such
// a sentence does not wait for ICU's set-up at all. The few sequences whose rules
// are not followed here (below) still go to ICU.

type Granularity = 'word' | 'grapheme';

/** What the tokenizer reads of an Intl.Segmenter segment. */
export interface Segment {
  segment: string;
  index: number;
  isWordLike?: boolean;
}

const segmenters = new Map<Granularity, Intl.Segmenter>();

/** The shared segmenter of one granularity; they keep nothing between calls, so sharing is safe. */
export function segmenter(granularity: Granularity): Intl.Segmenter {
  let found = segmenters.get(granularity);
  if (!found) segmenters.set(granularity, (found = new Intl.Segmenter('en', { granularity })));
  return found;
}

// The characters of plain text that make words: ASCII letters and digits, and Hangul syllables.
const LATIN = 'A-Za-z0-9';
const HANGUL = '\\uAC00-\\uD7A3';
const WORD_CHARACTER = `[${LATIN}${HANGUL}]`;
// Every code unit of plain text is a grapheme cluster of its own (no surrogates, marks, jamo or CR LF).
// The apostrophes: ASCII's, and the typographic one that phones and word processors type (both join words alike).
const APOSTROPHE = "'\u2019";
const PLAIN_TEXT = new RegExp(`^[${LATIN}${HANGUL} .,!?${APOSTROPHE}]*$`);
// ICU keeps "3.14", "1,000" and "e.g" one word (UAX #29 WB6–7, WB11–12); rather than follow those rules, text
// with a '.' or ',' between word characters is left to ICU, and so is an apostrophe beside Hangul (ICU 78 splits
// on both sides, "가'가" → 가 | ' | 가, but other ICU versions were not checked).
const LEFT_TO_ICU = new RegExp(`${WORD_CHARACTER}[.,]${WORD_CHARACTER}|[${HANGUL}][${APOSTROPHE}]|[${APOSTROPHE}][${HANGUL}]`);
// A Latin word: letters and digits, joined across an apostrophe between two letters ("didn't", WB6–7) or two
// digits ("1'000", WB11–12), not between a letter and a digit. Lookahead only: lookbehind fails to parse in
// older Safari.
const LATIN_WORD = `(?:[${LATIN}]*[A-Za-z][${APOSTROPHE}](?=[A-Za-z])|[${LATIN}]*[0-9][${APOSTROPHE}](?=[0-9]))*[${LATIN}]+`;
// ICU's word segments of plain text: a Latin word, a run of Hangul syllables (ICU breaks between the two: "AI는"
// is "AI" + "는"), a run of spaces, or one mark.
const PLAIN_SEGMENT = new RegExp(`${LATIN_WORD}|[${HANGUL}]+| +|[.,!?${APOSTROPHE}]`, 'g');
const WORD_UNIT = new RegExp(WORD_CHARACTER);

function isPlainForWords(text: string): boolean {
  return PLAIN_TEXT.test(text) && !LEFT_TO_ICU.test(text);
}

/** Word segments, as Intl.Segmenter('en', { granularity: 'word' }) gives them. */
export function wordSegments(text: string): Iterable<Segment> {
  if (!isPlainForWords(text)) return segmenter('word').segment(text);
  return Array.from(text.matchAll(PLAIN_SEGMENT), (match) => ({
    segment: match[0], index: match.index, isWordLike: WORD_UNIT.test(match[0]),
  }));
}

/** Grapheme clusters, as Intl.Segmenter('en', { granularity: 'grapheme' }) gives them. */
export function graphemeSegments(text: string): Iterable<Segment> {
  if (!PLAIN_TEXT.test(text)) return segmenter('grapheme').segment(text);
  return Array.from(text, (segment, index) => ({ segment, index }));
}
