// The GEMM figure of the model rows: gemm.cpp's linear layers of one forward pass, alone, built with em++
// against the core library scripts/build.sh wasm leaves in build/wasm (so it is the code jumok-simd.wasm
// runs) and loaded in this process, timed beside the peak loop. Rebuilt when the library or gemm.cpp is newer.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// CMakeLists.txt's JUMOK_WASM_COMPILE_FLAGS and JUMOK_WASM_SIMD_FLAGS; -O3 at the link too, as there (wasm-opt).
const COMPILE_FLAGS = ['-O3', '-fno-exceptions', '-msimd128', '-msse4.1', '-mbulk-memory', '-DJUMOK_WITH_SIMD=1'];
const LINK_FLAGS = ['-O3', '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=2147483648', '-sMODULARIZE=1', '-sEXPORT_ES6=1',
  '-sENVIRONMENT=web', '-sFILESYSTEM=0', '-sINCOMING_MODULE_JS_API=[instantiateWasm]',
  '-sEXPORTED_FUNCTIONS=_setUp,_run,_tearDown'];

const newer = (file, than) => !existsSync(than) || statSync(file).mtimeMs > statSync(than).mtimeMs;

function build(root, outDir) {
  const source = `${root}scripts/bench/gemm.cpp`, library = `${root}build/wasm/libjumok_core_simd.a`;
  const glue = `${outDir}/gemm.mjs`;
  if (!existsSync(library)) throw new Error(`${library} is missing; run scripts/build.sh wasm first`);
  if (newer(source, glue) || newer(library, glue)) {
    mkdirSync(outDir, { recursive: true });
    execFileSync('em++', [...COMPILE_FLAGS, `-I${root}cpp`, `-I${root}build/wasm/xsimd-include`, source, library,
      ...LINK_FLAGS, '-o', glue], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  }
  return glue;
}

/**
 * The linear layers of a model's forward pass: setUp({ layers, rows, E, F }) packs one set of matrices per
 * block, run() multiplies every one once; flops(…) counts them (2·rows·(4·E² + 2·E·F) per block).
 */
export async function loadGemm(root, outDir) {
  const glue = build(root, outDir);
  const { default: create } = await import(pathToFileURL(glue).href);
  const bytes = readFileSync(glue.replace(/\.mjs$/, '.wasm'));
  const module = await create({
    instantiateWasm: (imports, done) => {
      WebAssembly.instantiate(bytes, imports).then(({ instance }) => done(instance));
      return {};
    },
  });
  return {
    setUp: ({ layers, rows, E, F }) => module._setUp(layers, rows, E, F),
    run: () => module._run(),
    tearDown: () => module._tearDown(),
  };
}

export const gemmFlops = ({ layers, rows, E, F }) => 2 * rows * (4 * E * E + 2 * E * F) * layers;
