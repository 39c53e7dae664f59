// Morpheme mode: mecab-ko-dic's morphemes and tags through kuromoji-ko (an optional peer dependency), loaded
// only on request. Token lists are written as "text/TAG", with "+" in front of a morpheme drawn joined.
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { loadMorphemes, type MorphemeLoadProgress } from '../../web/src/text/morphemes.js';
import { tokenize, type Token, type TokenizerOptions } from '../../web/src/text/tokenizer.js';

const MORPHEME: TokenizerOptions = { korean: 'morpheme', specialTokens: false };
const shown = (token: Token): string => `${token.joinedToPrevious ? '+' : ''}${token.text}/${token.pos ?? '-'}`;
const morphemesOf = (text: string): string[] => tokenize(text, MORPHEME).tokens.map(shown);

/** The module's state (loaded or not) afresh, with kuromoji-ko as it is or replaced. */
async function freshModules() {
  vi.resetModules();
  const morphemes = await import('../../web/src/text/morphemes.js');
  const tokenizer = await import('../../web/src/text/tokenizer.js');
  return { ...morphemes, ...tokenizer };
}

// Loading the dictionary takes 1.5–3 s in Node on a busy machine; the timeout only catches a hang.
const LOAD_TIMEOUT_MS = 60_000;

describe('before the dictionary is loaded', () => {
  it('tokenize says what to call first', async () => {
    const fresh = await freshModules();
    expect(() => fresh.tokenize('사과를', { korean: 'morpheme' })).toThrow(
      "tokenize: korean 'morpheme' needs mecab-ko-dic loaded first, expected await loadMorphemes() before tokenizing");
    expect(() => fresh.tokenizeBatch(['사과를'], { korean: 'morpheme' })).toThrow(/^tokenizeBatch: korean 'morpheme' needs/);
    expect(fresh.tokenize('사과를', { korean: 'particle' }).tokens).toHaveLength(4); // the other modes need nothing
  });

  it('a missing kuromoji-ko is named, with how to install it', async () => {
    vi.doMock('kuromoji-ko', () => {
      throw new Error("Cannot find package 'kuromoji-ko'");
    });
    try {
      const fresh = await freshModules();
      await expect(fresh.loadMorphemes()).rejects.toThrow(
        /^loadMorphemes: korean: 'morpheme' needs the optional package kuromoji-ko \(mecab-ko-dic\), which could not be loaded \(.*\); expected it installed beside jumok: npm install kuromoji-ko$/);
    } finally {
      vi.doUnmock('kuromoji-ko');
    }
  });

  const optionErrors: Array<[string, unknown, string]> = [
    ['options not an object', 'mecab-ko-dic/', 'loadMorphemes: options must be an object, got "mecab-ko-dic/"'],
    ['dictionaryUrl a number', { dictionaryUrl: 42 }, 'loadMorphemes: dictionaryUrl must be a string or a URL, got 42'],
    ['onProgress not a function', { onProgress: 'bar' }, 'loadMorphemes: onProgress must be a function, got "bar"'],
  ];
  it.each(optionErrors)('%s', async (_name, options, message) => {
    const fresh = await freshModules();
    expect(() => fresh.loadMorphemes(options as never)).toThrow(message);
  });

  it('a folder without the dictionary fails clearly, and the next load tries again', async () => {
    const fresh = await freshModules();
    await expect(fresh.loadMorphemes({ dictionaryUrl: '/nonexistent/mecab-ko-dic' })).rejects.toThrow(
      /^loadMorphemes: could not read mecab-ko-dic from \/nonexistent\/mecab-ko-dic \(.*\), expected the files of kuromoji-ko\/dict there$/);
    await fresh.loadMorphemes();
    expect(fresh.tokenize('사과를', { korean: 'morpheme', specialTokens: false }).tokens.map(shown)).toEqual(['사과/NNG', '+를/JKO']);
  }, LOAD_TIMEOUT_MS);
});

describe('morphemes', () => {
  const progress: MorphemeLoadProgress[] = [];
  beforeAll(() => loadMorphemes({ onProgress: (step) => progress.push(step) }), LOAD_TIMEOUT_MS);

  it('reports the load as done', () => {
    expect(progress.at(-1)).toEqual({ filesLoaded: 12, files: 12, fraction: 1 });
  });

  const cases: Array<[string, string, string[]]> = [
    ['particles and endings, tagged in their sentence (다 ends it: EF)', '철수가 사과를 먹었다.', ['철수/NNG', '+가/JKS', '사과/NNG', '+를/JKO', '먹/VV', '+었/EP', '+다/EF', './SF']],
    ['a verb ending is no particle', '집중하는 모델이라는', ['집중/NNG', '+하/XSV', '+는/ETM', '모델/NNG', '+이/VCP', '+라는/ETM']],
    ['a particle after a bracket or quote is joined', '벡터(4x64)를 "주의"를',
      ['벡터/NNG', '(/SSO', '4/SN', '+x/SL', '+64/SN', ')/SSC', '+를/JKO', '"/SY', '주의/NNG', '"/SY', '+를/JKO']],
    ['Latin and numbers inside an eojeol', 'AI는 1,000원을', ['AI/SL', '+는/JX', '1/SN', '+,/-', '+000/SN', '+원/NNBC', '+을/JKO']],
    ['emoji keep no tag', '좋아👍', ['좋/VA', '+아/EC', '👍/-']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(morphemesOf(text)).toEqual(expected);
  });

  it('kinds: particles, numbers, punctuation, words', () => {
    const kinds = tokenize('AI는 1,000원을.', MORPHEME).tokens.map((token) => token.kind);
    expect(kinds).toEqual(['word', 'particle', 'number', 'punct', 'number', 'word', 'particle', 'punct']);
  });

  it('NFD input gives the NFC morphemes, with offsets into the NFD text', () => {
    const composed = '학교에서는 "주의"를 기울인다.';
    const decomposed = composed.normalize('NFD');
    const fromNfd = tokenize(decomposed, MORPHEME).tokens;
    expect(fromNfd.map(shown)).toEqual(morphemesOf(composed));
    for (const token of fromNfd) expect(decomposed.slice(token.start, token.end).normalize('NFC')).toBe(token.text);
  });

  it('maxTokens counts morphemes', () => {
    const { tokens, truncated } = tokenize('집중하는 모델', { korean: 'morpheme', maxTokens: 4 });
    expect(tokens.map((token) => token.text)).toEqual(['<sos>', '집중', '하', '<eos>']);
    expect(truncated).toBe(true);
  });

  it('the other modes tag nothing', () => {
    for (const korean of ['eojeol', 'particle'] as const) {
      expect(tokenize('철수가 사과를', { korean }).tokens.every((token) => !('pos' in token))).toBe(true);
    }
  });
});

describe('morpheme mode on random text', () => {
  beforeAll(() => loadMorphemes(), LOAD_TIMEOUT_MS);

  // Fragments that break naive offset code: NFD Hangul, marks, brackets and commas inside eojeols (kuromoji-ko
  // drops a comma's surface), emoji, invisible units, lone surrogates, other scripts.
  const FRAGMENTS = ['철수가', '사과를', '집중하는', '학교에서는', '1,000원을', '(4x64)를', '"주의"를', 'AI는', '3.14',
    '한'.normalize('NFD'), '유사도를'.normalize('NFD'), 'e\u0301', '👩‍👩‍👧', '👍🏽', '\u200B', '\uFEFF', '\uD800', '\uDC00',
    '你好', 'مرحبا', ',', '.', '...', '?!', ' ', '  ', '\n', 'ㄱ', 'ㅏ', "didn't", 'e-mail'];
  const ITERATIONS = 500;

  /** mulberry32, seeded: a failure names its seed. */
  function random(seed: number) {
    let a = seed >>> 0;
    return (n: number) => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
  }

  it(`${ITERATIONS} texts: offsets in order and inside the text, tokens clean, deterministic`, () => {
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const next = random(seed);
      const text = Array.from({ length: next(12) }, () => FRAGMENTS[next(FRAGMENTS.length)]).join(next(2) ? ' ' : '');
      const where = `seed ${seed}: ${JSON.stringify(text)}`;
      const { tokens } = tokenize(text, { korean: 'morpheme', specialTokens: false, maxTokens: 1024 });
      let previous: Token | undefined;
      for (const token of tokens) {
        // In order and never overlapping, except two tokens cut from one composing cluster of non-NFC text:
        // both then cover that cluster's whole range.
        const sharesCluster = previous !== undefined && token.start === previous.start && token.end === previous.end &&
          text.normalize('NFC') !== text;
        if (!sharesCluster) expect(token.start, where).toBeGreaterThanOrEqual(previous?.end ?? 0);
        expect(token.end, where).toBeGreaterThan(token.start);
        expect(token.end, where).toBeLessThanOrEqual(text.length);
        expect(token.text.length, where).toBeGreaterThan(0);
        expect(token.text.trim(), where).toBe(token.text);
        previous = token;
      }
      expect(tokenize(text, { korean: 'morpheme', specialTokens: false, maxTokens: 1024 }).tokens, where).toEqual(tokens);
    }
  });
});
