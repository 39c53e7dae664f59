#!/usr/bin/env bash
# Idempotent machine setup, as root on Debian bookworm: system packages, then
# the npm dependencies from package-lock.json. Safe to run again; fast when done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Why each package: the C++ toolchain and tests; Emscripten 3.1.6 (+ Debian's
# acorn, which its link step requires) for WebAssembly; xsimd 8.1 for the SIMD
# kernels; wabt's wasm-objdump to check for f32x4; nlohmann-json to read the
# golden cases; Chromium + CJK fonts for the browser tests and screenshots;
# clang with its runtime libraries (libFuzzer, ASan, UBSan) for scripts/fuzz.sh.
APT_PACKAGES=(
  g++ cmake make
  libgtest-dev libgmock-dev googletest libbenchmark-dev nlohmann-json3-dev
  emscripten node-acorn libxsimd-dev wabt
  chromium fonts-noto-cjk
  clang libclang-rt-14-dev
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
