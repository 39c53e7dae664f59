#!/usr/bin/env bash
# bench.sh [--quick] [--full] [--no-peers] [--no-native]   (npm run bench)
# Builds native (with Google Benchmark), both wasm builds and the package, installs the
# ONNX Runtime Web peer into build/bench-peers (outside the default install,
# once), then runs every measurement in one Node process: scripts/bench/run.mjs.
# Prints the table; writes build/bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."

ORT_VERSION=1.30.0
PEERS=build/bench-peers

bash scripts/build.sh native wasm lib demo >/dev/null

if [[ " $* " != *" --no-peers "* ]] && [ ! -f "$PEERS/node_modules/onnxruntime-web/package.json" ]; then
  echo "== installing onnxruntime-web@$ORT_VERSION into $PEERS (bench only)" >&2
  mkdir -p "$PEERS"
  [ -f "$PEERS/package.json" ] || echo '{ "name": "jumok-bench-peers", "private": true }' > "$PEERS/package.json"
  npm install --prefix "$PEERS" --no-audit --no-fund --silent "onnxruntime-web@$ORT_VERSION" >&2 ||
    echo "onnxruntime-web could not be installed; the ORT column stays empty" >&2
fi

node scripts/bench/run.mjs "$@"
