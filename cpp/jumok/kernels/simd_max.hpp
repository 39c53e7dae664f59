// The larger of two batches where neither is NaN (scores, which validation and
// the overflow check keep finite): one instruction on every target. xsimd::max
// follows x86's maxps operand rule for NaN, which Emscripten 3.1.6's _mm_max_ps
// emulates on WebAssembly SIMD128 with a compare and a three-instruction
// bitselect; f32x4.pmax, the same rule as one instruction, is one in V8's code
// too. (With a NaN the two differ: pmax(NaN, b) is NaN, maxps(NaN, b) is b.)
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
