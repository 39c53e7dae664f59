// One widget's loaded checkpoint: loaded once per choice, the previous one disposed when another is chosen, so
// each widget holds at most one model (two widgets with different models stay independent).
import type { Jumok } from '../../core/jumok.js';
import type { Model, ModelFiles } from '../../checkpoint/types.js';
import { readDiskFiles } from './disk-files.js';
import { fetchModelFolder, type FetchProgress } from './fetch-files.js';
import { isShippedModel, shippedModels } from './shipped.js';

/** The state's model value for a checkpoint opened from disk (it cannot travel in a link). */
export const DISK_MODEL = 'disk';
export const TOY_MODEL = 'toy';

export interface ModelInfo {
  name: string;
  architecture: string;
  layers: number;
  heads: number;
  /** Bytes the weights hold in wasm memory (float32). */
  bytes: number;
}

function firstNumber(config: Readonly<Record<string, unknown>>, keys: string[]): number {
  for (const key of keys) if (typeof config[key] === 'number') return config[key] as number;
  return 0;
}

export function modelInfo(name: string, model: Model): ModelInfo {
  const config = model.config;
  return {
    name, architecture: String(config.model_type),
    layers: firstNumber(config, ['num_hidden_layers', 'n_layer', 'encoder_layers']),
    heads: firstNumber(config, ['num_attention_heads', 'n_head', 'encoder_attention_heads']),
    bytes: model.weightBytes,
  };
}

export class ModelSlot {
  private current: { id: string; model: Promise<Model>; loaded?: Model } | null = null;
  private disk: { files: File[]; id: string } | null = null;

  /** Files from the reader's disk, for the next get(DISK_MODEL). */
  setDiskFiles(files: File[]) {
    this.disk = { files, id: `disk:${files.map((f) => `${f.name}:${f.size}:${f.lastModified}`).join('|')}` };
  }

  hasDiskFiles(): boolean {
    return this.disk !== null;
  }

  /** The picked folder's name (a folder picked whole, or files dropped from one), or '' when the files say none. */
  diskName(): string {
    const path = this.disk?.files.find((file) => file.webkitRelativePath)?.webkitRelativePath ?? '';
    return path.includes('/') ? path.slice(0, path.indexOf('/')) : '';
  }

  /** The model a state names, loading it if it is not the one held; `loaded` once it has loaded. */
  get(name: string, jm: Promise<Jumok>, onProgress: (p: FetchProgress) => void): { id: string; model: Promise<Model>; loaded?: Model } {
    const id = name === DISK_MODEL ? this.disk?.id ?? DISK_MODEL : name;
    if (this.current?.id === id) return this.current;
    this.release();
    // The files download while the .wasm compiles.
    const files = this.files(name, onProgress);
    const model = Promise.all([files, jm]).then(([loaded, core]) => core.loadModel(loaded));
    const entry: { id: string; model: Promise<Model>; loaded?: Model } = { id, model };
    this.current = entry;
    void model.then((loaded) => (entry.loaded = loaded), () => {});
    // A failed load is not kept: choosing the model again tries again.
    model.catch(() => {
      if (this.current === entry) this.current = null;
    });
    return entry;
  }

  private files(name: string, onProgress: (p: FetchProgress) => void): Promise<ModelFiles> {
    if (isShippedModel(name)) return fetchModelFolder(shippedModels[name], onProgress, false);
    if (name === DISK_MODEL) {
      if (!this.disk) return Promise.reject(new NoDiskFilesError());
      return readDiskFiles(this.disk.files, onProgress);
    }
    return fetchModelFolder(name, onProgress, true);
  }

  release() {
    const held = this.current;
    this.current = null;
    void held?.model.then((model) => model.dispose(), () => {});
  }
}

/** model=disk without files: a link cannot carry a model from someone's disk. */
export class NoDiskFilesError extends Error {
  constructor() {
    super(DISK_MODEL);
  }
}
