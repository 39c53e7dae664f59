// Linear layers of a loaded model, y = x·Wᵀ + b, with W laid out once, at load,
// the way its kernel family reads it: SIMD panels (kernels/simd_tile.hpp) or,
// for the scalar reference, nn.Linear's own [out,in] rows.
#pragma once
#include <cstddef>
#include <memory>

#include "jumok/kernels.hpp"
#include "jumok/workspace.hpp"

namespace jumok {

class PackedMatrix {
 public:
  // packRows takes whole panels: a multiple of this many rows (a panel's columns: 8 on SIMD128, 16 on AVX2).
  static constexpr std::size_t kRowMultiple = 16;

  PackedMatrix() = default;

  // An unfilled W [outDim,inDim], filled a part at a time (packRows or packColumnRows) as a load receives it.
  static PackedMatrix ofSize(std::size_t outDim, std::size_t inDim, KernelFamily kernels);

  // From an nn.Linear weight [outDim,inDim].
  static PackedMatrix fromRows(const float* weight, std::size_t outDim, std::size_t inDim, KernelFamily kernels);
  // From columns of a [inDim, ld] matrix (y = x·W, GPT-2's Conv1D): `outDim` of them from `weight` on, so
  // that a fused [q|k|v] weight becomes three matrices.
  static PackedMatrix fromColumns(const float* weight, std::size_t ld, std::size_t inDim, std::size_t outDim,
                                  KernelFamily kernels);

  std::size_t inDim() const { return inDim_; }
  std::size_t outDim() const { return outDim_; }
  KernelFamily kernels() const { return kernels_; }
  const float* data() const { return values_.get(); }
  // W's row `row` ([inDim] values), wherever the layout put them: a tied embedding table is held only here.
  void copyRow(std::size_t row, float* out) const;
  // W's rows [first, first + count) from nn.Linear rows [count,inDim]; first a multiple of kRowMultiple.
  void packRows(const float* rows, std::size_t first, std::size_t count);
  // Rows [first, first + count) of a [inDim, ld] matrix whose columns from `column` on are W's (y = x·W), from
  // `rows` [count, ld].
  void packColumnRows(const float* rows, std::size_t ld, std::size_t column, std::size_t first, std::size_t count);
  std::size_t floatsHeld() const { return floats_; }

 private:
  PackedMatrix(std::size_t inDim, std::size_t outDim, KernelFamily kernels, std::size_t floats)
      : values_(new float[floats]), floats_(floats), inDim_(inDim), outDim_(outDim), kernels_(kernels) {}

  // Not a vector: every value is written when packing, and zeroing hundreds of megabytes first would add a
  // pass over them to every load.
  std::unique_ptr<float[]> values_;
  std::size_t floats_ = 0;
  std::size_t inDim_ = 0, outDim_ = 0;
  KernelFamily kernels_ = KernelFamily::Scalar;
};

// y[rows, outDim] = x[rows, inDim]·Wᵀ + bias (bias null: none).
void linear(const float* x, std::size_t rows, const PackedMatrix& weight, const float* bias, float* y,
            Workspace& workspace);


}  // namespace jumok
