// Scaled dot-product attention per head:
//   weights[b,h] = softmax(queries[b,h] · keys[b,h]ᵀ / √D + mask)   [L,S]
//   output[b,h]  = weights[b,h] · values[b,h]                       [L,D]
// The mask hides keys j >= keyLengths[b] (padding) and, when causal, keys
// j > i for query i. Both leave each query a prefix of visible keys; a query
// with none gets weights 0 and output 0 (PyTorch gives NaN there).
#pragma once
#include <cstdint>

#include "jumok/kernels.hpp"
#include "jumok/shapes.hpp"
#include "jumok/span.hpp"
#include "jumok/status.hpp"
#include "jumok/workspace.hpp"

namespace jumok {

struct AttentionInputs {
  InputFloats queries;                // [B,H,L,D]
  InputFloats keys;                   // [B,H,S,D]
  InputFloats values;                 // [B,H,S,D]
  Span<const std::int32_t> keyLengths;  // [B], empty: every key is real
  bool causal = false;
};

struct AttentionOutputs {
  OutputFloats output;   // [B,H,L,D]
  OutputFloats weights;  // [B,H,L,S], empty: not wanted
};

// Checks every argument, then computes. Nothing is written on error.
Status attention(const AttentionShape& shape, const AttentionInputs& inputs, const AttentionOutputs& outputs,
                 Workspace& workspace, KernelFamily kernels = kBestKernels);

namespace detail {
// The same without checks, for callers that have checked already.
void attentionUnchecked(const AttentionShape& shape, const AttentionInputs& inputs, const AttentionOutputs& outputs,
                        Workspace& workspace, KernelFamily kernels);
}  // namespace detail

}  // namespace jumok
