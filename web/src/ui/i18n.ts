// Interface text in Korean and English. Every string the widget shows lives here.
import type { Language } from './state.js';

const EN = {
  view: 'View', viewHead: 'One head', viewGrid: 'All heads', viewSteps: 'Step by step', viewTable: 'Table',
  head: 'Head', average: 'Average of heads', row: 'Sentence', mask: 'Mask',
  maskPadding: 'Padding', maskCausal: 'Causal', maskBoth: 'Padding + causal', maskNone: 'None',
  projection: 'Projection', projectionIdentity: 'Identity (Q = K = V = x)', projectionProjected: 'Learned-style W_Q, W_K, W_V, W_O',
  positional: 'Positional encoding', colormap: 'Colours', zoom: 'Zoom', language: 'Language',
  exportPng: 'PNG', exportCsv: 'CSV',
  query: 'query', key: 'key', weight: 'weight', score: 'score', masked: 'masked (−∞)',
  rowsAreQueries: 'Rows are queries, columns are keys; each row sums to 1.',
  cut: (limit: number) => `The text was cut at ${limit} tokens per sentence.`,
  computing: 'Computing…',
  tokens: (count: number) => `${count} tokens`,
  headOf: (head: number, heads: number) => `head ${head} of ${heads}`,
  crossNote: 'Cross-attention: queries from the first text, keys and values from the second.',
  selfNote: 'Self-attention: every token attends to the tokens of its own sentence.',
  announce: (query: string, key: string, weight: string) => `query ${query} → key ${key}: ${weight}`,
  announceMasked: (query: string, key: string) => `query ${query} → key ${key}: masked`,
  stageScores: 'Q·Kᵀ', stageScaled: '÷ √dₖ', stageMasked: '+ mask', stageSoftmax: 'softmax', stageOutput: '× V',
  stageConcat: 'concat heads', stageProjected: '× W_O', stageQueries: 'Q', stageKeys: 'K', stageValues: 'V',
  stageIdentityOut: 'W_O = identity (no output projection)',
  tableCaption: (head: string) => `Attention weights, ${head}: rows are queries, columns are keys`,
  thumbnailLabel: (head: number) => `head ${head}`,
  openHead: (head: number) => `Open head ${head}`,
  error: 'Cannot draw this input',
  loadError: 'Could not load the attention core (the .wasm file)',
  notice: (key: string, given: string, expected: string) => `Ignored ${key} = “${given}”: expected ${expected}.`,
  keptLines: (key: string, given: string, kept: number) =>
    `${key} has ${given} lines; a batch holds ${kept} sentences, so the first ${kept} are drawn.`,
};

type Strings = typeof EN;

const KO: Strings = {
  view: '보기', viewHead: '헤드 하나', viewGrid: '모든 헤드', viewSteps: '단계별', viewTable: '표',
  head: '헤드', average: '헤드 평균', row: '문장', mask: '마스크',
  maskPadding: '패딩', maskCausal: '인과(미래 가림)', maskBoth: '패딩 + 인과', maskNone: '없음',
  projection: '투영', projectionIdentity: '항등 (Q = K = V = x)', projectionProjected: '학습된 듯한 W_Q, W_K, W_V, W_O',
  positional: '위치 인코딩', colormap: '색상', zoom: '확대', language: '언어',
  exportPng: 'PNG', exportCsv: 'CSV',
  query: '쿼리', key: '키', weight: '가중치', score: '점수', masked: '마스크됨 (−∞)',
  rowsAreQueries: '행은 쿼리, 열은 키입니다. 각 행의 합은 1입니다.',
  cut: (limit: number) => `문장마다 토큰 ${limit}개까지만 사용했습니다.`,
  computing: '계산 중…',
  tokens: (count: number) => `토큰 ${count}개`,
  headOf: (head: number, heads: number) => `헤드 ${head}/${heads}`,
  crossNote: '교차 어텐션: 쿼리는 첫 번째 글에서, 키와 값은 두 번째 글에서 옵니다.',
  selfNote: '셀프 어텐션: 각 토큰이 같은 문장의 토큰들에 주목합니다.',
  announce: (query: string, key: string, weight: string) => `쿼리 ${query} → 키 ${key}: ${weight}`,
  announceMasked: (query: string, key: string) => `쿼리 ${query} → 키 ${key}: 마스크됨`,
  stageScores: 'Q·Kᵀ', stageScaled: '÷ √dₖ', stageMasked: '+ 마스크', stageSoftmax: '소프트맥스', stageOutput: '× V',
  stageConcat: '헤드 이어 붙이기', stageProjected: '× W_O', stageQueries: 'Q', stageKeys: 'K', stageValues: 'V',
  stageIdentityOut: 'W_O = 항등 (출력 투영 없음)',
  tableCaption: (head: string) => `어텐션 가중치, ${head}: 행은 쿼리, 열은 키`,
  thumbnailLabel: (head: number) => `헤드 ${head}`,
  openHead: (head: number) => `헤드 ${head} 열기`,
  error: '이 입력은 그릴 수 없습니다',
  loadError: '어텐션 계산 모듈(.wasm 파일)을 불러오지 못했습니다',
  notice: (key: string, given: string, expected: string) => `${key} = “${given}” 값은 무시했습니다. 가능한 값: ${expected}.`,
  keptLines: (key: string, given: string, kept: number) =>
    `${key}에 ${given}줄이 있지만 배치에는 문장이 ${kept}개까지 들어가므로 처음 ${kept}개만 그렸습니다.`,
};

export const STRINGS: Record<Language, Strings> = { en: EN, ko: KO };
export type { Strings };
