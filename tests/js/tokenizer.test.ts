// Tokenizer behaviour, table-driven. Token lists are written as their texts,
// with "+" in front of a particle drawn joined to its stem ("사과", "+를").
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { loadMorphemes } from '../../web/src/text/morphemes.js';
import {
  TOKENIZER_CONFIG,
  tokenize,
  tokenizeBatch,
  type Token,
  type TokenKind,
  type TokenizerOptions,
} from '../../web/src/text/tokenizer.js';

const shown = (token: Token): string => (token.joinedToPrevious ? '+' : '') + token.text;

/** Content tokens only: specials off unless the case turns them on. */
const contentOf = (text: string, options: TokenizerOptions = {}): Token[] =>
  tokenize(text, { specialTokens: false, ...options }).tokens;

// What a token's text should be found in: the original slice, normalized the
// same way the tokenizer does (lone surrogates, NFC, invisible units dropped;
// a ZWJ only counts as invisible outside an emoji sequence).
const visible = (slice: string): string => {
  const invisible = /\p{Extended_Pictographic}/u.test(slice)
    ? /[\u0000-\u001F\u00AD\u200B\u2060\uFEFF]/g
    : /[\u0000-\u001F\u00AD\u200B\u200D\u2060\uFEFF]/g;
  return slice
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .normalize('NFC')
    .replace(invisible, '');
};

interface Case {
  name: string;
  text: string;
  options?: TokenizerOptions;
  tokens: string[];
  kinds?: TokenKind[];
}

const cases: Case[] = [
  // Korean, particle mode (the default)
  { name: 'subject and object particles', text: '철수가 사과를 맛있게 먹었다.',
    tokens: ['철수', '+가', '사과', '+를', '맛있게', '먹었다', '.'],
    kinds: ['word', 'particle', 'word', 'particle', 'word', 'word', 'punct'] },
  { name: 'eojeol mode keeps particles on', text: '철수가 사과를 맛있게 먹었다.', options: { korean: 'eojeol' },
    tokens: ['철수가', '사과를', '맛있게', '먹었다', '.'] },
  { name: 'no particle to split, question mark split off', text: '커피 한잔 할래요?', tokens: ['커피', '한잔', '할래요', '?'] },
  { name: 'eojeol mode question', text: '커피 한잔 할래요?', options: { korean: 'eojeol' }, tokens: ['커피', '한잔', '할래요', '?'] },
  { name: '에서 and 까지', text: '학교에서 집까지 걸어갔다', tokens: ['학교', '+에서', '집', '+까지', '걸어갔다'] },
  { name: '와 after an open syllable; 함께 is not 함+께', text: '친구와 함께', tokens: ['친구', '+와', '함께'] },
  { name: '으로 after a final consonant', text: '책으로 공부했다', tokens: ['책', '+으로', '공부했다'] },
  { name: '로 after a ㄹ final', text: '서울로', tokens: ['서울', '+로'] },
  { name: '로 after an open syllable', text: '학교로 간다', tokens: ['학교', '+로', '간다'] },
  { name: '이/가 follow the final consonant', text: '책이 사과가 아이가', tokens: ['책', '+이', '사과', '+가', '아이', '+가'] },
  { name: '누나가 splits, 누나 alone does not', text: '누나가 누나 누나도', tokens: ['누나', '+가', '누나', '누나', '+도'] },
  { name: 'nouns that only look like stem+particle stay whole', text: '나라 고기 아이 바다 우리나라 어머니 사과',
    tokens: ['나라', '고기', '아이', '바다', '우리나라', '어머니', '사과'] },
  { name: 'exception list: 사랑, 고양이, 결과, 도로', text: '사랑을 고양이 결과 도로', tokens: ['사랑', '+을', '고양이', '결과', '도로'] },
  { name: 'stacked particles, longest match first', text: '학교에서는 집에서부터', tokens: ['학교', '+에서', '+는', '집', '+에서부터'] },
  { name: 'one-syllable words never lose their stem', text: '이 가 나 나는', tokens: ['이', '가', '나', '나', '+는'] },
  { name: 'adjective endings after ㅎ/ㅆ finals are not particles', text: '좋은 날 많이 있을', tokens: ['좋은', '날', '많이', '있을'] },
  { name: 'frequent adnominal verb forms are not stem+particle', text: '가는 길에 하는 일', tokens: ['가는', '길', '+에', '하는', '일'] },
  // Measured against mecab-ko-dic (scripts/eval-korean.sh): the disagreements it found, one case per cause
  { name: 'verb and adjective endings are not particles', text: '집중하는 모델이라는 높은 값을 계산하고 있다는',
    tokens: ['집중하는', '모델이라는', '높은', '값', '+을', '계산하고', '있다는'] },
  { name: 'connective endings are not particles', text: '입력하거나 있지만 있으므로 사용해도 하지만 그렇지만 없이 이미지만',
    tokens: ['입력하거나', '있지만', '있으므로', '사용해도', '하지만', '그렇지만', '없이', '이미지', '+만'] },
  { name: 'a particle after a closing bracket or quote is joined', text: '벡터(4x64)를 "주의"를 질문(Query)과 100%의',
    tokens: ['벡터', '(', '4x64', ')', '+를', '"', '주의', '"', '+를', '질문', '(', 'Query', ')', '+과', '100', '%', '+의'],
    kinds: ['word', 'punct', 'word', 'punct', 'particle', 'punct', 'word', 'punct', 'particle',
      'word', 'punct', 'word', 'punct', 'particle', 'number', 'punct', 'particle'] },
  { name: 'after an opening bracket or a space a word stays a word', text: '(가) " 를',
    tokens: ['(', '가', ')', '"', '를'] },
  { name: 'case particles take nothing after them (유사도를 is not 유사+도+를)', text: '유사도를 임의의 학교에서는',
    tokens: ['유사도', '+를', '임의', '+의', '학교', '+에서', '+는'] },
  { name: 'words ending like a particle: 얼마나, 추가, 반대로', text: '얼마나 추가를 반대로 순서대로',
    tokens: ['얼마나', '추가', '+를', '반대', '+로', '순서', '+대로'] },
  { name: '요 after a particle, 서 after 여기', text: '것처럼요 해요 여기서는 해서',
    tokens: ['것', '+처럼', '+요', '해요', '여기', '+서', '+는', '해서'] },

  // English
  { name: 'English sentence keeps case and contraction', text: "The animal didn't cross the street because it was too tired.",
    tokens: ['The', 'animal', "didn't", 'cross', 'the', 'street', 'because', 'it', 'was', 'too', 'tired', '.'] },
  { name: 'contractions with straight and curly apostrophes', text: "I'm sure they'll say we can't, won’t they?",
    tokens: ["I'm", 'sure', "they'll", 'say', 'we', "can't", ',', 'won’t', 'they', '?'] },
  { name: 'decimal number', text: 'pi is 3.14', tokens: ['pi', 'is', '3.14'], kinds: ['word', 'word', 'number'] },
  { name: 'hyphenated words join, number ranges do not', text: 'e-mail COVID-19 3-4',
    tokens: ['e-mail', 'COVID-19', '3', '-', '4'], kinds: ['word', 'word', 'number', 'punct', 'number'] },
  { name: 'dotted abbreviations keep their dot, Mr. does not', text: 'U.S. and e.g. Mr. Kim',
    tokens: ['U.S.', 'and', 'e.g.', 'Mr', '.', 'Kim'] },
  { name: 'lowercase option', text: "The Animal DIDN'T", options: { lowercase: true }, tokens: ['the', 'animal', "didn't"] },
  { name: 'case kept by default', text: 'Seoul NASA', tokens: ['Seoul', 'NASA'] },
  { name: 'repeated punctuation is one token per mark', text: 'Hello... wait?!', tokens: ['Hello', '.', '.', '.', 'wait', '?', '!'] },

  // Mixed scripts and numbers
  { name: 'particles after Latin words', text: 'AI는 attention을 쓴다', tokens: ['AI', '+는', 'attention', '+을', '쓴다'] },
  { name: 'mixed-script eojeols in eojeol mode', text: 'AI는 attention을 쓴다', options: { korean: 'eojeol' },
    tokens: ['AI는', 'attention을', '쓴다'] },
  { name: 'number with Korean counter is one eojeol', text: '1,000원을 냈다', tokens: ['1,000원', '+을', '냈다'],
    kinds: ['word', 'particle', 'word'] },
  { name: 'number with thousands separator', text: '1,000 dollars 10%', tokens: ['1,000', 'dollars', '10', '%'],
    kinds: ['number', 'word', 'number', 'punct'] },

  // Unicode edge cases
  { name: 'NFD input gives the NFC tokens', text: '철수가 사과를 먹었다.'.normalize('NFD'),
    tokens: ['철수', '+가', '사과', '+를', '먹었다', '.'] },
  { name: 'emoji sequences stay whole', text: '👩‍👩‍👧 🇰🇷 👍🏽!', tokens: ['👩‍👩‍👧', '🇰🇷', '👍🏽', '!'],
    kinds: ['emoji', 'emoji', 'emoji', 'punct'] },
  { name: 'keycaps and emoji next to words', text: '1️⃣ #️⃣ 좋아👍', tokens: ['1️⃣', '#️⃣', '좋아', '👍'],
    kinds: ['emoji', 'emoji', 'word', 'emoji'] },
  { name: 'full-width punctuation', text: '안녕，세상。정말！？', tokens: ['안녕', '，', '세상', '。', '정말', '！', '？'] },
  { name: 'Chinese words and punctuation', text: '你好，世界', tokens: ['你好', '，', '世界'] },
  { name: 'zero-width characters dropped', text: 'a\u200Bb c\uFEFFd e\u200Df\u2060 \u200B', tokens: ['a', 'b', 'cd', 'ef'] },
  { name: 'control characters dropped', text: 'tab\there\u0007bell\u0000', tokens: ['tab', 'here', 'bell'] },
  { name: 'lone surrogates become U+FFFD', text: 'x\uD800y \uDC00', tokens: ['x', '\uFFFD', 'y', '\uFFFD'] },
  { name: 'Arabic words', text: 'مرحبا بالعالم', tokens: ['مرحبا', 'بالعالم'] },
  { name: 'Hebrew words', text: 'שלום עולם!', tokens: ['שלום', 'עולם', '!'] },
  { name: 'HTML is plain text', text: '<img src=x onerror=alert(1)>',
    tokens: ['<', 'img', 'src', '=', 'x', 'onerror', '=', 'alert', '(', '1', ')', '>'] },
  { name: 'empty text', text: '', tokens: [] },
  { name: 'whitespace-only text', text: ' \n\t\u3000 ', tokens: [] },
];

describe('tokenize: token texts', () => {
  it.each(cases)('$name', ({ text, options, tokens, kinds }) => {
    const result = contentOf(text, options);
    expect(result.map(shown)).toEqual(tokens);
    if (kinds) expect(result.map((token) => token.kind)).toEqual(kinds);
  });

  it.each(cases)('$name: offsets point into the original text', ({ text, options }) => {
    for (const token of contentOf(text, options)) {
      const slice = visible(text.slice(token.start, token.end));
      const found = options?.lowercase ? slice.toLowerCase() : slice;
      expect(found).toContain(token.text);
      expect(token.sentence).toBe(0);
    }
  });

  it('joinedToPrevious is set only on particles', () => {
    for (const token of contentOf('철수가 사과를 AI는 e-mail.')) {
      expect(token.joinedToPrevious).toBe(token.kind === 'particle');
    }
  });
});

describe('every Korean mode', () => {
  // Morpheme mode's dictionary: 1.5–3 s to load in Node on a busy machine; the timeout only catches a hang.
  beforeAll(() => loadMorphemes(), 60_000);

  it.each(TOKENIZER_CONFIG.koreanModes)("%s: every case's tokens point into the original text", (korean) => {
    for (const { text, options } of cases) {
      for (const token of contentOf(text, { ...options, korean })) {
        const slice = visible(text.slice(token.start, token.end));
        expect(options?.lowercase ? slice.toLowerCase() : slice, `${text}: ${token.text}`).toContain(token.text);
      }
    }
  });

  it.each(TOKENIZER_CONFIG.koreanModes)('%s: NFD input gives the NFC tokens, offsets into the NFD text', (korean) => {
    const composed = '철수가 사과를 맛있게 먹었다. 학교에서는 AI를! "주의"를 벡터(4x64)를';
    const decomposed = composed.normalize('NFD');
    const fromNfd = contentOf(decomposed, { korean });
    expect(fromNfd.map(shown)).toEqual(contentOf(composed, { korean }).map(shown));
    for (const token of fromNfd) expect(decomposed.slice(token.start, token.end).normalize('NFC')).toBe(token.text);
  });
});

describe('ICU', () => {
  // A page's first Intl.Segmenter costs 15–35 ms (ICU's set-up): plain Korean and English sentences skip it.
  async function segmentersMadeFor(text: string): Promise<number> {
    vi.resetModules(); // a fresh segmenter cache
    const intl = Intl as { Segmenter: typeof Intl.Segmenter }; // read-only to TypeScript, writable in fact
    const original = intl.Segmenter;
    let made = 0;
    intl.Segmenter = class extends original {
      constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
        super(...args);
        made++;
      }
    };
    try {
      const { tokenize: freshTokenize } = await import('../../web/src/text/tokenizer.js');
      freshTokenize(text);
      return made;
    } finally {
      intl.Segmenter = original;
    }
  }

  it('is not needed for plain text', async () => {
    expect(await segmentersMadeFor("철수가 사과를 맛있게 먹었다. Is AI는 fun?! 1000 tokens, didn't it")).toBe(0);
  });

  it('segments everything else', async () => {
    expect(await segmentersMadeFor('an e-mail, naïve')).toBeGreaterThan(0);
  });
});

describe('tokenize: offsets', () => {
  const offsetCases: Array<[string, string, TokenizerOptions, string[]]> = [
    ['Korean particles', '철수가  사과를', {}, ['철수', '가', '사과', '를']],
    ['a particle after a bracket', '행렬(4x64)을', {}, ['행렬', '(', '4x64', ')', '을']],
    ['mixed scripts', 'AI는 attention을', {}, ['AI', '는', 'attention', '을']],
    ['English with spacing', "  didn't   3.14 ", {}, ["didn't", '3.14']],
    ['emoji keep all their code units', '👩‍👩‍👧 x', {}, ['👩‍👩‍👧', 'x']],
    ['a dropped BOM stays inside the covering range', 'c\uFEFFd', {}, ['c\uFEFFd']],
  ];
  it.each(offsetCases)('%s', (_name, text, options, slices) => {
    expect(contentOf(text, options).map((token) => text.slice(token.start, token.end))).toEqual(slices);
  });

  it('NFD input: same tokens as NFC, offsets into the NFD string', () => {
    const composed = '철수가 사과를 맛있게 먹었다. 학교에서는 AI를! "주의"를';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const fromNfc = contentOf(composed);
    const fromNfd = contentOf(decomposed);
    expect(fromNfd.map(shown)).toEqual(fromNfc.map(shown));
    for (const token of fromNfd) {
      expect(decomposed.slice(token.start, token.end).normalize('NFC')).toBe(token.text);
    }
    // 철 = ㅊ ㅓ ㄹ and 수 = ㅅ ㅜ: the stem covers five jamo, the particle 가 two.
    expect(fromNfd.slice(0, 2).map((token) => [token.start, token.end])).toEqual([[0, 5], [5, 7]]);
  });
});

describe('special tokens', () => {
  it('wraps the sentence in <sos> and <eos> by default', () => {
    const { tokens, truncated } = tokenize('안녕 세상');
    expect(tokens.map((token) => token.text)).toEqual(['<sos>', '안녕', '세상', '<eos>']);
    expect(tokens[0]).toEqual({ text: '<sos>', kind: 'special', start: -1, end: -1, joinedToPrevious: false, sentence: 0 });
    expect(tokens[3]).toMatchObject({ text: '<eos>', kind: 'special', start: -1, end: -1 });
    expect(truncated).toBe(false);
  });

  it('can be turned off', () => {
    expect(tokenize('안녕', { specialTokens: false }).tokens.map((token) => token.text)).toEqual(['안녕']);
  });

  it.each([[''], ['   '], ['\u200B\uFEFF']])('empty text %j gives only the specials (or nothing)', (text) => {
    expect(tokenize(text).tokens.map((token) => token.text)).toEqual(['<sos>', '<eos>']);
    expect(tokenize(text, { specialTokens: false }).tokens).toEqual([]);
  });
});

describe('tokenizeBatch', () => {
  it('pads every sentence with PAD to the longest and reports real lengths', () => {
    const { sentences, lengths, truncated } = tokenizeBatch(['철수가 사과를', 'Hi', '']);
    expect(sentences.map((sentence) => sentence.map((token) => token.text))).toEqual([
      ['<sos>', '철수', '가', '사과', '를', '<eos>'],
      ['<sos>', 'Hi', '<eos>', 'PAD', 'PAD', 'PAD'],
      ['<sos>', '<eos>', 'PAD', 'PAD', 'PAD', 'PAD'],
    ]);
    expect(lengths).toEqual([6, 3, 2]);
    expect(truncated).toEqual([false, false, false]);
    expect(sentences[1]![3]).toEqual({ text: 'PAD', kind: 'pad', start: -1, end: -1, joinedToPrevious: false, sentence: 1 });
    expect(sentences.map((sentence) => sentence[0]!.sentence)).toEqual([0, 1, 2]);
  });

  it('applies the options to every sentence', () => {
    const { sentences, lengths } = tokenizeBatch(['철수가 왔다', 'The END'], { korean: 'eojeol', lowercase: true, specialTokens: false });
    expect(sentences.map((sentence) => sentence.map((token) => token.text))).toEqual([['철수가', '왔다'], ['the', 'end']]);
    expect(lengths).toEqual([2, 2]);
  });

  it('an empty batch is empty', () => {
    expect(tokenizeBatch([])).toEqual({ sentences: [], lengths: [], truncated: [] });
  });
});

describe('maxTokens', () => {
  it('counts specials, keeps <eos> last and says the text was cut', () => {
    const { tokens, truncated } = tokenize('a b c d e f', { maxTokens: 4 });
    expect(tokens.map((token) => token.text)).toEqual(['<sos>', 'a', 'b', '<eos>']);
    expect(truncated).toBe(true);
  });

  it('a text that just fits is not truncated', () => {
    expect(tokenize('a b', { maxTokens: 4 }).truncated).toBe(false);
  });

  it('without specials every slot is content', () => {
    const { tokens, truncated } = tokenize('a b c', { maxTokens: 1, specialTokens: false });
    expect(tokens.map((token) => token.text)).toEqual(['a']);
    expect(truncated).toBe(true);
  });

  it('a particle split counts as a token', () => {
    expect(tokenize('사과를 먹었다', { maxTokens: 4 }).tokens.map(shown)).toEqual(['<sos>', '사과', '+를', '<eos>']);
  });

  it(`defaults to ${TOKENIZER_CONFIG.defaults.maxTokens}`, () => {
    const { tokens, truncated } = tokenize('word '.repeat(500));
    expect(tokens).toHaveLength(TOKENIZER_CONFIG.defaults.maxTokens);
    expect(truncated).toBe(true);
  });

  it('batch reports truncation per sentence and pads to the cap', () => {
    const { sentences, lengths, truncated } = tokenizeBatch(['a b c d e f', 'a'], { maxTokens: 5 });
    expect(lengths).toEqual([5, 3]);
    expect(truncated).toEqual([true, false]);
    expect(sentences[0]!.at(-1)!.text).toBe('<eos>');
    expect(sentences[1]!.map((token) => token.text)).toEqual(['<sos>', 'a', '<eos>', 'PAD', 'PAD']);
  });

  const longTexts: Array<[string, string]> = [
    ['Korean and English with spaces', '철수가 사과를 먹었다. The cat sat. '.repeat(4000)],
    ['Chinese with no spaces', '漢字'.repeat(50_000)],
    ['one 100,000-letter run', 'a'.repeat(100_000)],
    ['NFD Korean', '학교에서 공부했다 '.normalize('NFD').repeat(10_000)],
  ];
  // A hang (segmenting all 100,000 characters) fails on the test timeout, not on a timing assertion.
  it.each(longTexts)('100,000+ characters (%s) are capped', { timeout: 10_000 }, (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(100_000);
    const { tokens } = tokenize(text, { maxTokens: TOKENIZER_CONFIG.maxTokensRange.max });
    const capped = tokenize(text);
    expect(tokens.length).toBeLessThanOrEqual(TOKENIZER_CONFIG.maxTokensRange.max);
    expect(capped.tokens.length).toBeLessThanOrEqual(TOKENIZER_CONFIG.defaults.maxTokens);
    expect(capped.tokens.at(-1)!.text).toBe('<eos>');
    for (const token of tokens.slice(1, -1)) expect(token.end).toBeGreaterThan(token.start);
  });

  it('a capped 100,000-character text is marked truncated', () => {
    const { tokens, truncated } = tokenize('철수가 사과를 먹었다. '.repeat(8000));
    expect(tokens).toHaveLength(128);
    expect(truncated).toBe(true);
    expect(tokens.at(-2)!.end).toBeLessThan(1000);
  });
});

describe('errors', () => {
  const optionErrors: Array<[string, unknown, string | RegExp]> = [
    ['unknown Korean mode', { korean: 'x' }, `tokenize: korean must be 'eojeol', 'particle' or 'morpheme', got "x"`],
    ['maxTokens 0', { maxTokens: 0 }, 'tokenize: maxTokens must be an integer from 1 to 1024, got 0'],
    ['maxTokens above the limit', { maxTokens: 1025 }, /maxTokens must be an integer from 1 to 1024, got 1025/],
    ['fractional maxTokens', { maxTokens: 2.5 }, /maxTokens must be an integer from 1 to 1024, got 2.5/],
    ['maxTokens as a string', { maxTokens: '12' }, /maxTokens must be an integer from 1 to 1024, got "12"/],
    ['NaN maxTokens', { maxTokens: NaN }, /maxTokens must be an integer from 1 to 1024, got NaN/],
    ['no room for both specials', { maxTokens: 1 }, /maxTokens must be at least 2 when specialTokens is true/],
    ['lowercase not a boolean', { lowercase: 'yes' }, 'tokenize: lowercase must be true or false, got "yes"'],
    ['specialTokens not a boolean', { specialTokens: 1 }, 'tokenize: specialTokens must be true or false, got 1'],
    ['misspelled option', { koreen: 'eojeol' }, /unknown option "koreen", allowed options are korean, lowercase, specialTokens, maxTokens/],
    ['options not an object', 'particle', 'tokenize: options must be an object, got "particle"'],
  ];
  it.each(optionErrors)('%s', (_name, options, message) => {
    expect(() => tokenize('안녕', options as TokenizerOptions)).toThrow(message);
  });

  const textErrors: Array<[string, () => unknown, string]> = [
    ['number text', () => tokenize(42 as unknown as string), 'tokenize: text must be a string, got 42'],
    ['undefined text', () => tokenize(undefined as unknown as string), 'tokenize: text must be a string, got undefined'],
    ['batch of non-strings', () => tokenizeBatch(['ok', null] as unknown as string[]), 'tokenizeBatch: texts[1] must be a string, got null'],
    ['batch not an array', () => tokenizeBatch('text' as unknown as string[]), 'tokenizeBatch: texts must be an array of strings, got "text"'],
    ['bad option in a batch', () => tokenizeBatch(['a'], { korean: 'x' as 'eojeol' }), `tokenizeBatch: korean must be 'eojeol', 'particle' or 'morpheme', got "x"`],
  ];
  it.each(textErrors)('%s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it('a lone surrogate does not throw', () => {
    expect(() => tokenize('\uD800\uDC00\uDC00\uD83D')).not.toThrow();
  });
});
