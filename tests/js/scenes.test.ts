// The widget's scene helpers in Node: own numbers (exact values in, a NumbersError naming the entry for anything
// else, never another throw), whole words (rows still sum to 1, values are the pieces' mean and sum), and model
// pieces drawn readably.
import { describe, expect, it } from 'vitest';

import type { ModelToken } from '../../web/src/checkpoint/types.js';
import { NumbersError, numbersScene } from '../../web/src/ui/scenes/numbers.js';
import { unknownWords, viewTokens } from '../../web/src/ui/scenes/model-tokens.js';
import { headWeights } from '../../web/src/ui/scenes/scene.js';
import { wordGroups, wordScene } from '../../web/src/ui/scenes/words.js';

/** mulberry32: the same cases on every run. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmaxRows(random: () => number, rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () => {
    const row = Array.from({ length: columns }, () => Math.exp(3 * random()));
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / sum);
  });
}

describe('own numbers', () => {
  it('keeps every value of [L,S], [H,L,S] and [layers][batch][heads][L][S] exactly (as float32)', () => {
    const random = seeded(1);
    const tokens = ['a', 'b', 'c'];
    const matrix = softmaxRows(random, 3, 3);
    const heads = [matrix, softmaxRows(random, 3, 3)];
    const hf = [[heads], [[softmaxRows(random, 3, 3), softmaxRows(random, 3, 3)]]];
    for (const [attention, layers, count] of [[matrix, 1, 1], [heads, 1, 2], [hf, 2, 2]] as const) {
      const { scene, warnings } = numbersScene({ tokens, attention }, layers - 1);
      expect(warnings).toEqual([]);
      expect([scene.layers.length, scene.heads, scene.queryLength, scene.keyLength]).toEqual([layers, count, 3, 3]);
      const expected = layers === 2 ? hf[1][0][count - 1] : count === 2 ? heads[1] : matrix;
      expect([...headWeights(scene, 0, count - 1)]).toEqual(expected.flat().map(Math.fround));
    }
  });

  it('throws only NumbersError on 2,000 seeded malformed inputs, and draws nothing wrong', () => {
    const random = seeded(7);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const value = (): unknown => pick([0.5, -0.1, Number.NaN, Infinity, '0.5', null, [], {}, 1e-9, 2]);
    let drawn = 0;
    for (let i = 0; i < 2000; i++) {
      const L = 1 + Math.floor(random() * 4), S = 1 + Math.floor(random() * 4);
      const rows = softmaxRows(random, L, S) as unknown[][];
      // Break it: a value, a row's length, a token list, or the nesting.
      const damage = Math.floor(random() * 5);
      if (damage === 0) rows[Math.floor(random() * L)][Math.floor(random() * S)] = value();
      if (damage === 1) rows[Math.floor(random() * L)].pop();
      const tokens: unknown = damage === 2 ? pick([[], ['x'], 'abc', [1, 2], undefined]) : Array.from({ length: L }, (_, k) => `t${k}`);
      const attention = damage === 3 ? [[[[rows]]]] : damage === 4 ? pick([rows, [rows], 42, null]) : rows;
      try {
        const { scene } = numbersScene({ tokens, keyTokens: Array.from({ length: S }, (_, k) => `k${k}`), attention }, 0);
        for (const v of scene.weights) expect(Number.isFinite(v) && v >= 0).toBe(true);
        drawn++;
      } catch (error) {
        expect(error).toBeInstanceOf(NumbersError);
      }
    }
    expect(drawn).toBeGreaterThan(100);
  });

  it('warns about rows that do not sum to 1, naming the first', () => {
    const { warnings } = numbersScene({ tokens: ['a', 'b'], attention: [[[1, 0], [0.5, 0.2]], [[0.5, 0.5], [0, 0]]] }, 0);
    expect(warnings).toEqual([{ kind: 'rowSum', rows: 2, path: 'attention[0][1]', sum: expect.closeTo(0.7, 6) }]);
  });
});

function token(piece: string, text: string, start: number, extra: Partial<ModelToken> = {}): ModelToken {
  return { id: 0, piece, text, start, end: start + text.length, special: false, ...extra };
}

describe('model pieces', () => {
  it('joins WordPiece continuations, not punctuation, and names unknown words', () => {
    const tokens = [token('[CLS]', '', 0, { special: true, end: 0 }), token('나', '나', 0), token('##는', '는', 1),
      token('didn', 'didn', 3), token("'", "'", 7), token('t', 't', 8), token('[UNK]', 'zebra', 10, { unknown: true })];
    const view = viewTokens(tokens);
    expect(view.map((t) => (t.joinedToPrevious ? '+' : '') + t.text)).toEqual(['[CLS]', '나', '+는', 'didn', "'", 't', 'zebra']);
    expect(view[0].kind).toBe('special');
    expect(unknownWords(tokens)).toEqual(['zebra']);
  });

  it('draws byte pieces as their character with its place, and groups them into one word', () => {
    const tokens = [token('▁', '', 0, { end: 0 }), ...[0, 1, 2].map((index) => token(`<0x${index}>`, '한', 0, { byte: { index, count: 3 } })),
      token('▁cat', 'cat', 2)];
    const view = viewTokens(tokens);
    expect(view.map((t) => (t.joinedToPrevious ? '+' : '') + t.text)).toEqual(['▁', '+한 1/3', '한 2/3', '한 3/3', 'cat']);
    expect(wordGroups(view)).toEqual([[0, 1, 2, 3], [4]]);
  });
});

describe('whole words', () => {
  it('averages a word\'s query pieces and sums its key pieces: rows still sum to 1', () => {
    const random = seeded(3);
    const { scene } = numbersScene({ tokens: ['나', '는', 'cat'], attention: [softmaxRows(random, 3, 3), softmaxRows(random, 3, 3)] }, 0);
    scene.queryTokens[0][1].joinedToPrevious = true;  // 나 +는, as queries and as keys
    scene.keyTokens[0][1].joinedToPrevious = true;
    const words = wordScene(scene)!;
    expect([words.queryLength, words.keyLength]).toEqual([2, 2]);
    expect(words.queryTokens[0].map((t) => t.text)).toEqual(['나 는', 'cat']);
    for (let h = 0; h < 2; h++) {
      const pieces = headWeights(scene, 0, h), merged = headWeights(words, 0, h);
      expect(merged[0]).toBeCloseTo((pieces[0] + pieces[1] + pieces[3] + pieces[4]) / 2, 6);
      for (let i = 0; i < 2; i++) expect(merged[i * 2] + merged[i * 2 + 1]).toBeCloseTo(1, 5);
    }
  });
});

describe('the URL hash for models', () => {
  it('carries model, layer, head, headRole, attentionKind, view, words and src, and refuses what it cannot use', async () => {
    const { defaultState, stateFromHash, stateToHash } = await import('../../web/src/ui/state.js');
    const state = { ...defaultState(), model: 'https://example.org/models/tiny/', layer: 3, head: 5, headRole: 'alignment',
      attentionKind: 'cross' as const, view: 'lines' as const, words: true, src: 'attention.json' };
    const back = stateFromHash(stateToHash(state));
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(state);
    const bad = stateFromHash('model=gpt5&layer=-1&attentionKind=both&headRole=Alignment!&view=sideways');
    expect(bad.notices.map((n) => n.key)).toEqual(['model', 'layer', 'attentionKind', 'headRole', 'view']);
    expect(bad.state).toEqual(defaultState());
  });
});
