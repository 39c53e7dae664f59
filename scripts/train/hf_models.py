"""PyTorch modules whose forward is Hugging Face's MarianMTModel / BertForMaskedLM
forward (eval mode) and whose state_dict keys are HF's parameter names, so the
export is the state_dict as it is. Dropout only acts in training.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

MARIAN_LN_EPS = 1e-5
BERT_LN_EPS = 1e-12
MASKED = float('-inf')


def attend(q, k, v, heads, key_mask, causal, dropout, training):
    """q: [B,Lq,E] already scaled, k/v: [B,Lk,E]; key_mask: [B,Lk] bool (True = real).
    Returns the context [B,Lq,E] and the softmax weights [B,H,Lq,Lk]."""
    b, lq, e = q.shape
    lk = k.shape[1]
    d = e // heads
    split = lambda x, n: x.view(b, n, heads, d).transpose(1, 2)
    scores = split(q, lq) @ split(k, lk).transpose(-1, -2)
    allowed = key_mask[:, None, None, :]
    if causal:
        allowed = allowed & torch.ones(lq, lk, dtype=torch.bool, device=q.device).tril()[None, None]
    weights = scores.masked_fill(~allowed, MASKED).softmax(-1)
    context = F.dropout(weights, dropout, training) @ split(v, lk)
    return context.transpose(1, 2).reshape(b, lq, e), weights


# ------------------------------------------------------------------ Marian

def marian_sinusoids(positions, dim):
    """MarianSinusoidalPositionalEmbedding: sin in columns 0..dim/2-1, cos after (float64 maths)."""
    pos = torch.arange(positions, dtype=torch.float64)[:, None]
    i = torch.arange(dim // 2, dtype=torch.float64)[None, :]
    angle = pos / torch.pow(torch.tensor(10000.0, dtype=torch.float64), 2 * i / dim)
    return torch.cat([angle.sin(), angle.cos()], dim=1).float()


class MarianAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads, self.scaling = heads, (dim // heads) ** -0.5
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (nn.Linear(dim, dim) for _ in range(4))

    def forward(self, x, memory, key_mask, causal, dropout):
        context, weights = attend(self.q_proj(x) * self.scaling, self.k_proj(memory), self.v_proj(memory),
                                  self.heads, key_mask, causal, dropout, self.training)
        return self.out_proj(context), weights


class MarianLayer(nn.Module):
    """Post-LN layer; with cross-attention when it is a decoder layer. SiLU ('swish') FFN."""

    def __init__(self, dim, heads, ffn, decoder):
        super().__init__()
        self.self_attn = MarianAttention(dim, heads)
        self.self_attn_layer_norm = nn.LayerNorm(dim, eps=MARIAN_LN_EPS)
        if decoder:
            self.encoder_attn = MarianAttention(dim, heads)
            self.encoder_attn_layer_norm = nn.LayerNorm(dim, eps=MARIAN_LN_EPS)
        self.fc1, self.fc2 = nn.Linear(dim, ffn), nn.Linear(ffn, dim)
        self.final_layer_norm = nn.LayerNorm(dim, eps=MARIAN_LN_EPS)

    def forward(self, x, mask, dropout, memory=None, memory_mask=None):
        drop = lambda t: F.dropout(t, dropout, self.training)
        h, self_weights = self.self_attn(x, x, mask, memory is not None, dropout)
        x = self.self_attn_layer_norm(x + drop(h))
        cross_weights = None
        if memory is not None:
            h, cross_weights = self.encoder_attn(x, memory, memory_mask, False, dropout)
            x = self.encoder_attn_layer_norm(x + drop(h))
        h = self.fc2(drop(F.silu(self.fc1(x))))
        return self.final_layer_norm(x + drop(h)), self_weights, cross_weights


class MarianStack(nn.Module):
    def __init__(self, layers, dim, heads, ffn, decoder):
        super().__init__()
        self.layers = nn.ModuleList(MarianLayer(dim, heads, ffn, decoder) for _ in range(layers))


class MarianCore(nn.Module):
    def __init__(self, vocab, c):
        super().__init__()
        self.shared = nn.Embedding(vocab, c['d_model'])
        nn.init.normal_(self.shared.weight, std=c['d_model'] ** -0.5)
        self.encoder = MarianStack(c['encoder_layers'], c['d_model'], c['heads'], c['ffn'], False)
        self.decoder = MarianStack(c['decoder_layers'], c['d_model'], c['heads'], c['ffn'], True)


class MarianMT(nn.Module):
    """Shared embeddings (scaled by sqrt(d_model)) + sinusoids; logits = shared^T + final_logits_bias."""

    def __init__(self, vocab, c):
        super().__init__()
        self.c = c
        self.model = MarianCore(vocab, c)
        self.final_logits_bias = nn.Parameter(torch.zeros(1, vocab))
        self.register_buffer('positions', marian_sinusoids(c['max_positions'], c['d_model']), persistent=False)

    def embed(self, ids):
        x = self.model.shared(ids) * math.sqrt(self.c['d_model']) + self.positions[: ids.shape[1]][None]
        return F.dropout(x, self.c['dropout'], self.training)

    def encode(self, src, src_mask):
        x, attentions = self.embed(src), []
        for layer in self.model.encoder.layers:
            x, w, _ = layer(x, src_mask, self.c['dropout'])
            attentions.append(w)
        return x, attentions

    def decode(self, memory, src_mask, dec_in, dec_mask):
        x, self_w, cross_w = self.embed(dec_in), [], []
        for layer in self.model.decoder.layers:
            x, w, cw = layer(x, dec_mask, self.c['dropout'], memory, src_mask)
            self_w.append(w)
            cross_w.append(cw)
        logits = x @ self.model.shared.weight.T + self.final_logits_bias
        return logits, self_w, cross_w

    def forward(self, src, src_mask, dec_in, dec_mask):
        memory, enc_w = self.encode(src, src_mask)
        logits, dec_w, cross_w = self.decode(memory, src_mask, dec_in, dec_mask)
        return logits, enc_w, dec_w, cross_w


# -------------------------------------------------------------------- BERT

def container(**children):
    module = nn.Module()
    for name, child in children.items():
        setattr(module, name, child)
    return module


class BertLayer(nn.Module):
    def __init__(self, dim, heads, ffn):
        super().__init__()
        self.heads = heads
        self.attention = container(
            self=container(query=nn.Linear(dim, dim), key=nn.Linear(dim, dim), value=nn.Linear(dim, dim)),
            output=container(dense=nn.Linear(dim, dim), LayerNorm=nn.LayerNorm(dim, eps=BERT_LN_EPS)))
        self.intermediate = container(dense=nn.Linear(dim, ffn))
        self.output = container(dense=nn.Linear(ffn, dim), LayerNorm=nn.LayerNorm(dim, eps=BERT_LN_EPS))

    def forward(self, x, mask, dropout):
        a = self.attention
        drop = lambda t: F.dropout(t, dropout, self.training)
        scale = (x.shape[-1] // self.heads) ** -0.5
        context, weights = attend(a.self.query(x) * scale, a.self.key(x), a.self.value(x),
                                  self.heads, mask, False, dropout, self.training)
        x = a.output.LayerNorm(x + drop(a.output.dense(context)))
        h = self.output.dense(F.gelu(self.intermediate.dense(x)))  # exact erf GELU
        return self.output.LayerNorm(x + drop(h)), weights


class BertMLM(nn.Module):
    """BertForMaskedLM: the MLM decoder is tied to the word embeddings."""

    def __init__(self, vocab, c):
        super().__init__()
        self.c = c
        dim = c['hidden']
        self.bert = container(
            embeddings=container(word_embeddings=nn.Embedding(vocab, dim),
                                 position_embeddings=nn.Embedding(c['max_positions'], dim),
                                 token_type_embeddings=nn.Embedding(2, dim),
                                 LayerNorm=nn.LayerNorm(dim, eps=BERT_LN_EPS)),
            encoder=container(layer=nn.ModuleList(BertLayer(dim, c['heads'], c['ffn']) for _ in range(c['layers']))))
        for emb in (self.bert.embeddings.word_embeddings, self.bert.embeddings.position_embeddings,
                    self.bert.embeddings.token_type_embeddings):
            nn.init.normal_(emb.weight, std=0.02 * 4)
        self.cls = container(predictions=container(
            transform=container(dense=nn.Linear(dim, dim), LayerNorm=nn.LayerNorm(dim, eps=BERT_LN_EPS))))
        self.cls.predictions.bias = nn.Parameter(torch.zeros(vocab))

    def forward(self, ids, mask):
        e = self.bert.embeddings
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = e.word_embeddings(ids) + e.position_embeddings(positions)[None] + e.token_type_embeddings(torch.zeros_like(ids))
        x = F.dropout(e.LayerNorm(x), self.c['dropout'], self.training)
        attentions = []
        for layer in self.bert.encoder.layer:
            x, w = layer(x, mask, self.c['dropout'])
            attentions.append(w)
        t = self.cls.predictions.transform
        h = t.LayerNorm(F.gelu(t.dense(x)))
        logits = h @ e.word_embeddings.weight.T + self.cls.predictions.bias
        return logits, x, attentions


def state_dict_numpy(model):
    return {name: t.detach().cpu().numpy() for name, t in model.state_dict().items()}
