// A checkpoint's files fetched by the page (shipped models, folder URLs), with progress, through Cache Storage
// for folder URLs: the next visit reads them from the browser instead of downloading them again.
import type { ModelFiles } from '../../checkpoint/types.js';

export interface FetchProgress {
  loaded: number;
  total?: number;
}

/** The Cache Storage bucket URL models are kept in (forgetting them deletes it). */
export const MODEL_CACHE = 'jumok-models-v1';
const SINGLE = 'model.safetensors';
const INDEX = 'model.safetensors.index.json';

class NotFound extends Error {}

/** Bytes of one response, read in chunks so the bar moves. */
async function readBody(response: Response, onBytes: (bytes: number, total?: number) => void): Promise<Uint8Array> {
  const length = Number(response.headers.get('content-length')) || undefined;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.length, length);
  }
  const bytes = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

async function openCache(use: boolean): Promise<Cache | undefined> {
  if (!use || typeof caches !== 'object') return undefined;
  try {
    return await caches.open(MODEL_CACHE);
  } catch {
    return undefined; // an opaque origin or private mode: no cache, still works
  }
}

class Fetcher {
  private loaded = 0;
  private readonly totals = new Map<string, number>();
  constructor(private readonly cache: Cache | undefined, private readonly onProgress: (p: FetchProgress) => void) {}

  async bytes(url: URL): Promise<Uint8Array> {
    let response = await this.cache?.match(url.href);
    if (!response) {
      try {
        response = await fetch(url);
      } catch (error) {
        throw new Error(`could not fetch ${url.href}: ${(error as Error).message}`);
      }
      if (response.status === 404) throw new NotFound(`could not fetch ${url.href}: HTTP 404`);
      if (!response.ok) throw new Error(`could not fetch ${url.href}: HTTP ${response.status}`);
      if (this.cache && url.protocol.startsWith('http')) await this.cache.put(url.href, response.clone()).catch(() => {});
    }
    return readBody(response, (bytes, total) => {
      if (total) this.totals.set(url.href, total);
      this.loaded += bytes;
      this.onProgress({ loaded: this.loaded, total: [...this.totals.values()].reduce((a, b) => a + b, 0) || undefined });
    });
  }

  async text(url: URL): Promise<string> {
    return new TextDecoder().decode(await this.bytes(url));
  }

  async optionalText(url: URL): Promise<string | undefined> {
    try {
      return await this.text(url);
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  }
}

/**
 * A Hugging Face folder by URL: model.safetensors, or the shards its index lists. With keep, the files are kept in
 * Cache Storage (a reader's folder URL; the shipped models are part of the site and its HTTP caching).
 */
export async function fetchModelFolder(folder: string, onProgress: (p: FetchProgress) => void, keep: boolean): Promise<ModelFiles> {
  const base = new URL(folder.endsWith('/') ? folder : `${folder}/`, document.baseURI);
  const fetcher = new Fetcher(await openCache(keep), onProgress);
  // All at once: on a page's first load each round trip waited for the one before.
  const [config, weights, tokenizer, tokenizerConfig] = await Promise.all([
    fetcher.text(new URL('config.json', base)), weightFiles(fetcher, base),
    fetcher.optionalText(new URL('tokenizer.json', base)), fetcher.optionalText(new URL('tokenizer_config.json', base))]);
  return { config, weights, tokenizer, tokenizerConfig };
}

/** model.safetensors, or the shards model.safetensors.index.json lists. */
async function weightFiles(fetcher: Fetcher, base: URL): Promise<Uint8Array[]> {
  try {
    return [await fetcher.bytes(new URL(SINGLE, base))];
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
  }
  const index = await fetcher.optionalText(new URL(INDEX, base));
  if (index === undefined) throw new Error(`${base.href} has neither ${SINGLE} nor ${INDEX}`);
  const map = (JSON.parse(index) as { weight_map?: Record<string, string> }).weight_map ?? {};
  return Promise.all([...new Set(Object.values(map))].map((file) => fetcher.bytes(new URL(file, base))));
}

/** Forgets every model kept in Cache Storage. */
export async function forgetCachedModels(): Promise<void> {
  if (typeof caches === 'object') await caches.delete(MODEL_CACHE).catch(() => false);
}
