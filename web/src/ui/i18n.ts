// Interface text in Korean and English. Every string the widget shows lives here.
import type { Language } from './state.js';
import type { NumbersProblem } from './scenes/numbers.js';
import type { ModelInfo } from './models/slot.js';

const megabytes = (bytes: number) => (bytes / 1e6 < 10 ? (bytes / 1e6).toFixed(2) : (bytes / 1e6).toFixed(0));

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
  viewModel: 'Model view', viewLines: 'Lines', words: 'Whole words', allHeadsOverlaid: 'All heads, overlaid', layer: 'Layer', model: 'Model', modelToy: 'Toy (walk-through)',
  modelDisk: 'files from disk', attention: 'Attention', attentionEncoder: 'Encoder self-attention',
  attentionDecoder: 'Decoder self-attention', attentionCross: 'Cross-attention (decoder → encoder)',
  averageShort: 'avg', layerShort: (layer: number) => `L${layer}`,
  layerOf: (layer: number, layers: number) => `layer ${layer} of ${layers}`,
  openLayerHead: (layer: number, head: number) => `Open layer ${layer}, head ${head}`,
  openLayerAverage: (layer: number) => `Open the average of layer ${layer}`,
  linesLabel: 'Lines from each query (left) to each key (right); opacity is the weight. Hover a token to see only its lines.',
  openModel: 'Open a model…', openModelNote: 'A Hugging Face folder (config.json, model.safetensors or shards, tokenizer.json): by URL, or files from your disk — read in this page, never uploaded.',
  modelUrl: 'Model folder URL', openUrl: 'Open', modelFiles: 'Files from your disk', dropFiles: 'Or drop the files here.',
  forgetModels: 'Forget downloaded models', forgotModels: 'Downloaded models forgotten',
  loadingModel: 'Loading the model…',
  modelKept: 'This model is kept in your browser for the next visit; “Open a model…” → “Forget downloaded models” removes it.',
  noHeadRole: (role: string, roles: string[]) => `This model's config.json names no ${role} head (${roles.length ? `it names: ${roles.join(', ')}` : 'it names none'}); the layer and head given are drawn.`,
  noSuchLayer: (layer: number, layers: number) => `There is no layer ${layer}: this attention has ${layers} layers, so layer ${layers} is drawn.`,
  modelSummary: (info: ModelInfo) => `${info.name}: ${info.architecture}, ${info.layers} layers × ${info.heads} heads, ${megabytes(info.bytes)} MB`,
  crossModelNote: 'Cross-attention: each row is the token the decoder writes there, columns are the source tokens.',
  modelError: 'Could not load or run this model',
  noTrace: 'this version of the runtime gives no per-layer trace (Q, K, V), so the step view cannot show this model',
  unknownWords: (words: string[]) => `The model does not know ${words.map((w) => `“${w}”`).join(', ')}: it reads ${words.length === 1 ? 'it' : 'them'} as its unknown token.`,
  diskModelLink: 'This model was opened from your disk: a link to this page cannot carry it (whoever opens the link is asked to open the files).',
  diskModelMissing: 'This link names a model opened from someone’s disk, which a link cannot carry: open the model’s files with “Open a model…”.',
  diskFilesMissing: (missing: string, names: string[]) => `the files chosen (${names.join(', ')}) have no ${missing}; expected config.json, model.safetensors (or shards) and tokenizer.json`,
  nextTokens: 'Next token (top 5):', continueGreedy: 'Continue with the top token', fillMask: '[MASK] filled (top 5):',
  greedyTranslation: 'Greedy translation:',
  translationScore: (logProbability: string) => `Your translation, read by the model (teacher forcing): log-probability ${logProbability}; each token's probability:`,
  numbersError: 'Cannot draw these numbers',
  numbersProblem: (p: NumbersProblem): string => {
    switch (p.kind) {
      case 'json': return `the file is not JSON (${p.detail})`;
      case 'fetch': return `could not fetch ${p.url}: ${p.detail}`;
      case 'notObject': return 'expected a JSON object { "tokens": […], "attention": […] }';
      case 'missing': return `there is no "${p.field}"; expected { "tokens": […], "attention": […] }`;
      case 'tokens': return `"${p.field}" must be a non-empty array of strings`;
      case 'depth': return `attention is nested ${p.depth} deep; expected [L,S], [H,L,S] or [layers][batch][heads][L][S]`;
      case 'ragged': return `${p.path} has ${p.length} entries where the others have ${p.expected}; expected rows of equal length`;
      case 'length': return `${p.path} has ${p.length} entries but "${p.field}" has ${p.expected} tokens; expected one per token`;
      case 'number': return `${p.path} is ${p.value}; expected a finite number`;
      case 'negative': return `${p.path} is ${p.value}; expected attention weights of 0 or more`;
      case 'rowSum': return `${p.rows} row${p.rows === 1 ? ' does' : 's do'} not sum to 1 (${p.path} sums to ${p.sum.toFixed(3)}); drawn as given.`;
    }
  },
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
  viewModel: '모델 전체', viewLines: '선', words: '단어 단위로', allHeadsOverlaid: '모든 헤드 겹쳐 보기', layer: '층', model: '모델', modelToy: '장난감 (따라 하기)',
  modelDisk: '내 컴퓨터의 파일', attention: '어텐션', attentionEncoder: '인코더 셀프 어텐션',
  attentionDecoder: '디코더 셀프 어텐션', attentionCross: '교차 어텐션 (디코더 → 인코더)',
  averageShort: '평균', layerShort: (layer: number) => `${layer}층`,
  layerOf: (layer: number, layers: number) => `층 ${layer}/${layers}`,
  openLayerHead: (layer: number, head: number) => `${layer}층 헤드 ${head} 열기`,
  openLayerAverage: (layer: number) => `${layer}층 평균 열기`,
  linesLabel: '각 쿼리(왼쪽)에서 각 키(오른쪽)로 가는 선: 진할수록 가중치가 큽니다. 토큰 위에 올리면 그 토큰의 선만 보입니다.',
  openModel: '모델 열기…', openModelNote: 'Hugging Face 폴더 (config.json, model.safetensors 또는 조각 파일, tokenizer.json): URL로, 또는 내 컴퓨터의 파일로 — 이 페이지 안에서만 읽고 어디에도 올리지 않습니다.',
  modelUrl: '모델 폴더 URL', openUrl: '열기', modelFiles: '내 컴퓨터의 파일', dropFiles: '또는 파일을 여기에 끌어다 놓으세요.',
  forgetModels: '내려받은 모델 지우기', forgotModels: '내려받은 모델을 지웠습니다',
  loadingModel: '모델을 불러오는 중…',
  modelKept: '이 모델은 다음 방문을 위해 브라우저에 보관됩니다. “모델 열기…” → “내려받은 모델 지우기”로 지울 수 있습니다.',
  noHeadRole: (role: string, roles: string[]) => `이 모델의 config.json에는 ${role} 헤드가 없습니다 (${roles.length ? `있는 것: ${roles.join(', ')}` : '지정된 헤드 없음'}). 주어진 층과 헤드를 그렸습니다.`,
  noSuchLayer: (layer: number, layers: number) => `${layer}층은 없습니다: 이 어텐션은 ${layers}층이라 ${layers}층을 그렸습니다.`,
  modelSummary: (info: ModelInfo) => `${info.name}: ${info.architecture}, ${info.layers}층 × 헤드 ${info.heads}개, ${megabytes(info.bytes)} MB`,
  crossModelNote: '교차 어텐션: 각 행은 디코더가 그 자리에서 쓰는 토큰, 열은 원문 토큰입니다.',
  modelError: '이 모델을 불러오거나 실행하지 못했습니다',
  noTrace: '이 버전의 런타임은 층별 중간값(Q, K, V)을 주지 않아 단계별 보기로 이 모델을 보여 줄 수 없습니다',
  unknownWords: (words: string[]) => `모델이 모르는 단어: ${words.map((w) => `“${w}”`).join(', ')} — 모르는 단어 토큰으로 읽습니다.`,
  diskModelLink: '내 컴퓨터에서 연 모델입니다: 이 페이지의 링크에는 모델이 담기지 않습니다 (링크를 연 사람은 파일을 직접 열어야 합니다).',
  diskModelMissing: '이 링크는 다른 사람의 컴퓨터에서 연 모델을 가리키는데, 링크에는 모델이 담기지 않습니다: “모델 열기…”로 모델 파일을 여세요.',
  diskFilesMissing: (missing: string, names: string[]) => `고른 파일 (${names.join(', ')})에 ${missing}이(가) 없습니다. config.json, model.safetensors (또는 조각 파일), tokenizer.json이 필요합니다`,
  nextTokens: '다음 토큰 (상위 5개):', continueGreedy: '가장 높은 토큰으로 이어 쓰기', fillMask: '[MASK] 채우기 (상위 5개):',
  greedyTranslation: '탐욕적 번역:',
  translationScore: (logProbability: string) => `입력한 번역을 모델이 읽은 결과 (teacher forcing): 로그 확률 ${logProbability}, 토큰별 확률:`,
  numbersError: '이 숫자들은 그릴 수 없습니다',
  numbersProblem: (p: NumbersProblem): string => {
    switch (p.kind) {
      case 'json': return `JSON 파일이 아닙니다 (${p.detail})`;
      case 'fetch': return `${p.url}을(를) 가져오지 못했습니다: ${p.detail}`;
      case 'notObject': return 'JSON 객체 { "tokens": […], "attention": […] } 가 필요합니다';
      case 'missing': return `"${p.field}"가 없습니다. { "tokens": […], "attention": […] } 형식이 필요합니다`;
      case 'tokens': return `"${p.field}"는 비어 있지 않은 문자열 배열이어야 합니다`;
      case 'depth': return `attention이 ${p.depth}겹으로 중첩되어 있습니다. [L,S], [H,L,S] 또는 [층][배치][헤드][L][S]가 필요합니다`;
      case 'ragged': return `${p.path}의 항목은 ${p.length}개인데 다른 행은 ${p.expected}개입니다. 행의 길이가 같아야 합니다`;
      case 'length': return `${p.path}의 항목은 ${p.length}개인데 "${p.field}"의 토큰은 ${p.expected}개입니다. 토큰마다 하나씩 필요합니다`;
      case 'number': return `${p.path}의 값이 ${p.value}입니다. 유한한 수가 필요합니다`;
      case 'negative': return `${p.path}의 값이 ${p.value}입니다. 어텐션 가중치는 0 이상이어야 합니다`;
      case 'rowSum': return `${p.rows}개 행의 합이 1이 아닙니다 (${p.path}의 합 ${p.sum.toFixed(3)}). 주어진 값 그대로 그렸습니다.`;
    }
  },
};

export const STRINGS: Record<Language, Strings> = { en: EN, ko: KO };
export type { Strings };
