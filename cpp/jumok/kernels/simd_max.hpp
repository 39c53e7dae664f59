// The larger of two batches where neither is NaN (scores, which validation and
// the overflow check keep finite): one instruction on every target. xsimd::max
// keeps NaN semantics, which on WebAssembly SIMD128 (through Emscripten 3.1.6's
// _mm_max_ps) costs a compare and a three-instruction bitselect; f32x4.pmax,
// the SSE-style max, is one instruction in V8's code.
#pragma once
#include <xsimd/xsimd.hpp>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace jumok::simd {

template <class Batch>
inline Batch maxOf(Batch a, Batch b) {
#if defined(__wasm_simd128__)
  using Register = typename Batch::register_type;
  return Batch(static_cast<Register>(wasm_f32x4_pmax(static_cast<v128_t>(a.data), static_cast<v128_t>(b.data))));
#else
  return xsimd::max(a, b);
#endif
}

}  // namespace jumok::simd
