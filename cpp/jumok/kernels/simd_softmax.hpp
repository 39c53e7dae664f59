// Softmax over a row of scores with SIMD and the vectorised exp: the pass
// between Q·Kᵀ and P·V. Scores arrive already scaled by 1/√D (the Q·Kᵀ tile
// does it on the way out) and the mask is a visible prefix, so a row is
// max → exp and sum → normalise, three sweeps over data that is in L1.
//
// The sweeps are out of line: inlined, they made the attention loops that call
// them too large for V8's register allocation (measured: the n = 16 call 1.2×
// slower, n ≥ 64 2–3%). Each has several callers, so Binaryen, which inlines
// any function with one caller whatever its attributes, keeps them apart too.
#pragma once
#include <algorithm>
#include <cstddef>
#include <limits>

#include "jumok/kernels/simd_exp.hpp"
#include "jumok/kernels/simd_max.hpp"
#include "jumok/kernels/simd_tile.hpp"

namespace jumok::simd {

// Largest of x[0..n), n ≥ 1. Four running maxima, so each max depends only on
// the one four vectors back.
[[gnu::noinline]] inline float rowMax(const float* x, std::size_t n) {
  Batch best[4] = {Batch(x[0]), Batch(x[0]), Batch(x[0]), Batch(x[0])};
  std::size_t i = 0;
  for (; i + 4 * kWidth <= n; i += 4 * kWidth)
    for (std::size_t j = 0; j < 4; ++j) best[j] = maxOf(best[j], Batch::load_unaligned(x + i + j * kWidth));
  for (; i + kWidth <= n; i += kWidth) best[0] = maxOf(best[0], Batch::load_unaligned(x + i));
  if (i < n) best[0] = maxOf(best[0], loadPartial(x + i, n - i, x[0]));
  alignas(64) float lanes[kWidth];
  maxOf(maxOf(best[0], best[1]), maxOf(best[2], best[3])).store_aligned(lanes);
  return *std::max_element(lanes, lanes + kWidth);
}

// x[i] = e^(x[i] − shift) for i < n; returns their sum.
[[gnu::noinline]] inline float expShifted(float* x, std::size_t n, float shift) {
  const Batch shiftBatch(shift);
  Batch sum(0.f);
  std::size_t i = 0;
  // Four vectors per step: each exp is a dependency chain, and four in flight
  // keep the arithmetic busy where two left it waiting.
  for (; i + 4 * kWidth <= n; i += 4 * kWidth) {
    Batch e[4];
    for (std::size_t j = 0; j < 4; ++j) e[j] = simd::exp(Batch::load_unaligned(x + i + j * kWidth) - shiftBatch);
    for (std::size_t j = 0; j < 4; ++j) e[j].store_unaligned(x + i + j * kWidth);
    sum += (e[0] + e[1]) + (e[2] + e[3]);
  }
  for (; i + kWidth <= n; i += kWidth) {
    const Batch e = simd::exp(Batch::load_unaligned(x + i) - shiftBatch);
    e.store_unaligned(x + i);
    sum += e;
  }
  if (i < n) {
    // Padding lanes hold −∞, where exp gives exactly 0. (A finite "shift − 1000" is not enough: for
    // |shift| ≥ 2^34 it rounds back to shift, and each padding lane then adds 1 to the sum.)
    const Batch e = simd::exp(loadPartial(x + i, n - i, -std::numeric_limits<float>::infinity()) - shiftBatch);
    storePartial(e, x + i, n - i);
    sum += e;
  }
  return xsimd::hadd(sum);
}

[[gnu::noinline]] inline void scaleRow(float* x, std::size_t n, float factor) {
  const Batch factorBatch(factor);
  std::size_t i = 0;
  for (; i + kWidth <= n; i += kWidth) (Batch::load_unaligned(x + i) * factorBatch).store_unaligned(x + i);
  for (; i < n; ++i) x[i] *= factor;
}

// row[0..length) = softmax of its first `visible` entries, exactly 0 after them
// (and everywhere when nothing is visible).
inline void softmaxRow(float* row, std::size_t visible, std::size_t length) {
  if (visible < length) std::fill(row + visible, row + length, 0.f);
  if (visible == 0) return;
  const float sum = expShifted(row, visible, rowMax(row, visible));
  scaleRow(row, visible, 1.f / sum);
}

}  // namespace jumok::simd
