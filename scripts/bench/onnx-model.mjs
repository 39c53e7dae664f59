// The attention graph as ONNX model bytes, protobuf encoded by hand (a few
// dozen lines instead of a dependency): the op ONNX Runtime Web runs as our peer.
//   Q, K, V [H,n,D] → scores = Q·Kᵀ · 1/√D → weights = Softmax(scores, axis −1)
//   → output = weights·V; outputs output [H,n,D] and weights [H,n,n] (weights kept).
// Field numbers from onnx/onnx.proto (ModelProto, GraphProto, NodeProto, …).

export const WIRE_VARINT = 0, WIRE_LENGTH = 2;

export function varint(value) {
  const bytes = [];
  let v = BigInt.asUintN(64, BigInt(value));  // int64: negatives as two's complement
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    bytes.push(byte);
  } while (v);
  return bytes;
}

export const key = (field, wire) => varint((field << 3) | wire);
const concat = (...parts) => parts.flat();
export const int = (field, value) => concat(key(field, WIRE_VARINT), varint(value));
export const bytes = (field, payload) => concat(key(field, WIRE_LENGTH), varint(payload.length), payload);
export const string = (field, text) => bytes(field, [...new TextEncoder().encode(text)]);


export const FLOAT = 1;  // TensorProto.DataType
const ATTRIBUTE_INT = 2, ATTRIBUTE_INTS = 7;  // AttributeProto.AttributeType

// NodeProto: input 1, output 2, name 3, op_type 4, attribute 5.
export function node(opType, inputs, outputs, attributes = []) {
  return concat(...inputs.map((name) => string(1, name)), ...outputs.map((name) => string(2, name)),
    string(3, `${opType}_${outputs[0]}`), string(4, opType), ...attributes.map((a) => bytes(5, a)));
}
// AttributeProto: name 1, i 3, ints 8, type 20.
export const intAttribute = (name, value) => concat(string(1, name), int(3, value), int(20, ATTRIBUTE_INT));
export const intsAttribute = (name, values) => concat(string(1, name), ...values.map((v) => int(8, v)), int(20, ATTRIBUTE_INTS));

// ValueInfoProto name 1, type 2 → TypeProto.tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1 | dim_param 2.
function tensorInfo(name, dims) {
  const shape = concat(...dims.map((d) => bytes(1, typeof d === 'number' ? int(1, d) : string(2, d))));
  return concat(string(1, name), bytes(2, bytes(1, concat(int(1, FLOAT), bytes(2, shape)))));
}

// TensorProto: dims 1, data_type 2, float_data 4, name 8. A scalar: no dims.
const scalarTensor = (name, value) => concat(int(2, FLOAT), bytes(4, float32Payload(value)), string(8, name));
const float32Payload = (value) => [...new Uint8Array(new Float32Array([value]).buffer)];

/** Model bytes for `heads` heads of dimension `headDim`; the length n is symbolic, so one model serves every n. */
export function attentionModel(heads, headDim) {
  const qkv = [heads, 'n', headDim];
  const graph = concat(
    bytes(1, node('Transpose', ['K'], ['Kt'], [intsAttribute('perm', [0, 2, 1])])),
    bytes(1, node('MatMul', ['Q', 'Kt'], ['scores'])),
    bytes(1, node('Mul', ['scores', 'scale'], ['scaled'])),
    bytes(1, node('Softmax', ['scaled'], ['weights'], [intAttribute('axis', -1)])),
    bytes(1, node('MatMul', ['weights', 'V'], ['output'])),
    string(2, 'attention'),
    bytes(5, scalarTensor('scale', 1 / Math.sqrt(headDim))),
    bytes(11, tensorInfo('Q', qkv)), bytes(11, tensorInfo('K', qkv)), bytes(11, tensorInfo('V', qkv)),
    bytes(12, tensorInfo('output', qkv)), bytes(12, tensorInfo('weights', [heads, 'n', 'n'])),
  );
  // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8 (domain 1, version 2).
  const model = concat(int(1, 8), string(2, 'jumok-bench'), bytes(7, graph), bytes(8, int(2, 13)));
  return new Uint8Array(model);
}

