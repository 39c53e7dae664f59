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

interface Particle {
  text: string;
  rule: BatchimRule;
  /** Adverbial particles and 만, 까지, 부터…: another particle may follow (학교에서+는, 수준만큼+은). */
  stacks?: boolean;
  /** 요 is a particle only after another one (것처럼+요); after a verb it ends the sentence (해요). */
  onlyAfterParticle?: boolean;
  /** 서 is 에서 shortened, and only after these words (여기서); elsewhere …서 ends a verb (해서, 되어서). */
  onlyAfter?: ReadonlySet<string>;
}

const particle = (text: string, rule: BatchimRule, more: Omit<Particle, 'text' | 'rule'> = {}): Particle =>
  ({ text, rule, ...more });
const STACKS = { stacks: true };

// 하고 (with, 철수하고) is left out: in writing, a noun + 하고 is the verb 하다 + -고 (선택하고) far more often.
const PARTICLES: readonly Particle[] = [
  // Case particles and 은/는, 도, 나: nothing follows them (유사도를 is 유사도+를, not 유사+도+를).
  particle('은', 'final'), particle('는', 'noFinal'),
  particle('이', 'final'), particle('가', 'noFinal'),
  particle('을', 'final'), particle('를', 'noFinal'),
  particle('이나', 'final'), particle('나', 'noFinal'),
  particle('이랑', 'final'), particle('랑', 'noFinal'),
  particle('이란', 'final'), particle('란', 'noFinal'),
  particle('의', 'any'), particle('도', 'any'),
  particle('요', 'any', { onlyAfterParticle: true }),
  // Particles another can follow.
  particle('과', 'final', STACKS), particle('와', 'noFinal', STACKS),
  particle('으로', 'finalNotRieul', STACKS), particle('로', 'noFinalOrRieul', STACKS),
  particle('으로서', 'finalNotRieul', STACKS), particle('로서', 'noFinalOrRieul', STACKS),
  particle('으로써', 'finalNotRieul', STACKS), particle('로써', 'noFinalOrRieul', STACKS),
  particle('으로부터', 'finalNotRieul', STACKS), particle('로부터', 'noFinalOrRieul', STACKS),
  particle('에', 'any', STACKS), particle('에서', 'any', STACKS), particle('에서부터', 'any', STACKS),
  particle('에게', 'any', STACKS), particle('에게서', 'any', STACKS), particle('한테', 'any', STACKS),
  particle('한테서', 'any', STACKS), particle('께서', 'any', STACKS),
  particle('서', 'any', { stacks: true, onlyAfter: new Set(['여기', '거기', '저기', '어디']) }),
  particle('만', 'any', STACKS), particle('마다', 'any', STACKS), particle('조차', 'any', STACKS),
  particle('밖에', 'any', STACKS), particle('부터', 'any', STACKS), particle('까지', 'any', STACKS),
  particle('처럼', 'any', STACKS), particle('보다', 'any', STACKS), particle('대로', 'any', STACKS),
  particle('만큼', 'any', STACKS), particle('뿐', 'any', STACKS),
];

// Longest match first, so 에서부터 wins over 부터 and 으로 over 로.
const PARTICLES_LONGEST_FIRST = [...PARTICLES].sort((a, b) => b.text.length - a.text.length);

/**
 * Words whose last syllable(s) look like a particle with a matching 받침, so
 * the rules above would split them wrongly (누+나, 사+랑, 결+과, 도+로…).
 * A split is refused when the cut falls inside one of these words standing
 * first in the eojeol (반대로 is 반대+로, not 반+대로; 추가를 is 추가+를).
 * Matching as a suffix would also block real splits such as 과정+도 (ends in
 * 정도). Words the 받침 rule already protects (사과: 과 needs a closed
 * syllable; 아이: 이 likewise) and words with no particle-like ending (나라,
 * 바다, 고기, 어머니) need no entry.
 */
const LOOKS_LIKE_PARTICLE_BUT_IS_NOT: ReadonlySet<string> = new Set([
  // …나 / …랑 after an open syllable
  '누나', '하나', '그러나', '어머나', '얼마나', '사랑', '자랑', '파랑', '노랑',
  // …도 (度, 道, 島 and adverbs)
  '포도', '정도', '온도', '속도', '각도', '제도', '태도', '지도', '시도', '의도', '수도', '용도', '고도', '그래도',
  // …의 (議, 意, 義)
  '회의', '주의', '정의', '논의', '동의', '합의', '문의', '강의', '의의', '거의', '임의',
  // …과 after a closed syllable, …가 / …와 after an open one
  '결과', '성과', '학과', '휴가', '대가', '주가', '기와', '추가', '게다가',
  // …로 after an open syllable or ㄹ (nouns and adverbs), …대로
  '도로', '미로', '피로', '과로', '철로', '가로', '세로', '바로', '서로', '새로', '스스로', '주로', '그대로',
  '매크로', '마이크로', '반대', '제대로', '대로',
  // …이 / …은 after a closed syllable (derived nouns, adverbs)
  '놀이', '길이', '높이', '깊이', '넓이', '먹이', '고양이', '어린이', '원숭이', '같이', '혹은',
  // Particles written apart, after a space ("메뉴) 이나"): a word of their own, left whole
  '이나', '으로',
  // …만 / …는 (nouns and conjunctions)
  '불만', '비만', '낭만', '오만', '또는',
  // Frequent verb/adjective forms with the adnominal ending -는/-은 that
  // PREDICATE_ENDINGS does not catch (가는 길, 같은 날)
  '가는', '오는', '보는', '주는', '같은', '작은', '만드는',
]);

/**
 * Verb and adjective endings that end like a particle: [ending, the syllables that may come right before it,
 * or '' for any]. A word ending so is a predicate, not stem + particle. Telling endings from particles in
 * general needs a morphological analyzer (the 'morpheme' mode); these are the frequent ones.
 */
const PREDICATE_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  // -는 after a verb stem: 사용하는, 표시되는, 나타내는, 누르는, 가리키는, 고정시키는, 나타나는, 가져오는,
  // 보여주는; -려는, -(이)라는; -다는 (있다는, 한다는; 보다는 is 보다+는)
  ['는', '하되내르'], ['키는', '리시'], ['나는', '타어지'], ['오는', '져나어'], ['주는', '여해려어아워와줘'],
  ['려는', ''], ['라는', ''], ['다는', '한된는없같'],
  // -어지는 (passive): 만들어지는, 구부러지는, 달라지는
  ['지는', '어아여워러려겨져라'],
  // -거나, -므로, -다가, -(더)라도, -해도, -지만 (있지만, 되지만, 했지만; 이미지만 is 이미지+만)
  ['거나', ''], ['므로', ''], ['다가', ''], ['라도', ''], ['해도', ''], ['아도', ''], ['어도', ''],
  ['지만', '하되이않없'],
  // -없이 makes adverbs (관계없이)
  ['없이', ''],
  // -은/-을 after one-syllable adjective and verb stems (높은, 낮은, 찾은, 얻을), -를 after 다르-, 누르-
  ['은', '높낮짧넓좁깊얕밝찾얻받읽잃붙'], ['을', '찾얻받읽잃닫'], ['를', '다누'],
];

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

/** Would cutting off the last `length` units cut into a word that only looks like stem + particle? */
function cutsWholeWord(word: string, length: number): boolean {
  for (let end = word.length - length + 1; end <= word.length; end++) {
    if (LOOKS_LIKE_PARTICLE_BUT_IS_NOT.has(word.slice(0, end))) return true;
  }
  return false;
}

/** Does `word` end in a verb or adjective ending that looks like a particle? */
function endsInPredicateEnding(word: string): boolean {
  return PREDICATE_ENDINGS.some(([ending, before]) => {
    if (!word.endsWith(ending)) return false;
    if (before === '') return true;
    if (word.length === ending.length) return false;
    const previous = word.charAt(word.length - ending.length - 1);
    return before.includes(previous) || PREDICATE_ONLY_FINALS.has(finalConsonantOf(previous) ?? 0);
  });
}

/** Can `particle` come off the end of `word`, leaving a stem? */
function canSplit(word: string, particle: Particle): boolean {
  const { text, rule, onlyAfter } = particle;
  if (word.length <= text.length || !word.endsWith(text)) return false;
  const stem = word.slice(0, word.length - text.length);
  if (onlyAfter && !onlyAfter.has(stem)) return false;
  if (cutsWholeWord(word, text.length) || endsInPredicateEnding(word)) return false;
  const final = finalConsonantOf(stem.slice(-1));
  // A non-Hangul stem (AI는, attention을, 3.14는) has no 받침 we can compute
  // from the spelling, so either particle form is accepted.
  if (final === undefined) return true;
  return !PREDICATE_ONLY_FINALS.has(final) && fitsBatchim(rule, final);
}

const STACKING_LONGEST_FIRST = PARTICLES_LONGEST_FIRST.filter((candidate) => candidate.stacks);

function longestParticleOf(word: string, candidates: readonly Particle[]): Particle | undefined {
  return candidates.find((candidate) => canSplit(word, candidate));
}

/**
 * Splits trailing particles off one eojeol: "학교에서는" → ["학교", "에서", "는"],
 * "사과" → ["사과"]. At most two (a third layer is rare and mostly a false
 * match). The stem is never empty and the pieces join back to `word`.
 */
export function splitParticles(word: string): string[] {
  const outer = longestParticleOf(word, PARTICLES_LONGEST_FIRST);
  if (outer === undefined) return [word];
  const stem = word.slice(0, word.length - outer.text.length);
  const inner = longestParticleOf(stem, STACKING_LONGEST_FIRST);
  if (inner === undefined) return outer.onlyAfterParticle ? [word] : [stem, outer.text];
  return [stem.slice(0, stem.length - inner.text.length), inner.text, outer.text];
}

const particleNamed = (text: string, candidates: readonly Particle[]): Particle | undefined =>
  candidates.find((candidate) => candidate.text === text && !candidate.onlyAfter);

/**
 * The particles a word right after a closing bracket, quote or % consists of ("주의"를, 벡터(4x64)를,
 * 100%의, 은(는)), or undefined when it is anything else. The 받침 rules do not apply: writers choose 을 or
 * 를 by how the word before the bracket is read.
 */
export function particlesAfterMark(word: string): string[] | undefined {
  const single = particleNamed(word, PARTICLES);
  if (single && !single.onlyAfterParticle) return [word];
  for (const outer of PARTICLES_LONGEST_FIRST) {
    if (word.length <= outer.text.length || !word.endsWith(outer.text)) continue;
    const inner = particleNamed(word.slice(0, word.length - outer.text.length), STACKING_LONGEST_FIRST);
    if (inner) return [inner.text, outer.text];
  }
  return undefined;
}
