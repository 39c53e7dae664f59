// Property tests (seeded random inputs) for everything that parses user text or page state: tokenize(),
// tokenizeBatch(), stateFromHash() and setFromText() (the element's attributes). Strings are built from
// fragments that break naive code: lone surrogates, controls, zero-width and bidi marks, RTL scripts,
// emoji sequences, combining marks and NFD Hangul, HTML and script, URL syntax and bad % escapes.
// A failure prints the seed and the input; rerun with that seed to reproduce.
import { beforeAll, describe, expect, it } from 'vitest';

import { loadMorphemes } from '../../web/src/text/morphemes.js';
import { graphemeSegments, segmenter, wordSegments, type Segment } from '../../web/src/text/segmenters.js';
import { tokenize, tokenizeBatch, TOKENIZER_CONFIG, type TokenizerOptions } from '../../web/src/text/tokenizer.js';
import { COLORMAPS } from '../../web/src/render/colormaps.js';
import {
  LANGUAGES, LIMITS, MASKS, PROJECTIONS, setFromText, STATE_KEYS, stateFromHash, stateToHash, VIEWS, defaultState,
  type WidgetState,
} from '../../web/src/ui/state.js';

const ITERATIONS = 3000;

/** mulberry32: small, fast, seeded. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

const FRAGMENTS = [
  // scripts
  '철수가', '사과를', '먹었다', '학교에서는', 'AI는', '1,000원을', '가', '을', 'ㄱ', 'ㅏ', '한'.normalize('NFD'),
  'The', "didn't", 'e-mail', 'U.S.', 'Mr.', '3.14', 'COVID-19', 'a'.repeat(300),
  'مرحبا', 'بالعالم', 'שלום', 'עולם', '你好', '，', '。', '漢字', 'Ñandú', 'e\u0301', 'ﬁ', 'Ⅻ', '①',
  // emoji sequences
  '👩‍👩‍👧', '🇰🇷', '👍🏽', '1️⃣', '#️⃣', '🏳️‍🌈', '\u{1F600}', '\u{1F1E6}', '\u{1F3FB}', '\uFE0F', '\u20E3',
  // surrogates, controls, invisible and bidi characters
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u00AD',
  '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069', '\u2060', '\uFEFF',
  '\uFFFD', '\uFFFF', '\u{10FFFF}', '\u061C',
  // whitespace
  ' ', '  ', '\t', '\n', '\r\n', '\u3000', '\u00A0', '\u2028', '\u2029',
  // punctuation, HTML, URL syntax
  '.', '...', '?!', ',', "'", '’', '"', '-', '--', '%', '<', '>', '&', '&amp;', '&#x3c;', '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>', '</p>', 'javascript:alert(1)', '${1+1}', '{{x}}', '=', '#', '+', '%zz', '%E0%A4%A', '%00',
  '%F0%9F%98%80', '?a=b', '__proto__', 'constructor', 'toString',
];

function randomText(r: Random, maxParts = 24): string {
  let text = '';
  const parts = r.int(maxParts + 1);
  for (let i = 0; i < parts; i++) {
    text += r.next() < 0.85 ? r.pick(FRAGMENTS) : String.fromCharCode(r.int(0x10000));
    if (r.next() < 0.4) text += ' ';
  }
  return text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const isWellFormed = (text: string) => !new RegExp(LONE_SURROGATE.source).test(text);
const INVISIBLE = /[\u0000-\u001F\u007F\u00AD\u200B\u2060\uFEFF]/;

function randomOptions(r: Random): TokenizerOptions {
  const options: TokenizerOptions = {};
  if (r.next() < 0.5) options.korean = r.pick(TOKENIZER_CONFIG.koreanModes);
  if (r.next() < 0.5) options.lowercase = r.next() < 0.5;
  if (r.next() < 0.5) options.specialTokens = r.next() < 0.5;
  if (r.next() < 0.5) options.maxTokens = (options.specialTokens === false ? 1 : 2) + r.int(40);
  return options;
}

function describeInput(seed: number, text: string, options?: unknown) {
  return `seed ${seed}: ${JSON.stringify(text)} ${JSON.stringify(options)}`;
}

// 3000 inputs take about 2 s alone and over 5 s on a busy 2-core machine; the timeout only catches a hang.
const HANG_GUARD_MS = 60_000;

describe('tokenize on random text', () => {
  beforeAll(() => loadMorphemes(), HANG_GUARD_MS); // korean: 'morpheme' is one of the modes picked
  it(`${ITERATIONS} texts: no throw, valid offsets, clean token texts, capped, deterministic`, () => {
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const r = random(seed);
      const text = randomText(r);
      const options = randomOptions(r);
      const where = describeInput(seed, text, options);
      const result = tokenize(text, options);
      const { tokens } = result;
      const maxTokens = options.maxTokens ?? TOKENIZER_CONFIG.defaults.maxTokens;
      const specials = options.specialTokens ?? TOKENIZER_CONFIG.defaults.specialTokens;
      expect(tokens.length, where).toBeLessThanOrEqual(maxTokens);
      if (specials) {
        expect(tokens[0]?.text, where).toBe('<sos>');
        expect(tokens.at(-1)?.text, where).toBe('<eos>');
      }
      let end = 0;
      let previous: (typeof tokens)[number] | undefined;
      for (const token of tokens) {
        if (token.kind === 'special') {
          expect([token.start, token.end], where).toEqual([-1, -1]);
          continue;
        }
        expect(Number.isInteger(token.start) && Number.isInteger(token.end), where).toBe(true);
        // In order and never overlapping, except two tokens cut from one composing cluster of non-NFC text
        // (a starter and a mark the segmenter splits): both then cover that cluster's whole range.
        const sharesCluster = previous !== undefined && token.start === previous.start && token.end === previous.end &&
          text.normalize('NFC') !== text;
        if (!sharesCluster) expect(token.start, `${where}\n${JSON.stringify(tokens)}`).toBeGreaterThanOrEqual(end);
        previous = token;
        expect(token.end, where).toBeGreaterThan(token.start);
        expect(token.end, where).toBeLessThanOrEqual(text.length);
        end = token.end;
        expect(token.text.length, where).toBeGreaterThan(0);
        expect(isWellFormed(token.text), `${where}: token ${JSON.stringify(token.text)}`).toBe(true);
        expect(INVISIBLE.test(token.text), `${where}: token ${JSON.stringify(token.text)}`).toBe(false);
        expect(token.text.trim(), where).toBe(token.text);
        // In morpheme mode every morpheme after the first of its word is joined, whatever its kind (집중+하+는).
        if (options.korean !== 'morpheme') expect(token.joinedToPrevious, where).toBe(token.kind === 'particle');
        // An offset never splits a surrogate pair.
        expect(isWellFormed(text.slice(token.start, token.end)) || !isWellFormed(text), where).toBe(true);
      }
      expect(tokenize(text, options), where).toEqual(result);
    }
  }, HANG_GUARD_MS);

  it('tokenizeBatch pads every sentence to the same length and reports real lengths', () => {
    for (let seed = 1; seed <= ITERATIONS / 10; seed++) {
      const r = random(seed + 1e6);
      const texts = Array.from({ length: 1 + r.int(5) }, () => randomText(r, 10));
      const options = randomOptions(r);
      const where = describeInput(seed, texts.join(' | '), options);
      const { sentences, lengths, truncated } = tokenizeBatch(texts, options);
      expect(sentences.length, where).toBe(texts.length);
      expect(truncated.length, where).toBe(texts.length);
      const width = Math.max(...lengths);
      sentences.forEach((sentence, b) => {
        expect(sentence.length, where).toBe(width);
        expect(sentence.slice(lengths[b]).every((token) => token.kind === 'pad'), where).toBe(true);
        expect(sentence.every((token) => token.sentence === b), where).toBe(true);
      });
    }
  });

  it('bad options fail with a documented message, never anything else', () => {
    const values: unknown[] = [undefined, null, 0, 1, 2, -1, 1.5, 1024, 1025, NaN, Infinity, '', '12', 'x', 'eojeol',
      'particle', true, false, [], {}, Symbol.for('s'), 10n];
    const keys = ['korean', 'lowercase', 'specialTokens', 'maxTokens', 'koreen', '__proto__'];
    const documented = /^tokenize: ((korean|lowercase|specialTokens|maxTokens|options) must be .+, got .+|maxTokens must be at least 2 when specialTokens is true.*|unknown option .+, allowed options are .+)$/;
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const r = random(seed + 2e6);
      const options: Record<string, unknown> = {};
      for (let i = r.int(4); i >= 0; i--) options[r.pick(keys)] = r.pick(values);
      const passed = r.next() < 0.05 ? r.pick(values) : options;
      try {
        tokenize(randomText(r, 4), passed as TokenizerOptions);
      } catch (error) {
        expect(error, String(seed)).toBeInstanceOf(Error);
        expect((error as Error).message, `seed ${seed}: ${String(Object.keys(options))}`).toMatch(documented);
      }
    }
  });
});

// --------------------------------------------------------------------------------------------- page state

const VALID_TEXTS: { [K in keyof WidgetState]?: readonly string[] } = {
  view: VIEWS, mask: MASKS, projection: PROJECTIONS, lang: LANGUAGES, korean: TOKENIZER_CONFIG.koreanModes,
  colormap: Object.keys(COLORMAPS), positional: ['true', 'false', '1', '0'], lowercase: ['true', 'false'],
  specialTokens: ['true', 'false'], heads: ['1', '8', '64'], modelDim: ['2', '64', '2048'], head: ['-1', '0', '63'],
  row: ['0', '7'], maxTokens: ['1', '128', '1024'],
};

function randomHash(r: Random): string {
  const pairs: string[] = [];
  for (let i = r.int(8); i > 0; i--) {
    const key = r.next() < 0.8 ? r.pick(STATE_KEYS) : r.pick(['', 'x', 'hash', '__proto__', 'constructor', '%zz', 'heads ']);
    const valid = Object.hasOwn(VALID_TEXTS, key) ? VALID_TEXTS[key as keyof WidgetState] : undefined;
    const value = valid && r.next() < 0.5 ? r.pick(valid) : randomText(r, 6);
    // encodeURIComponent throws on a lone surrogate; raw (unencoded) pairs still carry them.
    const encode = r.next() < 0.7 ? (text: string) => encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')) : (text: string) => text;
    pairs.push(`${encode(key)}=${encode(value)}`);
    if (r.next() < 0.1) pairs.push(r.pick(['', '=', '&&', '%', '%E0%A4%A', 'a', '#', '==x']));
  }
  return (r.next() < 0.5 ? '#' : '') + pairs.join('&');
}

/** Every field of a parsed state is one of its allowed values. */
function expectValidState(state: WidgetState, where: string) {
  expect(Object.keys(state).sort(), where).toEqual(Object.keys(defaultState()).sort());
  expect(VIEWS, where).toContain(state.view);
  expect(MASKS, where).toContain(state.mask);
  expect(PROJECTIONS, where).toContain(state.projection);
  expect(LANGUAGES, where).toContain(state.lang);
  expect(TOKENIZER_CONFIG.koreanModes, where).toContain(state.korean);
  expect(Object.keys(COLORMAPS), where).toContain(state.colormap);
  const within = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  expect(within(state.modelDim, LIMITS.modelDim.min, LIMITS.modelDim.max), where).toBe(true);
  expect(within(state.heads, LIMITS.heads.min, LIMITS.heads.max), where).toBe(true);
  expect(within(state.maxTokens, LIMITS.maxTokens.min, LIMITS.maxTokens.max), where).toBe(true);
  expect(within(state.head, -1, LIMITS.heads.max - 1), where).toBe(true);
  expect(within(state.row, 0, LIMITS.sentences - 1), where).toBe(true);
  for (const flag of [state.positional, state.lowercase, state.specialTokens]) expect(typeof flag, where).toBe('boolean');
  for (const lines of [state.sentences, state.crossWith]) {
    expect(lines.length, where).toBeLessThanOrEqual(LIMITS.sentences);
    for (const line of lines) {
      expect(typeof line, where).toBe('string');
      expect(line.length, where).toBeLessThanOrEqual(LIMITS.textLength);
      expect(line.trim(), where).not.toBe('');
      expect(line, where).not.toContain('\n');
    }
  }
}

// Plain text (ASCII letters and digits, Hangul syllables, spaces, . , ! ? ' ’) is segmented without ICU; these
// pieces, packed together, hit every boundary ICU could draw differently: a mark or an apostrophe between
// letters, digits or both, Latin beside Hangul, runs of spaces and marks. A few non-plain units check the
// hand-over to ICU.
const PLAIN_PIECES = ['철수가', '사', '과', 'AI', '는', 'e', 'g', 'U', 'S', '3', '14', '1', '000', 'abc123', '개',
  ' ', '  ', '.', ',', '!', '?', '...', '?!', "'", "'", '\u2019', "n't", "''", '\u2019\'', 'x1'];
const NOT_PLAIN = ['-', ':', '\u00A0', 'é', '\u1100', '😀', '\r\n', '\u2018'];

function randomPlainText(r: Random): string {
  let text = '';
  for (let parts = r.int(16); parts > 0; parts--) text += r.next() < 0.97 ? r.pick(PLAIN_PIECES) : r.pick(NOT_PLAIN);
  return text;
}

const asSegments = (segments: Iterable<Segment>) =>
  Array.from(segments, ({ segment, index, isWordLike }) => ({ segment, index, isWordLike }));

describe('segments of plain text, found without ICU', () => {
  it(`${ITERATIONS} texts: the same word and grapheme segments as Intl.Segmenter`, () => {
    let withoutIcu = 0;
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const text = randomPlainText(random(seed + 5e6));
      const where = `seed ${seed}: ${JSON.stringify(text)}`;
      const words = wordSegments(text);
      if (Array.isArray(words)) withoutIcu++; // ICU's answer is a Segments object
      expect(asSegments(words), where).toEqual(asSegments(segmenter('word').segment(text)));
      expect(asSegments(graphemeSegments(text)), where).toEqual(asSegments(segmenter('grapheme').segment(text)));
    }
    // Else the test would mostly compare ICU with itself.
    expect(withoutIcu, 'texts segmented without ICU').toBeGreaterThan(ITERATIONS / 4);
  }, HANG_GUARD_MS);

  it("the tutorials' sentences, \"didn't\" included, need no ICU", () => {
    for (const text of ["The animal didn't cross the street because it was too tired.", 'The animal didn’t cross.',
      '철수가 사과를 맛있게 먹었다.']) {
      const words = wordSegments(text);
      expect(Array.isArray(words), text).toBe(true);
      expect(asSegments(words), text).toEqual(asSegments(segmenter('word').segment(text)));
    }
    expect(Array.from(wordSegments("didn't 1'000 a'1 x1'2"), (s) => s.segment))
      .toEqual(["didn't", ' ', "1'000", ' ', 'a', "'", '1', ' ', "x1'2"]);
  });
});

describe('stateFromHash and setFromText on random input', () => {
  it(`${ITERATIONS} hashes: no throw, a valid state, well-formed notices, stable round trip`, () => {
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const r = random(seed + 3e6);
      const hash = randomHash(r);
      const where = `seed ${seed}: ${JSON.stringify(hash)}`;
      const { state, notices } = stateFromHash(hash);
      expectValidState(state, where);
      for (const notice of notices) {
        expect(typeof notice.key, where).toBe('string');
        expect(notice.given.length, where).toBeLessThanOrEqual(61);
        expect(notice.expected.length, where).toBeGreaterThan(0);
      }
      // What the page writes back into the URL reads back as the same state, with nothing to report.
      const again = stateFromHash(stateToHash(state));
      expect(again.notices, where).toEqual([]);
      expect(again.state, where).toEqual(state);
    }
  }, HANG_GUARD_MS);

  // A hang fails on the test timeout, not on a timing assertion.
  it('a very long or deeply malformed hash is handled', { timeout: 10_000 }, () => {
    const hashes = [
      `sentences=${encodeURIComponent('가'.repeat(100_000))}`, '%'.repeat(100_000), '&'.repeat(100_000),
      `${'heads=1&'.repeat(20_000)}`, `sentences=${'%E0'.repeat(30_000)}`, '#'.repeat(50_000),
      `sentences=${encodeURIComponent(Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n'))}`,
    ];
    for (const hash of hashes) {
      const { state } = stateFromHash(hash);
      expectValidState(state, hash.slice(0, 30));
    }
  });

  it(`${ITERATIONS} attribute values: setFromText keeps a valid state and returns a notice or null`, () => {
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const r = random(seed + 4e6);
      const state = defaultState();
      const key = r.pick(STATE_KEYS);
      const valid = VALID_TEXTS[key];
      const text = valid && r.next() < 0.3 ? r.pick(valid) : randomText(r, 8);
      const where = `seed ${seed}: ${key} = ${JSON.stringify(text)}`;
      const before = structuredClone(state);
      const notice = setFromText(state, key, text);
      expectValidState(state, where);
      if (notice && !notice.keptLines) {
        expect(state, where).toEqual(before); // a rejected value changes nothing
        expect(notice.key, where).toBe(key);
        expect(notice.given, where).toBe(text.length > 60 ? `${text.slice(0, 60)}…` : text);
      }
    }
  }, HANG_GUARD_MS);

  it('more sentences than a batch holds: the first ones are kept, and the notice says how many were given', () => {
    const state = defaultState();
    const text = Array.from({ length: LIMITS.sentences + 2 }, (_, i) => `sentence ${i}`).join('\n\n');
    expect(setFromText(state, 'sentences', text)).toEqual(
      { key: 'sentences', given: String(LIMITS.sentences + 2), expected: 'text, one sentence per line', keptLines: LIMITS.sentences });
    expect(state.sentences).toEqual(Array.from({ length: LIMITS.sentences }, (_, i) => `sentence ${i}`));
    expect(setFromText(state, 'crossWith', 'one\ntwo')).toBeNull();
  });
});
