"""Pieces shared by both trainers: schedule, batching, export, timing."""
import json
import math
import os
import random
import time

import numpy as np
import torch

import config
from safetensors_io import write_safetensors
from wordpiece import write_json


def setup(seed):
    torch.set_num_threads(config.TORCH_THREADS)
    torch.manual_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    os.makedirs(config.WORK_DIR, exist_ok=True)


def learning_rate(step, c):
    """Linear warm-up, then cosine decay to a tenth of the peak."""
    if step < c['warmup']:
        return c['lr'] * (step + 1) / c['warmup']
    progress = (step - c['warmup']) / max(1, c['steps'] - c['warmup'])
    return c['lr'] * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def optimizer_for(model, c):
    return torch.optim.AdamW(model.parameters(), lr=c['lr'], betas=(0.9, 0.98), weight_decay=0.01)


def pad_batch(rows, pad_id):
    """rows: lists of ids -> LongTensor [B, L] padded on the right, and the bool mask."""
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.bool)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        mask[i, :len(r)] = True
    return ids, mask


def batches(count, batch, rng):
    """Endless shuffled index batches."""
    order = list(range(count))
    while True:
        rng.shuffle(order)
        for start in range(0, count - batch + 1, batch):
            yield order[start:start + batch]


def export_folder(folder, model, config_json, tokenizer, specials, tokenizer_config, lexicon):
    os.makedirs(folder, exist_ok=True)
    tensors = {name: t.detach().cpu().numpy() for name, t in model.state_dict().items()}
    write_safetensors(os.path.join(folder, 'model.safetensors'), tensors, 'F16')
    write_json(os.path.join(folder, 'config.json'), config_json)
    write_json(os.path.join(folder, 'tokenizer.json'), tokenizer.to_json(specials))
    write_json(os.path.join(folder, 'tokenizer_config.json'), tokenizer_config)
    write_json(os.path.join(folder, 'lexicon.json'), lexicon)


def parameter_count(model):
    return sum(t.numel() for t in model.state_dict().values())


class Clock:
    def __init__(self):
        self.start = time.time()

    def minutes(self):
        return (time.time() - self.start) / 60


def save_training_log(name, log):
    with open(os.path.join(config.WORK_DIR, name + '.training.json'), 'w') as f:
        json.dump(log, f, indent=1)
