#!/usr/bin/env bash
# build.sh [native|wasm|lib|demo|all]...  (default: all)
#   native → build/native: core, GoogleTest tests, benchmark
#   wasm   → web/src/wasm: jumok-simd and jumok-scalar (.mjs + .wasm), checked for f32x4
#   lib    → dist: the npm package (needs wasm)
#   demo   → build/demo: the static demo page (needs wasm)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc)

# One build at a time in this checkout: two at once (a test run and a bench, say) linked into the same build/wasm
# and could leave a glue and a .wasm from different links side by side.
mkdir -p build
exec 9>build/.build.lock
flock 9

build_native() {
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$JOBS"
}

build_wasm() {
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$JOBS"
}

build_lib() {
  rm -rf dist
  npx tsc -p web/tsconfig.lib.json                # one .js + .d.ts per module
  mkdir -p dist/wasm
  cp web/src/wasm/*.mjs web/src/wasm/*.wasm web/src/wasm/*.d.mts dist/wasm/
  copy_models dist/models
  npx vite build --config web/lib.config.ts --logLevel warn   # dist/vendor.js, dependencies inlined
  npx vite build --config web/element.config.ts --logLevel warn   # dist/element.js as one file, for <script src>
}

build_demo() {
  npx vite build
  copy_models build/demo/models
  # Morpheme mode's dictionary (mecab-ko-dic, 28 MB): the page fetches it from its own origin, only when chosen
  mkdir -p build/demo/mecab-ko-dic
  cp node_modules/kuromoji-ko/dict/*.dat.gz build/demo/mecab-ko-dic/
}

# The shipped teaching models (web/models) beside the .wasm folder, where shippedModels finds them: weights,
# config and tokenizer (required), card and lexicon.
MODEL_FILES=(config.json model.safetensors tokenizer.json tokenizer_config.json MODEL.md lexicon.json)
copy_models() {
  rm -rf "$1" && mkdir -p "$1"
  for model in web/models/*/; do
    [ -d "$model" ] || continue
    local into="$1/$(basename "$model")"
    mkdir -p "$into"
    for file in "${MODEL_FILES[@]}"; do
      if [ -f "$model$file" ]; then cp "$model$file" "$into/"
      elif [ "$file" = config.json ] || [ "$file" = model.safetensors ]; then echo "build.sh: $model has no $file" >&2; return 1
      fi
    done
  done
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(native wasm lib demo)
for target in "${targets[@]}"; do
  case $target in
    native|wasm|lib|demo) echo "== build $target"; "build_$target" ;;
    all) for each in native wasm lib demo; do echo "== build $each"; "build_$each"; done ;;
    *) echo "build.sh: unknown target '$target', expected native, wasm, lib, demo or all" >&2; exit 2 ;;
  esac
done
