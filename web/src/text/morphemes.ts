// The 'morpheme' Korean mode: words split by mecab-ko-dic (the dictionary behind mecab-ko and KoNLPy's Mecab)
// through kuromoji-ko, a pure-JavaScript port. The dictionary is about 28 MB, so nothing of it loads until
// loadMorphemes() is called: kuromoji-ko is an optional peer dependency, imported only then.
//
// Where the dictionary comes from: in Node, the installed package's own dict/ folder; in a browser, the
// page's own origin (./mecab-ko-dic/ beside the page unless dictionaryUrl says otherwise), fetched here so
// that the download can report its progress.

/** One morpheme: its spelling in the analysed text and its Sejong tag (NNG, JKS, EF, or fused: XSV+EF). */
export interface Morpheme {
  surface: string;
  pos: string;
}

export interface MorphemeLoadProgress {
  /** Dictionary files fully loaded, of `files`. */
  filesLoaded: number;
  files: number;
  /** 0 to 1: by bytes when the server sent every file's size, else by files. */
  fraction: number;
}

export interface MorphemeLoadOptions {
  /** The folder holding kuromoji-ko's dict/*.dat.gz: a URL in a browser (default ./mecab-ko-dic/ beside the page), a folder in Node (default the package's). */
  dictionaryUrl?: string | URL;
  /** Called as the dictionary downloads, and once with fraction 1 when it is ready. */
  onProgress?: (progress: MorphemeLoadProgress) => void;
}

type Analyze = (text: string) => Morpheme[];

const PACKAGE = 'kuromoji-ko';
/** The folder, relative to the page, where a browser looks for the dictionary unless told otherwise. */
export const DEFAULT_DICTIONARY_PATH = 'mecab-ko-dic/';
// The files kuromoji-ko's loader reads (gzipped; it inflates them itself).
const DICTIONARY_FILES = ['base.dat.gz', 'check.dat.gz', 'tid.dat.gz', 'tid_pos.dat.gz', 'tid_map.dat.gz', 'cc.dat.gz',
  'unk.dat.gz', 'unk_pos.dat.gz', 'unk_map.dat.gz', 'unk_char.dat.gz', 'unk_compat.dat.gz', 'unk_invoke.dat.gz'];
// Node's modules, named through a variable so that a browser bundler does not try to bundle them.
const NODE_MODULE = 'node:module';
const NODE_PATH = 'node:path';

let analyze: Analyze | undefined;
let loading: Promise<void> | undefined;
const progressListeners = new Set<(progress: MorphemeLoadProgress) => void>();

/** The loaded analyzer, or undefined before loadMorphemes() has finished. */
export function morphemeAnalyzer(): Analyze | undefined {
  return analyze;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}

function checkOptions(options: unknown): MorphemeLoadOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new Error(`loadMorphemes: options must be an object, got ${describe(options)}`);
  const { dictionaryUrl, onProgress } = options as Record<string, unknown>;
  if (dictionaryUrl !== undefined && typeof dictionaryUrl !== 'string' && !(dictionaryUrl instanceof URL)) {
    throw new Error(`loadMorphemes: dictionaryUrl must be a string or a URL, got ${describe(dictionaryUrl)}`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new Error(`loadMorphemes: onProgress must be a function, got ${describe(onProgress)}`);
  }
  return options as MorphemeLoadOptions;
}

const DONE = (): MorphemeLoadProgress => ({ filesLoaded: DICTIONARY_FILES.length, files: DICTIONARY_FILES.length, fraction: 1 });

function report(progress: MorphemeLoadProgress) {
  for (const listener of progressListeners) listener(progress);
}

/**
 * Loads mecab-ko-dic for tokenize(text, { korean: 'morpheme' }). One dictionary per page or process: later
 * calls share the first one's load (their onProgress joins it); a failed load is forgotten, so the next call
 * tries again.
 */
export function loadMorphemes(options?: MorphemeLoadOptions): Promise<void> {
  const { dictionaryUrl, onProgress } = checkOptions(options);
  if (analyze) {
    onProgress?.(DONE());
    return Promise.resolve();
  }
  if (onProgress) progressListeners.add(onProgress);
  loading ??= load(dictionaryUrl).then(
    (loaded) => {
      analyze = loaded;
      report(DONE());
      progressListeners.clear();
    },
    (error: unknown) => {
      loading = undefined;
      progressListeners.clear();
      throw error;
    },
  );
  return loading;
}

async function importPackage() {
  try {
    return await import('kuromoji-ko');
  } catch (cause) {
    throw new Error(`loadMorphemes: korean: 'morpheme' needs the optional package ${PACKAGE} (mecab-ko-dic), which ` +
      `could not be loaded (${(cause as Error).message}); expected it installed beside jumok: npm install ${PACKAGE}`);
  }
}

const inNode = (): boolean => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Node: the installed package's dict/ folder. */
async function packageDictionary(): Promise<string> {
  const { createRequire } = (await import(/* @vite-ignore */ NODE_MODULE)) as typeof import('node:module');
  const { dirname, join } = (await import(/* @vite-ignore */ NODE_PATH)) as typeof import('node:path');
  return join(dirname(createRequire(import.meta.url).resolve(PACKAGE)), '..', 'dict');
}

/** A browser: the folder's absolute URL, with the trailing slash kuromoji-ko appends file names to. */
function dictionaryFolderUrl(dictionaryUrl: string | URL | undefined): string {
  const href = new URL(dictionaryUrl ?? DEFAULT_DICTIONARY_PATH, document.baseURI).href;
  return href.endsWith('/') ? href : `${href}/`;
}

async function load(dictionaryUrl: string | URL | undefined): Promise<Analyze> {
  const kuromoji = await importPackage();
  const build = (dicPath: string) => kuromoji.builder({ dicPath }).build().catch((cause: Error) => {
    throw new Error(`loadMorphemes: could not read mecab-ko-dic from ${dicPath} (${cause.message}), expected the ` +
      `files of ${PACKAGE}/dict there`);
  });
  let tokenizer: Awaited<ReturnType<typeof build>>;
  if (inNode()) {
    tokenizer = await build(dictionaryUrl === undefined ? await packageDictionary() : String(dictionaryUrl));
  } else {
    const folder = dictionaryFolderUrl(dictionaryUrl);
    const files = await fetchDictionary(folder);
    tokenizer = await answeringFetch(files, () => build(folder));
  }
  return (text) => tokenizer.tokenize(text).map((token) => ({ surface: token.surface_form, pos: token.pos }));
}

// ---------------------------------------------------------------- browser download

async function readCounting(response: Response, counted: (bytes: number) => void): Promise<ArrayBuffer> {
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value);
    total += next.value.length;
    counted(total);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) (bytes.set(chunk, at), (at += chunk.length));
  return bytes.buffer;
}

/** Every dictionary file, by the URL kuromoji-ko will ask for, reporting progress as bytes arrive. */
async function fetchDictionary(folder: string): Promise<Map<string, ArrayBuffer>> {
  const sizes = new Map<string, number>(), received = new Map<string, number>();
  let filesLoaded = 0;
  const update = () => {
    const files = DICTIONARY_FILES.length;
    const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
    const bytes = [...received.values()].reduce((sum, size) => sum + size, 0);
    const fraction = sizes.size === files && total > 0 ? Math.min(1, bytes / total) : filesLoaded / files;
    report({ filesLoaded, files, fraction });
  };
  const loaded = await Promise.all(DICTIONARY_FILES.map(async (name): Promise<[string, ArrayBuffer]> => {
    const url = folder + name;
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`loadMorphemes: the mecab-ko-dic file ${url} answered HTTP ${response.status}, expected the ` +
        `files of ${PACKAGE}/dict served there (or dictionaryUrl pointing where they are)`);
    }
    // Content-Length counts the bytes sent: with a Content-Encoding (vite preview serves a .gz file as gzip-encoded,
    // and the browser inflates it) the stream gives more than that, and progress goes by files instead.
    const size = Number(response.headers.get('content-length'));
    if (size > 0 && !response.headers.has('content-encoding')) sizes.set(name, size);
    const bytes = await readCounting(response, (count) => (received.set(name, count), update()));
    filesLoaded++;
    update();
    return [url, bytes];
  }));
  return new Map(loaded);
}

/**
 * Runs `build` with fetch() answering the dictionary's URLs from `files`. kuromoji-ko fetches its files
 * itself and takes no loader, so this is the one way to give it the bytes downloaded above (with progress)
 * instead of downloading 28 MB twice. Every other request goes to the real fetch, which is back once built.
 */
async function answeringFetch<T>(files: Map<string, ArrayBuffer>, build: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const bytes = files.get(input instanceof Request ? input.url : String(input));
    return bytes ? Promise.resolve(new Response(bytes)) : realFetch(input, init);
  }) as typeof fetch;
  try {
    return await build();
  } finally {
    globalThis.fetch = realFetch;
  }
}
