// model.tokenizer: tokenizer.json run by @huggingface/tokenizers, with offsets into the text, whole Hangul
// syllables for byte pieces, and the unknown word named. Three kinds: WordPiece (BERT's, uncased),
// byte-level BPE (GPT-2's) and SentencePiece BPE with byte fallback (stories260k's Llama tokenizer).
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { createModelTokenizer } from '../../web/src/checkpoint/tokenizer.js';
import { modelsDir } from './helpers.js';

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

function wordPiece(words: string[]) {
  const vocab = Object.fromEntries([...SPECIALS, ...words].map((word, id) => [word, id]));
  return {
    version: '1.0',
    added_tokens: SPECIALS.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    // strip_accents false: BERT's default (follow lowercase) decomposes Hangul into jamo, as bert-base-uncased does.
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

// GPT-2's bytes_to_unicode: printable bytes stand for themselves, the others are moved past U+0100.
function byteAlphabet(): string[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let next = 256;
  return Array.from({ length: 256 }, (_, b) => String.fromCodePoint(printable(b) ? b : next++));
}

function byteLevel() {
  const alphabet = byteAlphabet();
  const vocab: Record<string, number> = Object.fromEntries(alphabet.map((c, id) => [c, id]));
  const merges = [['Ġ', 'x'], ['c', 'a'], ['ca', 't']];
  for (const [a, b] of merges) vocab[a + b] = Object.keys(vocab).length;
  return {
    version: '1.0', added_tokens: [], normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false,
      byte_fallback: false, vocab, merges: merges.map(([a, b]) => `${a} ${b}`) },
  };
}

describe('WordPiece (uncased)', () => {
  const tokenizer = createModelTokenizer(wordPiece(['the', 'animal', 'didn', "'", 't', 'cross', '철수', '##가', '사과', '##를', '먹었다']), {});
  const text = "The animal didn't cross 철수가 사과를 먹었다 zebra.";
  const { ids, tokens } = tokenizer.encode(text);

  it('gives the ids, the pieces and each token\'s span of the original text', () => {
    expect(tokens.map((t) => t.piece)).toEqual(['[CLS]', 'the', 'animal', 'didn', "'", 't', 'cross', '철수', '##가', '사과', '##를',
      '먹었다', '[UNK]', '[UNK]', '[SEP]']);
    expect(ids[0]).toBe(2);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
    expect(tokens[1].text).toBe('The');  // folded to find it, the original's case kept
    expect(tokens[8]).toMatchObject({ piece: '##가', text: '가' });
    expect(tokens[0]).toMatchObject({ special: true, piece: '[CLS]', text: '', start: 0, end: 0 });
  });

  it('names the word (or the symbol) the vocabulary lacks', () => {
    expect(tokens[12]).toMatchObject({ unknown: true, text: 'zebra' });
    expect(tokens[13]).toMatchObject({ unknown: true, text: '.' });
  });

  it('decodes without the special tokens', () => {
    expect(tokenizer.decode(ids.slice(6, 11))).toBe('cross 철수가 사과를');
  });
});

describe('byte-level BPE (GPT-2)', () => {
  const tokenizer = createModelTokenizer(byteLevel(), {});

  it('gives each of a Hangul syllable\'s three byte pieces the whole syllable, never a byte or a jamo', () => {
    const text = 'cat 가 x';
    const { tokens } = tokenizer.encode(text);
    expect(tokens.map((t) => t.piece)).toEqual(['cat', 'Ġ', 'ê', '°', 'Ģ', 'Ġx']);
    expect(tokens.map((t) => t.text)).toEqual(['cat', ' ', '가', '가', '가', 'x']);
    const syllable = tokens.filter((t) => t.text === '가');
    expect(syllable.map((t) => t.byte)).toEqual([0, 1, 2].map((index) => ({ index, count: 3 })));
    for (const t of syllable) expect([t.start, t.end]).toEqual([4, 5]);
  });
});

describe('SentencePiece BPE with byte fallback (stories260k)', () => {
  const folder = `${modelsDir}stories260k/`;
  const tokenizer = createModelTokenizer(JSON.parse(readFileSync(`${folder}tokenizer.json`, 'utf8')),
    JSON.parse(readFileSync(`${folder}tokenizer_config.json`, 'utf8')));

  it('spells 철수가 with byte pieces, each carrying its syllable, at its offsets', () => {
    const text = 'Lily 철수가';
    const { tokens } = tokenizer.encode(text);
    const korean = tokens.filter((t) => t.byte);
    expect(korean.map((t) => t.text)).toEqual(['철', '철', '철', '수', '수', '수', '가', '가', '가']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.find((t) => t.piece === '▁Lily')).toMatchObject({ text: 'Lily', start: 0, end: 4 });
  });

  it('refuses what is not text', () => {
    expect(() => tokenizer.encode(42 as unknown as string)).toThrow('tokenizer.encode: expected a string, got number');
    expect(() => tokenizer.decode([1, -2])).toThrow('tokenizer.decode: expected an array of token ids (non-negative integers)');
  });
});
