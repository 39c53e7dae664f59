// Korean particle (조사) splitting by suffix matching. This is a heuristic,
// not a morphological analyzer: it is meant to make attention maps readable
// ("사과+를"), and it errs on the side of leaving a word whole.

/** Which final consonant (받침) the syllable before a particle must have. */
type BatchimRule =
  | 'any'
  | 'final' // 은, 이, 을, 과, 이나, 이랑: only after a closed syllable (책을)
  | 'noFinal' // 는, 가, 를, 와, 나, 랑: only after an open syllable (사과를)
  | 'finalNotRieul' // 으로…: after a final other than ㄹ (책으로, but 서울로)
  | 'noFinalOrRieul'; // 로…: after an open syllable or a ㄹ final (학교로, 서울로)

const PARTICLES: ReadonlyArray<readonly [string, BatchimRule]> = [
  ['은', 'final'], ['는', 'noFinal'],
  ['이', 'final'], ['가', 'noFinal'],
  ['을', 'final'], ['를', 'noFinal'],
  ['과', 'final'], ['와', 'noFinal'],
  ['이나', 'final'], ['나', 'noFinal'],
  ['이랑', 'final'], ['랑', 'noFinal'],
  ['으로', 'finalNotRieul'], ['로', 'noFinalOrRieul'],
  ['으로서', 'finalNotRieul'], ['로서', 'noFinalOrRieul'],
  ['으로써', 'finalNotRieul'], ['로써', 'noFinalOrRieul'],
  ['에', 'any'], ['에서', 'any'], ['에서부터', 'any'],
  ['에게', 'any'], ['에게서', 'any'], ['한테', 'any'], ['한테서', 'any'], ['께서', 'any'],
  ['의', 'any'], ['도', 'any'], ['만', 'any'], ['마다', 'any'], ['조차', 'any'], ['밖에', 'any'],
  ['부터', 'any'], ['까지', 'any'], ['처럼', 'any'], ['보다', 'any'], ['하고', 'any'],
];

// Longest match first, so 에서부터 wins over 부터 and 으로 over 로.
const PARTICLES_LONGEST_FIRST = [...PARTICLES].sort(([a], [b]) => b.length - a.length);

/**
 * Words whose last syllable(s) look like a particle with a matching 받침, so
 * the rules above would split them wrongly (누+나, 사+랑, 결+과, 도+로…).
 * Matched against the whole remaining stem only: matching as a suffix would
 * also block real splits such as 과정+도 (ends in 정도). Words the 받침 rule
 * already protects (사과: 과 needs a closed syllable; 아이: 이 likewise) and
 * words with no particle-like ending (나라, 바다, 고기, 어머니) need no entry.
 */
const LOOKS_LIKE_PARTICLE_BUT_IS_NOT: ReadonlySet<string> = new Set([
  // …나 / …랑 after an open syllable
  '누나', '하나', '그러나', '어머나', '사랑', '자랑', '파랑', '노랑',
  // …도 (度, 道, 島 and adverbs)
  '포도', '정도', '온도', '속도', '각도', '제도', '태도', '지도', '시도', '의도', '수도', '용도', '고도', '그래도',
  // …의 (議, 意, 義)
  '회의', '주의', '정의', '논의', '동의', '합의', '문의', '강의', '의의', '거의',
  // …과 after a closed syllable, …가 / …와 after an open one
  '결과', '성과', '학과', '휴가', '대가', '주가', '기와',
  // …로 after an open syllable or ㄹ (nouns and adverbs)
  '도로', '미로', '피로', '과로', '철로', '가로', '세로', '바로', '서로', '새로', '스스로', '주로', '그대로',
  // …이 / …은 after a closed syllable (derived nouns, adverbs)
  '놀이', '길이', '높이', '깊이', '넓이', '먹이', '고양이', '어린이', '원숭이', '같이', '없이', '혹은',
  // …만 / …는 (nouns and conjunctions)
  '불만', '비만', '낭만', '오만', '하지만', '그렇지만', '또는',
  // The most frequent verb/adjective forms with the adnominal ending -는/-은
  // (가는 길, 같은 날). Longer forms (공부하는) still split; telling endings
  // from particles in general needs a morphological analyzer.
  '하는', '되는', '가는', '오는', '보는', '주는', '같은', '작은',
]);

// "학교에서는" is 학교+에서+는; a third layer is rare and mostly a false match.
const MAX_PARTICLES_PER_WORD = 2;

const HANGUL_SYLLABLE_FIRST = 0xac00;
const HANGUL_SYLLABLE_LAST = 0xd7a3;
const FINALS_PER_SYLLABLE = 28; // no final + 27 final consonants
const FINAL_RIEUL = 8; // ㄹ
// Finals that in practice end only verb/adjective stems (있, 했, 좋, 많, 싫),
// never nouns, so 좋은 / 있을 / 많이 are endings, not particles.
const PREDICATE_ONLY_FINALS: ReadonlySet<number> = new Set([6 /* ㄶ */, 15 /* ㅀ */, 20 /* ㅆ */, 27 /* ㅎ */]);

/** Index of the final consonant (0 = none), or undefined if not a Hangul syllable. */
function finalConsonantOf(syllable: string): number | undefined {
  const code = syllable.charCodeAt(0);
  if (code < HANGUL_SYLLABLE_FIRST || code > HANGUL_SYLLABLE_LAST) return undefined;
  return (code - HANGUL_SYLLABLE_FIRST) % FINALS_PER_SYLLABLE;
}

function fitsBatchim(rule: BatchimRule, final: number): boolean {
  switch (rule) {
    case 'any': return true;
    case 'final': return final !== 0;
    case 'noFinal': return final === 0;
    case 'finalNotRieul': return final !== 0 && final !== FINAL_RIEUL;
    case 'noFinalOrRieul': return final === 0 || final === FINAL_RIEUL;
  }
}

/** Can `particle` (with `rule`) come off the end of `word`, leaving a stem? */
function canSplit(word: string, particle: string, rule: BatchimRule): boolean {
  if (word.length <= particle.length || !word.endsWith(particle)) return false;
  if (LOOKS_LIKE_PARTICLE_BUT_IS_NOT.has(word)) return false;
  const stem = word.slice(0, word.length - particle.length);
  const final = finalConsonantOf(stem.slice(-1));
  // A non-Hangul stem (AI는, attention을, 3.14는) has no 받침 we can compute
  // from the spelling, so either particle form is accepted.
  if (final === undefined) return true;
  return !PREDICATE_ONLY_FINALS.has(final) && fitsBatchim(rule, final);
}

function longestParticleOf(word: string): string | undefined {
  for (const [particle, rule] of PARTICLES_LONGEST_FIRST) {
    if (canSplit(word, particle, rule)) return particle;
  }
  return undefined;
}

/**
 * Splits trailing particles off one eojeol: "학교에서는" → ["학교", "에서", "는"],
 * "사과" → ["사과"]. The stem is never empty and the pieces join back to `word`.
 */
export function splitParticles(word: string): string[] {
  const particles: string[] = [];
  let stem = word;
  while (particles.length < MAX_PARTICLES_PER_WORD) {
    const particle = longestParticleOf(stem);
    if (particle === undefined) break;
    particles.unshift(particle);
    stem = stem.slice(0, stem.length - particle.length);
  }
  return [stem, ...particles];
}
