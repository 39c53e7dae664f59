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

void PackedMatrix::copyRow(std::size_t row, float* out) const {
#if JUMOK_WITH_SIMD
  if (simdFamily(kernels_)) {  // row n is lane n % kPanel of panel n / kPanel, kPanel apart
    const float* lane = values_.get() + (row / simd::kPanel) * simd::kPanel * inDim_ + row % simd::kPanel;
    for (std::size_t k = 0; k < inDim_; ++k) out[k] = lane[k * simd::kPanel];
    return;
  }
#endif
  std::copy_n(values_.get() + row * inDim_, inDim_, out);
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

}  // namespace jumok
