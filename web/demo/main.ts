// The demo page: sentence editors and examples around one AttentionWidget. The
// whole state lives in the URL hash, so a link (or an iframe) reproduces the view.
import { loadMorphemes } from '../src/text/morphemes.js';
import { defaultState, stateFromHash, stateToHash, type WidgetState } from '../src/ui/state.js';
import { AttentionWidget } from '../src/ui/widget.js';
import { EXAMPLES } from './examples.js';

const PAGE_TEXT = {
  en: { lede: 'Attention, number by number: type Korean or English, rows are queries, columns are keys, each row sums to 1.',
    input: 'Input', examples: 'Examples', sentences: 'Sentences (one per line; several make a batch)',
    crossWith: 'Second text: cross-attention keys and values for the toy, or your translation for jumok-ko-en (empty: self-attention, or the model\'s own translation)',
    modelDim: 'd_model (toy)', heads: 'heads (toy)',
    korean: 'Korean', specialTokens: '<sos>/<eos>', lowercase: 'lower-case', maxTokens: 'max tokens',
    particle: 'split particles (사과+를)', eojeol: 'eojeol (사과를)',
    morpheme: 'morphemes, mecab-ko-dic (집중+하+는, 28 MB)', loadingDictionary: 'Loading mecab-ko-dic' },
  ko: { lede: '어텐션을 숫자 하나하나까지: 한국어나 영어를 입력하세요. 행은 쿼리, 열은 키, 각 행의 합은 1입니다.',
    input: '입력', examples: '예시', sentences: '문장 (한 줄에 하나, 여러 줄이면 배치)',
    crossWith: '두 번째 글: 장난감에서는 교차 어텐션의 키와 값, jumok-ko-en에서는 내 번역 (비우면 셀프 어텐션, 또는 모델의 번역)',
    modelDim: 'd_model (장난감)', heads: '헤드 수 (장난감)',
    korean: '한국어', specialTokens: '<sos>/<eos>', lowercase: '소문자로', maxTokens: '최대 토큰',
    particle: '조사 분리 (사과+를)', eojeol: '어절 (사과를)',
    morpheme: '형태소, mecab-ko-dic (집중+하+는, 28 MB)', loadingDictionary: 'mecab-ko-dic 내려받는 중' },
};

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const fields = {
  sentences: $<HTMLTextAreaElement>('#sentences'),
  crossWith: $<HTMLTextAreaElement>('#cross-with'),
  modelDim: $<HTMLInputElement>('#model-dim'),
  heads: $<HTMLInputElement>('#heads'),
  korean: $<HTMLSelectElement>('#korean'),
  specialTokens: $<HTMLInputElement>('#special-tokens'),
  lowercase: $<HTMLInputElement>('#lowercase'),
  maxTokens: $<HTMLInputElement>('#max-tokens'),
};

const widget = new AttentionWidget($('#widget'), { onStateChange: (state) => {
  writeHash(state);
  translatePage(state);
  // The widget can change the text itself (Continue appends a causal LM's next token): the editors follow.
  if (state.sentences.join('\n') !== lines(fields.sentences.value).join('\n')) fillEditors(state);
} });

/**
 * Edits in the editors reach the URL once they pause: history.replaceState cost 0.5–1.4 ms a keystroke (profiled
 * in Chromium), on the path from the key to the redrawn heatmap. A pending write is made at once when an editor or
 * the window loses focus, and dropped if the hash changed meanwhile (the reader navigated); the widget's controls,
 * examples and the hash itself write at once. The cost: a reload within the pause forgets the last keys (writing
 * the URL while the page unloads does not reach the reloaded page in Chromium).
 */
const EDIT_HASH_DELAY_MS = 250;
let pendingHash: { state: WidgetState; hash: string; timer: ReturnType<typeof setTimeout> } | undefined;

function writeHashWhenEditsPause(state: WidgetState) {
  clearTimeout(pendingHash?.timer);
  pendingHash = { state, hash: location.hash, timer: setTimeout(flushHash, EDIT_HASH_DELAY_MS) };
}

function flushHash() {
  const pending = pendingHash;
  if (!pending) return;
  clearTimeout(pending.timer);
  pendingHash = undefined;
  if (pending.hash === location.hash) writeHash(pending.state);
}

function writeHash(state: WidgetState) {
  clearTimeout(pendingHash?.timer);
  pendingHash = undefined;
  const hash = stateToHash(state);
  if (hash !== location.hash.replace(/^#/, '')) history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

function translatePage(state: WidgetState) {
  const text = PAGE_TEXT[state.lang];
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = text[node.dataset.i18n as keyof typeof text];
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) node.setAttribute('aria-label', text[node.dataset.i18nLabel as keyof typeof text]);
  fields.korean.replaceChildren(new Option(text.particle, 'particle'), new Option(text.eojeol, 'eojeol'),
    new Option(text.morpheme, 'morpheme'));
  fields.korean.value = state.korean;
  const examples = $('.examples');
  examples.replaceChildren(...EXAMPLES.map((example) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.example = example.id;
    button.textContent = example.label[state.lang];
    button.addEventListener('click', () => apply({ ...defaultState(), lang: state.lang, ...example.state }));
    return button;
  }));
}

function fillEditors(state: WidgetState) {
  fields.sentences.value = state.sentences.join('\n');
  fields.crossWith.value = state.crossWith.join('\n');
  fields.modelDim.value = String(state.modelDim);
  fields.heads.value = String(state.heads);
  fields.korean.value = state.korean;
  fields.specialTokens.checked = state.specialTokens;
  fields.lowercase.checked = state.lowercase;
  fields.maxTokens.value = String(state.maxTokens);
}

function apply(state: WidgetState, notices = [] as ReturnType<typeof stateFromHash>['notices']) {
  translatePage(state);
  fillEditors(state);
  widget.setState(state, notices);
  showDictionaryLoad(state);
  writeHash(state);
}

/**
 * Morpheme mode's dictionary downloads (from this page's origin) the first time the mode is chosen: a bar shows
 * how far it is. The widget waits for the same load; a failure is the widget's to show.
 */
function showDictionaryLoad(state: WidgetState) {
  if (state.korean !== 'morpheme') return;
  const loading = $('#dictionary-loading'), bar = $<HTMLProgressElement>('#dictionary-progress');
  loading.hidden = false;
  const done = () => (loading.hidden = true);
  loadMorphemes({ onProgress: ({ fraction }) => (bar.value = fraction) }).then(done, done);
}

function lines(text: string) {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Editors → state, through the same parser as the hash, so bad values get the same notices. */
function fromEditors() {
  const { state, notices } = stateFromHash(new URLSearchParams({
    sentences: lines(fields.sentences.value).join('\n'), crossWith: lines(fields.crossWith.value).join('\n'),
    modelDim: fields.modelDim.value, heads: fields.heads.value, korean: fields.korean.value,
    specialTokens: String(fields.specialTokens.checked), lowercase: String(fields.lowercase.checked),
    maxTokens: fields.maxTokens.value,
  }).toString());
  const current = widget.getState();
  const next = { ...current, sentences: state.sentences, crossWith: state.crossWith, modelDim: state.modelDim,
    heads: state.heads, korean: state.korean, specialTokens: state.specialTokens, lowercase: state.lowercase,
    maxTokens: state.maxTokens };
  widget.setState(next, notices);
  showDictionaryLoad(next);
  writeHashWhenEditsPause(next);
}

for (const field of Object.values(fields)) field.addEventListener(field instanceof HTMLTextAreaElement ? 'input' : 'change', fromEditors);
fields.sentences.addEventListener('change', flushHash);
fields.crossWith.addEventListener('change', flushHash);
window.addEventListener('blur', flushHash); // e.g. the reader goes to the address bar to copy the link
window.addEventListener('hashchange', () => {
  const { state, notices } = stateFromHash(location.hash);
  apply(state, notices);
});

const initial = stateFromHash(location.hash);
apply(initial.state, initial.notices);
