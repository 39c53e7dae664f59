"""Prints the measured behaviours of both models and fails if one is below its threshold."""
import json
import os
import sys

import config

NAMES = (config.KO_EN['name'], config.COREF['name'])
TOTAL_BYTES_LIMIT = 3 * 1024 * 1024


def read_metrics(name):
    with open(os.path.join(config.WORK_DIR, name + '.metrics.json'), encoding='utf-8') as f:
        return json.load(f)


def checks():
    """(description, value, passed) for every measured behaviour the issue asks for."""
    t = config.THRESHOLDS
    ko_en, coref = (read_metrics(n) for n in NAMES)
    out = [('ko-en exact match', ko_en['exact_match'], ko_en['exact_match'] >= t['exact_match'])]
    for role, r in ko_en['heads'].items():
        out.append((f'ko-en {role} {r["heads"]}', r['heldout_accuracy'], r['heldout_accuracy'] >= t['alignment']))
    out.append(('ko-en seeds translated', sum(s['correct'] for s in ko_en['seeds']), all(s['correct'] for s in ko_en['seeds'])))
    for language, value in coref['coreference'].items():
        out.append((f'coref {language} {coref["heads"]}', value, value >= t['coreference']))
    out.append(('coref tutorial sentences', sum(x['got'] == x['expected'] for x in coref['tutorial']),
                all(x['got'] == x['expected'] for x in coref['tutorial'])))
    total = sum(sum(m['bytes'].values()) for m in (ko_en, coref))
    out.append(('bytes, both folders', total, total <= TOTAL_BYTES_LIMIT))
    return out


if __name__ == '__main__':
    results = checks()
    for description, value, passed in results:
        shown = f'{value:.3f}' if isinstance(value, float) else str(value)
        print(f"{'ok  ' if passed else 'FAIL'} {description}: {shown}")
    sys.exit(0 if all(p for _, _, p in results) else 1)
