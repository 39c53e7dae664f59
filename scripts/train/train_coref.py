"""Train jumok-coref (BERT layout) and export it.

The objective makes the head necessary: at the pronoun's position the MLM head
must output the antecedent's own token (it -> animal). The antecedent's
identity exists only at its position, so some head has to carry it to the
pronoun, and which noun it takes depends on the adjective. Nothing tells any
head where to look; measure_coref.py finds the heads that do.

    /usr/bin/python3 scripts/train/train_coref.py
"""
import os
import random

import torch
import torch.nn.functional as F

import config
import coref_grammar as grammar
import train_common as common
from hf_models import BertMLM
from wordpiece import WordPiece, joined_text, write_json_rows

C = config.COREF
PAD, UNK, CLS, SEP, MASK = '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'
SPECIALS = [PAD, UNK, CLS, SEP, MASK]
IGNORE = -100


def build_tokenizer():
    words = set()
    for frame in grammar.all_frames():
        for language in grammar.LANGUAGES:
            words.update(grammar.render(frame, language)['pieces'])
    return WordPiece(SPECIALS + sorted(words), UNK, template_before=[CLS], template_after=[SEP])


def record(frame, language, tokenizer):
    """Ids with [CLS]/[SEP]; positions of pronoun, antecedent and the other noun in those ids."""
    r = grammar.render(frame, language)
    text = joined_text(r['pieces'])
    assert tokenizer.tokenize(text) == r['pieces'], (text, tokenizer.tokenize(text))
    side = grammar.antecedent_side(frame)
    other = 'second' if side == 'first' else 'first'
    offset = 1  # [CLS]
    return dict(language=language, text=text, frame=list(frame), ids=tokenizer.encode(text),
                pronoun=r['pronoun'] + offset, antecedent=r[side] + offset, other=r[other] + offset,
                antecedent_is=side)


def records(frames, tokenizer):
    return [record(f, lang, tokenizer) for f in frames for lang in grammar.LANGUAGES]


def batch_tensors(rows, pad_id):
    ids, mask = common.pad_batch([r['ids'] for r in rows], pad_id)
    labels = torch.full_like(ids, IGNORE)
    for b, r in enumerate(rows):
        labels[b, r['pronoun']] = r['ids'][r['antecedent']]
    return ids, mask, labels


def guided_loss(attentions, rows, heads):
    index = torch.arange(len(rows))
    pronoun = torch.tensor([r['pronoun'] for r in rows])
    antecedent = torch.tensor([r['antecedent'] for r in rows])
    losses = [-(attentions[l][index, h, pronoun, antecedent] + 1e-9).log().mean() for l, h in heads]
    return sum(losses) / len(losses)


@torch.no_grad()
def evaluate(model, rows, pad_id):
    """Copy accuracy and, per head and language, how often the pronoun's argmax is its antecedent."""
    model.eval()
    ids, mask, labels = batch_tensors(rows, pad_id)
    logits, _, attentions = model(ids, mask)
    index = torch.arange(len(rows))
    pronoun = torch.tensor([r['pronoun'] for r in rows])
    copied = (logits[index, pronoun].argmax(-1) == labels[index, pronoun]).float().mean().item()
    per_head = {}
    for language in grammar.LANGUAGES:
        chosen = torch.tensor([r['language'] == language for r in rows])
        antecedent = torch.tensor([r['antecedent'] for r in rows])
        for l, layer in enumerate(attentions):
            for h in range(layer.shape[1]):
                hit = layer[index, h, pronoun].argmax(-1) == antecedent
                per_head.setdefault(f'{l}.{h}', {})[language] = hit[chosen].float().mean().item()
    model.train()
    return copied, per_head


def config_json(vocab_size):
    return {
        'architectures': ['BertForMaskedLM'], 'attention_probs_dropout_prob': C['dropout'],
        'classifier_dropout': None, 'hidden_act': 'gelu', 'hidden_dropout_prob': C['dropout'],
        'hidden_size': C['hidden'], 'initializer_range': 0.02, 'intermediate_size': C['ffn'],
        'layer_norm_eps': 1e-12, 'max_position_embeddings': C['max_positions'], 'model_type': 'bert',
        'num_attention_heads': C['heads'], 'num_hidden_layers': C['layers'], 'pad_token_id': 0,
        'position_embedding_type': 'absolute', 'tie_word_embeddings': True, 'torch_dtype': 'float16',
        'transformers_version': '4.40.0', 'type_vocab_size': 2, 'use_cache': True, 'vocab_size': vocab_size,
        'jumok': {'heads': {'coreference': []}},  # measure_coref.py writes the measured heads
    }


def tokenizer_config():
    return {'tokenizer_class': 'BertTokenizerFast', 'unk_token': UNK, 'pad_token': PAD, 'cls_token': CLS,
            'sep_token': SEP, 'mask_token': MASK, 'do_lower_case': False, 'tokenize_chinese_chars': False,
            'strip_accents': False, 'model_max_length': C['max_positions'], 'clean_up_tokenization_spaces': True}


def heldout_json(rows, tokenizer):
    return {
        'model': C['name'],
        'format': 'ids = tokenizer.encode(text) ([CLS] … [SEP]); pronoun, antecedent, other: indices into ids '
                  '(the pronoun it / 그것, the noun it means, the other noun); antecedent_is: first | second noun; '
                  'frame: [pattern, first noun, second noun, adjective] (English names, see lexicon.json).',
        'sentences': [dict(r, tokens=[tokenizer.vocab[i] for i in r['ids']]) for r in rows],
    }


def train():
    common.setup(C['seed'])
    clock = common.Clock()
    tokenizer = build_tokenizer()
    pad_id = tokenizer.ids[PAD]
    train_frames, dev_frames, heldout_frames = grammar.split_frames(C['seed'], C['heldout_frames'], C['dev_frames'])
    train_rows, dev, heldout = (records(f, tokenizer) for f in (train_frames, dev_frames, heldout_frames))
    trained = {i for r in train_rows for i in r['ids']}
    assert all(set(r['ids']) <= trained for r in dev + heldout), 'an evaluation sentence has a word training never saw'
    model = BertMLM(len(tokenizer.vocab), C)
    optimizer = common.optimizer_for(model, C)
    order = common.batches(len(train_rows), C['batch'], random.Random(C['seed']))
    log = dict(curve=[], vocab=len(tokenizer.vocab), parameters=common.parameter_count(model),
               train_sentences=len(train_rows))
    running = []
    for step in range(C['steps']):
        for group in optimizer.param_groups:
            group['lr'] = common.learning_rate(step, C)
        rows = [train_rows[i] for i in next(order)]
        ids, mask, labels = batch_tensors(rows, pad_id)
        logits, _, attentions = model(ids, mask)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=IGNORE)
        total = loss + (C['guided_weight'] * guided_loss(attentions, rows, C['guided_heads']) if C['guided_heads'] else 0)
        optimizer.zero_grad()
        total.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        running.append(loss.item())
        if (step + 1) % C['eval_every'] == 0 or step + 1 == C['steps']:
            copied, per_head = evaluate(model, dev, pad_id)
            point = dict(step=step + 1, loss=sum(running) / len(running), dev_copy_accuracy=copied,
                         dev_coreference_per_head=per_head, minutes=clock.minutes())
            running = []
            log['curve'].append(point)
            best = max(per_head.items(), key=lambda kv: min(kv[1].values()))
            print(f"step {step + 1} loss {point['loss']:.4f} dev copy {copied:.3f} best head {best} "
                  f"{point['minutes']:.1f} min", flush=True)
    model.eval()
    folder = os.path.join(config.MODELS_DIR, C['name'])
    common.export_folder(folder, model, config_json(len(tokenizer.vocab)), tokenizer, SPECIALS,
                         tokenizer_config(), grammar.lexicon_json())
    for folder, kind, rows in ((config.HELDOUT_DIR, 'heldout', heldout), (config.WORK_DIR, 'dev', dev)):
        path = os.path.join(folder, f"{C['name']}.{kind}.json")
        write_json_rows(path, heldout_json(rows, tokenizer), 'sentences')
    torch.save(model.state_dict(), os.path.join(config.WORK_DIR, C['name'] + '.pt'))
    log['train_minutes'] = clock.minutes()
    common.save_training_log(C['name'], log)


if __name__ == '__main__':
    train()
