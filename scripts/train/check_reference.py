"""Checks reference_forward.py against Hugging Face's own outputs: the golden
marian and bert-mlm cases (a folder of checkpoints with expected.json, see the
golden models README). Not part of training; run it when the reference changes:
    /usr/bin/python3 scripts/train/check_reference.py /path/to/golden/models
"""
import json
import os
import sys

import numpy as np

from reference_forward import Bert, Marian

TOLERANCE = 2e-5  # the golden README's tolerance for attention weights, and relative for logits


def worst(pairs):
    return max(float(np.abs(np.asarray(a) - np.asarray(b)).max()) for a, b in pairs)


def check_bert(folder):
    ref, e = Bert(folder), json.load(open(os.path.join(folder, 'expected.json')))
    att, logit = [], []
    for b, mask in enumerate(e['inputs']['attention_mask']):
        n = sum(mask)
        logits, attentions = ref.forward(e['inputs']['input_ids'][b][:n], e['inputs']['token_type_ids'][b][:n])
        att += [(attentions[l], np.asarray(e['attentions'][l][b])[:, :n, :n]) for l in range(len(attentions))]
        scale = np.abs(e['logits'][b]).max()
        logit.append((logits[e['logits_positions'][b]] / scale, np.asarray(e['logits'][b]) / scale))
    return worst(att), worst(logit)


def check_marian(folder):
    ref, e = Marian(folder), json.load(open(os.path.join(folder, 'expected.json')))
    i = e['inputs']
    att, logit = [], []
    for b, mask in enumerate(i['attention_mask']):
        n, t = sum(mask), sum(i['decoder_attention_mask'][b])
        memory, enc = ref.encode(i['input_ids'][b][:n])
        logits, dec, cross = ref.decode(memory, i['decoder_input_ids'][b][:t])
        for l in range(len(enc)):
            att.append((enc[l], np.asarray(e['attentions'][l][b])[:, :n, :n]))
        for l in range(len(dec)):
            att.append((dec[l], np.asarray(e['decoder_attentions'][l][b])[:, :t, :t]))
            att.append((cross[l], np.asarray(e['cross_attentions'][l][b])[:, :t, :n]))
        scale = np.abs(e['logits'][b]).max()
        logit.append((logits[e['logits_positions'][b]] / scale, np.asarray(e['logits'][b]) / scale))
    return worst(att), worst(logit)


if __name__ == '__main__':
    root = sys.argv[1]
    ok = True
    for case, check in (('bert-mlm', check_bert), ('marian', check_marian)):
        attention, logits = check(os.path.join(root, case))
        passed = attention <= TOLERANCE and logits <= TOLERANCE
        ok &= passed
        print(f"{'ok  ' if passed else 'FAIL'} {case}: attention {attention:.1e}, logits (relative) {logits:.1e}")
    sys.exit(0 if ok else 1)
