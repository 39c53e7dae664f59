"""Measure the exported jumok-ko-en from its files (numpy reference forward):
check it against the PyTorch module, choose the alignment heads on the dev
set, measure the held-out set and the seeds, write the heads into config.json
and the figures into build/train/jumok-ko-en.metrics.json.
"""
import json
import os

import numpy as np
import torch

import config
import ko_en_grammar as grammar
from hf_models import MarianMT
from reference_forward import Marian
from safetensors_io import read_safetensors
from train_ko_en import MAX_TARGET, batch_tensors
from wordpiece import decode, joined_text, load_tokenizer, write_json

C = config.KO_EN
FOLDER = os.path.join(config.MODELS_DIR, C['name'])
UNKNOWN_WORD_EXAMPLE = '영수가 바나나를 먹었다'  # 영수 and 바나나 are not in the lexicon
EXPORT_CHECK_SENTENCES = 16


def read_json(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def write_named_heads(folder, heads):
    """config.json's `jumok` field: the heads the card talks about, {role: [[layer, head], ...]}."""
    cfg_path = os.path.join(folder, 'config.json')
    cfg = read_json(cfg_path)
    cfg['jumok'] = {'heads': heads}
    write_json(cfg_path, cfg)


def export_sizes(folder):
    """Parameters in the exported weights and the bytes of each file the card lists (the card aside)."""
    return dict(
        parameters=int(sum(v.size for v in read_safetensors(os.path.join(folder, 'model.safetensors')).values())),
        bytes={name: os.path.getsize(os.path.join(folder, name)) for name in sorted(os.listdir(folder))
               if name != config.CARD},
    )


def teacher_forced(ref, s):
    memory, _ = ref.encode(s['src_ids'])
    return ref.decode(memory, [ref.cfg['decoder_start_token_id']] + s['tgt_ids'][:-1])


# Two ways to read a cross-attention row for English token t (an index into tgt_ids, with
# decoder_input_ids = [start] + tgt_ids[:-1]): the row that outputs t (row t), or the row
# whose input is t (row t + 1). Heads are chosen and measured for each.
ROW_OFFSETS = {'alignment': 0, 'alignment_by_input': 1}


def alignment_hits(cross, s, heads, row_offset):
    """For each gold (t, s): is the argmax of the heads' mean cross-attention at row t + row_offset on s?"""
    mean = np.mean([cross[l][h] for l, h in heads], axis=0)
    return [int(mean[t + row_offset].argmax() == k) for t, k in s['alignments']]


def accuracy(crosses, sentences, heads, row_offset):
    return float(np.mean([hit for cross, s in zip(crosses, sentences)
                          for hit in alignment_hits(cross, s, heads, row_offset)]))


def per_head_accuracy(crosses, sentences, row_offset):
    layers, heads = len(crosses[0]), crosses[0][0].shape[0]
    return {f'{l}.{h}': accuracy(crosses, sentences, [(l, h)], row_offset) for l in range(layers) for h in range(heads)}


def choose_heads(crosses, sentences, row_offset):
    """Heads at or above the threshold on the dev set, best first; of the sets made of the
    best k of them, the one whose averaged attention scores best (else the single best head)."""
    per_head = per_head_accuracy(crosses, sentences, row_offset)
    ranked = sorted(per_head, key=per_head.get, reverse=True)
    good = [k for k in ranked if per_head[k] >= config.THRESHOLDS['alignment']] or ranked[:1]
    as_pairs = lambda keys: [[int(x) for x in k.split('.')] for k in keys]
    candidates = [as_pairs(good[:k]) for k in range(1, len(good) + 1)]
    return max(candidates, key=lambda heads: accuracy(crosses, sentences, heads, row_offset)), per_head


def export_check(ref, dev):
    """Max differences between the PyTorch module (weights read back from disk) and the numpy forward."""
    model = MarianMT(ref.cfg['vocab_size'], C)
    weights = read_safetensors(os.path.join(FOLDER, 'model.safetensors'))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()})
    model.eval()
    rows = dev[:EXPORT_CHECK_SENTENCES]
    src, src_mask, dec_in, dec_mask, _, _ = batch_tensors(rows, ref.cfg['pad_token_id'])
    with torch.no_grad():
        logits, enc_w, _, cross = model(src, src_mask, dec_in, dec_mask)
    diff = dict(logits=0.0, attention=0.0)
    for b, s in enumerate(rows):
        ref_logits, _, ref_cross = teacher_forced(ref, s)
        _, ref_enc = ref.encode(s['src_ids'])
        t, n = len(s['tgt_ids']), len(s['src_ids'])
        scale = np.abs(ref_logits).max()
        diff['logits'] = max(diff['logits'], float(np.abs(logits[b, :t].numpy() - ref_logits).max() / scale))
        for l in range(len(cross)):
            diff['attention'] = max(diff['attention'],
                                    float(np.abs(cross[l][b, :, :t, :n].numpy() - ref_cross[l]).max()),
                                    float(np.abs(enc_w[l][b, :, :n, :n].numpy() - ref_enc[l]).max()))
    return diff


def translate(ref, tokenizer, text):
    return decode(tokenizer, ref.greedy(tokenizer.encode(text), MAX_TARGET))


def measure():
    ref = Marian(FOLDER)
    tokenizer = load_tokenizer(FOLDER)
    heldout = read_json(os.path.join(config.HELDOUT_DIR, C['name'] + '.heldout.json'))['sentences']
    dev = read_json(os.path.join(config.WORK_DIR, C['name'] + '.dev.json'))['sentences']
    dev_cross = [teacher_forced(ref, s)[2] for s in dev]
    heldout_cross = [teacher_forced(ref, s)[2] for s in heldout]
    heads, per_role = {}, {}
    for role, offset in ROW_OFFSETS.items():
        heads[role], dev_per_head = choose_heads(dev_cross, dev, offset)
        per_role[role] = dict(row_offset=offset, heads=heads[role],
                              heldout_accuracy=accuracy(heldout_cross, heldout, heads[role], offset),
                              dev_per_head=dev_per_head,
                              heldout_per_head=per_head_accuracy(heldout_cross, heldout, offset))
    translations = [ref.greedy(s['src_ids'], MAX_TARGET) for s in heldout]
    failures = [dict(ko=s['ko'], expected=s['en'], got=decode(tokenizer, t))
                for s, t in zip(heldout, translations) if t != s['tgt_ids']]
    seeds = [dict(ko=ko, expected=joined_text(en.split()), got=translate(ref, tokenizer, ko))
             for ko, en in grammar.SEED_SENTENCES]
    for s in seeds:
        s['correct'] = s['got'] == s['expected']
    write_named_heads(FOLDER, heads)
    metrics = dict(
        heads=per_role,
        export_check=export_check(ref, dev),
        heldout_sentences=len(heldout),
        exact_match=1 - len(failures) / len(heldout),
        translation_failures=failures,
        alignment_words=sum(len(s['alignments']) for s in heldout),
        seeds=seeds,
        unknown_word=dict(text=UNKNOWN_WORD_EXAMPLE,
                          tokens=[tokenizer.vocab[i] for i in tokenizer.encode(UNKNOWN_WORD_EXAMPLE)],
                          translation=translate(ref, tokenizer, UNKNOWN_WORD_EXAMPLE)),
        vocab=ref.cfg['vocab_size'],
        **export_sizes(FOLDER),
    )
    write_json(os.path.join(config.WORK_DIR, C['name'] + '.metrics.json'), metrics)
    return metrics


if __name__ == '__main__':
    m = measure()
    print(json.dumps(dict(m, heads={role: dict((k, v) for k, v in r.items() if 'per_head' not in k)
                                    for role, r in m['heads'].items()}), ensure_ascii=False, indent=1))
