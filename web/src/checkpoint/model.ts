// A checkpoint loaded into one jumok instance's memory, and its runs. The
// files come from sources.ts, the safetensors headers from safetensors.ts; the
// C++ ModelEngine (cpp/bindings/embind.cpp) checks the config, the tensors and
// every input, and its messages come back as Errors.
import { describe } from '../core/loader.js';
import { Exchange } from '../core/exchange.js';
import type { JumokWasmModule, ModelEngine, ModelSlotName } from '../core/wasm-module.js';
import { parseSafetensorsHeader } from './safetensors.js';
import { readCheckpoint, type CheckpointFiles } from './sources.js';
import { createModelTokenizer } from './tokenizer.js';
import type {
  GenerateOptions, GenerateResult, GenerationStep, LoadModelOptions, Model, ModelRunOptions, ModelRunResult,
  ModelSource, ModelTokenizer,
} from './types.js';

const LOGITS_AT = { all: 0, last: 1, chosen: 2, none: 3 } as const;
/** TraceKind in cpp/transformer/model.hpp. */
const TRACE_KINDS = { none: 0, self: 1, decoder: 2, cross: 3 } as const;
const DEFAULT_NEW_TOKENS = 20;

export async function loadModel(module: JumokWasmModule, source: ModelSource, options: LoadModelOptions = {}): Promise<Model> {
  if (typeof options !== 'object' || options === null) throw new Error(`loadModel: options must be an object, got ${describe(options)}`);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new Error(`loadModel: onProgress must be a function, got ${describe(options.onProgress)}`);
  }
  const files = await readCheckpoint(source, options);
  // The tokenizer first: a broken tokenizer.json fails before megabytes of weights are copied.
  const tokenizer = files.tokenizer === undefined ? undefined : createModelTokenizer(files.tokenizer, files.tokenizerConfig);
  const engine = new module.ModelEngine();
  try {
    fillEngine(module, engine, files);
  } catch (error) {
    engine.delete();  // nothing half-loaded stays
    throw error;
  }
  return new LoadedModel(module, engine, files.config, tokenizer);
}

function check(engine: ModelEngine, ok: boolean, call = 'loadModel'): void {
  if (!ok) throw new Error(`${call}: ${engine.error()}`);
}

function fillEngine(module: JumokWasmModule, engine: ModelEngine, files: CheckpointFiles): void {
  for (const [name, value] of Object.entries(files.config)) {
    if (typeof value === 'number') engine.setConfigNumber(name, value);
    else if (typeof value === 'string') engine.setConfigString(name, value);
    else if (typeof value === 'boolean') engine.setConfigBool(name, value);
    else if (value === null) engine.setConfigNull(name);
    else engine.setConfigOther(name);
  }
  check(engine, engine.configure());
  for (const file of files.weights) {
    const { entries, dataOffset } = parseSafetensorsHeader(file.bytes, file.name);
    for (const entry of [...entries].sort((a, b) => a.begin - b.begin)) {
      const address = engine.beginTensor(entry.name, entry.dtype, entry.shape.join(','), entry.end - entry.begin);
      check(engine, address >= 0);
      if (address === 0) continue;
      // A part at a time (whole rows, about 256 KB): each is packed while it is still in cache. HEAPU8 is read
      // after each call, any of which may have grown the memory.
      const partBytes = engine.tensorPartBytes(), end = dataOffset + entry.end;
      let at = dataOffset + entry.begin;
      do {  // once for an empty tensor
        const part = file.bytes.subarray(at, Math.min(at + partBytes, end));
        module.HEAPU8.set(part, address);
        check(engine, engine.storeTensorPart(part.length));
        at += part.length;
      } while (at < end);
    }
  }
  check(engine, engine.finishLoading());
}

class LoadedModel implements Model {
  readonly unusedTensors: readonly string[];
  readonly weightBytes: number;
  private engine: ModelEngine | null;
  private exchange: Exchange<ModelSlotName> | null;

  constructor(module: JumokWasmModule, engine: ModelEngine, readonly config: Readonly<Record<string, unknown>>,
    readonly tokenizer: ModelTokenizer | undefined) {
    this.engine = engine;
    this.exchange = new Exchange<ModelSlotName>(module, engine);
    this.unusedTensors = Object.freeze(engine.unusedTensors().split('\n').filter(Boolean));
    this.weightBytes = engine.weightBytes();
  }

  run(options: ModelRunOptions): ModelRunResult {
    const call = 'run';
    const { engine, exchange } = this.live(call);
    if (typeof options !== 'object' || options === null) throw new Error(`${call}: expected one options object, got ${describe(options)}`);
    const ids = rows(call, 'inputIds', options.inputIds);
    const [batch, length] = [ids.rows, ids.columns];
    const mask = optionalRows(call, 'attentionMask', options.attentionMask, ids);
    const types = optionalRows(call, 'tokenTypeIds', options.tokenTypeIds, ids);
    const decoderIds = options.decoderInputIds === undefined ? null : rows(call, 'decoderInputIds', options.decoderInputIds);
    if (decoderIds && decoderIds.rows !== batch) {
      throw new Error(`${call}: decoderInputIds has ${decoderIds.rows} rows, expected ${batch} (one per row of inputIds)`);
    }
    const decoderMask = decoderIds ? optionalRows(call, 'decoderAttentionMask', options.decoderAttentionMask, decoderIds)
      : optionalRows(call, 'decoderAttentionMask', options.decoderAttentionMask, ids, 'decoderInputIds');
    const [logitsAt, positions] = logitsChoice(call, options.logitsAt, batch);
    const [traceKind, traceLayer] = traceChoice(call, options.trace);
    check(engine, engine.prepareRun(batch, length, decoderIds?.columns ?? 0, exchange.countOf(mask?.values ?? null),
      exchange.countOf(types?.values ?? null), exchange.countOf(decoderIds?.values ?? null),
      exchange.countOf(decoderMask?.values ?? null), logitsAt, exchange.countOf(positions), traceKind, traceLayer), call);
    exchange.write('inputIds', ids.values);
    exchange.write('attentionMask', mask?.values ?? null);
    exchange.write('tokenTypeIds', types?.values ?? null);
    exchange.write('decoderInputIds', decoderIds?.values ?? null);
    exchange.write('decoderAttentionMask', decoderMask?.values ?? null);
    exchange.write('logitPositions', positions);
    check(engine, engine.run(), call);
    return results(engine, exchange);
  }

  generate(options: GenerateOptions): GenerateResult {
    const call = 'generate';
    if (typeof options !== 'object' || options === null) throw new Error(`${call}: expected one options object, got ${describe(options)}`);
    const prompt = oneSequence(call, options.inputIds);
    const maxNewTokens = options.maxNewTokens ?? DEFAULT_NEW_TOKENS;
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) {
      throw new Error(`${call}: maxNewTokens must be a positive integer, got ${describe(maxNewTokens)}`);
    }
    const { engine } = this.live(call);
    const type = engine.architecture();
    if (type !== 'gpt2' && type !== 'llama' && type !== 'marian') {
      throw new Error(`${call}: a ${type} model does not generate text; expected a gpt2, llama or marian model`);
    }
    const seq2seq = type === 'marian';
    const eos = engine.eosTokenId();
    const ids = seq2seq ? [engine.decoderStartTokenId()] : [...prompt];
    const steps: GenerationStep[] = [];
    for (let step = 0; step < maxNewTokens; step++) {
      const result = this.run(seq2seq ? { inputIds: [prompt], decoderInputIds: [ids], logitsAt: 'last' }
        : { inputIds: [ids], logitsAt: 'last' });
      if (!result.logits) throw new Error(`${call}: this checkpoint has no language-model head; expected one to generate`);
      const id = argmax(result.logits);
      steps.push({ id, attentions: result.attentions, decoderAttentions: result.decoderAttentions, crossAttentions: result.crossAttentions });
      ids.push(id);
      if (id === eos) break;
    }
    return { ids, newIds: steps.map((s) => s.id), steps, stoppedAtEos: steps.at(-1)?.id === eos };
  }

  dispose(): void {
    this.engine?.delete();
    this.engine = null;
    this.exchange = null;
  }

  private live(call: string): { engine: ModelEngine; exchange: Exchange<ModelSlotName> } {
    if (!this.engine || !this.exchange) throw new Error(`${call}: this model was disposed; load it again with loadModel()`);
    return { engine: this.engine, exchange: this.exchange };
  }
}

function results(engine: ModelEngine, exchange: Exchange<ModelSlotName>): ModelRunResult {
  const perLayer = (slot: ModelSlotName, layers: number) => {
    const size = exchange.count(slot) / layers;
    return Array.from({ length: layers }, (_, i) => exchange.readPart(slot, i * size, size));
  };
  const result: ModelRunResult = {
    attentions: perLayer('attentions', engine.layers()),
    lastHiddenState: exchange.read('lastHiddenState'),
  };
  if (engine.decoderLayers() > 0) {
    result.decoderAttentions = perLayer('decoderAttentions', engine.decoderLayers());
    result.crossAttentions = perLayer('crossAttentions', engine.decoderLayers());
    result.encoderLastHiddenState = exchange.read('encoderLastHiddenState');
  }
  if (exchange.count('logits') > 0) result.logits = exchange.read('logits');
  if (exchange.count('trace.scores') > 0) result.trace = exchange.readTrace();
  return result;
}

function traceChoice(call: string, value: unknown): [number, number] {
  if (value === undefined || value === null) return [TRACE_KINDS.none, 0];
  const { layer, attention = 'self' } = (typeof value === 'object' ? value : {}) as { layer?: unknown; attention?: unknown };
  if (typeof value !== 'object' || !Number.isInteger(layer) || Math.abs(layer as number) > INT32_MAX) {
    throw new Error(`${call}: trace must be { layer: an integer, attention?: 'self' | 'decoder' | 'cross' }, got ${describe(value)}`);
  }
  if (attention !== 'self' && attention !== 'decoder' && attention !== 'cross') {
    throw new Error(`${call}: trace.attention must be 'self', 'decoder' or 'cross', got ${describe(attention)}`);
  }
  return [TRACE_KINDS[attention], layer as number];
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

interface Rows {
  rows: number;
  columns: number;
  values: Int32Array;
}

const INT32_MAX = 0x7fffffff;

// number[][] with rows of equal length, every value an integer that fits int32 (the core checks the ranges).
function rows(call: string, name: string, value: unknown): Rows {
  if (!Array.isArray(value) || value.length === 0 || !value.every(Array.isArray)) {
    throw new Error(`${call}: ${name} must be an array of rows (number[][]), got ${describe(value)}`);
  }
  const columns = (value[0] as unknown[]).length;
  if (columns === 0) throw new Error(`${call}: ${name}[0] is empty; expected at least one token per row`);
  const values = new Int32Array(value.length * columns);
  value.forEach((row: unknown[], b) => {
    if (row.length !== columns) {
      throw new Error(`${call}: ${name}[${b}] has ${row.length} values, expected ${columns} like ${name}[0] ` +
        '(rows of equal length: pad them and mark the padding in the mask)');
    }
    row.forEach((v, t) => {
      if (!Number.isInteger(v) || Math.abs(v as number) > INT32_MAX) {
        throw new Error(`${call}: ${name}[${b}][${t}] is ${describe(v)}; expected an integer`);
      }
      values[b * columns + t] = v as number;
    });
  });
  return { rows: value.length, columns, values };
}

function optionalRows(call: string, name: string, value: unknown, shapeOf: Rows, shapeName = 'inputIds'): Rows | null {
  if (value === undefined || value === null) return null;
  const given = rows(call, name, value);
  if (given.rows !== shapeOf.rows || given.columns !== shapeOf.columns) {
    throw new Error(`${call}: ${name} is ${given.rows}×${given.columns}, expected ${shapeOf.rows}×${shapeOf.columns} ` +
      `(the shape of ${shapeName})`);
  }
  return given;
}

function logitsChoice(call: string, value: unknown, batch: number): [number, Int32Array | null] {
  if (value === undefined) return [LOGITS_AT.all, null];
  if (value === 'all' || value === 'last' || value === 'none') return [LOGITS_AT[value], null];
  if (Array.isArray(value) && value.every((v) => Number.isInteger(v) && Math.abs(v) <= INT32_MAX)) {
    if (value.length !== batch) throw new Error(`${call}: logitsAt has ${value.length} positions, expected one per row (${batch})`);
    return [LOGITS_AT.chosen, Int32Array.from(value as number[])];
  }
  throw new Error(`${call}: logitsAt must be 'all', 'last', 'none' or one position per row, got ${describe(value)}`);
}

function oneSequence(call: string, value: unknown): number[] {
  const sequence = Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) ? value[0] : value;
  if (!Array.isArray(sequence) || sequence.length === 0 || !sequence.every((v) => Number.isInteger(v))) {
    throw new Error(`${call}: inputIds must be one sequence of token ids (number[] or [number[]]), got ${describe(value)}`);
  }
  return [...(sequence as number[])];
}
