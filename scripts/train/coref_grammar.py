"""jumok-coref: sentences in English and Korean whose pronoun (it / 그것) is
resolved by meaning. Each frame names two nouns and an adjective; the
adjective decides which noun the pronoun means, and the same adjective can
point at the first noun in one pattern and the second in another (wide: the
street in 'cross', the object in 'fit'), so no word alone gives the answer.
All of it is data we wrote.
"""
import itertools
import random

from ko_en_grammar import particle_for

ANIMALS = [('animal', '동물'), ('dog', '개'), ('cat', '고양이'), ('horse', '말'), ('cow', '소'),
           ('rabbit', '토끼'), ('turtle', '거북'), ('sheep', '양'), ('deer', '사슴'), ('fox', '여우'),
           ('bear', '곰'), ('duck', '오리'), ('pig', '돼지'), ('goat', '염소')]
PATHS = [('street', '길'), ('road', '도로'), ('river', '강'), ('bridge', '다리'), ('field', '들판'),
         ('stream', '개울'), ('square', '광장'), ('valley', '계곡')]
THINGS = [('trophy', '트로피'), ('ball', '공'), ('book', '책'), ('cake', '케이크'), ('toy', '장난감'),
          ('guitar', '기타'), ('pillow', '베개'), ('doll', '인형'), ('laptop', '노트북'), ('lamp', '램프')]
CONTAINERS = [('suitcase', '여행가방'), ('bag', '가방'), ('box', '상자'), ('drawer', '서랍'),
              ('basket', '바구니'), ('backpack', '배낭'), ('closet', '옷장'), ('car', '자동차')]

ADJECTIVES = {  # English -> Korean (past, nominalised before 때문이다)
    'tired': '피곤했기', 'sleepy': '졸렸기', 'hungry': '배고팠기', 'weak': '약했기', 'old': '늙었기',
    'lazy': '게을렀기', 'slow': '느렸기', 'sick': '아팠기', 'young': '어렸기', 'small': '작았기',
    'wide': '넓었기', 'busy': '복잡했기', 'long': '길었기', 'dangerous': '위험했기', 'crowded': '붐볐기',
    'dark': '어두웠기', 'slippery': '미끄러웠기', 'deep': '깊었기', 'big': '컸기', 'thick': '두꺼웠기',
    'narrow': '좁았기', 'short': '짧았기', 'shallow': '얕았기', 'heavy': '무거웠기',
}

# Patterns: nouns for each slot, adjectives that make the pronoun mean the
# first / the second noun, and the sentences (NOUN1/NOUN2 get their particles).
PATTERNS = {
    'cross': dict(
        first_nouns=ANIMALS, second_nouns=PATHS,
        first_adjectives=['tired', 'sleepy', 'hungry', 'weak', 'old', 'lazy', 'slow', 'sick'],
        second_adjectives=['wide', 'busy', 'long', 'dangerous', 'crowded', 'dark', 'slippery', 'deep'],
        en="The {n1} didn ' t cross the {n2} because it was too {adj} .",
        ko='{n1} ##{topic1} {n2} ##{object2} 건너지 않았다 . 그것 ##이 너무 {adj} 때문이다 .'),
    'fit': dict(
        first_nouns=THINGS, second_nouns=CONTAINERS,
        first_adjectives=['big', 'long', 'wide', 'thick'],
        second_adjectives=['small', 'narrow', 'short', 'shallow'],
        en="The {n1} didn ' t fit in the {n2} because it was too {adj} .",
        ko='{n1} ##{subject1} {n2} ##에 들어가지 않았다 . 그것 ##이 너무 {adj} 때문이다 .'),
    'carry': dict(
        first_nouns=ANIMALS, second_nouns=THINGS,
        first_adjectives=['weak', 'small', 'young', 'tired', 'sick'],
        second_adjectives=['heavy', 'big', 'long', 'thick'],
        en="The {n1} couldn ' t carry the {n2} because it was too {adj} .",
        ko='{n1} ##{topic1} {n2} ##{object2} 옮기지 못했다 . 그것 ##이 너무 {adj} 때문이다 .'),
}
PRONOUNS = {'en': 'it', 'ko': '그것'}
LANGUAGES = ('en', 'ko')
TUTORIAL = [('cross', 'animal', 'street', 'tired'), ('cross', 'animal', 'street', 'wide')]


def all_frames():
    """Every (pattern, first noun, second noun, adjective) the grammar allows (English names)."""
    frames = []
    for name, p in PATTERNS.items():
        adjectives = p['first_adjectives'] + p['second_adjectives']
        for (n1, _), (n2, _), adj in itertools.product(p['first_nouns'], p['second_nouns'], adjectives):
            if n1 != n2:
                frames.append((name, n1, n2, adj))
    return frames


def korean_of(word):
    for en, ko in ANIMALS + PATHS + THINGS + CONTAINERS:
        if en == word:
            return ko
    return ADJECTIVES[word]


def antecedent_side(frame):
    name, _, _, adj = frame
    return 'first' if adj in PATTERNS[name]['first_adjectives'] else 'second'


def render(frame, language):
    """Pieces of the sentence, index of the pronoun, of the first and second noun."""
    name, n1, n2, adj = frame
    if language == 'en':
        text = PATTERNS[name]['en'].format(n1=n1, n2=n2, adj=adj)
    else:
        k1, k2 = korean_of(n1), korean_of(n2)
        particles = {role + slot: particle_for(noun, role)[2:]
                     for slot, noun in (('1', k1), ('2', k2)) for role in ('topic', 'subject', 'object')}
        text = PATTERNS[name]['ko'].format(n1=k1, n2=k2, adj=ADJECTIVES[adj], **particles)
    pieces = text.split()
    nouns = (n1, n2) if language == 'en' else (korean_of(n1), korean_of(n2))
    return dict(pieces=pieces, pronoun=pieces.index(PRONOUNS[language]),
                first=pieces.index(nouns[0]), second=pieces.index(nouns[1]))


def split_frames(seed, heldout_count, dev_count):
    """Training, dev and held-out frames. Dev and held-out are each half
    first-noun, half second-noun antecedents; the tutorial frames are trained on."""
    rng = random.Random(seed)
    frames = [f for f in all_frames() if f not in TUTORIAL]
    rng.shuffle(frames)
    by_side = {side: [f for f in frames if antecedent_side(f) == side] for side in ('first', 'second')}
    heldout = by_side['first'][:heldout_count // 2] + by_side['second'][:heldout_count // 2]
    end = (heldout_count + dev_count) // 2
    dev = by_side['first'][heldout_count // 2:end] + by_side['second'][heldout_count // 2:end]
    kept = set(heldout) | set(dev)
    return [f for f in frames if f not in kept] + TUTORIAL, dev, heldout


def lexicon_json():
    def nouns(rows, category):
        return [dict(en=en, ko=ko, category=category) for en, ko in rows]
    return {
        'model': 'jumok-coref',
        'words': (nouns(ANIMALS, 'animal') + nouns(PATHS, 'path') + nouns(THINGS, 'thing')
                  + nouns(CONTAINERS, 'container')
                  + [dict(en=en, ko=ko, category='adjective') for en, ko in ADJECTIVES.items()]
                  + [dict(en=PRONOUNS['en'], ko=PRONOUNS['ko'], category='pronoun')]),
        'patterns': [dict(name=name, en=p['en'].replace(" ' ", "'").replace(' .', '.'),
                          ko=p['ko'].replace(' ##', '').replace(' .', '.'),
                          first_noun_category=category_of(p['first_nouns']),
                          second_noun_category=category_of(p['second_nouns']),
                          adjectives_meaning_first_noun=p['first_adjectives'],
                          adjectives_meaning_second_noun=p['second_adjectives'])
                     for name, p in PATTERNS.items()],
        'notes': 'In Korean {n1}/{n2} take the particle for their final consonant: topic 은/는, subject 이/가, '
                 'object 을/를. The antecedent of it / 그것 is the first noun when the adjective is in '
                 'adjectives_meaning_first_noun, else the second.',
    }


def category_of(rows):
    for name, table in (('animal', ANIMALS), ('path', PATHS), ('thing', THINGS), ('container', CONTAINERS)):
        if rows is table:
            return name
