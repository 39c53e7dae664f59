// Loads one Emscripten build of the core in Node and hands back an Engine, the
// way web/src/core/loader.ts does (we compile the .wasm and give Emscripten the
// instance), so the bench calls cross the same Embind boundary as the library.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

export async function loadEngine(wasmDir, build /* 'simd' | 'scalar' */) {
  const base = `${wasmDir}/jumok-${build}`;
  const compiled = await WebAssembly.compile(await readFile(`${base}.wasm`));
  const { default: createModule } = await import(pathToFileURL(`${base}.mjs`).href);
  const module = await createModule({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled));
      return {};
    },
  });
  return new module.Engine();
}
