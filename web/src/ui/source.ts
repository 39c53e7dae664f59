// The source sentences as the user typed them, each token a span found by its
// offsets, so hovering a cell can highlight the words behind it. Text nodes only:
// user text is never parsed as HTML.
import type { Token } from '../text/tokenizer.js';

export function renderSource(container: HTMLElement, text: string, tokens: readonly Token[], role: 'query' | 'key') {
  const line = document.createElement('p');
  line.className = `jm-source jm-source-${role}`;
  let cursor = 0;
  tokens.forEach((token, index) => {
    if (token.start < 0 || token.start < cursor) return; // specials and PAD have no text
    if (token.start > cursor) line.append(text.slice(cursor, token.start));
    const span = document.createElement('span');
    span.className = 'jm-token';
    span.dataset.index = String(index);
    span.textContent = text.slice(token.start, token.end);
    line.append(span);
    cursor = token.end;
  });
  if (cursor < text.length) line.append(text.slice(cursor, Math.min(text.length, cursor + 2000)));
  container.append(line);
}

/** Marks the token spans of one query and one key (or clears them with -1). */
export function highlightSource(container: HTMLElement, query: number, key: number) {
  for (const span of container.querySelectorAll<HTMLElement>('.jm-token')) {
    const index = Number(span.dataset.index);
    const isQuery = span.closest('.jm-source-query') !== null;
    const isKey = span.closest('.jm-source-key') !== null;
    span.classList.toggle('jm-hl-query', isQuery && index === query);
    span.classList.toggle('jm-hl-key', isKey && index === key);
  }
}
