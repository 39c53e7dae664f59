// Gathers a checkpoint's files from where loadModel was told they are: a folder
// URL (fetched; nothing is fetched from anywhere the caller did not name), a
// folder path in Node, or the contents themselves.
import { describe } from '../core/loader.js';
import type { LoadModelOptions, ModelFiles, ModelSource } from './types.js';

export interface WeightFile {
  name: string;
  bytes: Uint8Array;
}

export interface CheckpointFiles {
  config: Record<string, unknown>;
  weights: WeightFile[];
  tokenizer?: unknown;
  tokenizerConfig?: unknown;
}

const CALL = 'loadModel';
const SINGLE = 'model.safetensors';
const INDEX = 'model.safetensors.index.json';

/** A missing optional file (404 / ENOENT) reads as undefined; any other failure throws. */
type Reader = (name: string, optional: boolean) => Promise<Uint8Array | undefined>;

export async function readCheckpoint(source: ModelSource, options: LoadModelOptions): Promise<CheckpointFiles> {
  if (typeof source === 'object' && source !== null && !(source instanceof URL)) return fromFiles(source);
  if (typeof source !== 'string' && !(source instanceof URL)) {
    throw new Error(`${CALL}: source must be a folder URL or path, or { config, weights }, got ${describe(source)}`);
  }
  const progress = new Progress(options);
  return fromFolder(folderReader(source, progress));
}

class Progress {
  private loaded = 0;
  constructor(private readonly options: LoadModelOptions) {}
  add(file: string, bytes: number, total?: number): void {
    this.loaded += bytes;
    this.options.onProgress?.({ file, loaded: this.loaded, total });
  }
}

function folderReader(source: string | URL, progress: Progress): Reader {
  const text = String(source);
  const inNode = typeof process === 'object' && typeof process.versions?.node === 'string' && typeof location !== 'object';
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z]:[\\/]/i.test(text);  // not a Windows drive
  if (inNode && (!isUrl || text.startsWith('file:'))) return nodeReader(isUrl ? new URL(text) : text, progress);
  const base = typeof location === 'object' ? location.href : undefined;
  let folder: URL;
  try {
    folder = new URL(text.endsWith('/') ? text : `${text}/`, base);
  } catch {
    throw new Error(`${CALL}: ${JSON.stringify(text)} is not a URL; expected a folder URL`);
  }
  return (name, optional) => fetchFile(new URL(name, folder), optional, progress);
}

function nodeReader(folder: string | URL, progress: Progress): Reader {
  return async (name, optional) => {
    // Named at run time so that browser bundles never see node: modules (see core/loader.ts).
    const fs = (await import(/* @vite-ignore */ new URL('node:fs/promises').href)) as typeof import('node:fs/promises');
    const path = folder instanceof URL ? new URL(name, folder.href.endsWith('/') ? folder : `${folder.href}/`)
      : `${folder.replace(/[\\/]+$/, '')}/${name}`;
    try {
      const bytes = new Uint8Array(await fs.readFile(path));
      progress.add(name, bytes.length);
      return bytes;
    } catch (cause) {
      if (optional && (cause as { code?: string }).code === 'ENOENT') return undefined;
      throw new Error(`${CALL}: could not read ${String(path)}: ${(cause as Error).message}`, { cause });
    }
  };
}

async function fetchFile(url: URL, optional: boolean, progress: Progress): Promise<Uint8Array | undefined> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new Error(`${CALL}: could not fetch ${url.href}: ${(cause as Error).message}`, { cause });
  }
  if (response.status === 404 && optional) return undefined;
  if (!response.ok) {
    throw new Error(`${CALL}: could not fetch ${url.href}: HTTP ${response.status}; expected a model folder holding ` +
      'config.json and model.safetensors');
  }
  const total = Number(response.headers.get('content-length')) || undefined;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    progress.add(url.href, bytes.length, total);
    return bytes;
  }
  // Read as a stream, for the progress bar; into one buffer when the length is known.
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    progress.add(url.href, value.length, total);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) bytes.set(chunk, (offset += chunk.length) - chunk.length);
  return bytes;
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new Error(`${CALL}: ${file} is not JSON: ${(cause as Error).message}`, { cause });
  }
}

async function fromFolder(read: Reader): Promise<CheckpointFiles> {
  const config = checkConfig(parseJson((await read('config.json', false))!, 'config.json'));
  const weights: WeightFile[] = [];
  const single = await read(SINGLE, true);
  if (single) {
    weights.push({ name: SINGLE, bytes: single });
  } else {
    const index = await read(INDEX, true);
    if (!index) throw new Error(`${CALL}: the folder has neither ${SINGLE} nor ${INDEX}; expected the weights in one of them`);
    for (const shard of shardNames(parseJson(index, INDEX))) weights.push({ name: shard, bytes: (await read(shard, false))! });
  }
  const tokenizerBytes = await read('tokenizer.json', true);
  const tokenizerConfigBytes = tokenizerBytes ? await read('tokenizer_config.json', true) : undefined;
  return {
    config,
    weights,
    tokenizer: tokenizerBytes && parseJson(tokenizerBytes, 'tokenizer.json'),
    tokenizerConfig: tokenizerConfigBytes && parseJson(tokenizerConfigBytes, 'tokenizer_config.json'),
  };
}

/** The files model.safetensors.index.json's weight_map names, each once, in the order first named. */
export function shardNames(index: unknown): string[] {
  const map = (index as { weight_map?: unknown } | null)?.weight_map;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new Error(`${CALL}: ${INDEX} has no weight_map object; expected { "weight_map": { tensor: file } }`);
  }
  const files = Object.values(map as Record<string, unknown>);
  const bad = files.find((file) => typeof file !== 'string' || file.includes('/') || file.includes('\\') || file === '..');
  if (bad !== undefined) {
    throw new Error(`${CALL}: ${INDEX} maps a tensor to ${JSON.stringify(bad)}; expected file names in the same folder`);
  }
  return [...new Set(files as string[])];
}

function checkConfig(config: unknown): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error(`${CALL}: config.json is not a JSON object; expected a Hugging Face config`);
  }
  return config as Record<string, unknown>;
}

function jsonOf(value: object | string | undefined, file: string): unknown {
  return typeof value === 'string' ? parseJson(new TextEncoder().encode(value), file) : value;
}

function fromFiles(files: ModelFiles): CheckpointFiles {
  const config = checkConfig(jsonOf(files.config, 'config.json'));
  const list = Array.isArray(files.weights) ? files.weights : [files.weights];
  if (list.length === 0) throw new Error(`${CALL}: weights is empty; expected the safetensors files' bytes`);
  const weights = list.map((bytes, i) => {
    if (bytes instanceof ArrayBuffer) return { name: `weights[${i}]`, bytes: new Uint8Array(bytes) };
    if (bytes instanceof Uint8Array) return { name: `weights[${i}]`, bytes };
    throw new Error(`${CALL}: weights[${i}] is ${describe(bytes)}; expected an ArrayBuffer or Uint8Array`);
  });
  return {
    config,
    weights,
    tokenizer: jsonOf(files.tokenizer, 'tokenizer.json'),
    tokenizerConfig: jsonOf(files.tokenizerConfig, 'tokenizer_config.json'),
  };
}
