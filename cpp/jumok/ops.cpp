#include "jumok/ops.hpp"

#include <cmath>

#include "jumok/kernels/scalar_ops.hpp"
#if JUMOK_WITH_SIMD
#include "jumok/kernels/simd_ops.hpp"
#endif

namespace jumok {
namespace {

// Calls body with the ops of the chosen family (ScalarOps where the build has no SIMD).
template <class Body>
void withOps(KernelFamily kernels, Body&& body) {
#if JUMOK_WITH_SIMD
  if (kernels == KernelFamily::Simd) return body(SimdOps{});
#endif
  (void)kernels;
  body(ScalarOps{});
}

}  // namespace

void layerNorm(float* x, std::size_t rows, std::size_t dim, const float* gamma, const float* beta, float eps,
               KernelFamily kernels) {
  withOps(kernels, [&](auto ops) {
    using Ops = decltype(ops);
    for (std::size_t r = 0; r < rows; ++r) {
      float* row = x + r * dim;
      const float mean = Ops::sum(row, dim) / static_cast<float>(dim);
      const float variance = Ops::sumSquares(row, dim, mean) / static_cast<float>(dim);
      Ops::normalize(row, dim, mean, 1.f / std::sqrt(variance + eps), gamma, beta, row);
    }
  });
}

void rmsNorm(float* x, std::size_t rows, std::size_t dim, const float* gamma, float eps, KernelFamily kernels) {
  withOps(kernels, [&](auto ops) {
    using Ops = decltype(ops);
    for (std::size_t r = 0; r < rows; ++r) {
      float* row = x + r * dim;
      const float meanSquare = Ops::sumSquares(row, dim, 0.f) / static_cast<float>(dim);
      Ops::normalize(row, dim, 0.f, 1.f / std::sqrt(meanSquare + eps), gamma, nullptr, row);
    }
  });
}

void activate(float* x, std::size_t n, Activation activation, KernelFamily kernels) {
  withOps(kernels, [&](auto ops) {
    using Ops = decltype(ops);
    switch (activation) {
      case Activation::GeluErf: return Ops::geluErf(x, n);
      case Activation::GeluTanh: return Ops::geluTanh(x, n);
      case Activation::Silu: return Ops::silu(x, n);
      case Activation::Relu: return Ops::relu(x, n);
    }
  });
}

void addInPlace(float* y, const float* x, std::size_t n, KernelFamily kernels) {
  withOps(kernels, [&](auto ops) { decltype(ops)::add(y, x, n); });
}

void multiplyInPlace(float* y, const float* x, std::size_t n, KernelFamily kernels) {
  withOps(kernels, [&](auto ops) { decltype(ops)::multiply(y, x, n); });
}

void ropeTables(std::size_t length, std::size_t headDim, double theta, float* cos, float* sin) {
  const std::size_t half = headDim / 2;
  for (std::size_t i = 0; i < half; ++i) {
    const double frequency = std::pow(theta, -2.0 * static_cast<double>(i) / static_cast<double>(headDim));
    for (std::size_t t = 0; t < length; ++t) {
      const double angle = static_cast<double>(t) * frequency;
      cos[t * half + i] = static_cast<float>(std::cos(angle));
      sin[t * half + i] = static_cast<float>(std::sin(angle));
    }
  }
}

void applyRope(float* x, std::size_t batch, std::size_t length, std::size_t heads, std::size_t headDim,
               const float* cos, const float* sin, KernelFamily kernels) {
  const std::size_t half = headDim / 2;
  withOps(kernels, [&](auto ops) {
    for (std::size_t b = 0; b < batch; ++b)
      for (std::size_t t = 0; t < length; ++t)
        for (std::size_t h = 0; h < heads; ++h)
          decltype(ops)::rotateHalf(x + ((b * length + t) * heads + h) * headDim, cos + t * half, sin + t * half, half);
  });
}

}  // namespace jumok
