// A transformer checkpoint held in memory and run: BERT, RoBERTa, GPT-2, Llama
// and Marian, with Hugging Face's parameter names and maths (the conventions
// are in config.hpp and in each architecture's part of model.cpp). Built from
// the core's kernels: linear layers on packed weights (jumok/linear.hpp), the
// ops of jumok/ops.hpp, and attention (jumok/attention.hpp), whose weights
// every layer hands back.
//
// Loading takes a checkpoint's tensors one at a time, in any order and from
// any number of files: beginTensor() says whether the model needs a tensor
// (and checks its dtype and shape), storeTensor() converts it to float32 and
// lays it out for the kernels, finishLoading() checks that nothing is missing.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "jumok/span.hpp"
#include "jumok/status.hpp"
#include "jumok/workspace.hpp"
#include "transformer/config.hpp"

namespace jumok::transformer {

// Which positions get logits.
enum class LogitsAt { kAll, kLast, kChosen, kNone };

// Which attention a trace records: the only stack's (Marian's encoder's) self-attention, Marian's decoder
// self-attention, or its cross-attention.
enum class TraceKind { kNone, kSelf, kDecoder, kCross };

// Every stage of one layer's attention, for step-through views ([B,H,L,D] etc. as in jumok/multi_head.hpp).
struct AttentionTrace {
  std::vector<float> queries;      // [B,H,L,D] after the projection (and RoPE)
  std::vector<float> keys;         // [B,H,S,D] (repeated per query head under grouped-query attention)
  std::vector<float> values;       // [B,H,S,D]
  std::vector<float> scores;       // [B,H,L,S] raw Q·Kᵀ
  std::vector<float> scaled;       // [B,H,L,S] ÷ √D
  std::vector<float> masked;       // [B,H,L,S] −∞ where the mask hides the key
  std::vector<float> headOutputs;  // [B,H,L,D] weights · V
  std::vector<float> concat;       // [B,L,H·D] before the output projection
};

struct ModelInputs {
  std::int64_t batch = 0;           // B
  std::int64_t length = 0;          // L: the (encoder's) sequence length
  std::int64_t decoderLength = 0;   // T: Marian's target length
  Span<const std::int32_t> inputIds;              // [B,L]
  Span<const std::int32_t> attentionMask;         // [B,L], 1 real, 0 padding (right padding); empty: all real
  Span<const std::int32_t> tokenTypeIds;          // [B,L], BERT/RoBERTa; empty: all 0
  Span<const std::int32_t> decoderInputIds;       // [B,T], Marian
  Span<const std::int32_t> decoderAttentionMask;  // [B,T], Marian; empty: all real
  LogitsAt logitsAt = LogitsAt::kAll;
  Span<const std::int32_t> logitPositions;        // [B], with kChosen: one position per row
  TraceKind trace = TraceKind::kNone;
  std::int64_t traceLayer = 0;                    // 0-based, in the stack `trace` names
};

// Results, held by the caller between runs so that their memory is reused.
struct ModelOutputs {
  std::vector<float> attentions;              // [layers][B,H,L,L] (Marian: the encoder's)
  std::vector<float> decoderAttentions;       // [decoderLayers][B,H,T,T], Marian
  std::vector<float> crossAttentions;         // [decoderLayers][B,H,T,L], Marian
  std::vector<float> lastHiddenState;         // [B,L,E] (Marian: the decoder's, [B,T,E])
  std::vector<float> encoderLastHiddenState;  // [B,L,E], Marian
  std::vector<float> logits;                  // [B,L,V] (kAll), [B,V] (kLast, kChosen), empty (kNone or no head)
  AttentionTrace trace;                       // filled when ModelInputs::trace asks for one
};

struct Weights;
struct TensorSpec;

class Transformer {
 public:
  Transformer(const ModelConfig& config, KernelFamily kernels = kBestKernels);
  ~Transformer();
  Transformer(const Transformer&) = delete;
  Transformer& operator=(const Transformer&) = delete;

  const ModelConfig& config() const { return config_; }

  // Floats the weights will hold once loaded, known before any is: callers refuse a model too large first.
  // An upper bound: an optional part (an MLM head, an untied lm_head) may not come.
  std::uint64_t expectedFloats() const;
  // Floats of the tensors loaded so far.
  std::uint64_t loadedFloats() const;
  // The largest single tensor, in values (a loader stages one tensor at a time).
  std::uint64_t largestTensorFloats() const;

  // A checkpoint tensor: dtype "F32", "F16" or "BF16" for one the model needs (others are skipped whatever
  // their dtype), shape as stored, byteLength of its data. wanted = false: not needed, skip it.
  Status beginTensor(const std::string& name, const std::string& dtype, const std::vector<std::int64_t>& shape,
                     std::uint64_t byteLength, bool& wanted);
  // The data of the tensor beginTensor() wanted, little-endian as stored.
  Status storeTensor(const void* bytes);
  // Or the same a part at a time: partBytes() says how much a part holds (whole rows of the first dimension,
  // about kPartBytes, or the whole tensor for one that is only stored whole); storeTensorPart() stores the next
  // part, byteLength of it (a part's size, the last part its rest). A part is packed while it is in cache.
  std::uint64_t partBytes() const;
  Status storeTensorPart(const void* bytes, std::uint64_t byteLength);
  Status finishLoading();
  bool loaded() const { return loaded_; }

  // The tensors this config asks for (names without the base prefix) and their shapes: for messages and fuzzing.
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> expectedTensors() const;

  // Checkpoint tensors skipped as not needed (buffers, pooler, tied copies, …).
  const std::vector<std::string>& unusedTensors() const { return unused_; }
  bool hasHead() const;

  // Floats of results and scratch a run of these sizes needs (for the caller's memory check).
  std::uint64_t runFloats(const ModelInputs& inputs) const;
  Status run(const ModelInputs& inputs, ModelOutputs& outputs);

  // Frees scratch memory kept from earlier runs.
  void releaseScratch();

 private:
  Status checkInputs(const ModelInputs& inputs) const;
  Status checkFiniteOutputs(const ModelOutputs& outputs) const;
  // The next `rows` rows of the pending tensor; `parted`: refused if more than a part.
  Status storeRows(const void* bytes, std::uint64_t byteLength, bool parted);
  std::uint64_t pendingRowBytes() const;
  std::uint64_t pendingPartRows() const;
  float* take(int buffer, std::size_t count);
  // The forward pass, in model.cpp.
  void encode(const ModelInputs& in, const std::int32_t* lengths, ModelOutputs& out, float* hidden);
  void decode(const ModelInputs& in, const std::int32_t* sourceLengths, const std::int32_t* targetLengths,
              const float* memory, ModelOutputs& out, float* hidden);
  void logits(const ModelInputs& in, const std::int32_t* lengths, const float* hidden, std::size_t length,
              std::vector<float>& out);

  ModelConfig config_;
  KernelFamily kernels_;
  std::unique_ptr<Weights> weights_;
  std::vector<TensorSpec> specs_;
  std::vector<std::string> unused_;
  std::int64_t pending_ = -1;  // the spec beginTensor() accepted
  std::string pendingDtype_, pendingName_;
  std::uint64_t rowsStored_ = 0;  // of the pending tensor, stored by earlier parts
  bool loaded_ = false;
  Workspace workspace_;                     // the kernels' scratch
  std::vector<std::vector<float>> scratch_;  // the forward pass's own buffers (model.cpp, Buffer)
  std::vector<float> converted_;            // a tensor widened to float32 while it is stored
};

}  // namespace jumok::transformer
