// The attention algorithm, written once over a kernel family (ScalarKernels or
// SimdKernels). Included only by the .cpp files that instantiate it.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>

#include "jumok/attention.hpp"

namespace jumok::detail {

inline void fillZero(float* x, std::size_t n) { std::fill(x, x + n, 0.f); }

// How many keys query i sees: padding and causal masks both leave a prefix.
inline std::size_t visibleKeys(std::size_t query, std::size_t realKeys, bool causal) {
  return causal ? std::min(realKeys, query + 1) : realKeys;
}

// One query row: scores → softmax (max subtracted first) → weighted sum of values.
template <class Kernels>
void attendRow(const float* query /*[D]*/, const float* keys /*[S,D]*/, const float* values /*[S,D]*/,
               std::size_t keyLength, std::size_t headDim, std::size_t visible, float scale,
               float* weightRow /*[S]*/, float* outputRow /*[D]*/) {
  fillZero(outputRow, headDim);
  fillZero(weightRow + visible, keyLength - visible);
  if (visible == 0) return;
  for (std::size_t j = 0; j < visible; ++j) weightRow[j] = Kernels::dot(query, keys + j * headDim, headDim) * scale;
  const float rowMax = Kernels::max(weightRow, visible);
  const float sum = Kernels::expShifted(weightRow, visible, rowMax);
  Kernels::scale(weightRow, visible, 1.f / sum);
  for (std::size_t j = 0; j < visible; ++j) Kernels::axpy(weightRow[j], values + j * headDim, outputRow, headDim);
}

template <class Kernels>
void attentionWith(const AttentionShape& shape, const AttentionInputs& in, const AttentionOutputs& out,
                   Workspace& workspace) {
  const std::size_t L = shape.queryLength, S = shape.keyLength, D = shape.headDim;
  const float scale = 1.f / std::sqrt(static_cast<float>(D));
  float* scoreRow = out.weights.empty() ? workspace.take(Workspace::kScoreRow, S) : nullptr;

  for (std::int64_t b = 0; b < shape.batch; ++b) {
    const std::size_t realKeys = in.keyLengths.empty() ? S : static_cast<std::size_t>(in.keyLengths[b]);
    for (std::int64_t h = 0; h < shape.heads; ++h) {
      const std::size_t head = static_cast<std::size_t>(b * shape.heads + h);
      const float* queries = in.queries.data + head * L * D;
      const float* keys = in.keys.data + head * S * D;
      const float* values = in.values.data + head * S * D;
      for (std::size_t i = 0; i < L; ++i) {
        float* weightRow = scoreRow ? scoreRow : out.weights.data + (head * L + i) * S;
        attendRow<Kernels>(queries + i * D, keys, values, S, D, visibleKeys(i, realKeys, in.causal), scale, weightRow,
                           out.output.data + (head * L + i) * D);
      }
    }
  }
}

// y[M,N] = x[M,K] · W[N,K]ᵀ + bias[N]: the nn.Linear layout, row against row.
template <class Kernels>
void linearWith(const float* x, const float* weight, const float* bias, std::size_t rows, std::size_t inDim,
                std::size_t outDim, float* y) {
  for (std::size_t m = 0; m < rows; ++m) {
    for (std::size_t n = 0; n < outDim; ++n) {
      y[m * outDim + n] = Kernels::dot(x + m * inDim, weight + n * inDim, inDim) + (bias ? bias[n] : 0.f);
    }
  }
}

}  // namespace jumok::detail
