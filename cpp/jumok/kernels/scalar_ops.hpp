// Plain loops for the transformer's element-wise and normalisation ops: the
// reference the SIMD ops are tested against, and the scalar build's ops.
#pragma once
#include <cmath>
#include <cstddef>

namespace jumok {

struct ScalarOps {
  static float sum(const float* x, std::size_t n) {
    float total = 0.f;
    for (std::size_t i = 0; i < n; ++i) total += x[i];
    return total;
  }

  // Σ (x - center)²: LayerNorm's variance around the mean, RMSNorm's mean square around 0.
  static float sumSquares(const float* x, std::size_t n, float center) {
    float total = 0.f;
    for (std::size_t i = 0; i < n; ++i) total += (x[i] - center) * (x[i] - center);
    return total;
  }

  // y = (x - center)·factor·gamma (+ beta when given).
  static void normalize(const float* x, std::size_t n, float center, float factor, const float* gamma,
                        const float* beta, float* y) {
    for (std::size_t i = 0; i < n; ++i) y[i] = (x[i] - center) * factor * gamma[i] + (beta ? beta[i] : 0.f);
  }

  static void add(float* y, const float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] += x[i];
  }

  static void multiply(float* y, const float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] *= x[i];
  }

  // 0.5·x·(1 + erf(x/√2)): BERT's "gelu".
  static void geluErf(float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) x[i] = 0.5f * x[i] * (1.f + std::erf(x[i] * 0.70710678118654752f));
  }

  // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))): GPT-2's "gelu_new".
  static void geluTanh(float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      const float v = x[i];
      x[i] = 0.5f * v * (1.f + std::tanh(0.79788456080286536f * (v + 0.044715f * v * v * v)));
    }
  }

  // x·σ(x): Llama's and Marian's "silu" / "swish".
  static void silu(float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) x[i] = x[i] / (1.f + std::exp(-x[i]));
  }

  static void relu(float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) x[i] = x[i] > 0.f ? x[i] : 0.f;
  }

  // One head's rotate-half RoPE: [x1, x2] → [x1·cos − x2·sin, x2·cos + x1·sin], halves of `half` values
  // (from `first` on: the SIMD version's tail).
  static void rotateHalf(float* x, const float* cos, const float* sin, std::size_t half, std::size_t first = 0) {
    for (std::size_t i = first; i < half; ++i) {
      const float x1 = x[i], x2 = x[i + half];
      x[i] = x1 * cos[i] - x2 * sin[i];
      x[i + half] = x2 * cos[i] + x1 * sin[i];
    }
  }
};

}  // namespace jumok
