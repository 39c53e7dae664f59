#include "jumok/linear.hpp"

#include <algorithm>

#include "jumok/attention_impl.hpp"
#include "jumok/kernels/scalar.hpp"
#if JUMOK_WITH_SIMD
#include "jumok/simd_attention.hpp"
#endif

namespace jumok {
namespace {

bool simdFamily(KernelFamily kernels) { return kHaveSimd && kernels == KernelFamily::Simd; }

#if JUMOK_WITH_SIMD
// Columns of a tied head packed per block: 512 × E = 768 is 1.5 MiB of panels, reused by every row.
constexpr std::size_t kHeadBlockColumns = 64 * simd::kPanel;
#endif

}  // namespace

PackedMatrix PackedMatrix::fromRows(const float* weight, std::size_t outDim, std::size_t inDim, KernelFamily kernels) {
#if JUMOK_WITH_SIMD
  if (simdFamily(kernels)) {
    PackedMatrix packed(inDim, outDim, kernels, simd::packedSize(outDim, inDim));
    simd::packTransposed(weight, inDim, outDim, inDim, packed.values_.get());
    return packed;
  }
#endif
  PackedMatrix plain(inDim, outDim, KernelFamily::Scalar, outDim * inDim);
  std::copy_n(weight, outDim * inDim, plain.values_.get());
  return plain;
}

PackedMatrix PackedMatrix::fromColumns(const float* weight, std::size_t ld, std::size_t inDim, std::size_t outDim,
                                       KernelFamily kernels) {
#if JUMOK_WITH_SIMD
  if (simdFamily(kernels)) {
    PackedMatrix packed(inDim, outDim, kernels, simd::packedSize(outDim, inDim));
    simd::packColumns(weight, ld, inDim, outDim, packed.values_.get());
    return packed;
  }
#endif
  PackedMatrix plain(inDim, outDim, KernelFamily::Scalar, outDim * inDim);
  for (std::size_t n = 0; n < outDim; ++n)
    for (std::size_t k = 0; k < inDim; ++k) plain.values_[n * inDim + k] = weight[k * ld + n];
  return plain;
}

void linear(const float* x, std::size_t rows, const PackedMatrix& weight, const float* bias, float* y,
            Workspace& workspace) {
#if JUMOK_WITH_SIMD
  if (simdFamily(weight.kernels())) {
    return simd::linearPacked(x, weight.data(), bias, rows, weight.inDim(), weight.outDim(), y, weight.outDim(),
                              workspace);
  }
#endif
  (void)workspace;
  detail::linearWith<ScalarKernels>(x, weight.data(), bias, rows, weight.inDim(), weight.outDim(), y);
}

void linearRows(const float* x, std::size_t rows, const float* weight, std::size_t outDim, std::size_t inDim,
                const float* bias, float* y, Workspace& workspace, KernelFamily kernels) {
#if JUMOK_WITH_SIMD
  if (simdFamily(kernels)) {
    float* packed = workspace.take(Workspace::kPackedWeight, simd::packedSize(kHeadBlockColumns, inDim));
    for (std::size_t first = 0; first < outDim; first += kHeadBlockColumns) {
      const std::size_t columns = std::min(kHeadBlockColumns, outDim - first);
      simd::packTransposed(weight + first * inDim, inDim, columns, inDim, packed);
      simd::linearPacked(x, packed, bias ? bias + first : nullptr, rows, inDim, columns, y + first, outDim, workspace);
    }
    return;
  }
#endif
  (void)workspace;
  (void)kernels;
  detail::linearWith<ScalarKernels>(x, weight, bias, rows, inDim, outDim, y);
}

}  // namespace jumok
