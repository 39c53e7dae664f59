"""A from-scratch numpy forward for the exported checkpoints, written from the
Hugging Face conventions (golden models README), not from hf_models.py, so the
measurements check the files on disk as a runtime will read them.
"""
import json
import math
import os

import numpy as np
from scipy_free_erf import erf

from safetensors_io import read_safetensors


def load(folder):
    with open(os.path.join(folder, 'config.json')) as f:
        cfg = json.load(f)
    return cfg, read_safetensors(os.path.join(folder, 'model.safetensors'))


def layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def linear(x, W, prefix):
    return x @ W[prefix + '.weight'].T + W[prefix + '.bias']


def softmax_masked(scores, allowed):
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(-1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(-1, keepdims=True)


def heads_attention(q, k, v, heads, allowed):
    """q [Lq,E] (scaled), k/v [Lk,E], allowed [Lq,Lk] -> context [Lq,E], weights [H,Lq,Lk]."""
    lq, e = q.shape
    d = e // heads
    qh = q.reshape(lq, heads, d).transpose(1, 0, 2)
    kh = k.reshape(-1, heads, d).transpose(1, 0, 2)
    vh = v.reshape(-1, heads, d).transpose(1, 0, 2)
    weights = softmax_masked(qh @ kh.transpose(0, 2, 1), allowed[None])
    return (weights @ vh).transpose(1, 0, 2).reshape(lq, e), weights


# ------------------------------------------------------------------ Marian

def sinusoids(length, dim):
    """Marian: sin in the first half of the columns, cos in the second; angle pos / 10000^(2i/dim)."""
    table = np.zeros((length, dim))
    for pos in range(length):
        for i in range(dim // 2):
            angle = pos / math.pow(10000, 2 * i / dim)
            table[pos, i] = math.sin(angle)
            table[pos, dim // 2 + i] = math.cos(angle)
    return table.astype(np.float32)


class Marian:
    def __init__(self, folder):
        self.cfg, raw = load(folder)
        self.W = {k[len('model.'):] if k.startswith('model.') else k: v for k, v in raw.items()}
        self.d = self.cfg['d_model']
        self.table = sinusoids(self.cfg['max_position_embeddings'], self.d)
        assert self.cfg['activation_function'] == 'swish' and self.cfg['scale_embedding']

    def embed(self, ids):
        return self.W['shared.weight'][ids] * math.sqrt(self.d) + self.table[:len(ids)]

    def attention(self, prefix, x, memory, heads, allowed):
        d_head = self.d // heads
        q = linear(x, self.W, prefix + '.q_proj') * d_head ** -0.5
        ctx, weights = heads_attention(q, linear(memory, self.W, prefix + '.k_proj'),
                                       linear(memory, self.W, prefix + '.v_proj'), heads, allowed)
        return linear(ctx, self.W, prefix + '.out_proj'), weights

    def ffn(self, prefix, x):
        h = linear(x, self.W, prefix + '.fc1')
        h = h / (1 + np.exp(-h))  # swish = SiLU
        return layer_norm(x + linear(h, self.W, prefix + '.fc2'), self.W[prefix + '.final_layer_norm.weight'],
                          self.W[prefix + '.final_layer_norm.bias'], 1e-5)

    def norm(self, name, x):
        return layer_norm(x, self.W[name + '.weight'], self.W[name + '.bias'], 1e-5)

    def encode(self, src):
        """src: ids of one sentence (no padding). Returns the memory and each layer's weights."""
        x, out = self.embed(src), []
        allowed = np.ones((len(src), len(src)), bool)
        for n in range(self.cfg['encoder_layers']):
            p = f'encoder.layers.{n}'
            h, w = self.attention(p + '.self_attn', x, x, self.cfg['encoder_attention_heads'], allowed)
            x = self.ffn(p, self.norm(p + '.self_attn_layer_norm', x + h))
            out.append(w)
        return x, out

    def decode(self, memory, dec_in):
        """Logits [T,V] and per-layer (self, cross) weights for decoder inputs dec_in."""
        heads = self.cfg['decoder_attention_heads']
        x = self.embed(dec_in)
        causal = np.tril(np.ones((len(dec_in), len(dec_in)), bool))
        cross_allowed = np.ones((len(dec_in), len(memory)), bool)
        self_w, cross_w = [], []
        for n in range(self.cfg['decoder_layers']):
            p = f'decoder.layers.{n}'
            h, w = self.attention(p + '.self_attn', x, x, heads, causal)
            x = self.norm(p + '.self_attn_layer_norm', x + h)
            h, cw = self.attention(p + '.encoder_attn', x, memory, heads, cross_allowed)
            x = self.ffn(p, self.norm(p + '.encoder_attn_layer_norm', x + h))
            self_w.append(w)
            cross_w.append(cw)
        logits = x @ self.W['shared.weight'].T + self.W['final_logits_bias'][0]
        return logits, self_w, cross_w

    def greedy(self, src, max_len):
        memory, _ = self.encode(src)
        out = [self.cfg['decoder_start_token_id']]
        for _ in range(max_len):
            logits, _, _ = self.decode(memory, out)
            out.append(int(logits[-1].argmax()))
            if out[-1] == self.cfg['eos_token_id']:
                break
        return out[1:]


# -------------------------------------------------------------------- BERT

def gelu_erf(x):
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


class Bert:
    def __init__(self, folder):
        self.cfg, self.W = load(folder)
        assert self.cfg['hidden_act'] == 'gelu'

    def forward(self, ids, token_types=None):
        """Logits [L,V] and each layer's weights [H,L,L] for one unpadded sentence."""
        token_types = np.zeros(len(ids), int) if token_types is None else np.asarray(token_types)
        W, cfg, eps = self.W, self.cfg, self.cfg['layer_norm_eps']
        e = 'bert.embeddings.'
        x = (W[e + 'word_embeddings.weight'][ids] + W[e + 'position_embeddings.weight'][:len(ids)]
             + W[e + 'token_type_embeddings.weight'][token_types])
        x = layer_norm(x, W[e + 'LayerNorm.weight'], W[e + 'LayerNorm.bias'], eps)
        heads = cfg['num_attention_heads']
        d_head = cfg['hidden_size'] // heads
        allowed = np.ones((len(ids), len(ids)), bool)
        attentions = []
        for n in range(cfg['num_hidden_layers']):
            p = f'bert.encoder.layer.{n}.'
            q = linear(x, W, p + 'attention.self.query')
            k = linear(x, W, p + 'attention.self.key')
            v = linear(x, W, p + 'attention.self.value')
            ctx, w = heads_attention(q / math.sqrt(d_head), k, v, heads, allowed)
            x = layer_norm(x + linear(ctx, W, p + 'attention.output.dense'),
                           W[p + 'attention.output.LayerNorm.weight'], W[p + 'attention.output.LayerNorm.bias'], eps)
            h = linear(gelu_erf(linear(x, W, p + 'intermediate.dense')), W, p + 'output.dense')
            x = layer_norm(x + h, W[p + 'output.LayerNorm.weight'], W[p + 'output.LayerNorm.bias'], eps)
            attentions.append(w)
        t = 'cls.predictions.transform.'
        h = layer_norm(gelu_erf(linear(x, W, t + 'dense')), W[t + 'LayerNorm.weight'], W[t + 'LayerNorm.bias'], eps)
        logits = h @ W[e + 'word_embeddings.weight'].T + W['cls.predictions.bias']
        return logits, attentions
