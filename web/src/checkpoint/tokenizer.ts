// A checkpoint's tokenizer.json, run by @huggingface/tokenizers (see vendor.ts),
// with what that library does not give: where each token sits in the text.
// Offsets come from finding each token's decoded text in the input, folded
// (lower case, accents off) for uncased tokenizers; byte-fallback and
// byte-level pieces of one character (a Hangul syllable is three bytes) are
// decoded together, so each of them carries the whole syllable, never a byte
// or a jamo.
import { createHuggingFaceTokenizer, type HuggingFaceTokenizer } from '../vendor.js';
import type { ModelToken, ModelTokenizer, TokenizedText } from './types.js';

/** Bytes of one UTF-8 character at most: a character split into byte tokens is never more. */
const MAX_CHARACTER_BYTES = 4;
const REPLACEMENT = '\uFFFD';
/** What a word is made of, as the pre-tokenizers split words from punctuation. */
const WORD = /[\p{L}\p{N}\p{M}]/u;

export function createModelTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown): ModelTokenizer {
  if (typeof tokenizerJson !== 'object' || tokenizerJson === null || Array.isArray(tokenizerJson)) {
    throw new Error('tokenizer.json is not a JSON object; expected a Hugging Face tokenizers file');
  }
  const config = typeof tokenizerConfig === 'object' && tokenizerConfig !== null ? tokenizerConfig : {};
  let tokenizer: HuggingFaceTokenizer;
  try {
    tokenizer = createHuggingFaceTokenizer(tokenizerJson, config);
  } catch (cause) {
    throw new Error(`tokenizer.json could not be read: ${(cause as Error).message}`, { cause });
  }
  const special = new Set([...tokenizer.get_added_tokens_decoder()].filter(([, t]) => t.special).map(([id]) => id));
  const model = (tokenizerJson as { model?: { unk_token?: unknown } }).model;
  const unknownPiece = typeof model?.unk_token === 'string' ? model.unk_token : undefined;
  return {
    encode(text: string): TokenizedText {
      if (typeof text !== 'string') throw new Error(`tokenizer.encode: expected a string, got ${typeof text}`);
      const { ids } = tokenizer.encode(text);
      return { ids, tokens: locate(tokenizer, special, unknownPiece, text, ids) };
    },
    decode(ids: readonly number[]): string {
      if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id) && id >= 0)) {
        throw new Error('tokenizer.decode: expected an array of token ids (non-negative integers)');
      }
      return tokenizer.decode([...ids], { skip_special_tokens: true });
    },
    pieceOf(id: number): string | undefined {
      return Number.isInteger(id) && id >= 0 ? tokenizer.id_to_token(id) : undefined;
    },
  };
}

// Each character of `text` folded as uncased tokenizers fold it, with where it came from.
function fold(text: string): { folded: string; origins: number[] } {
  let folded = '';
  const origins: number[] = [];
  for (let i = 0; i < text.length; ) {
    const character = String.fromCodePoint(text.codePointAt(i)!);
    // NFD then NFC again: accents go, Hangul syllables come back whole.
    const plain = character.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
    for (let k = 0; k < plain.length; k++) origins.push(i);
    folded += plain;
    i += character.length;
  }
  origins.push(text.length);
  return { folded, origins };
}

// A token's text without the markers the vocabularies write (WordPiece's ##, SentencePiece's ▁, byte-level Ġ
// decode to spaces), for finding it in the input; a token of spaces alone is looked for as it is.
function searchable(decoded: string): string {
  const text = decoded.replace(/^##/, '');
  return text.trim() || text;
}

function locate(tokenizer: HuggingFaceTokenizer, special: Set<number>, unknownPiece: string | undefined, text: string,
  ids: number[]): ModelToken[] {
  const { folded, origins } = fold(text);
  const tokens: ModelToken[] = [];
  let cursor = 0;  // in `folded`
  for (let i = 0; i < ids.length; ) {
    const piece = tokenizer.id_to_token(ids[i]) ?? '';
    if (piece === unknownPiece) {  // the word the vocabulary lacks: the word, or the one symbol, at the cursor
      while (cursor < folded.length && /\s/u.test(folded[cursor])) cursor++;
      const start = origins[cursor];
      if (WORD.test(folded[cursor] ?? '')) while (cursor < folded.length && WORD.test(folded[cursor])) cursor++;
      else cursor = Math.min(cursor + 1, folded.length);
      const end = origins[cursor];
      tokens.push({ id: ids[i], piece, text: text.slice(start, end), start, end, special: false, unknown: true });
      i++;
      continue;
    }
    if (special.has(ids[i])) {
      tokens.push({ id: ids[i], piece, text: '', start: origins[cursor], end: origins[cursor], special: true });
      i++;
      continue;
    }
    // Byte pieces: decode together until they make whole characters.
    let count = 1;
    let decoded = tokenizer.decode([ids[i]], { skip_special_tokens: false, clean_up_tokenization_spaces: false });
    while (decoded.includes(REPLACEMENT) && count < MAX_CHARACTER_BYTES && i + count < ids.length) {
      count++;
      decoded = tokenizer.decode(ids.slice(i, i + count), { skip_special_tokens: false, clean_up_tokenization_spaces: false });
    }
    if (decoded.includes(REPLACEMENT)) count = 1;
    const wanted = fold(searchable(decoded)).folded;
    const at = wanted ? folded.indexOf(wanted, cursor) : -1;
    let start = origins[cursor], end = start;
    if (at >= 0) {
      start = origins[at];
      end = origins[at + wanted.length];
      cursor = at + wanted.length;
    }  // else a piece the input does not spell out (a normaliser's rewrite): empty, at the cursor
    for (let k = 0; k < count; k++) {
      const token: ModelToken = { id: ids[i + k], piece: tokenizer.id_to_token(ids[i + k]) ?? '', text: text.slice(start, end), start, end, special: false };
      if (count > 1) token.byte = { index: k, count };
      tokens.push(token);
    }
    i += count;
  }
  return tokens;
}
