// xsimd versions of ScalarOps (kernels/scalar_ops.hpp); tails go to the scalar
// loops. erf, tanh and exp are xsimd's own, accurate to a few ulp.
#pragma once
#include <cstddef>

#include <xsimd/xsimd.hpp>

#include "jumok/kernels/scalar_ops.hpp"

namespace jumok {

struct SimdOps {
  using Batch = xsimd::batch<float>;
  static constexpr std::size_t kWidth = Batch::size;

  static Batch load(const float* p) { return Batch::load_unaligned(p); }

  static float sum(const float* x, std::size_t n) {
    Batch total(0.f);
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) total += load(x + i);
    return xsimd::hadd(total) + ScalarOps::sum(x + i, n - i);
  }

  static float sumSquares(const float* x, std::size_t n, float center) {
    const Batch c(center);
    Batch total(0.f);
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) {
      const Batch d = load(x + i) - c;
      total += d * d;
    }
    return xsimd::hadd(total) + ScalarOps::sumSquares(x + i, n - i, center);
  }

  static void normalize(const float* x, std::size_t n, float center, float factor, const float* gamma,
                        const float* beta, float* y) {
    const Batch c(center), f(factor);
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) {
      Batch v = (load(x + i) - c) * f * load(gamma + i);
      if (beta) v += load(beta + i);
      v.store_unaligned(y + i);
    }
    ScalarOps::normalize(x + i, n - i, center, factor, gamma + i, beta ? beta + i : nullptr, y + i);
  }

  template <class Op>
  static void map(float* x, std::size_t n, Op op, void (*tail)(float*, std::size_t)) {
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) op(load(x + i)).store_unaligned(x + i);
    tail(x + i, n - i);
  }

  static void add(float* y, const float* x, std::size_t n) {
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) (load(y + i) + load(x + i)).store_unaligned(y + i);
    ScalarOps::add(y + i, x + i, n - i);
  }

  static void multiply(float* y, const float* x, std::size_t n) {
    std::size_t i = 0;
    for (; i + kWidth <= n; i += kWidth) (load(y + i) * load(x + i)).store_unaligned(y + i);
    ScalarOps::multiply(y + i, x + i, n - i);
  }

  static void geluErf(float* x, std::size_t n) {
    map(x, n, [](Batch v) { return Batch(0.5f) * v * (Batch(1.f) + xsimd::erf(v * Batch(0.70710678118654752f))); },
        ScalarOps::geluErf);
  }

  static void geluTanh(float* x, std::size_t n) {
    map(x, n,
        [](Batch v) {
          const Batch inner = Batch(0.79788456080286536f) * (v + Batch(0.044715f) * v * v * v);
          return Batch(0.5f) * v * (Batch(1.f) + xsimd::tanh(inner));
        },
        ScalarOps::geluTanh);
  }

  static void silu(float* x, std::size_t n) {
    map(x, n, [](Batch v) { return v / (Batch(1.f) + xsimd::exp(-v)); }, ScalarOps::silu);
  }

  static void relu(float* x, std::size_t n) {
    map(x, n, [](Batch v) { return xsimd::max(v, Batch(0.f)); }, ScalarOps::relu);
  }

  static void rotateHalf(float* x, const float* cos, const float* sin, std::size_t half) {
    std::size_t i = 0;
    for (; i + kWidth <= half; i += kWidth) {
      const Batch x1 = load(x + i), x2 = load(x + i + half), c = load(cos + i), s = load(sin + i);
      (x1 * c - x2 * s).store_unaligned(x + i);
      (x2 * c + x1 * s).store_unaligned(x + i + half);
    }
    ScalarOps::rotateHalf(x, cos, sin, half, i);
  }
};

}  // namespace jumok
