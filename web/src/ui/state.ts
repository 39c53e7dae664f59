// What a view shows, as one plain object: the demo keeps it in the URL hash,
// the element in its attributes. Defaults and allowed values live here only.
import { TOKENIZER_CONFIG, type KoreanMode } from '../text/tokenizer.js';
import { COLORMAPS, type ColormapName } from '../render/colormaps.js';
import { ATTENTION_KINDS, type AttentionKind } from './scenes/model.js';
import { SHIPPED_MODELS } from './models/shipped.js';
import { DISK_MODEL, TOY_MODEL } from './models/slot.js';

export const VIEWS = ['head', 'grid', 'steps', 'table', 'model', 'lines'] as const;
export type ViewName = (typeof VIEWS)[number];
export const PROJECTIONS = ['identity', 'projected'] as const;
export type Projection = (typeof PROJECTIONS)[number];
export const MASKS = ['padding', 'causal', 'both', 'none'] as const;
export type MaskMode = (typeof MASKS)[number];
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface WidgetState {
  /** Query sentences (a batch when more than one). */
  sentences: string[];
  /** Cross-attention: keys and values come from these (one per query sentence, or one for all). */
  crossWith: string[];
  modelDim: number;
  heads: number;
  view: ViewName;
  /** Head shown in the single-head and step views, 0-based; -1 is the average over heads. */
  head: number;
  /** Batch row shown. */
  row: number;
  mask: MaskMode;
  projection: Projection;
  positional: boolean;
  colormap: ColormapName;
  lang: Language;
  korean: KoreanMode;
  specialTokens: boolean;
  lowercase: boolean;
  maxTokens: number;
  /** 'toy' (the walk-through), a shipped model's name, a checkpoint folder URL, or 'disk' (opened from files). */
  model: string;
  /** Layer shown, 0-based. */
  layer: number;
  /** Encoder–decoder models: which attention is shown. */
  attentionKind: AttentionKind;
  /** URL of own numbers (attention JSON) to draw instead of computing any. */
  src: string;
  /**
   * A head named by its role in the model's config.json (jumok.heads: coreference, alignment): layer and head
   * follow the model, so a link or an element stays right when the model is retrained. '' for none.
   */
  headRole: string;
  /** Aggregate pieces to whole words (mean over a word's query pieces, sum over its key pieces). */
  words: boolean;
}

export const LIMITS = Object.freeze({
  modelDim: { min: 2, max: 2048 },
  heads: { min: 1, max: 64 },
  maxTokens: TOKENIZER_CONFIG.maxTokensRange,
  sentences: 8,
  textLength: 20_000,
  layers: 256,
  urlLength: 2000,
});

/** The interface language of a BCP 47 tag ('ko-KR' → 'ko'), or undefined for any other language. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  const primary = tag?.toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === primary);
}

export function defaultLanguage(): Language {
  return (typeof navigator === 'object' && languageOf(navigator.language)) || 'en';
}

export function defaultState(): WidgetState {
  return {
    sentences: ['철수가 사과를 맛있게 먹었다.'],
    crossWith: [],
    modelDim: 512,
    heads: 8,
    view: 'head',
    head: 0,
    row: 0,
    mask: 'padding',
    projection: 'identity',
    positional: false,
    colormap: 'blues',
    lang: defaultLanguage(),
    korean: TOKENIZER_CONFIG.defaults.korean,
    specialTokens: TOKENIZER_CONFIG.defaults.specialTokens,
    lowercase: TOKENIZER_CONFIG.defaults.lowercase,
    maxTokens: TOKENIZER_CONFIG.defaults.maxTokens,
    model: TOY_MODEL,
    layer: 0,
    attentionKind: 'encoder',
    src: '',
    words: false,
    headRole: '',
  };
}

/**
 * A problem with a given value; the default is used instead and the page says so. With keptLines, the value
 * was used but only its first keptLines lines (a batch's limit), and `given` is how many there were.
 */
export interface StateNotice {
  key: string;
  given: string;
  expected: string;
  keptLines?: number;
}

type Parsers = { [K in keyof WidgetState]: (text: string) => WidgetState[K] | undefined };

const oneOf = <T extends string>(allowed: readonly T[]) => (text: string) =>
  (allowed as readonly string[]).includes(text) ? (text as T) : undefined;
const integer = (min: number, max: number) => (text: string) => {
  const value = Number(text);
  return /^-?\d+$/.test(text.trim()) && value >= min && value <= max ? value : undefined;
};
const bool = (text: string) => (text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined);
const allLines = (text: string) =>
  text.split('\n').map((line) => line.slice(0, LIMITS.textLength)).filter((line) => line.trim() !== '');
const lines = (text: string) => allLines(text).slice(0, LIMITS.sentences);
/** A model: the toy, a shipped name, 'disk', or a folder URL (anything with a slash; resolved against the page). */
const modelName = (text: string) => {
  const trimmed = text.trim();
  if (trimmed === TOY_MODEL || trimmed === DISK_MODEL || (SHIPPED_MODELS as readonly string[]).includes(trimmed)) return trimmed;
  return trimmed.includes('/') && trimmed.length <= LIMITS.urlLength ? trimmed : undefined;
};
const url = (text: string) => (text.trim().length <= LIMITS.urlLength ? text.trim() : undefined);
const LINE_KEYS: readonly (keyof WidgetState)[] = ['sentences', 'crossWith'];

const PARSERS: Parsers = {
  sentences: lines,
  crossWith: lines,
  modelDim: integer(LIMITS.modelDim.min, LIMITS.modelDim.max),
  heads: integer(LIMITS.heads.min, LIMITS.heads.max),
  view: oneOf(VIEWS),
  head: integer(-1, LIMITS.heads.max - 1),
  row: integer(0, LIMITS.sentences - 1),
  mask: oneOf(MASKS),
  projection: oneOf(PROJECTIONS),
  positional: bool,
  colormap: oneOf(Object.keys(COLORMAPS) as ColormapName[]),
  lang: oneOf(LANGUAGES),
  korean: oneOf(TOKENIZER_CONFIG.koreanModes),
  specialTokens: bool,
  lowercase: bool,
  maxTokens: integer(LIMITS.maxTokens.min, LIMITS.maxTokens.max),
  model: modelName,
  layer: integer(0, LIMITS.layers - 1),
  attentionKind: oneOf(ATTENTION_KINDS),
  src: url,
  words: bool,
  headRole: (text: string) => (/^[a-z_]{0,40}$/.test(text.trim()) ? text.trim() : undefined),
};

const EXPECTED: { [K in keyof WidgetState]: string } = {
  sentences: 'text, one sentence per line',
  crossWith: 'text, one sentence per line',
  modelDim: `an integer from ${LIMITS.modelDim.min} to ${LIMITS.modelDim.max}`,
  heads: `an integer from ${LIMITS.heads.min} to ${LIMITS.heads.max}`,
  view: VIEWS.join(', '),
  head: `an integer from -1 (average) to ${LIMITS.heads.max - 1}`,
  row: `an integer from 0 to ${LIMITS.sentences - 1}`,
  mask: MASKS.join(', '),
  projection: PROJECTIONS.join(', '),
  positional: 'true or false',
  colormap: Object.keys(COLORMAPS).join(', '),
  lang: LANGUAGES.join(', '),
  korean: TOKENIZER_CONFIG.koreanModes.join(', '),
  specialTokens: 'true or false',
  lowercase: 'true or false',
  maxTokens: `an integer from ${LIMITS.maxTokens.min} to ${LIMITS.maxTokens.max}`,
  model: `${TOY_MODEL}, ${SHIPPED_MODELS.join(', ')}, or a model folder URL`,
  layer: `an integer from 0 to ${LIMITS.layers - 1}`,
  attentionKind: ATTENTION_KINDS.join(', '),
  src: `a URL of attention JSON, up to ${LIMITS.urlLength} characters`,
  words: 'true or false',
  headRole: 'a head role named in the model\'s config.json (coreference, alignment), or nothing',
};

export const STATE_KEYS = Object.keys(PARSERS) as (keyof WidgetState)[];

/**
 * Sets one field from text; returns a notice (and keeps the old value) when the text is not allowed, or a
 * keptLines notice when more sentences were given than a batch holds (the first ones are kept).
 */
export function setFromText(state: WidgetState, key: keyof WidgetState, text: string): StateNotice | null {
  const value = PARSERS[key](text);
  if (value === undefined) return { key, given: text.length > 60 ? `${text.slice(0, 60)}…` : text, expected: EXPECTED[key] };
  (state as unknown as Record<string, unknown>)[key] = value;
  const given = LINE_KEYS.includes(key) ? allLines(text).length : 0;
  return given > LIMITS.sentences ? { key, given: String(given), expected: EXPECTED[key], keptLines: LIMITS.sentences } : null;
}

function textOf(value: WidgetState[keyof WidgetState]): string {
  return Array.isArray(value) ? value.join('\n') : String(value);
}

/** The hash for a state: only what differs from the defaults, so links stay short. */
export function stateToHash(state: WidgetState): string {
  const defaults = defaultState();
  const params = new URLSearchParams();
  for (const key of STATE_KEYS) {
    const text = textOf(state[key]);
    if (text !== textOf(defaults[key])) params.set(key, text);
  }
  return params.toString();
}

/** Parses a hash (with or without '#'); anything malformed becomes a notice and the default. */
export function stateFromHash(hash: string): { state: WidgetState; notices: StateNotice[] } {
  const state = defaultState();
  const notices: StateNotice[] = [];
  // URLSearchParams never throws: malformed escapes stay as text and fail their key's parser.
  for (const [key, text] of new URLSearchParams(hash.replace(/^#/, ''))) {
    if (!(STATE_KEYS as string[]).includes(key)) {
      notices.push({ key, given: text.slice(0, 60), expected: `one of the known keys (${STATE_KEYS.join(', ')})` });
      continue;
    }
    const notice = setFromText(state, key as keyof WidgetState, text);
    if (notice) notices.push(notice);
  }
  return { state, notices };
}
