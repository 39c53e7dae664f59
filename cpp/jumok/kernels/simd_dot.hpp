// Scores of short sequences as dot products along the head dimension: Q and K
// both read as they are, row-major [n,D], so nothing is packed or interleaved.
// For a tutorial-size head (16 keys) packing K and interleaving Q cost as much
// as the products themselves; here a block of Rows queries × kWidth keys keeps
// Rows·kWidth accumulators over D and folds each query's kWidth of them into
// one vector of kWidth scores (xsimd::haddp).
//
// The head dimension is a template parameter so that every load is a constant
// offset from one of two pointers (WebAssembly addresses are integer work on the
// ports the f32x4 arithmetic needs). Unrolling the loop over D did not pay: clang
// then hoists every load and V8 spills.
#pragma once
#include <algorithm>
#include <cstddef>
#include <optional>

#include "jumok/kernels/simd_tile.hpp"

namespace jumok::simd {

// Queries per dot block: 2 × 4 accumulators + 4 key + 2 query vectors fit the
// 16 vector registers with SIMD128; AVX2's 8 lanes already give 8 accumulators.
constexpr std::size_t kDotRows = kWidth == 4 ? 2 : 1;

// scores[r, 0..keyCount) (row stride ld) = scale · queries[r]·keys[c] for r < Rows,
// c < keyCount ≤ kWidth. A partial block (Full false) repeats its last key in the
// missing lanes and does not store them; a full one reads every key at a constant offset.
template <std::size_t Rows, std::size_t Depth, bool Full>
[[gnu::always_inline]] inline void dotScores(const float* queries, const float* keys, std::size_t keyCount, float scale,
                                 float* scores, std::size_t ld) {
  static_assert(Depth % kWidth == 0, "the head dimension is whole vectors");
  // The keys at constant offsets from one pointer (a partial block's last key
  // repeated, from a second); both pointers and the queries' one walk along D.
  std::size_t offset[kWidth];
  for (std::size_t c = 0; c < kWidth; ++c) offset[c] = (Full ? c : std::min(c, keyCount - 1)) * Depth;
  Batch acc[Rows][kWidth];
  for (auto& row : acc)
    for (Batch& a : row) a = Batch(0.f);
  for (const float* end = queries + Depth; queries != end; queries += kWidth, keys += kWidth) {
    Batch k[kWidth];
    for (std::size_t c = 0; c < kWidth; ++c) k[c] = Batch::load_unaligned(keys + offset[c]);
    for (std::size_t r = 0; r < Rows; ++r) {
      const Batch q = Batch::load_unaligned(queries + r * Depth);
      for (std::size_t c = 0; c < kWidth; ++c) acc[r][c] = xsimd::fma(q, k[c], acc[r][c]);
    }
  }
  const Batch scaleBatch(scale);
  for (std::size_t r = 0; r < Rows; ++r) {
    const Batch row = xsimd::haddp(acc[r]) * scaleBatch;
    if (Full) row.store_unaligned(scores + r * ld);
    else storePartial(row, scores + r * ld, keyCount);
  }
}

// scores[r, 0..keyCount) for r < Rows, every key of a short row: one call per
// row block, as the blocks of kWidth keys are too short to pay for a call each.
template <std::size_t Rows, std::size_t Depth>
[[gnu::noinline]] void dotScoreRows(const float* queries, const float* keys, std::size_t keyCount, float scale,
                                    float* scores, std::size_t ld) {
  std::size_t first = 0;
  for (; first + kWidth <= keyCount; first += kWidth)
    dotScores<Rows, Depth, true>(queries, keys + first * Depth, kWidth, scale, scores + first, ld);
  if (first < keyCount)
    dotScores<Rows, Depth, false>(queries, keys + first * Depth, keyCount - first, scale, scores + first, ld);
}

// The dot kernels of one head dimension, chosen once per call (through pointers,
// so that the code around them is not compiled once per head dimension).
using DotScoreRows = void (*)(const float* queries, const float* keys, std::size_t keyCount, float scale,
                              float* scores, std::size_t ld);
struct DotKernels {
  DotScoreRows pairs;  // kDotRows queries at a time
  DotScoreRows single;
  std::size_t maxKeys;  // the most keys the short path takes at this depth
};

// How many keys the short path takes, its rows whole in L1; beyond it, packing
// K and V pays for itself. Measured against the tiled path (paired, n = 34…48):
// at D = 64 and 128 the short path stays ahead up to 48 keys (1.04–1.12×), at
// D = 32 it fell behind after 32 (0.87–0.94×), at D = 16 even.
constexpr std::size_t kShortKeysNarrow = 32, kShortKeysWide = 48;
constexpr std::size_t kShortKeys = std::max(kShortKeysNarrow, kShortKeysWide);  // sizes the short path's scratch

template <std::size_t Depth>
constexpr DotKernels dotKernels() {
  return {&dotScoreRows<kDotRows, Depth>, &dotScoreRows<1, Depth>, Depth >= 64 ? kShortKeysWide : kShortKeysNarrow};
}

// The head dimensions that have a dot kernel; others take the tiled path.
inline std::optional<DotKernels> dotKernelsFor(std::size_t depth) {
  switch (depth) {
    case 16: return dotKernels<16>();
    case 32: return dotKernels<32>();
    case 64: return dotKernels<64>();
    case 128: return dotKernels<128>();
    default: return std::nullopt;
  }
}

}  // namespace jumok::simd
