// The only file that knows about JavaScript. An Engine owns its buffers and
// workspace, so several engines (one per loadJumok()) never share state.
//
// A call has two steps, so that arrays cross the boundary as one memcpy each
// instead of through Embind's val (a dozen emval round trips per call, which
// cost more than a tutorial-size attention):
//   1. prepare*(value counts of the inputs, sizes, flags) checks the sizes,
//      makes room for every input and publishes in the exchange table where
//      each one goes; the TypeScript layer copies its arrays there (HEAPF32.set).
//   2. run*() computes the call prepare* accepted, then publishes where each
//      result is; the TypeScript layer copies them out (HEAPF32.slice).
// Copies, never views: memory growth (in either step) detaches every view into
// wasm memory, so the TypeScript layer reads the HEAP views again after each
// step and never hands one to the user.
//
// Errors: a step returns false and error() holds the message; the TypeScript
// layer throws it as an Error. (A JS throw from C++ would skip destructors.)
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <array>
#include <cmath>
#include <iterator>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "jumok/multi_head.hpp"
#include "jumok/text.hpp"
#include "jumok/validate.hpp"
#include "transformer/model.hpp"

using emscripten::val;

namespace {

// Where each array of a call lives in wasm memory. Input slots are filled by
// the TypeScript layer, output slots are copied out by it.
enum Slot : std::uint32_t {
  kQueries, kKeys, kValues,                                                   // attention inputs
  kQuery, kMemory, kInProjWeight, kInProjBias, kOutProjWeight, kOutProjBias,  // multi-head inputs
  kKeyLengths,                                                                // int32, either call
  kOutput, kWeights,                                                          // results
  kTraceQueries, kTraceKeys, kTraceValues, kTraceScores, kTraceScaled, kTraceMasked,
  kTraceHeadOutputs, kTraceConcat,                                            // a trace
  kSlotCount
};

// The slot names the TypeScript layer uses (exchange.ts), in Slot order.
constexpr const char* kSlotNames[] = {
    "queries", "keys", "values", "query", "memory", "inProjWeight", "inProjBias", "outProjWeight", "outProjBias",
    "keyLengths", "output", "weights", "trace.queries", "trace.keys", "trace.values", "trace.scores",
    "trace.scaled", "trace.masked", "trace.headOutputs", "trace.concat"};
static_assert(std::size(kSlotNames) == kSlotCount, "a name for every slot");

// The value count the TypeScript layer passes for an absent array (published to it as absentCount).
constexpr double kAbsent = -1;

// The call prepare* accepted and run* will compute.
enum class Pending { kNone, kAttention, kMultiHead };

std::int64_t dim(double checkedValue) { return static_cast<std::int64_t>(checkedValue); }

// What is left of wasm memory's maximum, less a tenth for malloc's own overhead and fragmentation.
double usableBytes() {
  return 0.9 * (static_cast<double>(emscripten_get_heap_max()) - static_cast<double>(mallinfo().uordblks));
}

class Engine {
 public:
  bool prepareAttention(double queriesCount, double keysCount, double valuesCount, double keyLengthsCount,
                        double batch, double heads, double queryLength, double keyLength, double headDim, bool causal,
                        bool needWeights) {
    pending_ = Pending::kNone;
    if (!checkDimensions({{"batch", batch}, {"heads", heads}, {"queryLength", queryLength},
                          {"keyLength", keyLength}, {"headDim", headDim}}))
      return false;
    const jumok::AttentionShape shape{dim(batch), dim(heads), dim(queryLength), dim(keyLength), dim(headDim)};
    const std::uint64_t outputs = shape.queryCount() + (needWeights ? shape.weightCount() : 0);
    attentionShape_ = shape;
    return reserveCall(Pending::kAttention, {causal, needWeights, false}, outputs,
                       {{kQueries, queriesCount}, {kKeys, keysCount}, {kValues, valuesCount},
                        {kKeyLengths, keyLengthsCount}});
  }

  bool runAttention() {
    if (!takePending(Pending::kAttention)) return false;
    const jumok::AttentionShape& shape = attentionShape_;
    const jumok::AttentionInputs inputs{input(kQueries), input(kKeys), input(kValues), keyLengths(), flags_.causal};
    const jumok::AttentionOutputs outputs{
        output(kOutput, shape.queryCount()),
        flags_.needWeights ? output(kWeights, shape.weightCount()) : jumok::OutputFloats{}};
    return succeeded(jumok::attention(shape, inputs, outputs, workspace_));
  }

  bool prepareMultiHeadAttention(double queryCount, double memoryCount, double inProjWeightCount,
                                 double inProjBiasCount, double outProjWeightCount, double outProjBiasCount,
                                 double keyLengthsCount, double batch, double queryLength, double keyLength,
                                 double modelDim, double heads, bool causal, bool needWeights, bool trace) {
    pending_ = Pending::kNone;
    if (!checkDimensions({{"batch", batch}, {"queryLength", queryLength}, {"keyLength", keyLength},
                          {"modelDim", modelDim}, {"heads", heads}}))
      return false;
    const jumok::MultiHeadShape shape{dim(batch), dim(queryLength), dim(keyLength), dim(modelDim), dim(heads)};
    if (!succeeded(jumok::checkMultiHeadShape(shape))) return false;
    const jumok::AttentionShape perHead = shape.perHead();
    needWeights = needWeights || trace;  // the softmax stage of a trace is the weights
    // Projections and head copies: about 4 query-sized and 6 memory-sized buffers; a trace adds 3 of
    // each and 3 more weight-sized ones.
    const std::uint64_t working = (trace ? 7 : 4) * shape.queryCount() + (trace ? 9 : 6) * shape.memoryCount() +
                                  (needWeights ? perHead.weightCount() : 0) + (trace ? 3 * perHead.weightCount() : 0);
    multiHeadShape_ = shape;
    return reserveCall(Pending::kMultiHead, {causal, needWeights, trace}, working,
                       {{kQuery, queryCount}, {kMemory, memoryCount}, {kInProjWeight, inProjWeightCount},
                        {kInProjBias, inProjBiasCount}, {kOutProjWeight, outProjWeightCount},
                        {kOutProjBias, outProjBiasCount}, {kKeyLengths, keyLengthsCount}});
  }

  bool runMultiHeadAttention() {
    if (!takePending(Pending::kMultiHead)) return false;
    const jumok::MultiHeadShape& shape = multiHeadShape_;
    const jumok::AttentionShape perHead = shape.perHead();
    const jumok::MultiHeadInputs inputs{input(kQuery),         input(kMemory),        input(kInProjWeight),
                                        input(kInProjBias),    input(kOutProjWeight), input(kOutProjBias),
                                        keyLengths(),          flags_.causal};
    const jumok::MultiHeadTrace traceSpans = flags_.trace ? traceOutputs(shape) : jumok::MultiHeadTrace{};
    const jumok::MultiHeadOutputs outputs{
        output(kOutput, shape.queryCount()),
        flags_.needWeights ? output(kWeights, perHead.weightCount()) : jumok::OutputFloats{},
        flags_.trace ? &traceSpans : nullptr};
    return succeeded(jumok::multiHeadAttention(shape, inputs, outputs, workspace_));
  }

  // [address, count] per slot (uint32 pairs, Slot order); count 0 when a slot
  // is not part of the call. The table lives as long as the engine.
  std::uintptr_t exchangeAddress() const { return reinterpret_cast<std::uintptr_t>(exchange_.data()); }

  // { name: slot } for the TypeScript layer, read once per engine.
  val slots() const {
    val names = val::object();
    for (std::uint32_t slot = 0; slot < kSlotCount; ++slot) names.set(kSlotNames[slot], slot);
    return names;
  }

  std::string error() const { return error_; }
  std::string backend() const { return jumok::kHaveSimd ? "wasm-simd128" : "wasm-scalar"; }

  // Bytes of wasm memory in use by the whole module (for leak checks).
  double heapBytesInUse() const { return static_cast<double>(mallinfo().uordblks); }
  double heapBytesTotal() const { return static_cast<double>(emscripten_get_heap_size()); }

 private:
  // run* computes only what the prepare* just before it accepted (and reserved memory for).
  bool takePending(Pending call) {
    const bool prepared = pending_ == call;
    pending_ = Pending::kNone;
    if (!prepared) error_ = "run called without a successful prepare of the same call; expected prepare first";
    return prepared;
  }

  bool succeeded(const jumok::Status& status) {
    if (status.isOk()) return true;
    error_ = status.message();
    return false;
  }

  // Sizes arrive as JS numbers (doubles) and are checked before they are narrowed.
  bool checkDimensions(std::initializer_list<std::pair<const char*, double>> dimensions) {
    for (const auto& [name, value] : dimensions)
      if (!succeeded(jumok::checkDimension(name, value))) return false;
    return true;
  }

  struct Flags {
    bool causal = false, needWeights = false, trace = false;
  };

  // The end of every prepare*: refuses the call unless its inputs (value counts; kAbsent: none) and
  // `working` floats of results and scratch fit in wasm memory, then makes room for the inputs,
  // publishes where they go and leaves the call pending for run*.
  bool reserveCall(Pending call, Flags flags, std::uint64_t working,
                   std::initializer_list<std::pair<Slot, double>> inputs) {
    double inputFloats = 0;
    for (const auto& [slot, count] : inputs) inputFloats += count > 0 ? count : 0;
    if (!checkFits(static_cast<std::uint64_t>(inputFloats) + working)) return false;
    exchange_.fill(0);
    for (const auto& [slot, count] : inputs) reserveInput(slot, count);
    flags_ = flags;
    pending_ = call;
    return true;
  }

  void publish(Slot slot, const void* address, std::size_t count) {
    exchange_[2 * slot] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(address));
    exchange_[2 * slot + 1] = static_cast<std::uint32_t>(count);
  }

  // Room for an input of `valueCount` values (kAbsent: none).
  void reserveInput(Slot slot, double valueCount) {
    present_[slot] = valueCount != kAbsent;
    const std::size_t count = present_[slot] ? static_cast<std::size_t>(valueCount) : 0;
    if (slot == kKeyLengths) {
      keyLengths_.resize(count);
      return publish(slot, keyLengths_.data(), count);
    }
    buffers_[slot].resize(count);
    publish(slot, buffers_[slot].data(), count);
  }

  jumok::InputFloats input(Slot slot) const {
    if (!present_[slot]) return {};
    return {buffers_[slot].data(), buffers_[slot].size()};
  }

  jumok::Span<const std::int32_t> keyLengths() const {
    if (!present_[kKeyLengths]) return {};
    return {keyLengths_.data(), keyLengths_.size()};
  }

  jumok::OutputFloats output(Slot slot, std::uint64_t count) {
    std::vector<float>& buffer = buffers_[slot];
    buffer.resize(count);
    publish(slot, buffer.data(), buffer.size());
    return {buffer.data(), buffer.size()};
  }

  jumok::MultiHeadTrace traceOutputs(const jumok::MultiHeadShape& shape) {
    const jumok::AttentionShape h = shape.perHead();
    return {output(kTraceQueries, h.queryCount()), output(kTraceKeys, h.keyCount()),
            output(kTraceValues, h.keyCount()),   output(kTraceScores, h.weightCount()),
            output(kTraceScaled, h.weightCount()), output(kTraceMasked, h.weightCount()),
            output(kTraceHeadOutputs, h.queryCount()), output(kTraceConcat, shape.queryCount())};
  }

  // Refuses a call whose buffers cannot fit in what is left of wasm memory, so
  // that allocation never fails (which would abort the module). This engine's
  // buffers from earlier calls count as used until they are in the way; then
  // they are freed (the call makes again what it needs), so a call that fitted
  // once fits again.
  bool checkFits(std::uint64_t floats) {
    const double needed = 4.0 * static_cast<double>(floats);
    if (needed <= usableBytes()) return true;
    releaseBuffers();
    const double usable = usableBytes();
    if (needed <= usable) return true;
    jumok::Text message(4);
    message << "these sizes need about " << needed / 1048576 << " MB of wasm memory, but only " << usable / 1048576
            << " MB of the " << static_cast<double>(emscripten_get_heap_max()) / 1048576
            << " MB maximum is free; expected smaller batch, lengths or heads";
    error_ = message.str();
    return false;
  }


  void releaseBuffers() {
    for (auto& buffer : buffers_) std::vector<float>().swap(buffer);
    std::vector<std::int32_t>().swap(keyLengths_);
    workspace_.release();
  }

  std::vector<float> buffers_[kSlotCount];  // every slot but kKeyLengths
  std::vector<std::int32_t> keyLengths_;
  std::array<bool, kSlotCount> present_{};
  std::array<std::uint32_t, 2 * kSlotCount> exchange_{};
  jumok::AttentionShape attentionShape_{};
  jumok::MultiHeadShape multiHeadShape_{};
  Flags flags_;
  Pending pending_ = Pending::kNone;
  std::string error_;
  jumok::Workspace workspace_;
};

// A loaded checkpoint (cpp/transformer). Loading, one step per call from the TypeScript layer
// (web/src/checkpoint/model.ts):
//   1. setConfig*(field, value) for each top-level field of config.json, then configure(), which reads them
//      and refuses a model whose weights cannot fit in wasm memory before anything is allocated;
//   2. per checkpoint tensor, beginTensor(name, dtype, "d0,d1,…", byteLength): 0 to skip it, or the address
//      of a staging buffer the TypeScript layer copies the tensor's bytes into a part (tensorPartBytes()) at a
//      time, calling storeTensorPart() after each;
//   3. finishLoading().
// A run is prepareRun() → the ids and masks copied into their slots → run(), as the Engine's calls are; the
// results are read out of the exchange table, copies again, never views.
enum ModelSlot : std::uint32_t {
  kInputIds, kAttentionMask, kTokenTypeIds, kDecoderInputIds, kDecoderAttentionMask, kLogitPositions,  // int32 in
  kAttentions, kDecoderAttentions, kCrossAttentions, kLastHiddenState, kEncoderLastHiddenState, kLogits,  // out
  kTraceQueriesOut, kTraceKeysOut, kTraceValuesOut, kTraceScoresOut, kTraceScaledOut, kTraceMaskedOut,
  kTraceHeadOutputsOut, kTraceConcatOut,                                                                 // a trace
  kModelSlotCount
};

constexpr const char* kModelSlotNames[] = {
    "inputIds", "attentionMask", "tokenTypeIds", "decoderInputIds", "decoderAttentionMask", "logitPositions",
    "attentions", "decoderAttentions", "crossAttentions", "lastHiddenState", "encoderLastHiddenState", "logits",
    "trace.queries", "trace.keys", "trace.values", "trace.scores", "trace.scaled", "trace.masked",
    "trace.headOutputs", "trace.concat"};
static_assert(std::size(kModelSlotNames) == kModelSlotCount, "a name for every model slot");

class ModelEngine {
 public:
  void setConfigNumber(const std::string& name, double value) { fields_[name] = Value::ofNumber(value); }
  void setConfigString(const std::string& name, const std::string& value) { fields_[name] = Value::ofString(value); }
  void setConfigBool(const std::string& name, bool value) { fields_[name] = Value::ofBool(value); }
  void setConfigNull(const std::string& name) { fields_[name] = Value::ofNull(); }
  void setConfigOther(const std::string& name) { fields_[name] = Value::ofOther(); }

  bool configure() {
    jumok::transformer::ModelConfig config;
    if (!succeeded(jumok::transformer::parseConfig(fields_, config))) return false;
    auto model = std::make_unique<jumok::transformer::Transformer>(config);
    // The weights, and a tensor staged and widened while it is stored.
    const double needed = 4.0 * static_cast<double>(model->expectedFloats()) +
                          8.0 * static_cast<double>(model->largestTensorFloats());
    if (!fits(needed, "the weights of this model")) return false;
    model_ = std::move(model);
    return true;
  }

  // 0: skip this tensor; otherwise where its bytes go, a part (tensorPartBytes()) at a time. -1: refused (error()
  // says why).
  double beginTensor(const std::string& name, const std::string& dtype, const std::string& shapeText,
                     double byteLength) {
    if (!model_) {
      fail("beginTensor before configure");
      return -1;
    }
    std::vector<std::int64_t> shape;
    for (std::size_t start = 0; start < shapeText.size();) {
      const std::size_t comma = std::min(shapeText.find(',', start), shapeText.size());
      shape.push_back(std::strtoll(shapeText.c_str() + start, nullptr, 10));  // digits only: the TypeScript layer checked them
      start = comma + 1;
    }
    bool wanted = false;
    if (!succeeded(model_->beginTensor(name, dtype, shape, static_cast<std::uint64_t>(byteLength), wanted))) return -1;
    if (!wanted) return 0;
    // One part's buffer (about 256 KB, or a small tensor's size), taken afresh for each tensor: kept at the
    // largest tensor's size, a whole-tensor buffer stayed in wasm memory beside the weights (BERT-base's 94 MB
    // word embeddings). Not a vector: resizing one zero-filled it first.
    staging_.reset();
    staging_.reset(new float[static_cast<std::size_t>(model_->partBytes() + 3) / 4 + 1]);  // float-aligned, never empty
    return static_cast<double>(reinterpret_cast<std::uintptr_t>(staging_.get()));
  }

  // Bytes of a part of the tensor beginTensor() took: whole rows, about 256 KB (the whole of a small tensor).
  double tensorPartBytes() const { return model_ ? static_cast<double>(model_->partBytes()) : 0; }

  // The next part, copied to beginTensor()'s address: a part's bytes, or the rest of the tensor for the last.
  bool storeTensorPart(double byteLength) {
    if (!model_) return false;
    return succeeded(model_->storeTensorPart(staging_.get(), static_cast<std::uint64_t>(byteLength)));
  }

  bool finishLoading() {
    staging_.reset();
    return model_ && succeeded(model_->finishLoading());
  }

  // Checkpoint tensors the model did not use, one per line.
  std::string unusedTensors() const {
    std::string names;
    if (model_)
      for (const auto& name : model_->unusedTensors()) names += name + "\n";
    return names;
  }

  bool hasHead() const { return model_ && model_->hasHead(); }
  // The config as read (defaults applied), for the TypeScript layer: it need not know transformers' defaults.
  std::string architecture() const {
    return model_ ? jumok::transformer::kArchitectureNames[static_cast<int>(model_->config().architecture)] : "";
  }
  int layers() const { return model_ ? static_cast<int>(model_->config().stack.layers) : 0; }
  int decoderLayers() const { return model_ ? static_cast<int>(model_->config().decoder.layers) : 0; }
  double eosTokenId() const { return model_ ? static_cast<double>(model_->config().eosTokenId) : -1; }
  double decoderStartTokenId() const { return model_ ? static_cast<double>(model_->config().decoderStartTokenId) : -1; }
  // Bytes the loaded weights hold as float32 (for the memory figures): a BertModel file's, without the MLM head
  // a BertForMaskedLM would have, had been counted 2.5 MB high (BERT-base).
  double weightBytes() const { return model_ ? 4.0 * static_cast<double>(model_->loadedFloats()) : 0; }

  // Sizes of the run; counts of the optional inputs (absentCount: not given); logitsAt 0 all, 1 last, 2 chosen,
  // 3 none; traceKind 0 none, 1 self, 2 decoder, 3 cross (TraceKind), of layer traceLayer.
  bool prepareRun(double batch, double length, double decoderLength, double maskCount, double typesCount,
                  double decoderIdsCount, double decoderMaskCount, int logitsAt, double positionsCount, int traceKind,
                  double traceLayer) {
    prepared_ = false;
    if (!model_ || !model_->loaded()) return fail("run before the model was loaded");
    if (!succeeded(jumok::checkDimension("batch", batch)) || !succeeded(jumok::checkDimension("length", length)))
      return false;
    if (decoderLength != 0 && !succeeded(jumok::checkDimension("decoderLength", decoderLength))) return false;
    inputs_ = {};
    inputs_.batch = static_cast<std::int64_t>(batch);
    inputs_.length = static_cast<std::int64_t>(length);
    inputs_.decoderLength = static_cast<std::int64_t>(decoderLength);
    inputs_.logitsAt = static_cast<jumok::transformer::LogitsAt>(logitsAt);
    inputs_.trace = static_cast<jumok::transformer::TraceKind>(traceKind);
    inputs_.traceLayer = static_cast<std::int64_t>(traceLayer);  // a JS integer; the core checks its range
    const double inputCount = batch * length * 3 + batch * decoderLength * 2 + batch;
    const double neededBytes = 4.0 * (inputCount + static_cast<double>(model_->runFloats(inputs_)));
    // Earlier runs' buffers count as used until they are in the way (as the Engine's do).
    if (neededBytes > usableBytes()) releaseRunMemory();
    if (!fits(neededBytes, "these sizes")) return false;
    table_.fill(0);
    reserve(kInputIds, batch * length);
    reserve(kAttentionMask, maskCount);
    reserve(kTokenTypeIds, typesCount);
    reserve(kDecoderInputIds, decoderIdsCount);
    reserve(kDecoderAttentionMask, decoderMaskCount);
    reserve(kLogitPositions, positionsCount);
    prepared_ = true;
    return true;
  }

  bool run() {
    if (!prepared_) return fail("run without a successful prepareRun; expected prepareRun first");
    prepared_ = false;
    inputs_.inputIds = ints(kInputIds);
    inputs_.attentionMask = ints(kAttentionMask);
    inputs_.tokenTypeIds = ints(kTokenTypeIds);
    inputs_.decoderInputIds = ints(kDecoderInputIds);
    inputs_.decoderAttentionMask = ints(kDecoderAttentionMask);
    inputs_.logitPositions = ints(kLogitPositions);
    if (!succeeded(model_->run(inputs_, outputs_))) return false;
    publish(kAttentions, outputs_.attentions);
    publish(kDecoderAttentions, outputs_.decoderAttentions);
    publish(kCrossAttentions, outputs_.crossAttentions);
    publish(kLastHiddenState, outputs_.lastHiddenState);
    publish(kEncoderLastHiddenState, outputs_.encoderLastHiddenState);
    publish(kLogits, outputs_.logits);
    const jumok::transformer::AttentionTrace& trace = outputs_.trace;
    publish(kTraceQueriesOut, trace.queries);
    publish(kTraceKeysOut, trace.keys);
    publish(kTraceValuesOut, trace.values);
    publish(kTraceScoresOut, trace.scores);
    publish(kTraceScaledOut, trace.scaled);
    publish(kTraceMaskedOut, trace.masked);
    publish(kTraceHeadOutputsOut, trace.headOutputs);
    publish(kTraceConcatOut, trace.concat);
    return true;
  }

  std::uintptr_t exchangeAddress() const { return reinterpret_cast<std::uintptr_t>(table_.data()); }

  val slots() const {
    val names = val::object();
    for (std::uint32_t slot = 0; slot < kModelSlotCount; ++slot) names.set(kModelSlotNames[slot], slot);
    return names;
  }

  std::string error() const { return error_; }

 private:
  using Value = jumok::transformer::ConfigValue;

  bool fail(const char* message) {
    error_ = message;
    return false;
  }

  bool succeeded(const jumok::Status& status) {
    if (status.isOk()) return true;
    error_ = status.message();
    return false;
  }

  bool fits(double neededBytes, const char* what) {
    const double usable = usableBytes();
    if (neededBytes <= usable) return true;
    const auto megabytes = [](double bytes) { return static_cast<std::int64_t>(std::ceil(bytes / 1048576)); };
    error_ = jumok::concat(what, " need about ", megabytes(neededBytes), " MB of wasm memory, but only ",
                           static_cast<std::int64_t>(usable / 1048576), " MB of the ",
                           megabytes(static_cast<double>(emscripten_get_heap_max())),
                           " MB maximum is free; expected a smaller model or input");
    return false;
  }

  void releaseRunMemory() {
    outputs_ = {};
    for (auto& input : inputBuffers_) std::vector<std::int32_t>().swap(input);
    model_->releaseScratch();
  }

  void reserve(ModelSlot slot, double count) {
    present_[slot] = count != kAbsent;
    inputBuffers_[slot].resize(present_[slot] ? static_cast<std::size_t>(count) : 0);
    table_[2 * slot] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(inputBuffers_[slot].data()));
    table_[2 * slot + 1] = static_cast<std::uint32_t>(inputBuffers_[slot].size());
  }

  jumok::Span<const std::int32_t> ints(ModelSlot slot) const {
    if (!present_[slot]) return {};
    return {inputBuffers_[slot].data(), inputBuffers_[slot].size()};
  }

  void publish(ModelSlot slot, const std::vector<float>& values) {
    table_[2 * slot] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(values.data()));
    table_[2 * slot + 1] = static_cast<std::uint32_t>(values.size());
  }

  jumok::transformer::ConfigFields fields_;
  std::unique_ptr<jumok::transformer::Transformer> model_;
  std::unique_ptr<float[]> staging_;  // a part of the tensor being loaded, as stored in the file
  jumok::transformer::ModelInputs inputs_;
  jumok::transformer::ModelOutputs outputs_;
  std::vector<std::int32_t> inputBuffers_[kLogitPositions + 1];
  std::array<bool, kModelSlotCount> present_{};
  std::array<std::uint32_t, 2 * kModelSlotCount> table_{};
  bool prepared_ = false;
  std::string error_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(jumok) {
  emscripten::constant("absentCount", kAbsent);
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("prepareAttention", &Engine::prepareAttention)
      .function("runAttention", &Engine::runAttention)
      .function("prepareMultiHeadAttention", &Engine::prepareMultiHeadAttention)
      .function("runMultiHeadAttention", &Engine::runMultiHeadAttention)
      .function("exchangeAddress", &Engine::exchangeAddress)
      .function("slots", &Engine::slots)
      .function("error", &Engine::error)
      .function("backend", &Engine::backend)
      .function("heapBytesInUse", &Engine::heapBytesInUse)
      .function("heapBytesTotal", &Engine::heapBytesTotal);
  emscripten::class_<ModelEngine>("ModelEngine")
      .constructor<>()
      .function("setConfigNumber", &ModelEngine::setConfigNumber)
      .function("setConfigString", &ModelEngine::setConfigString)
      .function("setConfigBool", &ModelEngine::setConfigBool)
      .function("setConfigNull", &ModelEngine::setConfigNull)
      .function("setConfigOther", &ModelEngine::setConfigOther)
      .function("configure", &ModelEngine::configure)
      .function("beginTensor", &ModelEngine::beginTensor)
      .function("tensorPartBytes", &ModelEngine::tensorPartBytes)
      .function("storeTensorPart", &ModelEngine::storeTensorPart)
      .function("finishLoading", &ModelEngine::finishLoading)
      .function("unusedTensors", &ModelEngine::unusedTensors)
      .function("hasHead", &ModelEngine::hasHead)
      .function("architecture", &ModelEngine::architecture)
      .function("layers", &ModelEngine::layers)
      .function("decoderLayers", &ModelEngine::decoderLayers)
      .function("eosTokenId", &ModelEngine::eosTokenId)
      .function("decoderStartTokenId", &ModelEngine::decoderStartTokenId)
      .function("weightBytes", &ModelEngine::weightBytes)
      .function("prepareRun", &ModelEngine::prepareRun)
      .function("run", &ModelEngine::run)
      .function("exchangeAddress", &ModelEngine::exchangeAddress)
      .function("slots", &ModelEngine::slots)
      .function("error", &ModelEngine::error);
}
