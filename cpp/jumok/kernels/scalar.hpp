// Plain loops: the reference the SIMD kernels are tested against, and the
// kernels of the scalar WebAssembly build.
#pragma once
#include <cmath>
#include <cstddef>

namespace jumok {

struct ScalarKernels {
  static constexpr const char* kName = "scalar";

  static float dot(const float* a, const float* b, std::size_t n) {
    float sum = 0.f;
    for (std::size_t i = 0; i < n; ++i) sum += a[i] * b[i];
    return sum;
  }

  static float max(const float* x, std::size_t n) {
    float best = x[0];
    for (std::size_t i = 1; i < n; ++i) best = x[i] > best ? x[i] : best;
    return best;
  }

  // x[i] = exp(x[i] - shift); returns the sum of the new x.
  static float expShifted(float* x, std::size_t n, float shift) {
    float sum = 0.f;
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = std::exp(x[i] - shift);
      sum += x[i];
    }
    return sum;
  }

  static void scale(float* x, std::size_t n, float factor) {
    for (std::size_t i = 0; i < n; ++i) x[i] *= factor;
  }

  // y += a·x
  static void axpy(float a, const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] += a * x[i];
  }
};

}  // namespace jumok
