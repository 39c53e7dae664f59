// xsimd kernels. Natively they compile to AVX2/AVX-512; under Emscripten with
// -msimd128 -msse4.1, xsimd 8.1 picks its SSE4.1 kernels, which the intrinsic
// headers lower to WASM SIMD128 (f32x4). Tails fall back to ScalarKernels.
#pragma once
#include <cstddef>

#include <xsimd/xsimd.hpp>

#include "jumok/kernels/scalar.hpp"

namespace jumok {

struct SimdKernels {
  using Batch = xsimd::batch<float>;
  static constexpr std::size_t kWidth = Batch::size;
  static constexpr const char* kName = "simd";

  static float dot(const float* a, const float* b, std::size_t n) {
    // Two accumulators hide the add latency; SIMD128 has no FMA, so mul+add.
    Batch acc0(0.f), acc1(0.f);
    std::size_t i = 0;
    for (; i + 2 * kWidth <= n; i += 2 * kWidth) {
      acc0 += Batch::load_unaligned(a + i) * Batch::load_unaligned(b + i);
      acc1 += Batch::load_unaligned(a + i + kWidth) * Batch::load_unaligned(b + i + kWidth);
    }
    for (; i + kWidth <= n; i += kWidth) acc0 += Batch::load_unaligned(a + i) * Batch::load_unaligned(b + i);
    return xsimd::hadd(acc0 + acc1) + ScalarKernels::dot(a + i, b + i, n - i);
  }

  static float max(const float* x, std::size_t n) {
    if (n < kWidth) return ScalarKernels::max(x, n);
    Batch best = Batch::load_unaligned(x);
    std::size_t i = kWidth;
    for (; i + kWidth <= n; i += kWidth) best = xsimd::max(best, Batch::load_unaligned(x + i));
    alignas(64) float lanes[kWidth];
    best.store_aligned(lanes);
    float result = ScalarKernels::max(lanes, kWidth);
    return i < n ? std::max(result, ScalarKernels::max(x + i, n - i)) : result;
  }

  static float expShifted(float* x, std::size_t n, float shift) {
    const Batch shiftBatch(shift);
    Batch sum(0.f);
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) {
      Batch e = xsimd::exp(Batch::load_unaligned(x + i) - shiftBatch);
      e.store_unaligned(x + i);
      sum += e;
    }
    return xsimd::hadd(sum) + ScalarKernels::expShifted(x + i, n - i, shift);
  }

  static void scale(float* x, std::size_t n, float factor) {
    const Batch factorBatch(factor);
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) (Batch::load_unaligned(x + i) * factorBatch).store_unaligned(x + i);
    ScalarKernels::scale(x + i, n - i, factor);
  }

  static void axpy(float a, const float* x, float* y, std::size_t n) {
    const Batch aBatch(a);
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) {
      (Batch::load_unaligned(y + i) + aBatch * Batch::load_unaligned(x + i)).store_unaligned(y + i);
    }
    ScalarKernels::axpy(a, x + i, y + i, n - i);
  }
};

}  // namespace jumok
