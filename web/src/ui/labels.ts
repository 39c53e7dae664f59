// Token labels for axes, tables and announcements.
import type { Token } from '../text/tokenizer.js';

/** A particle split off its stem reads "+를", so "사과 +를" stays visibly one eojeol. */
export function tokenLabel(token: Token): string {
  return token.joinedToPrevious ? `+${token.text}` : token.text;
}

/** The label with its part of speech in morpheme mode ("+는 (ETM)"): the tooltip's and the table's. */
export function tokenDescription(token: Token): string {
  return token.pos === undefined ? tokenLabel(token) : `${tokenLabel(token)} (${token.pos})`;
}

/** PAD and <sos>/<eos> are drawn dimmed. */
export function isDim(token: Token): boolean {
  return token.kind === 'pad' || token.kind === 'special';
}
