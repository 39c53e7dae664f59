// The transformer's ops (jumok/ops.hpp, jumok/linear.hpp) on the SIMD kernels against the scalar reference, and
// the reference against the formulas in double precision, at sizes with vector tails.
#include <cmath>

#include "helpers.hpp"
#include "jumok/linear.hpp"
#include "jumok/ops.hpp"

namespace jumok::test {
namespace {

constexpr std::size_t kRows = 3;
constexpr std::size_t kDims[] = {1, 3, 4, 7, 8, 13, 16, 61, 64, 97};

void expectNear(const std::vector<float>& got, const std::vector<double>& want, double tolerance, const char* what) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_NEAR(got[i], want[i], tolerance * std::max(1.0, std::fabs(want[i]))) << what << "[" << i << "]";
}

// Runs op on a copy of x for each kernel family and checks both against `reference` (the formula in double).
template <class Op>
void expectBothFamilies(const std::vector<float>& x, Op op, const std::vector<double>& reference, double tolerance,
                        const char* what) {
  for (KernelFamily kernels : allKernels()) {
    std::vector<float> y = x;
    op(y, kernels);
    expectNear(y, reference, tolerance, what);
  }
}

TEST(Ops, LayerNormAndRmsNormMatchTheirFormulas) {
  for (std::size_t dim : kDims) {
    const auto x = randomFloats(kRows * dim, 1, 3.f), gamma = randomFloats(dim, 2), beta = randomFloats(dim, 3);
    const float eps = 1e-5f;
    std::vector<double> layer(x.size()), rms(x.size());
    for (std::size_t r = 0; r < kRows; ++r) {
      double mean = 0, variance = 0, square = 0;
      for (std::size_t i = 0; i < dim; ++i) mean += x[r * dim + i] / static_cast<double>(dim);
      for (std::size_t i = 0; i < dim; ++i) {
        const double v = x[r * dim + i];
        variance += (v - mean) * (v - mean) / static_cast<double>(dim);
        square += v * v / static_cast<double>(dim);
      }
      for (std::size_t i = 0; i < dim; ++i) {
        const double v = x[r * dim + i];
        layer[r * dim + i] = (v - mean) / std::sqrt(variance + eps) * gamma[i] + beta[i];
        rms[r * dim + i] = v / std::sqrt(square + eps) * gamma[i];
      }
    }
    expectBothFamilies(x, [&](auto& y, KernelFamily k) { layerNorm(y.data(), kRows, dim, gamma.data(), beta.data(), eps, k); },
                       layer, 2e-5, "layerNorm");
    expectBothFamilies(x, [&](auto& y, KernelFamily k) { rmsNorm(y.data(), kRows, dim, gamma.data(), eps, k); }, rms, 2e-5,
                       "rmsNorm");
  }
}

TEST(Ops, ActivationsMatchTheirFormulas) {
  const auto x = randomFloats(97, 4, 6.f);
  const auto formula = [&](auto f) {
    std::vector<double> out;
    for (float v : x) out.push_back(f(static_cast<double>(v)));
    return out;
  };
  const double pi = std::acos(-1.0);
  const struct {
    Activation activation;
    std::vector<double> reference;
    const char* name;
  } cases[] = {
      {Activation::GeluErf, formula([](double v) { return 0.5 * v * (1 + std::erf(v / std::sqrt(2.0))); }), "gelu erf"},
      {Activation::GeluTanh,
       formula([&](double v) { return 0.5 * v * (1 + std::tanh(std::sqrt(2 / pi) * (v + 0.044715 * v * v * v))); }),
       "gelu tanh"},
      {Activation::Silu, formula([](double v) { return v / (1 + std::exp(-v)); }), "silu"},
      {Activation::Relu, formula([](double v) { return v > 0 ? v : 0; }), "relu"},
  };
  for (const auto& c : cases)
    expectBothFamilies(x, [&](auto& y, KernelFamily k) { activate(y.data(), y.size(), c.activation, k); }, c.reference,
                       2e-6, c.name);
}

TEST(Ops, TheErfAndTanhGelusDifferByMoreThanTheModelTolerance) {
  // What makes the golden cases' 2e-5 tell them apart.
  std::vector<float> erf{1.5f}, tanh{1.5f};
  activate(erf.data(), 1, Activation::GeluErf);
  activate(tanh.data(), 1, Activation::GeluTanh);
  EXPECT_GT(std::fabs(erf[0] - tanh[0]), 1e-4);
}

TEST(Ops, ResidualAddAndMultiply) {
  const auto x = randomFloats(61, 5), y = randomFloats(61, 6);
  std::vector<double> sum, product;
  for (std::size_t i = 0; i < x.size(); ++i) sum.push_back(static_cast<double>(y[i]) + x[i]), product.push_back(static_cast<double>(y[i]) * x[i]);
  expectBothFamilies(y, [&](auto& out, KernelFamily k) { addInPlace(out.data(), x.data(), x.size(), k); }, sum, 1e-7, "add");
  expectBothFamilies(y, [&](auto& out, KernelFamily k) { multiplyInPlace(out.data(), x.data(), x.size(), k); }, product,
                     1e-7, "multiply");
}

TEST(Ops, RopeRotatesEachHalfPairByPositionTimesFrequency) {
  for (std::size_t headDim : {2, 8, 10, 14, 64}) {
    const std::size_t length = 5, heads = 3, half = headDim / 2;
    const double theta = 500000;
    std::vector<float> cos(length * half), sin(length * half);
    ropeTables(length, headDim, theta, cos.data(), sin.data());
    const auto x = randomFloats(length * heads * headDim, 7);
    std::vector<double> want(x.size());
    for (std::size_t t = 0; t < length; ++t)
      for (std::size_t h = 0; h < heads; ++h)
        for (std::size_t i = 0; i < half; ++i) {
          const double angle = static_cast<double>(t) * std::pow(theta, -2.0 * static_cast<double>(i) / headDim);
          const std::size_t at = (t * heads + h) * headDim;
          const double x1 = x[at + i], x2 = x[at + i + half];
          want[at + i] = x1 * std::cos(angle) - x2 * std::sin(angle);
          want[at + i + half] = x2 * std::cos(angle) + x1 * std::sin(angle);
        }
    expectBothFamilies(x, [&](auto& y, KernelFamily k) { applyRope(y.data(), 1, length, heads, headDim, cos.data(), sin.data(), k); },
                       want, 1e-6, "rope");
  }
}

// y = x·Wᵀ + b in double, W [out,in].
std::vector<double> linearReference(const std::vector<float>& x, const std::vector<float>& w, const std::vector<float>& b,
                                    std::size_t rows, std::size_t in, std::size_t out) {
  std::vector<double> y(rows * out);
  for (std::size_t m = 0; m < rows; ++m)
    for (std::size_t n = 0; n < out; ++n) {
      double sum = b.empty() ? 0 : b[n];
      for (std::size_t k = 0; k < in; ++k) sum += static_cast<double>(x[m * in + k]) * w[n * in + k];
      y[m * out + n] = sum;
    }
  return y;
}

TEST(Linear, PackedRowsAndColumnsComputeXTimesWTransposedAndGiveBackWsRows) {
  for (std::size_t rows : {1, 4, 5, 9, 70})
    for (std::size_t in : {1, 7, 16, 61})
      for (std::size_t out : {1, 8, 13, 100}) {
        const auto x = randomFloats(rows * in, 9), w = randomFloats(out * in, 10), b = randomFloats(out, 11);
        const auto want = linearReference(x, w, b, rows, in, out);
        // The same W stored as [in, out] columns (GPT-2's Conv1D), inside a wider matrix of stride out + 3.
        std::vector<float> columns(in * (out + 3));
        for (std::size_t n = 0; n < out; ++n)
          for (std::size_t k = 0; k < in; ++k) columns[k * (out + 3) + 1 + n] = w[n * in + k];
        for (KernelFamily kernels : allKernels()) {
          Workspace workspace;
          std::vector<float> y(rows * out);
          linear(x.data(), rows, PackedMatrix::fromRows(w.data(), out, in, kernels), b.data(), y.data(), workspace);
          expectNear(y, want, 1e-5, "fromRows");
          linear(x.data(), rows, PackedMatrix::fromColumns(columns.data() + 1, out + 3, in, out, kernels), b.data(),
                 y.data(), workspace);
          expectNear(y, want, 1e-5, "fromColumns");
          const PackedMatrix packed = PackedMatrix::fromRows(w.data(), out, in, kernels);
          std::vector<float> row(in);
          for (std::size_t n = 0; n < out; ++n) {  // an embedding lookup in a tied table
            packed.copyRow(n, row.data());
            ASSERT_TRUE(std::equal(row.begin(), row.end(), w.begin() + n * in)) << "row " << n;
          }
        }
      }
}

}  // namespace
}  // namespace jumok::test
