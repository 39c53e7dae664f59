// Built-in examples, written for jumok. Each is a partial widget state.
import type { WidgetState } from '../src/ui/state.js';

export interface Example {
  id: string;
  label: { ko: string; en: string };
  state: Partial<WidgetState>;
}

export const EXAMPLES: Example[] = [
  { id: 'question', label: { ko: '짧은 질문', en: 'Short Korean question' },
    state: { sentences: ['커피 한잔 할래요?'], crossWith: [], mask: 'padding', view: 'head' } },
  { id: 'batch', label: { ko: '문장 세 개 (패딩)', en: 'Batch of three (padding)' },
    state: { sentences: ['나는 학교에 간다.', '오늘은 비가 와서 우산을 챙겼다.', '고양이가 창가에서 졸다가 새 소리에 깼다.'],
      crossWith: [], mask: 'padding', row: 0, view: 'head' } },
  // The examples that name a phenomenon open the teaching model trained for it, at the head its config.json
  // names for it (headRole: jumok.heads), so a retrained model keeps its example right.
  { id: 'pronoun', label: { ko: '영어 대명사 "it" (jumok-coref)', en: 'English pronoun "it" (jumok-coref)' },
    state: { sentences: ["The animal didn't cross the street because it was too tired."], crossWith: [],
      model: 'jumok-coref', headRole: 'coreference', view: 'lines' } },
  { id: 'particles', label: { ko: '조사가 많은 문장', en: 'Korean particles' },
    state: { sentences: ['철수가 영희에게 도서관에서 빌린 책을 친구와 함께 읽었다.'], crossWith: [], korean: 'particle', view: 'head' } },
  { id: 'translation', label: { ko: '번역 (jumok-ko-en, 교차 어텐션)', en: 'Translation (jumok-ko-en, cross-attention)' },
    state: { sentences: ['나는 아침에 커피를 마신다.'], crossWith: [], model: 'jumok-ko-en', attentionKind: 'cross',
      headRole: 'alignment', view: 'head' } },
  { id: 'cross', label: { ko: '교차 어텐션 (장난감)', en: 'Cross-attention (toy)' },
    state: { sentences: ['나는 아침에 커피를 마신다.'], crossWith: ['I drink coffee in the morning.'],
      projection: 'projected', view: 'head' } },
  { id: 'steps', label: { ko: '단계별 계산', en: 'Step by step' },
    state: { sentences: ['철수가 사과를 맛있게 먹었다.'], crossWith: [], modelDim: 16, heads: 2, view: 'steps', head: 0, mask: 'causal' } },
];
