#include "jumok/multi_head.hpp"

#include <limits>
#include <type_traits>

#include "jumok/attention_impl.hpp"
#include "jumok/heads.hpp"
#include "jumok/kernels/scalar.hpp"
#include "jumok/validate.hpp"
#if JUMOK_WITH_SIMD
#include "jumok/kernels/simd.hpp"
#include "jumok/simd_attention.hpp"
#endif

namespace jumok {
namespace {

// The projections: tiled for the SIMD family, the plain loops for the scalar one.
template <class Kernels>
void linear(const float* x, const float* weight, const float* bias, std::size_t rows, std::size_t inDim,
            std::size_t outDim, float* y, Workspace& workspace) {
#if JUMOK_WITH_SIMD
  if constexpr (std::is_same_v<Kernels, SimdKernels>) return simd::linear(x, weight, bias, rows, inDim, outDim, y, workspace);
#endif
  (void)workspace;
  detail::linearWith<Kernels>(x, weight, bias, rows, inDim, outDim, y);
}

const float* biasPart(const InputFloats& bias, std::size_t offset) {
  return bias.empty() ? nullptr : bias.data + offset;
}

void copyInto(const float* from, OutputFloats to) { std::copy_n(from, to.size, to.data); }

// Fills the trace from the buffers the call left in the workspace.
template <class Kernels>
void fillTrace(const MultiHeadShape& shape, const MultiHeadInputs& in, const float* headQueries,
               const float* headKeys, const float* headValues, const float* headOutputs, const float* concat,
               const MultiHeadTrace& trace) {
  const std::size_t L = shape.queryLength, S = shape.keyLength, D = shape.headDim();
  copyInto(headQueries, trace.queries);
  copyInto(headKeys, trace.keys);
  copyInto(headValues, trace.values);
  copyInto(headOutputs, trace.headOutputs);
  copyInto(concat, trace.concat);
  const float scale = 1.f / std::sqrt(static_cast<float>(D));
  for (std::int64_t b = 0; b < shape.batch; ++b) {
    const std::size_t realKeys = in.keyLengths.empty() ? S : static_cast<std::size_t>(in.keyLengths[b]);
    for (std::int64_t h = 0; h < shape.heads; ++h) {
      const std::size_t head = static_cast<std::size_t>(b * shape.heads + h);
      for (std::size_t i = 0; i < L; ++i) {
        const std::size_t visible = detail::visibleKeys(i, realKeys, in.causal);
        for (std::size_t j = 0; j < S; ++j) {
          const std::size_t cell = (head * L + i) * S + j;
          trace.scores[cell] = Kernels::dot(headQueries + (head * L + i) * D, headKeys + (head * S + j) * D, D);
          trace.scaled[cell] = trace.scores[cell] * scale;
          trace.masked[cell] = j < visible ? trace.scaled[cell] : -std::numeric_limits<float>::infinity();
        }
      }
    }
  }
}

template <class Kernels>
void multiHeadWith(const MultiHeadShape& shape, const MultiHeadInputs& in, const MultiHeadOutputs& out,
                   Workspace& ws, KernelFamily family) {
  const std::size_t B = shape.batch, L = shape.queryLength, S = shape.keyLength, E = shape.modelDim;
  const std::size_t H = shape.heads, D = shape.headDim();
  const float* memory = in.memory.empty() ? in.query.data : in.memory.data;
  const float* weight = in.inProjWeight.data;  // rows Wq [0,E), Wk [E,2E), Wv [2E,3E)

  float* queries = ws.take(Workspace::kQueries, B * L * E);
  float* keys = ws.take(Workspace::kKeys, B * S * E);
  float* values = ws.take(Workspace::kValues, B * S * E);
  linear<Kernels>(in.query.data, weight, biasPart(in.inProjBias, 0), B * L, E, E, queries, ws);
  linear<Kernels>(memory, weight + E * E, biasPart(in.inProjBias, E), B * S, E, E, keys, ws);
  linear<Kernels>(memory, weight + 2 * E * E, biasPart(in.inProjBias, 2 * E), B * S, E, E, values, ws);

  float* headQueries = ws.take(Workspace::kHeadQueries, B * L * E);
  float* headKeys = ws.take(Workspace::kHeadKeys, B * S * E);
  float* headValues = ws.take(Workspace::kHeadValues, B * S * E);
  float* headOutputs = ws.take(Workspace::kHeadOutputs, B * L * E);
  splitHeads(queries, B, L, H, D, headQueries);
  splitHeads(keys, B, S, H, D, headKeys);
  splitHeads(values, B, S, H, D, headValues);

  const AttentionInputs perHeadIn{{headQueries, B * L * E}, {headKeys, B * S * E}, {headValues, B * S * E},
                                  in.keyLengths, in.causal};
  const AttentionOutputs perHeadOut{{headOutputs, B * L * E}, out.weights};
  detail::attentionUnchecked(shape.perHead(), perHeadIn, perHeadOut, ws, family);

  float* concat = ws.take(Workspace::kConcat, B * L * E);
  mergeHeads(headOutputs, B, L, H, D, concat);
  linear<Kernels>(concat, in.outProjWeight.data, biasPart(in.outProjBias, 0), B * L, E, E, out.output.data, ws);
  if (out.trace) fillTrace<Kernels>(shape, in, headQueries, headKeys, headValues, headOutputs, concat, *out.trace);
}

}  // namespace

Status multiHeadAttention(const MultiHeadShape& shape, const MultiHeadInputs& inputs, const MultiHeadOutputs& outputs,
                          Workspace& workspace, KernelFamily kernels) {
  JUMOK_RETURN_IF_ERROR(checkMultiHead(shape, inputs, outputs));
#if JUMOK_WITH_SIMD
  if (kernels == KernelFamily::Simd) {
    multiHeadWith<SimdKernels>(shape, inputs, outputs, workspace, kernels);
    return Status::ok();
  }
#endif
  multiHeadWith<ScalarKernels>(shape, inputs, outputs, workspace, KernelFamily::Scalar);
  return Status::ok();
}

}  // namespace jumok
