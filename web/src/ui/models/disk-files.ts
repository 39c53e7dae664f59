// A checkpoint picked or dropped from the reader's disk: read in the page (File.arrayBuffer), never uploaded.
import type { ModelFiles } from '../../checkpoint/types.js';
import type { FetchProgress } from './fetch-files.js';

export class DiskFilesError extends Error {
  constructor(readonly missing: string, readonly names: string[]) {
    super(`missing ${missing}`);
  }
}

export async function readDiskFiles(files: readonly File[], onProgress: (p: FetchProgress) => void): Promise<ModelFiles> {
  const byName = new Map(files.map((file) => [file.name, file]));
  const config = byName.get('config.json');
  const weights = files.filter((file) => file.name.endsWith('.safetensors')).sort((a, b) => a.name.localeCompare(b.name));
  const names = files.map((file) => file.name);
  if (!config) throw new DiskFilesError('config.json', names);
  if (weights.length === 0) throw new DiskFilesError('model.safetensors', names);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  let loaded = 0;
  const read = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    loaded += bytes.length;
    onProgress({ loaded, total });
    return bytes;
  };
  const text = async (file: File | undefined) => (file ? new TextDecoder().decode(await read(file)) : undefined);
  return {
    config: (await text(config))!, weights: await Promise.all(weights.map(read)),
    tokenizer: await text(byName.get('tokenizer.json')), tokenizerConfig: await text(byName.get('tokenizer_config.json')),
  };
}
