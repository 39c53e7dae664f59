"""Measure the exported jumok-coref from its files (numpy reference forward):
check it against the PyTorch module, choose the coreference heads on the dev
set, measure the held-out set (English and Korean) and the tutorial
sentences, write the heads into config.json and the figures into
build/train/jumok-coref.metrics.json.
"""
import json
import os

import numpy as np
import torch

import config
import coref_grammar as grammar
from hf_models import BertMLM
from measure_ko_en import export_sizes, read_json, write_named_heads
from reference_forward import Bert
from safetensors_io import read_safetensors
from train_coref import batch_tensors, record
from wordpiece import load_tokenizer, write_json

C = config.COREF
FOLDER = os.path.join(config.MODELS_DIR, C['name'])
UNKNOWN_WORD_EXAMPLE = "The elephant didn't cross the street because it was too tired."
EXPORT_CHECK_SENTENCES = 16


def hits(attentions, s, heads):
    """Is the argmax of the pronoun's row, averaged over `heads`, its antecedent?"""
    mean = np.mean([attentions[l][h] for l, h in heads], axis=0)
    return int(mean[s['pronoun']].argmax() == s['antecedent'])


def accuracy(forwards, sentences, heads):
    """Per language: share of sentences whose pronoun attends most to its antecedent."""
    out = {}
    for language in grammar.LANGUAGES:
        chosen = [(f, s) for f, s in zip(forwards, sentences) if s['language'] == language]
        out[language] = float(np.mean([hits(f[1], s, heads) for f, s in chosen]))
    return out


def per_head_accuracy(forwards, sentences):
    layers, heads = len(forwards[0][1]), forwards[0][1][0].shape[0]
    return {f'{l}.{h}': accuracy(forwards, sentences, [(l, h)]) for l in range(layers) for h in range(heads)}


def choose_heads(forwards, sentences):
    """Heads at or above the threshold in both languages on the dev set, best first; of the
    sets made of the best k, the one scoring best averaged (else the single best head)."""
    per_head = per_head_accuracy(forwards, sentences)
    worst = lambda key: min(per_head[key].values())
    ranked = sorted(per_head, key=worst, reverse=True)
    good = [k for k in ranked if worst(k) >= config.THRESHOLDS['coreference']] or ranked[:1]
    as_pairs = lambda keys: [[int(x) for x in k.split('.')] for k in keys]
    candidates = [as_pairs(good[:k]) for k in range(1, len(good) + 1)]
    return max(candidates, key=lambda heads: min(accuracy(forwards, sentences, heads).values())), per_head


def export_check(ref, sentences):
    model = BertMLM(ref.cfg['vocab_size'], C)
    weights = read_safetensors(os.path.join(FOLDER, 'model.safetensors'))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()})
    model.eval()
    rows = sentences[:EXPORT_CHECK_SENTENCES]
    ids, mask, _ = batch_tensors(rows, ref.cfg['pad_token_id'])
    with torch.no_grad():
        logits, _, attentions = model(ids, mask)
    diff = dict(logits=0.0, attention=0.0)
    for b, s in enumerate(rows):
        ref_logits, ref_att = ref.forward(s['ids'])
        n = len(s['ids'])
        diff['logits'] = max(diff['logits'], float(np.abs(logits[b, :n].numpy() - ref_logits).max() / np.abs(ref_logits).max()))
        for l in range(len(attentions)):
            diff['attention'] = max(diff['attention'], float(np.abs(attentions[l][b, :, :n, :n].numpy() - ref_att[l]).max()))
    return diff


def copy_accuracy(forwards, sentences):
    """How often the MLM head at the pronoun outputs the antecedent's token (the training objective)."""
    return float(np.mean([int(f[0][s['pronoun']].argmax() == s['ids'][s['antecedent']]) for f, s in zip(forwards, sentences)]))


def tutorial(ref, tokenizer, heads):
    out = []
    for frame in grammar.TUTORIAL:
        for language in grammar.LANGUAGES:
            s = record(frame, language, tokenizer)
            _, attentions = ref.forward(s['ids'])
            mean = np.mean([attentions[l][h] for l, h in heads], axis=0)
            row = mean[s['pronoun']]
            out.append(dict(text=s['text'], expected=tokenizer.vocab[s['ids'][s['antecedent']]],
                            got=tokenizer.vocab[s['ids'][int(row.argmax())]],
                            weight_on_antecedent=float(row[s['antecedent']]), weight_on_other=float(row[s['other']])))
    return out


def measure():
    ref = Bert(FOLDER)
    tokenizer = load_tokenizer(FOLDER)
    heldout = read_json(os.path.join(config.HELDOUT_DIR, C['name'] + '.heldout.json'))['sentences']
    dev = read_json(os.path.join(config.WORK_DIR, C['name'] + '.dev.json'))['sentences']
    dev_forwards = [ref.forward(s['ids']) for s in dev]
    heldout_forwards = [ref.forward(s['ids']) for s in heldout]
    heads, dev_per_head = choose_heads(dev_forwards, dev)
    write_named_heads(FOLDER, {'coreference': heads})
    sides = {side: sum(s['antecedent_is'] == side for s in heldout) for side in ('first', 'second')}
    metrics = dict(
        heads=heads,
        export_check=export_check(ref, heldout),
        heldout_sentences=len(heldout),
        heldout_antecedent_sides=sides,
        coreference=accuracy(heldout_forwards, heldout, heads),
        copy_accuracy=copy_accuracy(heldout_forwards, heldout),
        dev_per_head=dev_per_head,
        heldout_per_head=per_head_accuracy(heldout_forwards, heldout),
        tutorial=tutorial(ref, tokenizer, heads),
        unknown_word=dict(text=UNKNOWN_WORD_EXAMPLE,
                          tokens=[tokenizer.vocab[i] for i in tokenizer.encode(UNKNOWN_WORD_EXAMPLE)]),
        vocab=ref.cfg['vocab_size'],
        **export_sizes(FOLDER),
    )
    write_json(os.path.join(config.WORK_DIR, C['name'] + '.metrics.json'), metrics)
    return metrics


if __name__ == '__main__':
    m = measure()
    print(json.dumps({k: v for k, v in m.items() if 'per_head' not in k}, ensure_ascii=False, indent=1))
