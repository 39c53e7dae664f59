// Word-level tokenizer for the attention views: Korean (eojeol or stem +
// particle) and English, with offsets into the caller's original string so a
// token can be highlighted in the text the user typed.
import { chunkRanges, type ChunkSizes } from './chunks.js';
import { normalizeWithOffsets, type NormalizedChunk } from './normalize.js';
import { morphemeAnalyzer, type Morpheme } from './morphemes.js';
import { particlesAfterMark, splitParticles } from './particles.js';
import { mergePieces, segmentPieces, type Piece } from './pieces.js';
import { graphemeSegments } from './segmenters.js';

export type KoreanMode = 'eojeol' | 'particle' | 'morpheme';
export type TokenKind = 'word' | 'particle' | 'punct' | 'number' | 'emoji' | 'special' | 'pad';

export interface Token {
  text: string;
  kind: TokenKind;
  /** UTF-16 offsets into the original (un-normalized) text; -1 for special and PAD tokens. */
  start: number;
  end: number;
  /** True for a particle split off its stem, or a morpheme after the first of its word: draw it attached ("사과+를"). */
  joinedToPrevious: boolean;
  /** Index of the sentence in the batch (0 for tokenize()). */
  sentence: number;
  /** Morpheme mode only: mecab-ko-dic's part of speech (Sejong tags: NNG, JKS, EF; fused ones joined by +: XSV+EF). */
  pos?: string;
}

export interface TokenizerOptions {
  /**
   * 'eojeol': space-separated words; 'particle': particles split off (사과+를); 'morpheme': mecab-ko-dic's
   * morphemes with their parts of speech (집중+하+는), after `await loadMorphemes()`.
   */
  korean?: KoreanMode;
  /** Lower-case word tokens. */
  lowercase?: boolean;
  /** Add <sos> and <eos> around each sentence. */
  specialTokens?: boolean;
  /** Cap on tokens per sentence, specials included. */
  maxTokens?: number;
}

export interface TokenizeResult {
  tokens: Token[];
  /** True when text was cut to fit maxTokens. */
  truncated: boolean;
}

export interface BatchResult {
  /** Every sentence padded with PAD tokens to the longest one. */
  sentences: Token[][];
  /** Real tokens per sentence (specials included, PAD excluded). */
  lengths: number[];
  truncated: boolean[];
}

/** Defaults, limits and fixed token texts: the one place these values live. */
export const TOKENIZER_CONFIG = Object.freeze({
  defaults: Object.freeze({
    korean: 'particle' as KoreanMode,
    lowercase: false,
    specialTokens: true,
    maxTokens: 128,
  }),
  koreanModes: Object.freeze(['eojeol', 'particle', 'morpheme'] as const),
  maxTokensRange: Object.freeze({ min: 1, max: 1024 }),
  specialTexts: Object.freeze({ start: '<sos>', end: '<eos>', pad: 'PAD' }),
});

type ResolvedOptions = Required<TokenizerOptions>;

// UTF-16 units normalized and segmented per step: a capped 100,000-character
// text only ever looks at its first few chunks.
const CHUNK_SIZES: ChunkSizes = { target: 256, max: 1024 };
// <sos> and <eos>.
const SPECIALS_PER_SENTENCE = 2;
const NUMBER = /^\p{N}+(?:[.,]\p{N}+)*$/u;

// ---------------------------------------------------------------- options

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

function invalid(caller: string, name: string, allowed: string, given: unknown): Error {
  return new Error(`${caller}: ${name} must be ${allowed}, got ${describeValue(given)}`);
}

function readBoolean(caller: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(caller, name, 'true or false', value);
  return value;
}

function readKoreanMode(caller: string, value: unknown): KoreanMode {
  const modes = TOKENIZER_CONFIG.koreanModes;
  if (value === undefined) return TOKENIZER_CONFIG.defaults.korean;
  if (!modes.includes(value as KoreanMode)) {
    const quoted = modes.map((mode) => `'${mode}'`);
    throw invalid(caller, 'korean', `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`, value);
  }
  if (value === 'morpheme' && !morphemeAnalyzer()) {
    throw new Error(`${caller}: korean 'morpheme' needs mecab-ko-dic loaded first, expected await loadMorphemes() ` +
      'before tokenizing (it loads the optional package kuromoji-ko)');
  }
  return value as KoreanMode;
}

function readMaxTokens(caller: string, value: unknown, specialTokens: boolean): number {
  const { min, max } = TOKENIZER_CONFIG.maxTokensRange;
  if (value === undefined) return TOKENIZER_CONFIG.defaults.maxTokens;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(caller, 'maxTokens', `an integer from ${min} to ${max}`, value);
  }
  // <sos> and <eos> both have to fit, or "keep <eos> last" cannot hold.
  if (specialTokens && value < SPECIALS_PER_SENTENCE) {
    const { start, end } = TOKENIZER_CONFIG.specialTexts;
    const allowed = `at least ${SPECIALS_PER_SENTENCE} when specialTokens is true (room for ${start} and ${end})`;
    throw invalid(caller, 'maxTokens', allowed, value);
  }
  return value;
}

function resolveOptions(caller: string, options: unknown): ResolvedOptions {
  if (options === undefined) return { ...TOKENIZER_CONFIG.defaults };
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid(caller, 'options', 'an object', options);
  }
  const known = Object.keys(TOKENIZER_CONFIG.defaults);
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new Error(`${caller}: unknown option ${describeValue(unknown[0])}, allowed options are ${known.join(', ')}`);
  }
  const given = options as Record<string, unknown>;
  const defaults = TOKENIZER_CONFIG.defaults;
  const specialTokens = readBoolean(caller, 'specialTokens', given['specialTokens'], defaults.specialTokens);
  return {
    korean: readKoreanMode(caller, given['korean']),
    lowercase: readBoolean(caller, 'lowercase', given['lowercase'], defaults.lowercase),
    specialTokens,
    maxTokens: readMaxTokens(caller, given['maxTokens'], specialTokens),
  };
}

// ---------------------------------------------------------------- tokens

function specialToken(text: string, kind: 'special' | 'pad', sentence: number): Token {
  return { text, kind, start: -1, end: -1, joinedToPrevious: false, sentence };
}

function wordKind(text: string): TokenKind {
  return NUMBER.test(text) ? 'number' : 'word';
}

/** What every token of one chunk of one sentence shares. */
interface ChunkContext {
  chunk: NormalizedChunk;
  options: ResolvedOptions;
  sentence: number;
}

/** Builds a token from piece units [from, to), mapping offsets back to the original. */
function tokenFrom(piece: Piece, from: number, to: number, kind: TokenKind, context: ChunkContext): Token {
  const { chunk, options, sentence } = context;
  const raw = piece.text.slice(from, to);
  const text = options.lowercase && (kind === 'word' || kind === 'particle') ? raw.toLowerCase() : raw;
  return {
    text,
    kind,
    start: chunk.originalStart[piece.at[from]!]!,
    end: chunk.originalEnd[piece.at[to - 1]!]!,
    joinedToPrevious: kind === 'particle',
    sentence,
  };
}

function* particleTokens(piece: Piece, particles: readonly string[], from: number, context: ChunkContext): Generator<Token> {
  for (const particle of particles) {
    yield tokenFrom(piece, from, from + particle.length, 'particle', context);
    from += particle.length;
  }
}

function* pieceTokens(piece: Piece, context: ChunkContext): Generator<Token> {
  if (piece.kind !== 'word') {
    yield tokenFrom(piece, 0, piece.text.length, piece.kind, context);
    return;
  }
  const [stem = '', ...particles] = context.options.korean === 'particle' ? splitParticles(piece.text) : [piece.text];
  yield tokenFrom(piece, 0, stem.length, wordKind(stem), context);
  yield* particleTokens(piece, particles, stem.length, context);
}

const touches = (left: Piece | undefined, right: Piece): boolean => left?.end === right.start;

/**
 * Does the word piece follow a closing mark inside one eojeol? The mark touches what comes before it and the
 * word touches the mark ("주의"를, 벡터(4x64)를, 100%의). Written apart, the mark opens something ((가), "를 …").
 */
function followsClosingMark(piece: Piece, mark: Piece | undefined, beforeMark: Piece | undefined): boolean {
  return piece.kind === 'word' && mark?.kind === 'punct' && touches(mark, piece) && touches(beforeMark, mark);
}

// mecab-ko-dic's tags for symbols (S*) other than foreign words (SL), hanja (SH) and numbers (SN).
const SYMBOL_TAG = /^S[^LHN]/;
const PUNCTUATION_ONLY = /^[\p{P}\p{S}]+$/u;

/** A run of a piece's text and mecab-ko-dic's tag for it (none for text it did not spell out). */
interface Span {
  from: number;
  to: number;
  pos?: string;
}

/**
 * Where mecab-ko-dic's morphemes lie in `text`. kuromoji-ko reads its dictionary's comma-separated lines
 * naively and gives a comma an empty surface (1,000 → 1 / "" / 000): text it did not spell out becomes an
 * untagged span of its own.
 */
function morphemeSpans(text: string, morphemes: readonly Morpheme[]): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (const { surface, pos } of morphemes) {
    const at = surface === '' ? -1 : text.indexOf(surface, from);
    if (at < 0) continue;
    if (at > from) spans.push({ from, to: at });
    spans.push({ from: at, to: at + surface.length, pos });
    from = at + surface.length;
  }
  if (from < text.length) spans.push({ from, to: text.length });
  return spans;
}

/** The index of the span holding text unit `unit` (spans are in order and cover the text). */
function spanAt(spans: readonly Span[], unit: number): number {
  let low = 0, high = spans.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (spans[middle]!.from <= unit) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * A piece's share of its chunk's morphemes, in the piece's own units. The chunk is analysed whole, so each
 * morpheme is tagged in its sentence (먹었다. ends in 다/EF; read alone, 먹었다 would end in 다/EC); a morpheme
 * reaching past the piece is cut at its edge.
 */
function pieceSpans(piece: Piece, chunkSpans: readonly Span[]): Span[] {
  const spans: Array<Span & { source: number }> = [];
  piece.at.forEach((unit, k) => {
    const source = spanAt(chunkSpans, unit);
    const last = spans[spans.length - 1];
    if (last?.source === source) last.to = k + 1;
    else spans.push({ from: k, to: k + 1, pos: chunkSpans[source]!.pos, source });
  });
  return spans.map(({ from, to, pos }) => (pos === undefined ? { from, to } : { from, to, pos }));
}

/** Joins a span starting inside a grapheme cluster (a mark, 👍 + 🏽) to the one before, as a reader sees them. */
function wholeClusters(text: string, spans: Span[]): Span[] {
  const starts = new Set(Array.from(graphemeSegments(text), (segment) => segment.index));
  const joined: Span[] = [];
  for (const span of spans) {
    const last = joined[joined.length - 1];
    if (last && !starts.has(span.from)) last.to = span.to;
    else joined.push({ ...span });
  }
  return joined;
}

function morphemeKind(span: Span, text: string, piece: Piece): TokenKind {
  if (piece.kind !== 'word') return piece.kind;
  if (span.pos?.startsWith('J')) return 'particle';
  if (span.pos === 'SN') return 'number';
  const symbol = span.pos === undefined ? PUNCTUATION_ONLY.test(text) : SYMBOL_TAG.test(span.pos);
  return symbol ? 'punct' : wordKind(text);
}

/**
 * mecab-ko-dic's morphemes of one piece, each with its tag. Every morpheme after the first of a word is drawn
 * joined to it (집중+하+는), and so is a particle right after a closing mark ("주의"+를).
 */
function* morphemeTokens(piece: Piece, chunkSpans: readonly Span[], afterMark: boolean, context: ChunkContext): Generator<Token> {
  for (const span of wholeClusters(piece.text, pieceSpans(piece, chunkSpans))) {
    const kind = morphemeKind(span, piece.text.slice(span.from, span.to), piece);
    const token = tokenFrom(piece, span.from, span.to, kind, context);
    const joinedToPrevious = span.from > 0 || (afterMark && kind === 'particle');
    yield span.pos === undefined ? { ...token, joinedToPrevious } : { ...token, joinedToPrevious, pos: span.pos };
  }
}

/** The morphemes of a whole chunk, when the mode wants them. */
function chunkMorphemes(chunk: NormalizedChunk, options: ResolvedOptions): Span[] | undefined {
  if (options.korean !== 'morpheme') return undefined;
  const analyze = morphemeAnalyzer()!; // resolveOptions refused morpheme mode without it
  return morphemeSpans(chunk.text, analyze(chunk.text));
}

/** Every content token of `text`, produced lazily chunk by chunk. */
function* contentTokens(text: string, options: ResolvedOptions, sentence: number): Generator<Token> {
  for (const [start, end] of chunkRanges(text, CHUNK_SIZES)) {
    const context: ChunkContext = { chunk: normalizeWithOffsets(text, start, end), options, sentence };
    const morphemes = chunkMorphemes(context.chunk, options);
    let [beforeMark, mark]: Array<Piece | undefined> = [];
    for (const piece of mergePieces(segmentPieces(context.chunk.text))) {
      const afterMark = followsClosingMark(piece, mark, beforeMark);
      const particles = afterMark && options.korean === 'particle' ? particlesAfterMark(piece.text) : undefined;
      if (morphemes && piece.kind !== 'emoji') yield* morphemeTokens(piece, morphemes, afterMark, context);
      else if (particles) yield* particleTokens(piece, particles, 0, context);
      else yield* pieceTokens(piece, context);
      [beforeMark, mark] = [mark, piece];
    }
  }
}

/** Takes up to `limit` items, and says whether anything was left over. */
function take<T>(items: Iterator<T>, limit: number): { taken: T[]; more: boolean } {
  const taken: T[] = [];
  while (taken.length < limit) {
    const next = items.next();
    if (next.done) return { taken, more: false };
    taken.push(next.value);
  }
  return { taken, more: !items.next().done };
}

function tokenizeSentence(text: string, options: ResolvedOptions, sentence: number): TokenizeResult {
  const { start, end } = TOKENIZER_CONFIG.specialTexts;
  const room = options.maxTokens - (options.specialTokens ? SPECIALS_PER_SENTENCE : 0);
  const { taken, more } = take(contentTokens(text, options, sentence), room);
  const tokens = options.specialTokens
    ? [specialToken(start, 'special', sentence), ...taken, specialToken(end, 'special', sentence)]
    : taken;
  return { tokens, truncated: more };
}

// ---------------------------------------------------------------- public API

/** Tokenizes one sentence. Throws on a non-string text or bad options. */
export function tokenize(text: string, options?: TokenizerOptions): TokenizeResult {
  if (typeof text !== 'string') throw invalid('tokenize', 'text', 'a string', text);
  const resolved = resolveOptions('tokenize', options);
  return tokenizeSentence(text, resolved, 0);
}

/** Tokenizes each text and pads every sentence with PAD to the longest one. */
export function tokenizeBatch(texts: readonly string[], options?: TokenizerOptions): BatchResult {
  const caller = 'tokenizeBatch';
  if (!Array.isArray(texts)) throw invalid(caller, 'texts', 'an array of strings', texts);
  texts.forEach((text: unknown, i) => {
    if (typeof text !== 'string') throw invalid(caller, `texts[${i}]`, 'a string', text);
  });
  const resolved = resolveOptions(caller, options);
  const results = texts.map((text, i) => tokenizeSentence(text, resolved, i));
  const lengths = results.map((result) => result.tokens.length);
  const longest = lengths.reduce((max, length) => Math.max(max, length), 0);
  const pad = TOKENIZER_CONFIG.specialTexts.pad;
  const sentences = results.map(({ tokens }, i) => [
    ...tokens,
    ...Array.from({ length: longest - tokens.length }, () => specialToken(pad, 'pad', i)),
  ]);
  return { sentences, lengths, truncated: results.map((result) => result.truncated) };
}
