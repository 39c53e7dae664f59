// Finds, compiles and instantiates one of the two builds. We fetch and compile
// the .wasm ourselves (Emscripten 3.1.6 would try fetch() on a file path under
// Node) and give Emscripten the instance through instantiateWasm.
import { simdSupported } from '../vendor.js';

import type { Backend, LoadOptions } from './jumok.js';
import type { CreateJumokModule, JumokWasmModule } from './wasm-module.js';

interface Build {
  backend: Backend;
  fileName: string;
  defaultUrl: () => URL;
  glue: () => Promise<{ default: CreateJumokModule }>;
}

// Literal URLs and import() paths, so Vite and other bundlers copy both builds.
const BUILDS: Record<'simd' | 'scalar', Build> = {
  simd: {
    backend: 'wasm-simd128',
    fileName: 'jumok-simd.wasm',
    defaultUrl: () => new URL('../wasm/jumok-simd.wasm', import.meta.url),
    glue: () => import('../wasm/jumok-simd.mjs'),
  },
  scalar: {
    backend: 'wasm-scalar',
    fileName: 'jumok-scalar.wasm',
    defaultUrl: () => new URL('../wasm/jumok-scalar.wasm', import.meta.url),
    glue: () => import('../wasm/jumok-scalar.mjs'),
  },
};

/** The build loaded wherever SIMD128 exists (every current browser): the one a page should preload. */
export const PRELOAD_WASM = BUILDS.simd.fileName;

/**
 * A folder beside the package's wasm/ folder (dist/models/ beside dist/wasm/), found from the .wasm's URL: that
 * one is a literal bundlers follow and rewrite, so wherever an app or the element's bundle put the .wasm, its
 * parent folder is the package's (a Vite app: assets/ → the site root, where public/ lands).
 */
export function besideWasm(folder: string): URL {
  return new URL(`../${folder}`, BUILDS.simd.defaultUrl());
}

async function chooseBuild(simd: LoadOptions['simd']): Promise<Build> {
  if (simd === undefined || simd === 'auto') return (await simdSupported()) ? BUILDS.simd : BUILDS.scalar;
  if (typeof simd !== 'boolean') {
    throw new Error(`loadJumok: simd must be 'auto', true or false, got ${describe(simd)}`);
  }
  if (simd && !(await simdSupported())) {
    throw new Error("loadJumok: simd: true, but this JavaScript engine has no WebAssembly SIMD128; use simd: 'auto'");
  }
  return simd ? BUILDS.simd : BUILDS.scalar;
}

function resolveWasmUrl(build: Build, wasmUrl: LoadOptions['wasmUrl']): URL {
  if (wasmUrl === undefined) return build.defaultUrl();
  if (typeof wasmUrl !== 'string' && !(wasmUrl instanceof URL)) {
    throw new Error(`loadJumok: wasmUrl must be a string or URL, got ${describe(wasmUrl)}`);
  }
  const base = typeof location === 'object' ? location.href : `file://${process.cwd()}/`;
  const url = new URL(String(wasmUrl), base);
  return url.pathname.endsWith('/') ? new URL(build.fileName, url) : url;
}

function isWasmResponse(response: Response): boolean {
  const type = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  return type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function';
}

async function compile(url: URL): Promise<WebAssembly.Module> {
  try {
    if (url.protocol === 'file:') {
      // Hidden from bundlers: only Node reaches this branch. The name is made at run time (a URL object no minifier
      // evaluates): as a literal, or as a constant folded into the import when element.js is bundled, it made the
      // bundlers of browser apps resolve node:fs/promises and warn that they had externalized it.
      const fsModule = new URL('node:fs/promises').href;
      const { readFile } = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
      return await WebAssembly.compile(await readFile(url));
    }
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // Streaming compiles while the bytes still arrive, but refuses a response not typed application/wasm,
    // which some servers send for .wasm; those get the buffered compile.
    if (isWasmResponse(response)) return await WebAssembly.compileStreaming(response);
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch (cause) {
    throw new Error(`loadJumok: could not load ${url.href}: ${(cause as Error).message}; ` +
      'expected the .wasm next to the module, or pass wasmUrl', { cause });
  }
}

/**
 * Compiled modules by .wasm URL (without its #fragment): every instance, and so every widget, on a page shares one
 * download and one compile (six widgets made six requests and six compiles: the last drew 1.26× sooner sharing
 * them). Nothing else is shared: a WebAssembly.Module is immutable, and each instance gets its own memory and
 * engine. A module stays for the life of the page (or Node process), as the browser would keep it cached anyway;
 * a failed load is dropped, so the next call tries again.
 */
const compiledByUrl = new Map<string, Promise<WebAssembly.Module>>();

function compileOnce(url: URL): Promise<WebAssembly.Module> {
  const key = new URL(url);
  key.hash = '';
  let compiled = compiledByUrl.get(key.href);
  if (!compiled) {
    compiled = compile(url);
    compiledByUrl.set(key.href, compiled);
    compiled.catch(() => compiledByUrl.get(key.href) === compiled && compiledByUrl.delete(key.href));
  }
  return compiled;
}

export interface LoadedModule {
  backend: Backend;
  module: JumokWasmModule;
}

export async function loadModule(options: LoadOptions = {}): Promise<LoadedModule> {
  if (typeof options !== 'object' || options === null) {
    throw new Error(`loadJumok: options must be an object, got ${describe(options)}`);
  }
  const build = await chooseBuild(options.simd);
  // The glue and the wasm download in parallel.
  const [compiled, { default: createModule }] = await Promise.all([compileOnce(resolveWasmUrl(build, options.wasmUrl)), build.glue()]);
  // Emscripten never hears of a failed instantiation; race it so loading rejects instead of hanging.
  let rejectLoad: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (rejectLoad = reject));
  const module = await Promise.race([
    createModule({
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(compiled, imports).then(
          (instance) => receiveInstance(instance, compiled),
          (cause: Error) => rejectLoad(new Error(`loadJumok: could not instantiate the wasm: ${cause.message}`)),
        );
        return {};
      },
    }),
    failed,
  ]);
  return { backend: build.backend, module };
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an Array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return `an object`;
  if (value === undefined) return 'undefined';
  return `${typeof value} ${String(value)}`;
}
