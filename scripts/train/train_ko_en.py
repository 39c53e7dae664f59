"""Train jumok-ko-en (Marian layout) on the generated corpus and export it.

    /usr/bin/python3 scripts/train/train_ko_en.py
writes web/models/jumok-ko-en/ (weights, config, tokenizer, lexicon; the card
is written by measure_ko_en.py) and tests/models/jumok-ko-en.heldout.json.
"""
import json
import os
import random

import torch
import torch.nn.functional as F

import config
import ko_en_grammar as grammar
import train_common as common
from hf_models import MarianMT
from wordpiece import WordPiece, joined_text, write_json_rows

C = config.KO_EN
EOS, UNK, PAD = '</s>', '<unk>', '<pad>'
IGNORE = -100
MAX_TARGET = 40  # greedy decoding stops here at the latest


def build_tokenizer():
    vocab = [EOS, UNK] + sorted(grammar.vocabulary_words()) + [PAD]
    return WordPiece(vocab, UNK, template_after=[EOS])


def record(pair, tokenizer):
    """A pair as text + ids; checks the tokenizer splits the text into the grammar's pieces."""
    ko, en = joined_text(pair.ko_pieces), joined_text(pair.en_tokens)
    assert tokenizer.tokenize(ko) == pair.ko_pieces, (ko, tokenizer.tokenize(ko), pair.ko_pieces)
    assert tokenizer.tokenize(en) == pair.en_tokens, (en, tokenizer.tokenize(en), pair.en_tokens)
    return dict(ko=ko, en=en, src_ids=tokenizer.encode(ko), tgt_ids=tokenizer.encode(en),
                alignments=[[e, k] for e, k in pair.links], frame=getattr(pair, 'frame', 'seed'))


def without_final_punct(text):
    return text.rstrip('.?')


def evaluation_set(rng, count, tokenizer, taken):
    """`count` distinct pairs whose Korean and English are not in `taken` (which grows)."""
    out = []
    while len(out) < count:
        r = record(grammar.random_pair(rng), tokenizer)
        keys = {without_final_punct(r['ko']), without_final_punct(r['en'])}
        if not keys & taken:
            taken |= keys
            out.append(r)
    return out


def make_sets(tokenizer):
    """Training first, then held-out and dev pairs that training never saw. Every
    word is in training, so evaluation is new combinations of known words; the set
    phrases have so few combinations that training holds them all (the seeds test them)."""
    seeds = [record(p, tokenizer) for p in grammar.seed_pairs()]
    assert [(s['ko'], s['en']) for s in seeds] == [(k, joined_text(e.split())) for k, e in grammar.SEED_SENTENCES]
    rng = random.Random(C['seed'])
    train = [record(grammar.random_pair(rng), tokenizer) for _ in range(C['train_sentences'])]
    train += seeds * C['seed_copies']
    trained = {i for r in train for i in r['src_ids'] + r['tgt_ids']}
    untrained = [t for i, t in enumerate(tokenizer.vocab) if i not in trained and t not in (UNK, PAD)]
    assert not untrained, f'words training never sees: {untrained}'
    taken = {without_final_punct(t) for r in train for t in (r['ko'], r['en'])}
    heldout = evaluation_set(random.Random(C['seed'] + 1), C['heldout_sentences'], tokenizer, taken)
    dev = evaluation_set(random.Random(C['seed'] + 2), C['dev_sentences'], tokenizer, taken)
    return train, dev, heldout, seeds


def batch_tensors(rows, pad_id):
    src, src_mask = common.pad_batch([r['src_ids'] for r in rows], pad_id)
    dec_in, dec_mask = common.pad_batch([[pad_id] + r['tgt_ids'][:-1] for r in rows], pad_id)
    labels, _ = common.pad_batch([r['tgt_ids'] for r in rows], IGNORE)
    gold = torch.zeros(len(rows), dec_in.shape[1], src.shape[1])
    for b, r in enumerate(rows):
        for e, k in r['alignments']:
            gold[b, e + 1, k] = 1.0  # the row whose decoder input is English token e
    return src, src_mask, dec_in, dec_mask, labels, gold


def guided_loss(cross_weights, gold, heads):
    rows = gold.sum(-1) > 0
    losses = [-(gold * (cross_weights[l][:, h] + 1e-9).log()).sum(-1)[rows].mean() for l, h in heads]
    return sum(losses) / len(losses)


@torch.no_grad()
def greedy(model, rows, pad_id, eos_id):
    src, src_mask = common.pad_batch([r['src_ids'] for r in rows], pad_id)
    memory, _ = model.encode(src, src_mask)
    out = torch.full((len(rows), 1), pad_id, dtype=torch.long)
    done = torch.zeros(len(rows), dtype=torch.bool)
    for _ in range(MAX_TARGET):
        logits, _, _ = model.decode(memory, src_mask, out, torch.ones_like(out, dtype=torch.bool))
        nxt = logits[:, -1].argmax(-1).masked_fill(done, pad_id)
        out = torch.cat([out, nxt[:, None]], 1)
        done |= nxt == eos_id
        if done.all():
            break
    result = []
    for row in out[:, 1:].tolist():
        result.append(row[:row.index(eos_id) + 1] if eos_id in row else row)
    return result


@torch.no_grad()
def evaluate(model, rows, pad_id, eos_id):
    model.eval()
    predicted = greedy(model, rows, pad_id, eos_id)
    exact = sum(p == r['tgt_ids'] for p, r in zip(predicted, rows)) / len(rows)
    src, src_mask, dec_in, dec_mask, _, gold = batch_tensors(rows, pad_id)
    _, _, _, cross = model(src, src_mask, dec_in, dec_mask)
    target_rows = gold.sum(-1) > 0
    per_head = {}
    for l, layer in enumerate(cross):
        for h in range(layer.shape[1]):
            picked = layer[:, h].argmax(-1)  # [B, T]
            correct = gold.gather(2, picked[..., None])[..., 0] > 0
            per_head[f'{l}.{h}'] = (correct & target_rows).sum().item() / target_rows.sum().item()
    model.train()
    return exact, per_head


def config_json(vocab_size, pad_id, eos_id):
    return {
        'activation_dropout': 0.0, 'activation_function': 'swish', 'add_bias_logits': False,
        'add_final_layer_norm': False, 'architectures': ['MarianMTModel'], 'attention_dropout': 0.0,
        'bad_words_ids': [[pad_id]], 'bos_token_id': 0, 'classif_dropout': 0.0, 'classifier_dropout': 0.0,
        'd_model': C['d_model'], 'decoder_attention_heads': C['heads'], 'decoder_ffn_dim': C['ffn'],
        'decoder_layerdrop': 0.0, 'decoder_layers': C['decoder_layers'], 'decoder_start_token_id': pad_id,
        'decoder_vocab_size': vocab_size, 'dropout': C['dropout'], 'encoder_attention_heads': C['heads'],
        'encoder_ffn_dim': C['ffn'], 'encoder_layerdrop': 0.0, 'encoder_layers': C['encoder_layers'],
        'eos_token_id': eos_id, 'forced_eos_token_id': eos_id, 'init_std': 0.02, 'is_encoder_decoder': True,
        'max_length': MAX_TARGET, 'max_position_embeddings': C['max_positions'], 'model_type': 'marian',
        'normalize_before': False, 'normalize_embedding': False, 'num_beams': 1,
        'num_hidden_layers': C['encoder_layers'], 'pad_token_id': pad_id, 'scale_embedding': True,
        'share_encoder_decoder_embeddings': True, 'static_position_embeddings': True,
        'tie_word_embeddings': True, 'torch_dtype': 'float16', 'transformers_version': '4.40.0',
        'use_cache': True, 'vocab_size': vocab_size,
        'jumok': {'heads': {'alignment': C['guided_heads']}},  # measure_ko_en.py rewrites it from measurements
    }


def tokenizer_config():
    return {'tokenizer_class': 'PreTrainedTokenizerFast', 'eos_token': EOS, 'unk_token': UNK, 'pad_token': PAD,
            'model_max_length': C['max_positions'], 'clean_up_tokenization_spaces': True,
            'do_lower_case': False, 'add_prefix_space': False}


def heldout_json(name, rows, tokenizer):
    return {
        'model': name,
        'format': 'src_ids = tokenizer.encode(ko) (ends with </s>); tgt_ids = tokenizer.encode(en) (ends with </s>); '
                  'decoder_input_ids = [decoder_start_token_id] + tgt_ids[:-1]. alignments: [t, s] pairs, t an index '
                  'into tgt_ids (an English content token), s an index into src_ids (the Korean stem it translates); '
                  'the cross-attention row for tgt token t is decoder position t + 1 (the position whose input is that token).',
        'sentences': [dict(ko=r['ko'], en=r['en'], frame=r['frame'],
                           src_tokens=[tokenizer.vocab[i] for i in r['src_ids']],
                           tgt_tokens=[tokenizer.vocab[i] for i in r['tgt_ids']],
                           src_ids=r['src_ids'], tgt_ids=r['tgt_ids'], alignments=r['alignments']) for r in rows],
    }


def train():
    common.setup(C['seed'])
    clock = common.Clock()
    tokenizer = build_tokenizer()
    pad_id, eos_id = tokenizer.ids[PAD], tokenizer.ids[EOS]
    train_rows, dev, heldout, seeds = make_sets(tokenizer)
    model = MarianMT(len(tokenizer.vocab), C)
    optimizer = common.optimizer_for(model, C)
    order = common.batches(len(train_rows), C['batch'], random.Random(C['seed']))
    log = dict(curve=[], vocab=len(tokenizer.vocab), parameters=common.parameter_count(model),
               train_sentences=len(train_rows))
    running = []
    for step in range(C['steps']):
        for group in optimizer.param_groups:
            group['lr'] = common.learning_rate(step, C)
        src, src_mask, dec_in, dec_mask, labels, gold = batch_tensors([train_rows[i] for i in next(order)], pad_id)
        logits, _, _, cross = model(src, src_mask, dec_in, dec_mask)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=IGNORE)
        total = loss + (C['guided_weight'] * guided_loss(cross, gold, C['guided_heads']) if C['guided_heads'] else 0)
        optimizer.zero_grad()
        total.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        running.append(loss.item())
        if (step + 1) % C['eval_every'] == 0 or step + 1 == C['steps']:
            exact, per_head = evaluate(model, dev, pad_id, eos_id)
            point = dict(step=step + 1, loss=sum(running) / len(running), dev_exact_match=exact,
                         dev_alignment_per_head=per_head, minutes=clock.minutes())
            running = []
            log['curve'].append(point)
            best = max(per_head.items(), key=lambda kv: kv[1])
            print(f"step {step + 1} loss {point['loss']:.4f} dev exact {exact:.3f} best head {best} "
                  f"{point['minutes']:.1f} min", flush=True)
    model.eval()
    folder = os.path.join(config.MODELS_DIR, C['name'])
    common.export_folder(folder, model, config_json(len(tokenizer.vocab), pad_id, eos_id), tokenizer,
                         [EOS, UNK, PAD], tokenizer_config(), grammar.lexicon_json())
    for folder, kind, rows in ((config.HELDOUT_DIR, 'heldout', heldout), (config.WORK_DIR, 'dev', dev)):
        path = os.path.join(folder, f"{C['name']}.{kind}.json")
        write_json_rows(path, heldout_json(C['name'], rows, tokenizer), 'sentences')
    torch.save(model.state_dict(), os.path.join(config.WORK_DIR, C['name'] + '.pt'))
    log['train_minutes'] = clock.minutes()
    common.save_training_log(C['name'], log)


if __name__ == '__main__':
    train()
