#include "jumok/attention.hpp"

#include "jumok/attention_impl.hpp"
#include "jumok/kernels/scalar.hpp"
#include "jumok/validate.hpp"
#if JUMOK_WITH_SIMD
#include "jumok/simd_attention.hpp"
#endif

namespace jumok {

namespace detail {
void attentionUnchecked(const AttentionShape& shape, const AttentionInputs& inputs, const AttentionOutputs& outputs,
                        Workspace& workspace, KernelFamily kernels) {
#if JUMOK_WITH_SIMD
  // SIMD: the tiled algorithm; the scalar family keeps the plain one as the reference.
  if (kernels == KernelFamily::Simd) return simd::attention(shape, inputs, outputs, workspace);
#endif
  (void)kernels;
  attentionWith<ScalarKernels>(shape, inputs, outputs, workspace);
}
}  // namespace detail

Status attention(const AttentionShape& shape, const AttentionInputs& inputs, const AttentionOutputs& outputs,
                 Workspace& workspace, KernelFamily kernels) {
  JUMOK_RETURN_IF_ERROR(checkAttention(shape, inputs, outputs));
  detail::attentionUnchecked(shape, inputs, outputs, workspace, kernels);
  return Status::ok();
}

}  // namespace jumok
