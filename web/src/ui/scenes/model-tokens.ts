// A checkpoint's own tokens as the page's Token, so every view labels them as it labels its own: a piece that
// continues a word (WordPiece "##는", a BPE piece without "Ġ" or "▁") is drawn joined ("+는"), special tokens
// ([CLS], <s>) dimmed by their piece, and each byte piece of one character (a Hangul syllable in byte-level BPE
// is three) as the whole character with its place ("한 1/3"), never bytes or jamo.
import type { ModelToken } from '../../checkpoint/types.js';
import type { Token, TokenKind } from '../../text/tokenizer.js';

const WORD_START = /^(Ġ|▁)/;
const CONTINUATION = '##';

/**
 * How a vocabulary marks pieces: BPE and SentencePiece mark word starts ("Ġ", "▁"), WordPiece marks continuations
 * ("##"). A text with no marked word start is read as WordPiece: then only "##" pieces are joined.
 */
function marksContinuations(tokens: readonly ModelToken[]): boolean {
  return !tokens.some((token) => WORD_START.test(token.piece));
}

function kindOf(token: ModelToken): TokenKind {
  if (token.special) return 'special';
  if (/^\p{P}+$/u.test(token.text)) return 'punct';
  if (/^\p{N}+$/u.test(token.text)) return 'number';
  return 'word';
}

function labelOf(token: ModelToken): string {
  if (token.special) return token.piece;
  if (token.byte && token.byte.count > 1) return `${token.text} ${token.byte.index + 1}/${token.byte.count}`;
  return token.text.trim() === '' ? token.piece : token.text;
}

export function viewTokens(tokens: readonly ModelToken[], sentence = 0): Token[] {
  const wordPiece = marksContinuations(tokens);
  return tokens.map((token, i) => {
    const previous = tokens[i - 1];
    const touches = previous !== undefined && !previous.special && previous.end === token.start && !token.special;
    const continues = wordPiece ? token.piece.startsWith(CONTINUATION) : !WORD_START.test(token.piece);
    // The second and third byte of one character continue that character, not a word: drawn as the character.
    const sameCharacter = (token.byte?.index ?? 0) > 0;
    return {
      text: labelOf(token), kind: kindOf(token),
      start: token.special ? -1 : token.start, end: token.special ? -1 : token.end,
      joinedToPrevious: touches && continues && !sameCharacter && kindOf(token) !== 'punct', sentence,
    };
  });
}

/** The words the vocabulary does not know (the text each unknown token stands for), once each. */
export function unknownWords(tokens: readonly ModelToken[]): string[] {
  return [...new Set(tokens.filter((token) => token.unknown).map((token) => token.text))];
}
