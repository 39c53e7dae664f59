// Random-weight Hugging Face checkpoints written in memory for the model rows (models.mjs): config.json's
// object and one safetensors file (F32, the names and shapes transformers saves, as in
// shared/golden/models/README.md), with a Float32Array view of each tensor for the ONNX export
// (onnx-transformer.mjs). The values are drawn straight into the file's bytes, so a 440 MB checkpoint is
// built without a second copy.

// BERT-base and GPT-2 small. The run rows keep the vocabulary small, so the file is mostly the blocks the
// runs time; the load row takes BERT-base whole (vocab 30522, 512 positions: bert-base-uncased's 440 MB).
export const BERT_BASE = {
  model_type: 'bert', architectures: ['BertModel'], vocab_size: 30522, hidden_size: 768, num_hidden_layers: 12,
  num_attention_heads: 12, intermediate_size: 3072, hidden_act: 'gelu', max_position_embeddings: 512, type_vocab_size: 2,
  layer_norm_eps: 1e-12,
};
export const GPT2_SMALL = {
  model_type: 'gpt2', architectures: ['GPT2Model'], vocab_size: 50257, n_embd: 768, n_layer: 12, n_head: 12,
  n_positions: 1024, n_inner: null, activation_function: 'gelu_new', layer_norm_epsilon: 1e-5,
};

// How the values are drawn: uniform in [-1, 1) times a scale, so that weights have a trained model's std
// (transformers initialises with std 0.02: uniform·0.035 has std 0.0202) and norms sit near 1.
const WEIGHT = { scale: 0.035 }, BIAS = { scale: 0.02 }, GAMMA = { offset: 1, scale: 0.1 }, BETA = { scale: 0.05 };

/** A model's sizes, whatever its config calls them. */
export function sizesOf(config) {
  if (config.model_type === 'gpt2') {
    return { E: config.n_embd, layers: config.n_layer, heads: config.n_head, F: config.n_inner ?? 4 * config.n_embd,
      vocab: config.vocab_size, positions: config.n_positions, eps: config.layer_norm_epsilon };
  }
  return { E: config.hidden_size, layers: config.num_hidden_layers, heads: config.num_attention_heads,
    F: config.intermediate_size, vocab: config.vocab_size, positions: config.max_position_embeddings,
    types: config.type_vocab_size, eps: config.layer_norm_eps };
}

// [name, shape, how it is drawn] of every tensor BertModel saves (nn.Linear weights [out, in]); with
// `pooler`, also the pooler a BertModel checkpoint carries and the runtime skips.
function bertTensors(config, { pooler = false } = {}) {
  const { E, F, layers, vocab, positions, types } = sizesOf(config);
  const linear = (name, out, inDim) => [[`${name}.weight`, [out, inDim], WEIGHT], [`${name}.bias`, [out], BIAS]];
  const norm = (name) => [[`${name}.weight`, [E], GAMMA], [`${name}.bias`, [E], BETA]];
  const list = [
    ['embeddings.word_embeddings.weight', [vocab, E], WEIGHT],
    ['embeddings.position_embeddings.weight', [positions, E], WEIGHT],
    ['embeddings.token_type_embeddings.weight', [types, E], WEIGHT],
    ...norm('embeddings.LayerNorm'),
  ];
  for (let i = 0; i < layers; i++) {
    const p = `encoder.layer.${i}.`;
    list.push(...linear(`${p}attention.self.query`, E, E), ...linear(`${p}attention.self.key`, E, E),
      ...linear(`${p}attention.self.value`, E, E), ...linear(`${p}attention.output.dense`, E, E),
      ...norm(`${p}attention.output.LayerNorm`), ...linear(`${p}intermediate.dense`, F, E),
      ...linear(`${p}output.dense`, E, F), ...norm(`${p}output.LayerNorm`));
  }
  if (pooler) list.push(...linear('pooler.dense', E, E));
  return list;
}

// GPT2Model's tensors: Conv1D weights are [in, out] (y = x·W), c_attn's columns [q | k | v].
function gpt2Tensors(config) {
  const { E, F, layers, vocab, positions } = sizesOf(config);
  const conv = (name, inDim, out) => [[`${name}.weight`, [inDim, out], WEIGHT], [`${name}.bias`, [out], BIAS]];
  const norm = (name) => [[`${name}.weight`, [E], GAMMA], [`${name}.bias`, [E], BETA]];
  const list = [['wte.weight', [vocab, E], WEIGHT], ['wpe.weight', [positions, E], WEIGHT]];
  for (let i = 0; i < layers; i++) {
    const p = `h.${i}.`;
    list.push(...norm(`${p}ln_1`), ...conv(`${p}attn.c_attn`, E, 3 * E), ...conv(`${p}attn.c_proj`, E, E),
      ...norm(`${p}ln_2`), ...conv(`${p}mlp.c_fc`, E, F), ...conv(`${p}mlp.c_proj`, F, E));
  }
  list.push(...norm('ln_f'));
  return list;
}

const BYTES_PER_FLOAT = 4;
const HEADER_ALIGNMENT = 8;  // the header is padded with spaces, as safetensors writes it

/**
 * { config, weights: Uint8Array (the safetensors file), tensors: name → Float32Array view into it }.
 * overrides: config fields to change (e.g. { vocab_size: 1000 }); options.pooler: BERT's pooler too.
 */
export function randomCheckpoint(baseConfig, overrides = {}, options = {}) {
  const config = { ...baseConfig, ...overrides };
  const list = config.model_type === 'gpt2' ? gpt2Tensors(config) : bertTensors(config, options);
  const header = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const [name, shape] of list) {
    const bytes = shape.reduce((a, b) => a * b, 1) * BYTES_PER_FLOAT;
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((HEADER_ALIGNMENT - (json.length % HEADER_ALIGNMENT)) % HEADER_ALIGNMENT);
  const headerBytes = new TextEncoder().encode(json);
  const dataOffset = 8 + headerBytes.length;
  const weights = new Uint8Array(dataOffset + offset);
  new DataView(weights.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  weights.set(headerBytes, 8);
  const tensors = new Map();
  list.forEach(([name, , draw], index) => {
    const [begin, end] = header[name].data_offsets;
    const values = new Float32Array(weights.buffer, dataOffset + begin, (end - begin) / BYTES_PER_FLOAT);
    fillRandom(values, index + 1, draw);
    tensors.set(name, values);
  });
  return { config, weights, tensors };
}

// offset + scale·u, u uniform in [-1, 1) from a fixed seed (measure.mjs's generator, drawn in place).
function fillRandom(values, seed, { offset = 0, scale }) {
  let state = seed >>> 0;
  for (let i = 0; i < values.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    values[i] = offset + scale * ((state / 2 ** 32) * 2 - 1);
  }
}

/** n token ids in [0, vocab), the same every run. */
export function randomIds(n, vocab, seed = 1) {
  let state = seed >>> 0;
  return Array.from({ length: n }, () => (state = (state * 1664525 + 1013904223) >>> 0) % vocab);
}
