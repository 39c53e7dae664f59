#!/usr/bin/env bash
# Sets up the machine, builds the wasm core and the static demo, and serves it
# on http://127.0.0.1:4173/ (PORT=… to change). build/demo works from any static server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh wasm demo
exec npx vite preview --port "${PORT:-4173}"
