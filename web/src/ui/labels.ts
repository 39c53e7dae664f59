// Token labels for axes, tables and announcements.
import type { Token } from '../text/tokenizer.js';

/** A particle split off its stem reads "+를", so "사과 +를" stays visibly one eojeol. */
export function tokenLabel(token: Token): string {
  return token.joinedToPrevious ? `+${token.text}` : token.text;
}

/** PAD and <sos>/<eos> are drawn dimmed. */
export function isDim(token: Token): boolean {
  return token.kind === 'pad' || token.kind === 'special';
}
