// Reading and writing safetensors files in tests: to take a reference checkpoint apart and put it together
// with one thing wrong.
import { readFileSync } from 'node:fs';

export interface RawTensor {
  dtype: string;
  shape: number[];
  bytes: Uint8Array;
}

export function readTensors(path: string): Map<string, RawTensor> {
  const file = new Uint8Array(readFileSync(path));
  const headerLength = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength))) as Record<string, {
    dtype: string; shape: number[]; data_offsets: [number, number];
  }>;
  const tensors = new Map<string, RawTensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [begin, end] = entry.data_offsets;
    tensors.set(name, { dtype: entry.dtype, shape: entry.shape, bytes: file.slice(8 + headerLength + begin, 8 + headerLength + end) });
  }
  return tensors;
}

/** A safetensors file; `header` may rewrite the header object before it is written. */
export function writeTensors(tensors: Map<string, RawTensor>, header?: (h: Record<string, unknown>) => void): Uint8Array {
  const entries: Record<string, unknown> = {};
  let offset = 0;
  for (const [name, tensor] of tensors) {
    entries[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + tensor.bytes.length] };
    offset += tensor.bytes.length;
  }
  header?.(entries);
  let json = JSON.stringify(entries);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const file = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(file.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  file.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const tensor of tensors.values()) {
    file.set(tensor.bytes, at);
    at += tensor.bytes.length;
  }
  return file;
}
