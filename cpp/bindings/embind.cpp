// The only file that knows about JavaScript. An Engine owns its buffers and
// workspace, so several engines (one per loadJumok()) never share state.
//
// Copies, never views: inputs are copied from the caller's typed arrays into
// wasm memory, results are copied out into fresh Float32Arrays the caller
// owns. Memory growth detaches every view into wasm memory, so none escapes.
//
// Errors come back as { error: message } instead of a thrown exception: a JS
// throw from C++ would skip destructors and leak; the TypeScript layer turns
// it into an Error.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <optional>
#include <sstream>
#include <vector>

#include "jumok/multi_head.hpp"
#include "jumok/validate.hpp"

using emscripten::val;

namespace {

val errorResult(const std::string& message) {
  val result = val::object();
  result.set("error", message);
  return result;
}

// Fresh Float32Array holding a copy of `data`: `new Float32Array(view)` copies.
val copyOut(const std::vector<float>& data, std::size_t count) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(count, data.data()));
}

bool isAbsent(const val& value) { return value.isNull() || value.isUndefined(); }

// Sizes arrive as JS numbers (doubles) and are checked before they are narrowed.
std::optional<val> dimensionError(std::initializer_list<std::pair<const char*, double>> dimensions) {
  for (const auto& [name, value] : dimensions) {
    const jumok::Status status = jumok::checkDimension(name, value);
    if (!status.isOk()) return errorResult(status.message());
  }
  return std::nullopt;
}

std::int64_t dim(double checkedValue) { return static_cast<std::int64_t>(checkedValue); }

class Engine {
 public:
  val attention(val queries, val keys, val values, val keyLengths, double batch, double heads, double queryLength,
                double keyLength, double headDim, bool causal, bool needWeights) {
    if (auto bad = dimensionError({{"batch", batch}, {"heads", heads}, {"queryLength", queryLength},
                                   {"keyLength", keyLength}, {"headDim", headDim}}))
      return *bad;
    const jumok::AttentionShape shape{dim(batch), dim(heads), dim(queryLength), dim(keyLength), dim(headDim)};
    const std::uint64_t outputFloats = shape.queryCount() + (needWeights ? shape.weightCount() : 0);
    if (auto tooBig = checkFits(outputFloats + 3 * shape.keyCount())) return *tooBig;

    const jumok::AttentionInputs inputs{copyIn(kQueries, queries), copyIn(kKeys, keys), copyIn(kValues, values),
                                        copyInKeyLengths(keyLengths), causal};
    const jumok::AttentionOutputs outputs{outputSpan(kOutput, shape.queryCount()),
                                          needWeights ? outputSpan(kWeights, shape.weightCount()) : jumok::OutputFloats{}};
    const jumok::Status status = jumok::attention(shape, inputs, outputs, workspace_);
    if (!status.isOk()) return errorResult(status.message());
    return results(outputs);
  }

  val multiHeadAttention(val query, val memory, val inProjWeight, val inProjBias, val outProjWeight, val outProjBias,
                         val keyLengths, double batch, double queryLength, double keyLength, double modelDim,
                         double heads, bool causal, bool needWeights, bool trace) {
    if (auto bad = dimensionError({{"batch", batch}, {"queryLength", queryLength}, {"keyLength", keyLength},
                                   {"modelDim", modelDim}, {"heads", heads}}))
      return *bad;
    const jumok::MultiHeadShape shape{dim(batch), dim(queryLength), dim(keyLength), dim(modelDim), dim(heads)};
    const jumok::Status shapeStatus = jumok::checkMultiHeadShape(shape);
    if (!shapeStatus.isOk()) return errorResult(shapeStatus.message());
    const jumok::AttentionShape perHead = shape.perHead();
    needWeights = needWeights || trace;  // the softmax stage of a trace is the weights
    // Projections and head copies: about 4 query-sized and 6 memory-sized buffers; a trace adds 3 of
    // each and 3 more weight-sized ones.
    const std::uint64_t floats = (trace ? 7 : 4) * shape.queryCount() + (trace ? 9 : 6) * shape.memoryCount() +
                                 (needWeights ? perHead.weightCount() : 0) + (trace ? 3 * perHead.weightCount() : 0);
    if (auto tooBig = checkFits(floats)) return *tooBig;

    const jumok::MultiHeadInputs inputs{copyIn(kQuery, query),
                                        copyIn(kMemory, memory),
                                        copyIn(kInProjWeight, inProjWeight),
                                        copyIn(kInProjBias, inProjBias),
                                        copyIn(kOutProjWeight, outProjWeight),
                                        copyIn(kOutProjBias, outProjBias),
                                        copyInKeyLengths(keyLengths),
                                        causal};
    const jumok::MultiHeadTrace traceSpans = trace ? traceOutputs(shape) : jumok::MultiHeadTrace{};
    const jumok::MultiHeadOutputs outputs{
        outputSpan(kOutput, shape.queryCount()),
        needWeights ? outputSpan(kWeights, perHead.weightCount()) : jumok::OutputFloats{},
        trace ? &traceSpans : nullptr};
    const jumok::Status status = jumok::multiHeadAttention(shape, inputs, outputs, workspace_);
    if (!status.isOk()) return errorResult(status.message());
    val result = results(outputs);
    if (trace) result.set("trace", traceResults(traceSpans));
    return result;
  }

  std::string backend() const { return jumok::kHaveSimd ? "wasm-simd128" : "wasm-scalar"; }

  // Bytes of wasm memory in use by the whole module (for leak checks).
  double heapBytesInUse() const { return static_cast<double>(mallinfo().uordblks); }
  double heapBytesTotal() const { return static_cast<double>(emscripten_get_heap_size()); }

 private:
  enum Buffer {
    kQueries, kKeys, kValues,                                               // attention inputs
    kQuery, kMemory, kInProjWeight, kInProjBias, kOutProjWeight, kOutProjBias,  // multi-head inputs
    kOutput, kWeights,                                                      // results before copying out
    kTraceQueries, kTraceKeys, kTraceValues, kTraceScores, kTraceScaled, kTraceMasked,
    kTraceHeadOutputs, kTraceConcat,                                        // a trace before copying out
    kBufferCount
  };

  jumok::InputFloats copyIn(Buffer slot, const val& array) {
    if (isAbsent(array)) return {};
    const std::size_t count = array["length"].as<std::size_t>();
    std::vector<float>& buffer = buffers_[slot];
    buffer.resize(count);
    // The view is made after resize (which may grow memory) and used at once.
    val(emscripten::typed_memory_view(count, buffer.data())).call<void>("set", array);
    return {buffer.data(), count};
  }

  jumok::Span<const std::int32_t> copyInKeyLengths(const val& array) {
    if (isAbsent(array)) return {};
    const std::size_t count = array["length"].as<std::size_t>();
    keyLengths_.resize(count);
    val(emscripten::typed_memory_view(count, keyLengths_.data())).call<void>("set", array);
    return {keyLengths_.data(), count};
  }

  jumok::OutputFloats outputSpan(Buffer slot, std::uint64_t count) {
    std::vector<float>& buffer = buffers_[slot];
    buffer.resize(count);
    return {buffer.data(), static_cast<std::size_t>(count)};
  }

  jumok::MultiHeadTrace traceOutputs(const jumok::MultiHeadShape& shape) {
    const jumok::AttentionShape h = shape.perHead();
    return {outputSpan(kTraceQueries, h.queryCount()), outputSpan(kTraceKeys, h.keyCount()),
            outputSpan(kTraceValues, h.keyCount()),   outputSpan(kTraceScores, h.weightCount()),
            outputSpan(kTraceScaled, h.weightCount()), outputSpan(kTraceMasked, h.weightCount()),
            outputSpan(kTraceHeadOutputs, h.queryCount()), outputSpan(kTraceConcat, shape.queryCount())};
  }

  val traceResults(const jumok::MultiHeadTrace& trace) const {
    val result = val::object();
    result.set("queries", copyOut(buffers_[kTraceQueries], trace.queries.size));
    result.set("keys", copyOut(buffers_[kTraceKeys], trace.keys.size));
    result.set("values", copyOut(buffers_[kTraceValues], trace.values.size));
    result.set("scores", copyOut(buffers_[kTraceScores], trace.scores.size));
    result.set("scaled", copyOut(buffers_[kTraceScaled], trace.scaled.size));
    result.set("masked", copyOut(buffers_[kTraceMasked], trace.masked.size));
    result.set("headOutputs", copyOut(buffers_[kTraceHeadOutputs], trace.headOutputs.size));
    result.set("concat", copyOut(buffers_[kTraceConcat], trace.concat.size));
    return result;
  }

  template <class Outputs>
  val results(const Outputs& outputs) const {
    val result = val::object();
    result.set("output", copyOut(buffers_[kOutput], outputs.output.size));
    if (!outputs.weights.empty()) result.set("weights", copyOut(buffers_[kWeights], outputs.weights.size));
    return result;
  }

  // Refuses a call whose buffers cannot fit in what is left of wasm memory, so
  // that allocation never fails (which would abort the module).
  std::optional<val> checkFits(std::uint64_t floats) const {
    const double needed = 4.0 * static_cast<double>(floats);
    const double maximum = static_cast<double>(emscripten_get_heap_max());
    const double free = maximum - static_cast<double>(mallinfo().uordblks);
    if (needed <= 0.9 * free) return std::nullopt;
    std::ostringstream message;
    message.precision(4);
    message << "these sizes need about " << needed / 1048576 << " MB of wasm memory, but only " << free / 1048576
            << " MB of the " << maximum / 1048576 << " MB maximum is free; expected smaller batch, lengths or heads";
    return errorResult(message.str());
  }

  std::vector<float> buffers_[kBufferCount];
  std::vector<std::int32_t> keyLengths_;
  jumok::Workspace workspace_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(jumok) {
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("attention", &Engine::attention)
      .function("multiHeadAttention", &Engine::multiHeadAttention)
      .function("backend", &Engine::backend)
      .function("heapBytesInUse", &Engine::heapBytesInUse)
      .function("heapBytesTotal", &Engine::heapBytesTotal);
}
