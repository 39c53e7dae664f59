// A random-weight checkpoint (checkpoints.mjs) as an ONNX model, protobuf encoded by hand like
// onnx-model.mjs: what ONNX Runtime Web runs beside jumok's model rows. As Transformer Explainer exports
// GPT-2, every layer's attention probabilities are graph outputs (attention_0 … attention_{layers-1},
// [batch, heads, n, n]), beside last_hidden_state [batch, n, E]. The ops are those torch.onnx.export
// writes for transformers' modeling code (opset 17, for LayerNormalization):
//   linear    MatMul by the weight as [in, out] (nn.Linear's [out, in] transposed once, here; Conv1D's as it
//             is) + Add bias
//   attention Reshape [b,n,H,D] → Transpose → MatMul Q·Kᵀ → Mul 1/√D (+ causal_mask for GPT-2) → Softmax
//             → MatMul ·V → Transpose → Reshape [b,n,E]
//   GELU      BERT: 0.5·x·(1 + Erf(x/√2)); GPT-2 (gelu_new): 0.5·x·(1 + Tanh(√(2/π)·(x + 0.044715·x³)))
// Inputs: input_ids, position_ids (and BERT's token_type_ids) int64 [batch, n]; GPT-2's causal_mask
// float [n, n] (0 where a query sees a key, -1e9 where not), all from modelInputs.
import { FLOAT, WIRE_LENGTH, bytes, int, intAttribute, intsAttribute, key, node, string, varint } from './onnx-model.mjs';
import { sizesOf } from './checkpoints.mjs';

const INT64 = 7;  // TensorProto.DataType
const ATTRIBUTE_FLOAT = 1;  // AttributeProto.AttributeType
const WIRE_FIXED32 = 5;
const OPSET = 17, IR_VERSION = 8;
const MASKED = -1e9;  // exp(-1e9 - max) is exactly 0 in float32, as transformers' finfo.min gives

// A message as parts (number[] for the small fields, Uint8Array views for tensor data), so hundreds of
// megabytes of weights are copied once, into the finished model bytes.
const lengthOf = (parts) => parts.reduce((total, part) => total + part.length, 0);
const message = (field, parts) => [[...key(field, WIRE_LENGTH), ...varint(lengthOf(parts))], ...parts];

function join(parts) {
  const out = new Uint8Array(lengthOf(parts));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const bytesOf = (typed) => new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
// AttributeProto: name 1, f 2 (fixed32), type 20.
const floatAttribute = (name, value) => [...string(1, name), ...key(2, WIRE_FIXED32),
  ...bytesOf(new Float32Array([value])), ...int(20, ATTRIBUTE_FLOAT)];

// ValueInfoProto name 1, type 2 → TypeProto.tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1 | dim_param 2.
function valueInfo(name, elemType, dims) {
  const shape = dims.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : string(2, d)));
  return [...string(1, name), ...bytes(2, bytes(1, [...int(1, elemType), ...bytes(2, shape)]))];
}

/** Nodes and initializers in the order they are added; each op's output gets a fresh name unless given. */
class Graph {
  nodes = [];
  initializers = [];
  inputs = [];
  outputs = [];
  #count = 0;
  #scalars = new Map();

  op(type, inputs, attributes = [], outputs = [`${type.toLowerCase()}_${this.#count++}`]) {
    this.nodes.push(node(type, inputs, outputs, attributes));
    return outputs.length === 1 ? outputs[0] : outputs;
  }

  // TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian values).
  tensor(name, elemType, dims, typed) {
    this.initializers.push(message(5, [[...dims.flatMap((d) => int(1, d)), ...int(2, elemType), ...string(8, name)],
      ...message(9, [bytesOf(typed)])]));
    return name;
  }

  floats(name, values, dims) { return this.tensor(name, FLOAT, dims, values); }
  int64s(name, values) { return this.tensor(name, INT64, [values.length], BigInt64Array.from(values, BigInt)); }

  scalar(value) {
    if (!this.#scalars.has(value)) this.#scalars.set(value, this.tensor(`scalar_${this.#scalars.size}`, FLOAT, [], new Float32Array([value])));
    return this.#scalars.get(value);
  }

  input(name, elemType, dims) { this.inputs.push(valueInfo(name, elemType, dims)); return name; }
  output(name, dims) { this.outputs.push(valueInfo(name, FLOAT, dims)); }

  // GraphProto: node 1, name 2, initializer 5, input 11, output 12; ModelProto: ir_version 1,
  // producer_name 2, graph 7, opset_import 8 (version 2).
  modelBytes(name) {
    const graph = [...this.nodes.flatMap((n) => message(1, [n])), string(2, name), ...this.initializers.flat(),
      ...this.inputs.flatMap((i) => message(11, [i])), ...this.outputs.flatMap((o) => message(12, [o]))];
    return join([[...int(1, IR_VERSION), ...string(2, 'jumok-bench')], ...message(7, graph), bytes(8, int(2, OPSET))]);
  }
}

// [rows, columns] → [columns, rows]: nn.Linear's [out, in] as MatMul's [in, out].
function transposed(values, rows, columns) {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c];
  return out;
}

/** The model bytes of a bert or gpt2 checkpoint from randomCheckpoint. */
export function onnxModel({ config, tensors }) {
  const g = new Graph(), sizes = sizesOf(config);
  const build = config.model_type === 'gpt2' ? gpt2Graph : bertGraph;
  const hidden = build(g, sizes, (name) => tensors.get(name));
  for (let i = 0; i < sizes.layers; i++) g.output(`attention_${i}`, ['batch', sizes.heads, 'n', 'n']);
  g.op('Identity', [hidden], [], ['last_hidden_state']);
  g.output('last_hidden_state', ['batch', 'n', sizes.E]);
  return g.modelBytes(config.model_type);
}

// Shared pieces of both graphs, given the graph, the sizes and tensor(name) → Float32Array.
function layers(g, { E, heads, eps }, tensor) {
  const D = E / heads;
  const splitShape = g.int64s('split_shape', [0, 0, heads, D]), mergedShape = g.int64s('merged_shape', [0, 0, E]);
  const norm = (x, name) => g.op('LayerNormalization', [x, g.floats(`${name}.weight`, tensor(`${name}.weight`), [E]),
    g.floats(`${name}.bias`, tensor(`${name}.bias`), [E])], [intAttribute('axis', -1), floatAttribute('epsilon', eps)]);
  // x·W + b with W [in, out] as stored (Conv1D) or transposed from [out, in] (nn.Linear).
  const matmulAdd = (x, name, inDim, out, fromRows) => {
    const weight = tensor(`${name}.weight`);
    const w = g.floats(`${name}.weight`, fromRows ? transposed(weight, out, inDim) : weight, [inDim, out]);
    return g.op('Add', [g.op('MatMul', [x, w]), g.floats(`${name}.bias`, tensor(`${name}.bias`), [out])]);
  };
  const heads4 = (x, perm) => g.op('Transpose', [g.op('Reshape', [x, splitShape])], [intsAttribute('perm', perm)]);
  // Self-attention of q, k, v [b,n,E]: its probabilities become graph output `probsName`; returns [b,n,E].
  const attention = (q, k, v, probsName, mask) => {
    let scores = g.op('Mul', [g.op('MatMul', [heads4(q, [0, 2, 1, 3]), heads4(k, [0, 2, 3, 1])]), g.scalar(1 / Math.sqrt(D))]);
    if (mask) scores = g.op('Add', [scores, mask]);
    const probs = g.op('Softmax', [scores], [intAttribute('axis', -1)], [probsName]);
    const context = g.op('MatMul', [probs, heads4(v, [0, 2, 1, 3])]);
    return g.op('Reshape', [g.op('Transpose', [context], [intsAttribute('perm', [0, 2, 1, 3])]), mergedShape]);
  };
  return { norm, matmulAdd, attention };
}

// BertModel: embeddings → LayerNorm; post-LN blocks.
function bertGraph(g, sizes, tensor) {
  const { E, F, layers: count, vocab, positions, types } = sizes;
  const { norm, matmulAdd, attention } = layers(g, sizes, tensor);
  const ids = g.input('input_ids', INT64, ['batch', 'n']), positionIds = g.input('position_ids', INT64, ['batch', 'n']);
  const typeIds = g.input('token_type_ids', INT64, ['batch', 'n']);
  const table = (name, rows) => g.floats(name, tensor(name), [rows, E]);
  let x = g.op('Add', [g.op('Add', [g.op('Gather', [table('embeddings.word_embeddings.weight', vocab), ids]),
    g.op('Gather', [table('embeddings.position_embeddings.weight', positions), positionIds])]),
  g.op('Gather', [table('embeddings.token_type_embeddings.weight', types), typeIds])]);
  x = norm(x, 'embeddings.LayerNorm');
  const linear = (input, name, out, inDim) => matmulAdd(input, name, inDim, out, true);
  for (let i = 0; i < count; i++) {
    const p = `encoder.layer.${i}.`;
    const context = attention(linear(x, `${p}attention.self.query`, E, E), linear(x, `${p}attention.self.key`, E, E),
      linear(x, `${p}attention.self.value`, E, E), `attention_${i}`);
    x = norm(g.op('Add', [x, linear(context, `${p}attention.output.dense`, E, E)]), `${p}attention.output.LayerNorm`);
    const inner = geluErf(g, linear(x, `${p}intermediate.dense`, F, E));
    x = norm(g.op('Add', [x, linear(inner, `${p}output.dense`, E, F)]), `${p}output.LayerNorm`);
  }
  return x;
}

// GPT2Model: wte + wpe; pre-LN blocks, causal; ln_f.
function gpt2Graph(g, sizes, tensor) {
  const { E, F, layers: count, vocab, positions } = sizes;
  const { norm, matmulAdd, attention } = layers(g, sizes, tensor);
  const ids = g.input('input_ids', INT64, ['batch', 'n']), positionIds = g.input('position_ids', INT64, ['batch', 'n']);
  const mask = g.input('causal_mask', FLOAT, ['n', 'n']);
  let x = g.op('Add', [g.op('Gather', [g.floats('wte.weight', tensor('wte.weight'), [vocab, E]), ids]),
    g.op('Gather', [g.floats('wpe.weight', tensor('wpe.weight'), [positions, E]), positionIds])]);
  const thirds = g.int64s('qkv_split', [E, E, E]);
  const conv = (input, name, inDim, out) => matmulAdd(input, name, inDim, out, false);
  for (let i = 0; i < count; i++) {
    const p = `h.${i}.`;
    const qkv = conv(norm(x, `${p}ln_1`), `${p}attn.c_attn`, E, 3 * E);
    const [q, k, v] = g.op('Split', [qkv, thirds], [intAttribute('axis', -1)], [`q_${i}`, `k_${i}`, `v_${i}`]);
    x = g.op('Add', [x, conv(attention(q, k, v, `attention_${i}`, mask), `${p}attn.c_proj`, E, E)]);
    const inner = geluTanh(g, conv(norm(x, `${p}ln_2`), `${p}mlp.c_fc`, E, F));
    x = g.op('Add', [x, conv(inner, `${p}mlp.c_proj`, F, E)]);
  }
  return norm(x, 'ln_f');
}

// 0.5·x·(1 + inner): both GELUs end this way.
const halfTimes = (g, x, inner) => g.op('Mul', [g.op('Mul', [x, g.op('Add', [inner, g.scalar(1)])]), g.scalar(0.5)]);
const geluErf = (g, x) => halfTimes(g, x, g.op('Erf', [g.op('Div', [x, g.scalar(Math.SQRT2)])]));
function geluTanh(g, x) {
  const cubed = g.op('Pow', [x, g.scalar(3)]);
  const inner = g.op('Mul', [g.op('Add', [x, g.op('Mul', [cubed, g.scalar(0.044715)])]), g.scalar(Math.sqrt(2 / Math.PI))]);
  return halfTimes(g, x, g.op('Tanh', [inner]));
}

/** The graph's inputs for one row of ids (batch 1), as `ort` Tensors. */
export function modelInputs(ort, config, ids) {
  const n = ids.length, dims = [1, n];
  const int64 = (values) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
  const feeds = { input_ids: int64(ids), position_ids: int64(ids.map((_, t) => t)) };
  if (config.model_type === 'gpt2') {
    const mask = new Float32Array(n * n);
    for (let q = 0; q < n; q++) mask.fill(MASKED, q * n + q + 1, (q + 1) * n);
    feeds.causal_mask = new ort.Tensor('float32', mask, [n, n]);
  } else {
    feeds.token_type_ids = int64(ids.map(() => 0));
  }
  return feeds;
}
