"""A WordPiece tokenizer in the Hugging Face `tokenizers` format.

The Python side mirrors what `@huggingface/tokenizers` does with the
tokenizer.json written here (NFC, BertPreTokenizer, greedy longest-match
WordPiece, whole word -> unknown token when any piece is missing), so the
corpus is tokenized exactly as the runtime will tokenize it. A Korean particle
is a `##` continuation piece (철수가 -> 철수 ##가), the split the page makes.
"""
import json
import unicodedata

CONTINUATION = '##'


def is_punctuation(ch):
    code = ord(ch)
    # The ASCII ranges BertPreTokenizer treats as punctuation, plus Unicode P*.
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith('P')


def pre_tokenize(text):
    """Split on whitespace and around each punctuation character."""
    words, current = [], ''
    for ch in unicodedata.normalize('NFC', text).strip():
        if ch.isspace() or is_punctuation(ch):
            if current:
                words.append(current)
            current = ''
            if is_punctuation(ch):
                words.append(ch)
        else:
            current += ch
    if current:
        words.append(current)
    return words


class WordPiece:
    def __init__(self, vocab, unk_token, template_before=(), template_after=()):
        """vocab: list of tokens, id = position. template_*: special tokens added around a text."""
        self.vocab = list(vocab)
        self.ids = {token: i for i, token in enumerate(self.vocab)}
        assert len(self.ids) == len(self.vocab), 'duplicate vocabulary entries'
        self.unk_token = unk_token
        self.template_before = list(template_before)
        self.template_after = list(template_after)

    def word_pieces(self, word):
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else CONTINUATION + word[start:end]
                if piece in self.ids:
                    break
                end -= 1
            if end == start:
                return [self.unk_token]
            pieces.append(piece)
            start = end
        return pieces

    def tokenize(self, text):
        """Pieces of `text`, no special tokens."""
        return [p for word in pre_tokenize(text) for p in self.word_pieces(word)]

    def encode(self, text):
        """Ids with the template's special tokens, as tokenizer.encode(text) gives them."""
        tokens = self.template_before + self.tokenize(text) + self.template_after
        return [self.ids[t] for t in tokens]

    def to_json(self, specials):
        """tokenizer.json contents. specials: the special tokens (added_tokens)."""
        def special_ref(token):
            return {'SpecialToken': {'id': token, 'type_id': 0}}
        single = ([special_ref(t) for t in self.template_before]
                  + [{'Sequence': {'id': 'A', 'type_id': 0}}]
                  + [special_ref(t) for t in self.template_after])
        pair = single + [{'Sequence': {'id': 'B', 'type_id': 1}}] + [
            {'SpecialToken': {'id': t, 'type_id': 1}} for t in self.template_after]
        used = self.template_before + self.template_after
        return {
            'version': '1.0',
            'truncation': None,
            'padding': None,
            'added_tokens': [{
                'id': self.ids[t], 'content': t, 'single_word': False, 'lstrip': False,
                'rstrip': False, 'normalized': False, 'special': True} for t in specials],
            'normalizer': {'type': 'NFC'},
            'pre_tokenizer': {'type': 'BertPreTokenizer'},
            'post_processor': {
                'type': 'TemplateProcessing', 'single': single, 'pair': pair,
                'special_tokens': {t: {'id': t, 'ids': [self.ids[t]], 'tokens': [t]} for t in used},
            },
            'decoder': {'type': 'WordPiece', 'prefix': CONTINUATION, 'cleanup': True},
            'model': {
                'type': 'WordPiece', 'unk_token': self.unk_token,
                'continuing_subword_prefix': CONTINUATION, 'max_input_chars_per_word': 100,
                'vocab': self.ids,
            },
        }


def write_json(path, value):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
        f.write('\n')


def write_json_rows(path, value, rows_key):
    """JSON with value[rows_key] written one row per line (a held-out set stays small and diffable)."""
    head = {k: v for k, v in value.items() if k != rows_key}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    rows = ',\n'.join('  ' + json.dumps(r, ensure_ascii=False, separators=(',', ':')) for r in value[rows_key])
    with open(path, 'w', encoding='utf-8') as f:
        f.write(f'{text},\n "{rows_key}": [\n{rows}\n ]\n}}\n')


def joined_text(pieces):
    """Text of pieces: ## pieces and punctuation attach to the previous piece,
    and the piece after an apostrophe attaches to it (Jimin ' s -> Jimin's)."""
    out, attach_next = '', False
    for p in pieces:
        if p.startswith(CONTINUATION):
            out += p[len(CONTINUATION):]
        elif attach_next or (len(p) == 1 and is_punctuation(p)) or not out:
            out += p
        else:
            out += ' ' + p
        attach_next = p == "'"
    return out


def load_tokenizer(folder):
    """A WordPiece from a tokenizer.json written by to_json (ids, unknown token, template)."""
    with open(f'{folder}/tokenizer.json', encoding='utf-8') as f:
        spec = json.load(f)
    vocab_map = spec['model']['vocab']
    vocab = sorted(vocab_map, key=vocab_map.get)
    single = spec['post_processor']['single']
    sequence_at = next(i for i, item in enumerate(single) if 'Sequence' in item)
    before = [item['SpecialToken']['id'] for item in single[:sequence_at]]
    after = [item['SpecialToken']['id'] for item in single[sequence_at + 1:]]
    tokenizer = WordPiece(vocab, spec['model']['unk_token'], before, after)
    tokenizer.specials = {t['content'] for t in spec['added_tokens']}
    return tokenizer


def decode(tokenizer, ids):
    """Text of ids without special tokens, as the WordPiece decoder joins them."""
    return joined_text([tokenizer.vocab[i] for i in ids if tokenizer.vocab[i] not in tokenizer.specials])
