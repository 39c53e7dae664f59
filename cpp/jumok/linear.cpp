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

PackedMatrix PackedMatrix::ofSize(std::size_t outDim, std::size_t inDim, KernelFamily kernels) {
#if JUMOK_WITH_SIMD
  static_assert(kRowMultiple % simd::kPanel == 0, "packRows parts are whole panels");
  if (simdFamily(kernels)) return PackedMatrix(inDim, outDim, kernels, simd::packedSize(outDim, inDim));
#endif
  return PackedMatrix(inDim, outDim, KernelFamily::Scalar, outDim * inDim);
}

PackedMatrix PackedMatrix::fromRows(const float* weight, std::size_t outDim, std::size_t inDim, KernelFamily kernels) {
  PackedMatrix packed = ofSize(outDim, inDim, kernels);
  packed.packRows(weight, 0, outDim);
  return packed;
}

PackedMatrix PackedMatrix::fromColumns(const float* weight, std::size_t ld, std::size_t inDim, std::size_t outDim,
                                       KernelFamily kernels) {
  PackedMatrix packed = ofSize(outDim, inDim, kernels);
  packed.packColumnRows(weight, ld, 0, 0, inDim);
  return packed;
}

void PackedMatrix::packRows(const float* rows, std::size_t first, std::size_t count) {
#if JUMOK_WITH_SIMD
  if (simdFamily(kernels_)) {  // rows [first, first + count) are whole panels from panel first / kPanel on
    return simd::packTransposed(rows, inDim_, count, inDim_, values_.get() + first * inDim_);
  }
#endif
  std::copy_n(rows, count * inDim_, values_.get() + first * inDim_);
}

void PackedMatrix::packColumnRows(const float* rows, std::size_t ld, std::size_t column, std::size_t first,
                                  std::size_t count) {
#if JUMOK_WITH_SIMD
  if (simdFamily(kernels_)) return simd::packColumnRows(rows + column, ld, first, count, inDim_, outDim_, values_.get());
#endif
  for (std::size_t n = 0; n < outDim_; ++n)
    for (std::size_t k = 0; k < count; ++k) values_[n * inDim_ + first + k] = rows[k * ld + column + n];
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
