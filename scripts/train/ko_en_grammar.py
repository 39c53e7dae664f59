"""jumok-ko-en: the lexicon and grammar of the tutorials' world, and a seeded
generator of Korean->English sentence pairs with gold word alignments.

Everything here is data we wrote. A generated pair carries its Korean pieces
(stem, then particles as ## pieces, as the tokenizer splits them), its English
tokens, and links: each English content token -> the Korean stem it translates.
"""
import random

# ------------------------------------------------------------------ lexicon
# English phrases are space-separated tokens. `align` pairs an English token
# with the Korean word (index in the ko phrase's words) it translates; when a
# phrase has one Korean word, every content token aligns to it.

FUNCTION_WORDS = {'a', 'an', 'the', 'my', 'to', 'at', 'in', 'on', 'of', 'with', 'is', 'you',
                  '.', '?', "'", 's'}

NAMES = [('철수', 'Cheolsu'), ('영희', 'Younghee'), ('민수', 'Minsu'), ('지민', 'Jimin'),
         ('수진', 'Sujin'), ('준호', 'Junho')]
PEOPLE = [('선생님', 'the teacher'), ('엄마', 'Mom'), ('아빠', 'Dad'), ('친구', 'my friend')]
# Pronouns: 나 takes only 는 here (나가 is ungrammatical; 내가 is another form).
PRONOUNS = [('나', 'I', '1sg', ['topic']), ('우리', 'we', 'plural', ['subject', 'topic'])]

# Objects: Korean, English noun phrase, semantic classes (which verbs take it).
OBJECTS = [
    ('사과', 'an apple', {'food', 'goods', 'own'}),
    ('빵', 'bread', {'food', 'goods', 'dish', 'like'}),
    ('밥', 'rice', {'food', 'dish'}),
    ('김밥', 'gimbap', {'food', 'dish', 'like'}),
    ('라면', 'ramen', {'food', 'dish', 'like'}),
    ('케이크', 'a cake', {'food', 'goods', 'dish', 'own'}),
    ('피자', 'pizza', {'food', 'dish', 'like'}),
    ('커피', 'coffee', {'drink', 'goods', 'like', 'cup'}),
    ('우유', 'milk', {'drink', 'goods', 'like', 'cup'}),
    ('물', 'water', {'drink'}),
    ('주스', 'juice', {'drink', 'goods', 'like', 'cup'}),
    ('차', 'tea', {'drink', 'like', 'cup'}),
    ('책', 'a book', {'reading', 'goods', 'own'}),
    ('신문', 'the newspaper', {'reading', 'goods'}),
    ('편지', 'a letter', {'reading', 'writing', 'own'}),
    ('소설', 'a novel', {'reading', 'writing', 'goods', 'own'}),
    ('일기', 'a diary', {'writing', 'reading', 'own'}),
    ('시험', 'a test', {'test'}),
    ('수학 시험', 'a math test', {'test'}),
    ('영어 시험', 'an English test', {'test'}),
    ('과학 시험', 'a science test', {'test'}),
    ('영화', 'a movie', {'show', 'like'}),
    ('뉴스', 'the news', {'show'}),
    ('드라마', 'a drama', {'show', 'like'}),
    ('수학', 'math', {'subject', 'like'}),
    ('영어', 'English', {'subject', 'like'}),
    ('과학', 'science', {'subject', 'like'}),
    ('역사', 'history', {'subject', 'like'}),
    ('음악', 'music', {'subject', 'like'}),
    ('우산', 'an umbrella', {'goods', 'own'}),
    ('가방', 'a bag', {'goods', 'own'}),
    ('모자', 'a hat', {'goods', 'own'}),
    ('꽃', 'flowers', {'goods', 'like'}),
]
# Multi-word Korean phrases: which English token goes with which Korean word.
PHRASE_ALIGN = {
    '수학 시험': {'math': 0, 'test': 1},
    '영어 시험': {'English': 0, 'test': 1},
    '과학 시험': {'science': 0, 'test': 1},
}

# Verbs: key, Korean past, Korean present, English past, base, 3rd singular,
# object classes (None: a motion verb with a 에 destination). 보다 is two
# entries: its English depends on the object (took a test, watched a movie).
VERBS = [
    ('eat', '먹었다', '먹는다', 'ate', 'eat', 'eats', {'food'}),
    ('drink', '마셨다', '마신다', 'drank', 'drink', 'drinks', {'drink'}),
    ('read', '읽었다', '읽는다', 'read', 'read', 'reads', {'reading'}),
    ('take', '봤다', '본다', 'took', 'take', 'takes', {'test'}),
    ('watch', '봤다', '본다', 'watched', 'watch', 'watches', {'show'}),
    ('study', '공부했다', '공부한다', 'studied', 'study', 'studies', {'subject'}),
    ('buy', '샀다', '산다', 'bought', 'buy', 'buys', {'goods'}),
    ('write', '썼다', '쓴다', 'wrote', 'write', 'writes', {'writing'}),
    ('make', '만들었다', '만든다', 'made', 'make', 'makes', {'dish'}),
    ('like', '좋아했다', '좋아한다', 'liked', 'like', 'likes', {'like', 'person'}),
    ('go', '갔다', '간다', 'went', 'go', 'goes', None),
    ('come', '왔다', '온다', 'came', 'come', 'comes', None),
]

# Adverbs: Korean, English, the verbs they go with (None: any).
ADVERBS = [
    ('맛있게', 'deliciously', {'eat', 'drink'}),
    ('빨리', 'quickly', None),
    ('천천히', 'slowly', None),
    ('열심히', 'hard', {'study'}),
    ('조용히', 'quietly', {'read', 'eat', 'study', 'write', 'watch'}),
]

# Times: Korean words (a ## piece is a particle), English, tenses allowed.
TIMES = [
    ('오늘', 'today', {'past', 'present'}),
    ('어제', 'yesterday', {'past'}),
    ('아침 ##에', 'in the morning', {'past', 'present'}),
    ('저녁 ##에', 'in the evening', {'past', 'present'}),
    ('주말 ##에', 'on the weekend', {'past', 'present'}),
    ('밤 ##에', 'at night', {'past', 'present'}),
]

# Places: Korean, English after 에서 (at), English after 가다/오다 + 에 (to).
PLACES = [
    ('학교', 'at school', 'to school'),
    ('집', 'at home', 'home'),
    ('도서관', 'at the library', 'to the library'),
    ('공원', 'in the park', 'to the park'),
    ('카페', 'at the cafe', 'to the cafe'),
    ('식당', 'at the restaurant', 'to the restaurant'),
    ('교실', 'in the classroom', 'to the classroom'),
    ('시장', 'at the market', 'to the market'),
]

# The three set phrases of the tutorials, each with its own slots.
WEATHER_TIMES = [('오늘', 'today'), ('지금', 'now'), ('요즘', 'these days')]
WEATHER = [('좋네', 'nice'), ('춥네', 'cold'), ('덥네', 'hot'), ('흐리네', 'cloudy'), ('맑네', 'clear')]
REALLY = ('정말', 'really')
# Clothes: Korean, English noun phrase, plural (the clothes suit / the hat suits).
CLOTHES = [('옷', 'the clothes', True), ('모자', 'the hat', False), ('안경', 'the glasses', True),
           ('치마', 'the skirt', False), ('신발', 'the shoes', True), ('가방', 'the bag', False),
           ('목도리', 'the scarf', False)]
# The set phrases' own words: Korean, English, links (English token -> Korean word).
CUP_OFFER = ('한잔 어때', 'How about a cup of', [(0, 1), (1, 1), (3, 0)])
WEATHER_NOUN = ('날씨', 'the weather is')
SUITS = ('어울려요', {True: 'suit you', False: 'suits you'})  # by the clothing's plural
CUP_TIMES = [('오늘', 'today'), ('아침 ##에', 'in the morning'), ('저녁 ##에', 'in the evening')]

# Particles by the final consonant (받침) of the word before them.
PARTICLES = {  # role: (after a final consonant, after a vowel)
    'subject': ('이', '가'), 'topic': ('은', '는'), 'object': ('을', '를'),
    'with': ('과', '와'), 'possessive': ('의', '의'), 'at': ('에서', '에서'), 'to': ('에', '에'),
}

SEED_SENTENCES = [
    ('철수가 사과를 맛있게 먹었다', 'Cheolsu ate an apple deliciously .'),
    ('나는 오늘 학교에서 수학 시험을 봤다', 'I took a math test at school today .'),
    ('커피 한잔 어때', 'How about a cup of coffee ?'),
    ('오늘 날씨 좋네', 'The weather is nice today .'),
    ('옷이 어울려요', 'The clothes suit you .'),
]

# How often each optional slot is filled, and each frame is drawn.
SLOT_RATE = dict(time=0.5, time_first=0.2, place=0.4, companion=0.25, adverb=0.35,
                 possessor=0.3, really=0.3, final_punct=0.5)
FRAME_WEIGHTS = dict(transitive=0.62, motion=0.2, cup=0.05, weather=0.06, clothes=0.07)


# ------------------------------------------------------------ constituents

def has_final_consonant(word):
    code = ord(word[-1]) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def particle_for(word, role):
    after_final, after_vowel = PARTICLES[role]
    return '##' + (after_final if has_final_consonant(word) else after_vowel)


class Part:
    """A constituent: Korean words (lists of pieces), English tokens, links
    (English token index -> Korean word index), both local."""

    def __init__(self, ko_words, en_tokens, links):
        self.ko_words, self.en, self.links = ko_words, en_tokens, links


def phrase(ko, en, role=None):
    """Korean phrase (words, '##x' pieces attach) + particle for `role`, English phrase."""
    words = []
    for token in ko.split():
        if token.startswith('##'):
            words[-1].append(token)
        else:
            words.append([token])
    if role:
        words[-1].append(particle_for(words[-1][0], role))
    en_tokens = en.split()
    align = PHRASE_ALIGN.get(ko)
    links = []
    for i, token in enumerate(en_tokens):
        if token in FUNCTION_WORDS:
            continue
        links.append((i, align[token] if align else 0))
    return Part(words, en_tokens, links)


def fixed(ko, en, links):
    return Part([[w] for w in ko.split()], en.split(), links)


def possessed(owner_ko, owner_en, noun_ko, noun_en):
    """철수의 책 -> Cheolsu ' s book (the noun's article gives way to the owner)."""
    noun_tokens = [t for t in noun_en.split() if t not in ('a', 'an', 'the')]
    en = [owner_en, "'", 's'] + noun_tokens
    links = [(0, 0)] + [(3 + i, 1) for i in range(len(noun_tokens))]
    return Part([[owner_ko, particle_for(owner_ko, 'possessive')], [noun_ko, particle_for(noun_ko, 'object')]],
                en, links)


class Pair:
    """A generated sentence pair with token-level gold alignment."""

    def __init__(self, ko_parts, en_parts, final_ko='', final_en='.'):
        self.ko_pieces, word_start = [], {}
        for part in ko_parts:
            for w, word in enumerate(part.ko_words):
                word_start[(id(part), w)] = len(self.ko_pieces)
                self.ko_pieces.extend(word)
        if final_ko:
            self.ko_pieces.append(final_ko)
        self.en_tokens, self.links = [], []
        for part in en_parts:
            for en_i, ko_w in part.links:
                self.links.append((len(self.en_tokens) + en_i, word_start[(id(part), ko_w)]))
            self.en_tokens.extend(part.en)
        self.en_tokens.append(final_en)
        self.en_tokens[0] = self.en_tokens[0][0].upper() + self.en_tokens[0][1:]
        self.links.sort()


# ------------------------------------------------------------------ frames

def subject_part(rng, exclude):
    kind = rng.random()
    if kind < 0.2:
        ko, en, person, roles = rng.choice(PRONOUNS)
        return phrase(ko, en, rng.choice(roles)), person, ko
    ko, en = rng.choice([n for n in NAMES + PEOPLE if n[0] not in exclude])
    return phrase(ko, en, rng.choice(['subject', 'topic'])), '3sg', ko


def verb_form(verb, tense, person):
    _, ko_past, ko_present, en_past, en_base, en_3sg, _ = verb
    if tense == 'past':
        return ko_past, en_past
    return ko_present, (en_3sg if person == '3sg' else en_base)


def optional_slots(rng, verb_key, tense, used_people):
    """Time, place, companion and adverb parts, each present or None."""
    time = place = companion = adverb = None
    if rng.random() < SLOT_RATE['time']:
        ko, en, _ = rng.choice([t for t in TIMES if tense in t[2]])
        time = phrase(ko, en)
    if rng.random() < SLOT_RATE['companion']:
        ko, en = rng.choice([n for n in NAMES + PEOPLE if n[0] not in used_people])
        used_people.add(ko)
        companion = phrase(ko, 'with ' + en, 'with')
    if rng.random() < SLOT_RATE['adverb']:
        options = [a for a in ADVERBS if a[2] is None or verb_key in a[2]]
        ko, en, _ = rng.choice(options)
        adverb = phrase(ko, en)
    return time, place, companion, adverb


def korean_order(subject, time, rest, rng):
    """Korean is SOV; the time may come before the subject (오늘 나는 …)."""
    if time and rng.random() < SLOT_RATE['time_first']:
        return [time, subject] + rest
    return [subject] + ([time] if time else []) + rest


def final_ko(rng, mark):
    return mark if rng.random() < SLOT_RATE['final_punct'] else ''


def transitive(rng):
    verb = rng.choice([v for v in VERBS if v[6] is not None])
    tense = rng.choice(['past', 'present'])
    subject, person, subject_ko = subject_part(rng, set())
    used = {subject_ko}
    people_objects = [(ko, en, {'person'}) for ko, en in NAMES if ko not in used]
    candidates = [o for o in OBJECTS + people_objects if o[2] & verb[6]]
    obj_ko, obj_en, classes = rng.choice(candidates)
    used.add(obj_ko)
    owners = [n for n in NAMES if n[0] not in used]
    if 'own' in classes and rng.random() < SLOT_RATE['possessor']:
        owner_ko, owner_en = rng.choice(owners)
        used.add(owner_ko)
        obj = possessed(owner_ko, owner_en, obj_ko, obj_en)
    else:
        obj = phrase(obj_ko, obj_en, 'object')
    time, _, companion, adverb = optional_slots(rng, verb[0], tense, used)
    place = None
    if rng.random() < SLOT_RATE['place']:
        ko, at_en, _ = rng.choice(PLACES)
        place = phrase(ko, at_en, 'at')
    ko_verb, en_verb = verb_form(verb, tense, person)
    verb_part = phrase(ko_verb, en_verb)
    ko_rest = [p for p in (place, companion, obj, adverb) if p] + [verb_part]
    en_parts = [subject, verb_part, obj] + [p for p in (adverb, companion, place, time) if p]
    return Pair(korean_order(subject, time, ko_rest, rng), en_parts, final_ko(rng, '.'))


def motion(rng):
    verb = rng.choice([v for v in VERBS if v[6] is None])
    tense = rng.choice(['past', 'present'])
    subject, person, subject_ko = subject_part(rng, set())
    ko, _, to_en = rng.choice(PLACES)
    destination = phrase(ko, to_en, 'to')
    time, _, companion, adverb = optional_slots(rng, verb[0], tense, {subject_ko})
    ko_verb, en_verb = verb_form(verb, tense, person)
    verb_part = phrase(ko_verb, en_verb)
    ko_rest = [p for p in (companion, destination, adverb) if p] + [verb_part]
    en_parts = [subject, verb_part, destination] + [p for p in (adverb, companion, time) if p]
    return Pair(korean_order(subject, time, ko_rest, rng), en_parts, final_ko(rng, '.'))


def cup(rng):
    """커피 한잔 어때 -> How about a cup of coffee ?"""
    drink_ko, drink_en, _ = rng.choice([o for o in OBJECTS if 'cup' in o[2]])
    offer = fixed(*CUP_OFFER)
    drink = phrase(drink_ko, drink_en)
    time = phrase(*rng.choice(CUP_TIMES)) if rng.random() < SLOT_RATE['time'] else None
    ko_parts = ([time] if time else []) + [drink, offer]
    en_parts = [offer, drink] + ([time] if time else [])
    return Pair(ko_parts, en_parts, final_ko(rng, '?'), '?')


def weather(rng):
    """오늘 날씨 좋네 -> The weather is nice today ."""
    time = phrase(*rng.choice(WEATHER_TIMES))
    noun = phrase(*WEATHER_NOUN)
    adjective = phrase(*rng.choice(WEATHER))
    really = phrase(*REALLY) if rng.random() < SLOT_RATE['really'] else None
    ko_parts = [time, noun] + ([really] if really else []) + [adjective]
    en_parts = [noun] + ([really] if really else []) + [adjective, time]
    return Pair(ko_parts, en_parts, final_ko(rng, '.'))


def clothes(rng):
    """옷이 어울려요 -> The clothes suit you ."""
    ko, en, plural = rng.choice(CLOTHES)
    item = phrase(ko, en, 'subject')
    verb = phrase(SUITS[0], SUITS[1][plural])
    really = phrase(*REALLY) if rng.random() < SLOT_RATE['really'] else None
    ko_parts = [item] + ([really] if really else []) + [verb]
    en_parts = [item] + ([really] if really else []) + [verb]
    return Pair(ko_parts, en_parts, final_ko(rng, '.'))


FRAMES = dict(transitive=transitive, motion=motion, cup=cup, weather=weather, clothes=clothes)


def random_pair(rng):
    names = list(FRAME_WEIGHTS)
    frame = rng.choices(names, weights=[FRAME_WEIGHTS[n] for n in names])[0]
    pair = FRAMES[frame](rng)
    pair.frame = frame
    return pair


def seed_pairs():
    """The tutorials' five sentences, built from the lexicon (so they carry gold alignments)."""
    subject = phrase('철수', 'Cheolsu', 'subject')
    apple, deliciously, ate = phrase('사과', 'an apple', 'object'), phrase('맛있게', 'deliciously'), phrase('먹었다', 'ate')
    i, today = phrase('나', 'I', 'topic'), phrase('오늘', 'today')
    school, test, took = phrase('학교', 'at school', 'at'), phrase('수학 시험', 'a math test', 'object'), phrase('봤다', 'took')
    offer, coffee = fixed(*CUP_OFFER), phrase('커피', 'coffee')
    weather, nice = phrase(*WEATHER_NOUN), phrase('좋네', 'nice')
    clothes, suit = phrase('옷', 'the clothes', 'subject'), phrase(SUITS[0], SUITS[1][True])
    return [
        Pair([subject, apple, deliciously, ate], [subject, ate, apple, deliciously]),
        Pair([i, today, school, test, took], [i, took, test, school, today]),
        Pair([coffee, offer], [offer, coffee], '', '?'),
        Pair([today, weather, nice], [weather, nice, today]),
        Pair([clothes, suit], [clothes, suit]),
    ]


# ------------------------------------------------------------- vocabulary

def vocabulary_words():
    """Every piece the grammar can produce (Korean stems, ## particles, English tokens)."""
    rng = random.Random(0)
    pieces = set()
    for _ in range(200000):
        pair = random_pair(rng)
        pieces.update(pair.ko_pieces)
        pieces.update(pair.en_tokens)
    for pair in seed_pairs():
        pieces.update(pair.ko_pieces + pair.en_tokens)
    return pieces


def lexicon_json():
    """lexicon.json: every word with its category and translation, and the patterns."""
    def entries(rows, category, fields):
        return [dict(zip(fields, row), category=category) for row in rows]
    words = []
    words += entries(NAMES, 'name', ['ko', 'en'])
    words += entries(PEOPLE, 'person', ['ko', 'en'])
    words += [dict(ko=ko, en=en, category='pronoun', person=p, particles=[PARTICLES[r][1] for r in roles])
              for ko, en, p, roles in PRONOUNS]
    words += [dict(ko=ko, en=en, category='object', classes=sorted(c),
                   alignment=PHRASE_ALIGN.get(ko)) for ko, en, c in OBJECTS]
    words += [dict(ko_past=kp, ko_present=kr, en_past=ep, en_base=eb, en_3sg=e3, key=k,
                   object_classes=sorted(c) if c else None, category='verb' if c else 'motion_verb')
              for k, kp, kr, ep, eb, e3, c in VERBS]
    words += [dict(ko=ko, en=en, category='adverb', verbs=sorted(v) if v else None) for ko, en, v in ADVERBS]
    words += [dict(ko=ko.replace(' ##', ''), en=en, category='time', tenses=sorted(t)) for ko, en, t in TIMES]
    words += [dict(ko=ko, en_at=at, en_to=to, category='place') for ko, at, to in PLACES]
    words += [dict(ko=ko, en=en, category='weather_time') for ko, en in WEATHER_TIMES]
    words += [dict(ko=ko, en=en, category='weather_adjective') for ko, en in WEATHER]
    words += [dict(ko=REALLY[0], en=REALLY[1], category='intensifier')]
    words += [dict(ko=CUP_OFFER[0], en=CUP_OFFER[1], category='set_phrase', pattern='cup'),
              dict(ko=WEATHER_NOUN[0], en=WEATHER_NOUN[1], category='set_phrase', pattern='weather'),
              dict(ko=SUITS[0], en_plural=SUITS[1][True], en_singular=SUITS[1][False], category='set_phrase',
                   pattern='clothes')]
    words += [dict(ko=ko, en=en, plural=p, category='clothing') for ko, en, p in CLOTHES]
    return {
        'model': 'jumok-ko-en',
        'particles': {role: {'after_final_consonant': a, 'after_vowel': b} for role, (a, b) in PARTICLES.items()},
        'function_words_en': sorted(FUNCTION_WORDS),
        'words': words,
        'patterns': [
            {'name': 'transitive', 'ko': 'SUBJECT(이/가|은/는) [TIME] [PLACE에서] [COMPANION와/과] [OWNER의] OBJECT(을/를) [ADVERB] VERB',
             'en': 'SUBJECT VERB [OWNER \'s] OBJECT [ADVERB] [with COMPANION] [PLACE.en_at] [TIME] .',
             'notes': 'TIME may also come first in Korean. The verb must accept one of the object\'s classes; '
                      'present tense: en_3sg after a 3rd-person singular subject, en_base after I/we. '
                      '어제 only with the past. A possessed object drops its article.'},
            {'name': 'motion', 'ko': 'SUBJECT [TIME] [COMPANION와/과] PLACE에 [ADVERB] MOTION_VERB',
             'en': 'SUBJECT VERB PLACE.en_to [ADVERB] [with COMPANION] [TIME] .'},
            {'name': 'cup', 'ko': '[TIME] DRINK 한잔 어때', 'en': 'How about a cup of DRINK [TIME] ?',
             'notes': 'DRINK: objects with class cup; TIME: 오늘, 아침에, 저녁에.'},
            {'name': 'weather', 'ko': 'WEATHER_TIME 날씨 [정말] WEATHER_ADJECTIVE',
             'en': 'The weather is [really] WEATHER_ADJECTIVE WEATHER_TIME .'},
            {'name': 'clothes', 'ko': 'CLOTHING(이/가) [정말] 어울려요', 'en': 'CLOTHING [really] suit(s) you .'},
        ],
        'alignment': 'Each English token not in function_words_en aligns to the Korean stem it translates '
                     '(How/about -> 어때, cup -> 한잔, weather -> 날씨, suit(s) -> 어울려요, math -> 수학 and test -> 시험 in 수학 시험).',
        'seeds': [{'ko': ko, 'en': en} for ko, en in SEED_SENTENCES],
    }
