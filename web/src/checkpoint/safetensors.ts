// The safetensors format: an 8-byte little-endian header length N, N bytes of
// JSON { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__? },
// then the tensors' bytes, offsets counted from the end of the header. Every
// structural fault is an Error naming the file and what was expected; whether
// a tensor is one the model needs (and its dtype and shape right) is the
// core's to say (cpp/transformer/load.cpp).

export interface TensorEntry {
  name: string;
  dtype: string;
  shape: number[];
  /** Byte offsets into the file's data section. */
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  entries: TensorEntry[];
  /** Where the data section starts in the file. */
  dataOffset: number;
}

/** Bytes per value of the dtypes safetensors defines (BOOL is a byte; the F8 kinds are a byte each). */
export const DTYPE_BYTES: Readonly<Record<string, number>> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1,
  F8_E4M3: 1, F8_E5M2: 1,
};

/** A header larger than this is not one: safetensors itself refuses headers over 100 MB. */
export const MAX_HEADER_BYTES = 100_000_000;

/** Reads the header of a whole file, or of a prefix holding at least the header (fileLength is the file's). */
export function parseSafetensorsHeader(bytes: Uint8Array, fileName: string, fileLength = bytes.length): SafetensorsHeader {
  const fail = (what: string): never => {
    throw new Error(`${fileName}: ${what}`);
  };
  if (fileLength < 8) fail(`${fileLength} bytes is too short for a safetensors file; expected an 8-byte header length first`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > Math.min(MAX_HEADER_BYTES, fileLength - 8)) {
    fail(`the header length ${headerLength} runs past the end of the file (${fileLength} bytes); ` +
      'expected a safetensors file, whole (is it truncated?)');
  }
  if (bytes.length < 8 + headerLength) fail(`only ${bytes.length} bytes of the header were read; expected ${8 + headerLength}`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (cause) {
    fail(`the header is not JSON (${(cause as Error).message}); expected a safetensors file`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    fail('the header is not a JSON object; expected { name: { dtype, shape, data_offsets } }');
  }
  const dataLength = fileLength - 8 - headerLength;
  const entries = Object.entries(header as Record<string, unknown>)
    .filter(([name]) => name !== '__metadata__')
    .map(([name, entry]) => readEntry(name, entry, dataLength, fail));
  checkLayout(entries, dataLength, fail);
  return { entries, dataOffset: 8 + headerLength };
}

function readEntry(name: string, entry: unknown, dataLength: number, fail: (what: string) => never): TensorEntry {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    fail(`tensor ${name} is not an object; expected { dtype, shape, data_offsets }`);
  }
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== 'string') fail(`tensor ${name} has no dtype string; expected e.g. "F32"`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    fail(`tensor ${name} has shape ${JSON.stringify(shape)}; expected an array of non-negative integers`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    fail(`tensor ${name} has data_offsets ${JSON.stringify(offsets)}; expected [begin, end], non-negative integers`);
  }
  const [begin, end] = offsets as number[];
  if (begin > end || end > dataLength) {
    fail(`tensor ${name} has data_offsets [${begin}, ${end}] outside the ${dataLength} bytes of data; ` +
      'expected 0 ≤ begin ≤ end ≤ the data length (is the file truncated?)');
  }
  const size = DTYPE_BYTES[dtype as string];
  const values = (shape as number[]).reduce((product, d) => product * d, 1);
  if (size !== undefined && values * size !== end - begin) {
    fail(`tensor ${name} has ${end - begin} bytes of data, expected ${values * size} for shape ` +
      `[${(shape as number[]).join(',')}] in ${dtype}`);
  }
  return { name, dtype: dtype as string, shape: shape as number[], begin, end };
}

// The tensors tile the data section: no overlaps, no gaps, nothing after the last (safetensors' own rule).
function checkLayout(entries: TensorEntry[], dataLength: number, fail: (what: string) => never): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const entry of sorted) {
    if (entry.begin < covered) fail(`tensors overlap: ${entry.name} starts at byte ${entry.begin}, inside an earlier tensor`);
    if (entry.begin > covered) fail(`bytes ${covered} to ${entry.begin} of the data belong to no tensor; expected the tensors to cover the data`);
    covered = entry.end;
  }
  if (covered !== dataLength) {
    fail(`bytes ${covered} to ${dataLength} of the data belong to no tensor; expected the tensors to cover the data`);
  }
}
