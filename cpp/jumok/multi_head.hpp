// Multi-head attention with projections, laid out as PyTorch's
// nn.MultiheadAttention(E, H, batch_first=True):
//   Q = query·Wqᵀ + bq, K = memory·Wkᵀ + bk, V = memory·Wvᵀ + bv   (inProjWeight rows Wq;Wk;Wv)
//   split into H heads of D = E/H, attention per head, concat, output = concat·Woᵀ + bo.
// Without memory it is self-attention (memory = query, S = L).
#pragma once

#include "jumok/attention.hpp"

namespace jumok {

struct MultiHeadInputs {
  InputFloats query;          // [B,L,E]
  InputFloats memory;         // [B,S,E], empty: self-attention
  InputFloats inProjWeight;   // [3E,E]
  InputFloats inProjBias;     // [3E], empty: no bias
  InputFloats outProjWeight;  // [E,E]
  InputFloats outProjBias;    // [E], empty: no bias
  Span<const std::int32_t> keyLengths;  // [B], empty: every key is real
  bool causal = false;
};

// Every intermediate of one call, for step-through views. Costs one more
// Q·Kᵀ pass and a few copies, so it is only filled when asked for.
struct MultiHeadTrace {
  OutputFloats queries;      // [B,H,L,D]  query·Wqᵀ + bq, split into heads
  OutputFloats keys;         // [B,H,S,D]
  OutputFloats values;       // [B,H,S,D]
  OutputFloats scores;       // [B,H,L,S]  raw Q·Kᵀ
  OutputFloats scaled;       // [B,H,L,S]  ÷ √D
  OutputFloats masked;       // [B,H,L,S]  scaled, −∞ where the mask hides the key
  OutputFloats headOutputs;  // [B,H,L,D]  weights · V per head
  OutputFloats concat;       // [B,L,E]    heads side by side, before W_O
};

struct MultiHeadOutputs {
  OutputFloats output;   // [B,L,E]
  OutputFloats weights;  // [B,H,L,S], empty: not wanted (required with a trace)
  const MultiHeadTrace* trace = nullptr;  // null: no trace
};

Status multiHeadAttention(const MultiHeadShape& shape, const MultiHeadInputs& inputs, const MultiHeadOutputs& outputs,
                          Workspace& workspace, KernelFamily kernels = kBestKernels);

}  // namespace jumok
