// Turns normalized text into word / punctuation / emoji pieces using the
// platform's Unicode segmentation, then glues back the few things UAX #29
// splits but a reader sees as one word (e-mail, U.S., AI는).
import { graphemeSegments, wordSegments } from './segmenters.js';

/** A run of normalized text that will become one token (or a stem + particles). */
export interface Piece {
  text: string;
  kind: 'word' | 'punct' | 'emoji';
  /** Index into the normalized text of every code unit of `text`. */
  at: number[];
  /** Normalized range the piece was cut from, including dropped invisible units. */
  start: number;
  end: number;
}

// Drawn as a picture: a default-emoji character, a text character forced to
// emoji style (U+FE0F), a flag half or a keycap. ZWJ inside such a cluster is
// what makes 👩‍👩‍👧 one picture, so it must survive cleaning there.
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}|\u20E3/u;

// Invisible units that carry no meaning for attention: C0/C1 controls, soft
// hyphen, zero-width space/joiner, word joiner, BOM and bidi controls.
// ZWNJ (U+200C) is kept: Persian and Indic spelling depends on it.
const INVISIBLE_UNIT = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B\u200D-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const NOTHING_VISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}]*$/u;
const TRAILING_ZWJ = /\u200D+$/;

// Segments joined by one of these with no space around are one word
// (e-mail, rock'n'roll when typed with a straight quote, COVID-19).
const WORD_JOINERS: ReadonlySet<string> = new Set(['-', '\u2010', '\u2011', "'", '\u2019']);
// Letter-dot-letter words ("U.S", "e.g") take the dot the segmenter leaves out.
const DOTTED_ABBREVIATION = /^(?:\p{L}\.)+\p{L}$/u;
const HANGUL = /\p{Script=Hangul}/u;
const DIGIT = /\p{N}/u;

function piece(text: string, kind: Piece['kind'], at: number[], start: number, end: number): Piece {
  return { text, kind, at, start, end };
}

/** Keeps the visible units of `segment` (found at `offset`), with their indices. */
function visibleUnits(segment: string, offset: number): { text: string; at: number[] } {
  if (!INVISIBLE_UNIT.test(segment)) {
    return { text: segment, at: Array.from({ length: segment.length }, (_, i) => offset + i) };
  }
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    if (INVISIBLE_UNIT.test(segment[i] ?? '')) continue;
    text += segment[i];
    at.push(offset + i);
  }
  return { text, at };
}

/** One grapheme cluster outside a word: an emoji, a punctuation mark, or nothing. */
function clusterPiece(cluster: string, offset: number): Piece | undefined {
  const end = offset + cluster.length;
  // A lone modifier or combining mark clusters with the space before it (" 🏻", " \u0301"); the space is
  // not part of the token.
  const lead = cluster.length - cluster.trimStart().length;
  if (lead > 0 && lead < cluster.length) (cluster = cluster.slice(lead)), (offset += lead);
  if (EMOJI.test(cluster)) {
    const text = cluster.replace(TRAILING_ZWJ, '');
    return piece(text, 'emoji', Array.from({ length: text.length }, (_, i) => offset + i), offset, end);
  }
  const visible = visibleUnits(cluster, offset);
  if (NOTHING_VISIBLE.test(visible.text)) return undefined;
  return piece(visible.text, 'punct', visible.at, offset, end);
}

function* clusterPieces(segment: string, offset: number): Generator<Piece> {
  for (const { segment: cluster, index } of graphemeSegments(segment)) {
    const found = clusterPiece(cluster, offset + index);
    if (found) yield found;
  }
}

/** Splits normalized text into pieces; whitespace and invisible units vanish. */
export function* segmentPieces(text: string): Generator<Piece> {
  for (const { segment, index, isWordLike } of wordSegments(text)) {
    // A keycap (1️⃣) is "word-like" to the segmenter but is a picture.
    if (!isWordLike || EMOJI.test(segment)) {
      yield* clusterPieces(segment, index);
      continue;
    }
    const visible = visibleUnits(segment, index);
    if (visible.text !== '') yield piece(visible.text, 'word', visible.at, index, index + segment.length);
  }
}

function concat(...parts: Piece[]): Piece {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  return piece(parts.map((p) => p.text).join(''), first.kind, parts.flatMap((p) => p.at), first.start, last.end);
}

const touches = (left: Piece, right: Piece): boolean => left.end === right.start;

/** word + joiner + word with nothing between, unless it is a number range (3-4, 2024-01-01). */
function isJoinedWord(left: Piece | undefined, joiner: Piece | undefined, right: Piece): boolean {
  if (left?.kind !== 'word' || joiner?.kind !== 'punct' || !WORD_JOINERS.has(joiner.text)) return false;
  if (!touches(left, joiner) || !touches(joiner, right)) return false;
  return !(DIGIT.test(left.text.slice(-1)) && DIGIT.test(right.text.slice(0, 1)));
}

function isAbbreviationDot(left: Piece | undefined, dot: Piece): boolean {
  return left?.kind === 'word' && dot.text === '.' && touches(left, dot) && DOTTED_ABBREVIATION.test(left.text);
}

// One eojeol can mix scripts (AI는, 1,000원, attention을); the segmenter splits
// at the script change, but for Korean the space-separated unit is the word.
function isSameEojeol(left: Piece | undefined, right: Piece): boolean {
  if (left?.kind !== 'word' || !touches(left, right)) return false;
  return HANGUL.test(left.text.slice(-1)) || HANGUL.test(right.text.slice(0, 1));
}

/** Glues joined words, dotted abbreviations and mixed-script eojeols. */
export function* mergePieces(pieces: Iterable<Piece>): Generator<Piece> {
  const pending: Piece[] = [];
  for (const next of pieces) {
    const top = pending[pending.length - 1];
    if (next.kind === 'word' && isJoinedWord(pending[pending.length - 2], top, next)) {
      const joiner = pending.pop()!;
      pending.push(concat(pending.pop()!, joiner, next));
    } else if (next.kind === 'word' && isSameEojeol(top, next)) {
      pending.push(concat(pending.pop()!, next));
    } else if (isAbbreviationDot(top, next)) {
      pending.push(concat(pending.pop()!, next));
    } else {
      pending.push(next);
    }
    // Only the last two pieces can still merge with what comes next.
    while (pending.length > 2) yield pending.shift()!;
  }
  yield* pending;
}
