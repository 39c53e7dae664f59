// Cuts text into bounded chunks at word boundaries so tokenizing can stop
// after the first few chunks of a huge text. Bounded matters twice: the cap
// should cost work proportional to the tokens kept, and V8's Intl.Segmenter
// iterator gets slower per step the longer the segmented string is.
import { wordSegments } from './segmenters.js';

/** Chunk sizes in UTF-16 units: aim for `target`, never exceed `max`. */
export interface ChunkSizes {
  target: number;
  max: number;
}

// Whitespace and sentence punctuation always end a word and never sit inside
// a merged token, so a cut right after them changes nothing. Hyphens,
// apostrophes and '.' are left out: they can be inside "e-mail", "3.14", "U.S.".
const SAFE_BREAK_AFTER = /[\s\u3001\u3002\uFF01\uFF0C\uFF1F!?]/;
// ...unless the next unit belongs to what came before: a combining mark, a
// format character (ZWJ), Hangul medial/final jamo or a low surrogate.
const ATTACHES_TO_PREVIOUS = /[\p{M}\p{Cf}\u1160-\u11FF\uD7B0-\uD7FF\uDC00-\uDFFF]/u;

const attachesAt = (text: string, index: number): boolean => ATTACHES_TO_PREVIOUS.test(text.charAt(index));

function safeBreakIn(text: string, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) {
    if (SAFE_BREAK_AFTER.test(text.charAt(i - 1)) && !attachesAt(text, i)) return i;
  }
  return undefined;
}

// For long text with no spaces (Chinese, Japanese): the start of the last
// word that begins inside the window, so that word is not cut.
function lastWordStartIn(text: string, from: number, to: number): number | undefined {
  let lastStart: number | undefined;
  for (const { index } of wordSegments(text.slice(from, to))) {
    if (index > 0) lastStart = from + index;
  }
  return lastStart;
}

// One "word" longer than the window (a run of 100,000 letters) is cut at any
// position that does not split a character or its combining marks.
function characterBreakBefore(text: string, to: number, from: number): number {
  let cut = to;
  while (cut > from + 1 && attachesAt(text, cut)) cut--;
  return cut;
}

function chunkEnd(text: string, start: number, sizes: ChunkSizes): number {
  const limit = start + sizes.max;
  if (limit >= text.length) return safeBreakIn(text, start + sizes.target, text.length) ?? text.length;
  return (
    safeBreakIn(text, start + sizes.target, limit) ??
    lastWordStartIn(text, start, limit) ??
    characterBreakBefore(text, limit, start)
  );
}

/** Yields [start, end) ranges covering `text`, each at most `sizes.max` units long. */
export function* chunkRanges(text: string, sizes: ChunkSizes): Generator<[number, number]> {
  let start = 0;
  while (start < text.length) {
    const end = chunkEnd(text, start, sizes);
    yield [start, end];
    start = end;
  }
}
