#!/usr/bin/env bash
# check-wasm-simd.sh FILE.wasm simd|scalar
# The SIMD build must hold f32x4 instructions (xsimd really lowered to SIMD128),
# the scalar build none (it must run where SIMD128 is missing).
set -euo pipefail
wasm=$1 expect=$2
count=$(wasm-objdump -d "$wasm" | grep -c 'f32x4' || true)
case $expect in
  simd)   [ "$count" -gt 0 ] || { echo "error: $wasm has no f32x4 instruction" >&2; exit 1; } ;;
  scalar) [ "$count" -eq 0 ] || { echo "error: $wasm has $count f32x4 instructions" >&2; exit 1; } ;;
  *) echo "usage: $0 FILE.wasm simd|scalar" >&2; exit 2 ;;
esac
echo "$(basename "$wasm"): $count f32x4 instructions ($expect build)"
