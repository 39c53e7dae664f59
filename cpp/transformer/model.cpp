// The forward passes (the conventions are transformers' modeling files'):
//   BERT, RoBERTa  embeddings (word + position + token type) → LayerNorm; post-LN blocks:
//                  x = LN(x + attention(x)), x = LN(x + FFN(x)); MLM head: dense → act → LN → Eᵀ + bias
//   GPT-2          wte + wpe; pre-LN blocks (ln_1, ln_2), causal; ln_f; head wteᵀ
//   Llama          embed_tokens; pre-RMSNorm blocks, RoPE (rotate-half), grouped-query attention, SwiGLU; norm;
//                  lm_head or embed_tokensᵀ
//   Marian         encoder: embeddings·√E (scale_embedding) + sinusoid, post-LN blocks; decoder: the same with
//                  causal self-attention and cross-attention; head sharedᵀ + final_logits_bias
// Attention masks are right padding (a prefix of real tokens), which the attention kernels take as lengths.
#include "transformer/model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "jumok/attention.hpp"
#include "jumok/attention_impl.hpp"
#include "jumok/heads.hpp"
#include "jumok/linear.hpp"
#include "jumok/ops.hpp"
#include "jumok/shapes.hpp"
#include "jumok/text.hpp"
#include "jumok/validate.hpp"
#include "transformer/weights.hpp"

namespace jumok::transformer {
namespace {

// The forward pass's own buffers (Transformer::scratch_).
enum Buffer { kHidden, kDecoderHidden, kBranch, kFeedForward, kGate, kRopeCos, kRopeSin, kHeadRows, kLengths,
              kBufferCount };

std::size_t size(std::int64_t value) { return static_cast<std::size_t>(value); }

// Marian's sinusoid for positions 0..length-1, as transformers builds it: sin of pos/10000^(2i/E) in the first
// ⌈E/2⌉ columns, cos in the rest (halves, not interleaved), in double, stored as float.
void addSinusoid(float* x, std::size_t batch, std::size_t length, std::size_t dim) {
  const std::size_t sinColumns = (dim + 1) / 2;
  for (std::size_t t = 0; t < length; ++t)
    for (std::size_t j = 0; j < dim; ++j) {
      const bool isSin = j < sinColumns;
      const std::size_t i = isSin ? j : j - sinColumns;  // the angle's index: columns 2i (sin) and 2i+1 (cos)
      const std::size_t column = isSin ? 2 * i : 2 * i + 1;
      const double angle = static_cast<double>(t) / std::pow(10000.0, static_cast<double>(2 * (column / 2)) / dim);
      const float value = static_cast<float>(isSin ? std::sin(angle) : std::cos(angle));
      for (std::size_t b = 0; b < batch; ++b) x[(b * length + t) * dim + j] += value;
    }
}

// out[t] = words[ids[t]]·scale for `count` ids (checked against the vocabulary already).
void embed(const PackedMatrix& words, const std::int32_t* ids, std::size_t count, float scale, float* out) {
  const std::size_t E = words.inDim();
  for (std::size_t t = 0; t < count; ++t) {
    words.copyRow(static_cast<std::size_t>(ids[t]), out + t * E);
    if (scale != 1.f) std::transform(out + t * E, out + (t + 1) * E, out + t * E, [scale](float v) { return v * scale; });
  }
}

// A stack's attention sizes.
struct Heads {
  std::size_t heads, kvHeads, headDim;
  static Heads of(const StackConfig& s) { return {size(s.heads), size(s.kvHeads), size(s.headDim)}; }
};

}  // namespace

float* Transformer::take(int buffer, std::size_t count) {
  if (scratch_.size() < kBufferCount) scratch_.resize(kBufferCount);
  std::vector<float>& held = scratch_[static_cast<std::size_t>(buffer)];
  if (held.size() < count) held.resize(count);
  return held.data();
}

void Transformer::releaseScratch() {
  std::vector<std::vector<float>>().swap(scratch_);
  workspace_.release();
}

namespace {

// The pieces of one pass that every block shares.
struct PassContext {
  const ModelConfig& config;
  KernelFamily kernels;
  Workspace& workspace;
  std::size_t batch;
  const float* ropeCos;  // Llama: [L, D/2]
  const float* ropeSin;
};

void applyNorm(const PassContext& pass, const Norm& norm, float* x, std::size_t rows) {
  const std::size_t E = size(pass.config.hiddenSize);
  if (norm.beta.empty()) return rmsNorm(x, rows, E, norm.gamma.data(), pass.config.normEps, pass.kernels);
  layerNorm(x, rows, E, norm.gamma.data(), norm.beta.data(), pass.config.normEps, pass.kernels);
}

// The stages attend() leaves in the workspace, copied out, and the scores before the softmax recomputed.
void fillTrace(Heads h, std::size_t B, std::size_t L, std::size_t S, const std::int32_t* keyLengths, bool causal,
               const float* headQueries, const float* headKeys, const float* headValues, const float* headOutputs,
               const float* concat, AttentionTrace& trace) {
  const std::size_t H = h.heads, D = h.headDim;
  trace.queries.assign(headQueries, headQueries + B * H * L * D);
  trace.keys.assign(headKeys, headKeys + B * H * S * D);
  trace.values.assign(headValues, headValues + B * H * S * D);
  trace.headOutputs.assign(headOutputs, headOutputs + B * H * L * D);
  trace.concat.assign(concat, concat + B * L * H * D);
  for (auto* stage : {&trace.scores, &trace.scaled, &trace.masked}) stage->resize(B * H * L * S);
  const float scale = 1.f / std::sqrt(static_cast<float>(D));
  for (std::size_t b = 0; b < B; ++b)
    for (std::size_t head = b * H; head < (b + 1) * H; ++head)
      for (std::size_t i = 0; i < L; ++i) {
        const std::size_t visible = detail::visibleKeys(i, static_cast<std::size_t>(keyLengths[b]), causal);
        for (std::size_t j = 0; j < S; ++j) {
          const std::size_t cell = (head * L + i) * S + j;
          float score = 0.f;
          for (std::size_t d = 0; d < D; ++d) score += headQueries[(head * L + i) * D + d] * headKeys[(head * S + j) * D + d];
          trace.scores[cell] = score;
          trace.scaled[cell] = score * scale;
          trace.masked[cell] = j < visible ? score * scale : -std::numeric_limits<float>::infinity();
        }
      }
}

// out [B,L,E] = attention of x [B,L,E] over memory [B,S,E] (x itself for self-attention), its weights into
// weightsOut [B,H,L,S]; every stage into `trace` when given.
void attend(const PassContext& pass, const AttentionWeights& w, Heads h, const float* x, std::size_t L,
            const float* memory, std::size_t S, const std::int32_t* keyLengths, bool causal, float* weightsOut,
            float* out, AttentionTrace* trace = nullptr) {
  Workspace& ws = pass.workspace;
  const std::size_t B = pass.batch, H = h.heads, KV = h.kvHeads, D = h.headDim;
  float* queries = ws.take(Workspace::kQueries, B * L * H * D);
  float* keys = ws.take(Workspace::kKeys, B * S * KV * D);
  float* values = ws.take(Workspace::kValues, B * S * KV * D);
  linear(x, B * L, w.query.weight, w.query.biasData(), queries, ws);
  linear(memory, B * S, w.key.weight, w.key.biasData(), keys, ws);
  linear(memory, B * S, w.value.weight, w.value.biasData(), values, ws);
  if (pass.ropeCos) {  // self-attention only: L = S
    applyRope(queries, B, L, H, D, pass.ropeCos, pass.ropeSin, pass.kernels);
    applyRope(keys, B, S, KV, D, pass.ropeCos, pass.ropeSin, pass.kernels);
  }
  float* headQueries = ws.take(Workspace::kHeadQueries, B * H * L * D);
  float* headKeys = ws.take(Workspace::kHeadKeys, B * H * S * D);
  float* headValues = ws.take(Workspace::kHeadValues, B * H * S * D);
  float* headOutputs = ws.take(Workspace::kHeadOutputs, B * H * L * D);
  splitHeads(queries, B, L, H, D, headQueries);
  splitHeads(keys, B, S, KV, D, headKeys, H / KV);
  splitHeads(values, B, S, KV, D, headValues, H / KV);
  const AttentionShape shape{static_cast<std::int64_t>(B), static_cast<std::int64_t>(H), static_cast<std::int64_t>(L),
                             static_cast<std::int64_t>(S), static_cast<std::int64_t>(D)};
  const AttentionInputs inputs{{headQueries, B * H * L * D}, {headKeys, B * H * S * D}, {headValues, B * H * S * D},
                               {keyLengths, B}, causal};
  const AttentionOutputs outputs{{headOutputs, B * H * L * D}, {weightsOut, static_cast<std::size_t>(shape.weightCount())}};
  detail::attentionUnchecked(shape, inputs, outputs, ws, pass.kernels);
  float* concat = ws.take(Workspace::kConcat, B * L * H * D);
  mergeHeads(headOutputs, B, L, H, D, concat);
  if (trace) fillTrace(h, B, L, S, keyLengths, causal, headQueries, headKeys, headValues, headOutputs, concat, *trace);
  linear(concat, B * L, w.output.weight, w.output.biasData(), out, ws);
}

// The trace to fill for layer i of an attention kind, or null.
AttentionTrace* traceOf(const ModelInputs& in, TraceKind kind, std::size_t layer, ModelOutputs& out) {
  return in.trace == kind && static_cast<std::size_t>(in.traceLayer) == layer ? &out.trace : nullptr;
}

// out [rows,E] = down(act(up(x))) or, with a gate (Llama), down(act(gate(x)) · up(x)).
void feedForward(const PassContext& pass, const Layer& layer, const float* x, std::size_t rows, float* inner,
                 float* gate, float* out) {
  const std::size_t F = layer.up.weight.outDim();
  linear(x, rows, layer.up.weight, layer.up.biasData(), inner, pass.workspace);
  if (layer.gate.weight.outDim() > 0) {
    linear(x, rows, layer.gate.weight, layer.gate.biasData(), gate, pass.workspace);
    activate(gate, rows * F, pass.config.activation, pass.kernels);
    multiplyInPlace(inner, gate, rows * F, pass.kernels);
  } else {
    activate(inner, rows * F, pass.config.activation, pass.kernels);
  }
  linear(inner, rows, layer.down.weight, layer.down.biasData(), out, pass.workspace);
}

}  // namespace

// The model's only stack, or Marian's encoder: input embeddings, then every block, each layer's weights into
// attentions [layers][B,H,L,L]; hidden [B,L,E] holds the last hidden state.
void Transformer::encode(const ModelInputs& in, const std::int32_t* lengths, ModelOutputs& out, float* hidden) {
  float* attentions = out.attentions.data();
  const ModelConfig& c = config_;
  const Weights& w = *weights_;
  const std::size_t B = size(in.batch), L = size(in.length), E = size(c.hiddenSize), rows = B * L;
  const Heads heads = Heads::of(c.stack);
  const std::int32_t* ids = in.inputIds.data;

  const bool scaled = c.scaleEmbedding;
  embed(w.words, ids, rows, scaled ? std::sqrt(static_cast<float>(E)) : 1.f, hidden);
  switch (c.architecture) {
    case Architecture::kBert:
    case Architecture::kRoberta:
      for (std::size_t b = 0; b < B; ++b) {
        std::int32_t realSoFar = 0;
        for (std::size_t t = 0; t < L; ++t) {
          const std::size_t row = b * L + t;
          std::size_t position = t;
          if (c.architecture == Architecture::kRoberta) {  // cumsum(id ≠ pad)·(id ≠ pad) + pad
            const bool real = ids[row] != c.padTokenId;
            realSoFar += real;
            position = size(c.padTokenId) + (real ? static_cast<std::size_t>(realSoFar) : 0);
          }
          const std::size_t type = in.tokenTypeIds.empty() ? 0 : static_cast<std::size_t>(in.tokenTypeIds[row]);
          addInPlace(hidden + row * E, w.positions.data() + position * E, E, kernels_);
          addInPlace(hidden + row * E, w.tokenTypes.data() + type * E, E, kernels_);
        }
      }
      layerNorm(hidden, rows, E, w.embeddingNorm.gamma.data(), w.embeddingNorm.beta.data(), c.normEps, kernels_);
      break;
    case Architecture::kGpt2:
      for (std::size_t b = 0; b < B; ++b)
        addInPlace(hidden + b * L * E, w.positions.data(), L * E, kernels_);
      break;
    case Architecture::kLlama: break;  // positions come in through RoPE
    case Architecture::kMarian: addSinusoid(hidden, B, L, E); break;
  }

  float* ropeCos = nullptr;
  float* ropeSin = nullptr;
  if (c.architecture == Architecture::kLlama) {
    ropeCos = take(kRopeCos, L * heads.headDim / 2);
    ropeSin = take(kRopeSin, L * heads.headDim / 2);
    ropeTables(L, heads.headDim, c.ropeTheta, ropeCos, ropeSin);
  }
  const PassContext pass{c, kernels_, workspace_, B, ropeCos, ropeSin};
  float* branch = take(kBranch, rows * E);
  float* inner = take(kFeedForward, rows * size(c.stack.ffnDim));
  float* gate = c.architecture == Architecture::kLlama ? take(kGate, rows * size(c.stack.ffnDim)) : nullptr;
  const std::size_t layerWeights = B * heads.heads * L * L;
  for (std::size_t i = 0; i < w.stack.layers.size(); ++i) {
    const Layer& layer = w.stack.layers[i];
    float* weights = attentions + i * layerWeights;
    if (c.preNorm()) {
      std::copy_n(hidden, rows * E, branch);
      applyNorm(pass, layer.selfNorm, branch, rows);
      float* attended = take(kHeadRows, rows * E);
      attend(pass, layer.selfAttention, heads, branch, L, branch, L, lengths, c.causal(), weights, attended,
             traceOf(in, TraceKind::kSelf, i, out));
      addInPlace(hidden, attended, rows * E, kernels_);
      std::copy_n(hidden, rows * E, branch);
      applyNorm(pass, layer.feedForwardNorm, branch, rows);
      feedForward(pass, layer, branch, rows, inner, gate, attended);
      addInPlace(hidden, attended, rows * E, kernels_);
    } else {
      attend(pass, layer.selfAttention, heads, hidden, L, hidden, L, lengths, false, weights, branch,
             traceOf(in, TraceKind::kSelf, i, out));
      addInPlace(hidden, branch, rows * E, kernels_);
      applyNorm(pass, layer.selfNorm, hidden, rows);
      feedForward(pass, layer, hidden, rows, inner, gate, branch);
      addInPlace(hidden, branch, rows * E, kernels_);
      applyNorm(pass, layer.feedForwardNorm, hidden, rows);
    }
  }
  if (c.preNorm()) applyNorm(pass, w.stack.finalNorm, hidden, rows);
}

// Marian's decoder over the encoder's output `memory` [B,L,E]; hidden [B,T,E] ends as its last hidden state.
void Transformer::decode(const ModelInputs& in, const std::int32_t* sourceLengths, const std::int32_t* targetLengths,
                         const float* memory, ModelOutputs& out, float* hidden) {
  const ModelConfig& c = config_;
  const Weights& w = *weights_;
  const std::size_t B = size(in.batch), L = size(in.length), T = size(in.decoderLength), E = size(c.hiddenSize);
  const std::size_t rows = B * T;
  const Heads heads = Heads::of(c.decoder);
  embed(w.words, in.decoderInputIds.data, rows, c.scaleEmbedding ? std::sqrt(static_cast<float>(E)) : 1.f, hidden);
  addSinusoid(hidden, B, T, E);
  const PassContext pass{c, kernels_, workspace_, B, nullptr, nullptr};
  float* branch = take(kBranch, rows * E);
  float* inner = take(kFeedForward, rows * size(c.decoder.ffnDim));
  const std::size_t selfWeights = B * heads.heads * T * T, crossWeights = B * heads.heads * T * L;
  for (std::size_t i = 0; i < w.decoder.layers.size(); ++i) {
    const Layer& layer = w.decoder.layers[i];
    attend(pass, layer.selfAttention, heads, hidden, T, hidden, T, targetLengths, true,
           out.decoderAttentions.data() + i * selfWeights, branch, traceOf(in, TraceKind::kDecoder, i, out));
    addInPlace(hidden, branch, rows * E, kernels_);
    applyNorm(pass, layer.selfNorm, hidden, rows);
    attend(pass, layer.crossAttention, heads, hidden, T, memory, L, sourceLengths, false,
           out.crossAttentions.data() + i * crossWeights, branch, traceOf(in, TraceKind::kCross, i, out));
    addInPlace(hidden, branch, rows * E, kernels_);
    applyNorm(pass, layer.crossNorm, hidden, rows);
    feedForward(pass, layer, hidden, rows, inner, nullptr, branch);
    addInPlace(hidden, branch, rows * E, kernels_);
    applyNorm(pass, layer.feedForwardNorm, hidden, rows);
  }
}

// Logits of the positions in.logitsAt asks for, from hidden [B,length,E].
void Transformer::logits(const ModelInputs& in, const std::int32_t* lengths, const float* hidden, std::size_t length,
                         std::vector<float>& out) {
  const ModelConfig& c = config_;
  const Weights& w = *weights_;
  const std::size_t B = size(in.batch), E = size(c.hiddenSize), V = size(c.vocabSize);
  std::size_t rows = B * length;
  const float* source = hidden;
  if (in.logitsAt == LogitsAt::kLast || in.logitsAt == LogitsAt::kChosen) {
    float* gathered = take(kHeadRows, B * E);
    for (std::size_t b = 0; b < B; ++b) {
      const std::size_t t = in.logitsAt == LogitsAt::kLast ? static_cast<std::size_t>(lengths[b] - 1)
                                                           : static_cast<std::size_t>(in.logitPositions[b]);
      std::copy_n(hidden + (b * length + t) * E, E, gathered + b * E);
    }
    source = gathered;
    rows = B;
  }
  out.resize(rows * V);
  const bool transformed = c.architecture == Architecture::kBert || c.architecture == Architecture::kRoberta;
  if (transformed) {  // dense → activation → LayerNorm, then the tied decoder
    float* transformedRows = take(kBranch, rows * E);
    linear(source, rows, w.headTransform.weight, w.headTransform.biasData(), transformedRows, workspace_);
    activate(transformedRows, rows * E, c.activation, kernels_);
    layerNorm(transformedRows, rows, E, w.headNorm.gamma.data(), w.headNorm.beta.data(), c.normEps, kernels_);
    source = transformedRows;
  }
  const float* bias = w.headBias.empty() ? nullptr : w.headBias.data();
  const bool untied = w.lmHead.outDim() > 0 && !c.tieWordEmbeddings;
  linear(source, rows, untied ? w.lmHead : w.words, bias, out.data(), workspace_);
}

Status Transformer::run(const ModelInputs& in, ModelOutputs& out) {
  if (!loaded_) return Status::error("run: the model is not loaded; expected finishLoading() first");
  JUMOK_RETURN_IF_ERROR(checkInputs(in));
  const ModelConfig& c = config_;
  const std::size_t B = size(in.batch), L = size(in.length), T = size(in.decoderLength), E = size(c.hiddenSize);
  // Real tokens per row: masks are right padding, so a length says which keys are real.
  auto lengthsOf = [&](Span<const std::int32_t> mask, std::size_t length, std::int32_t* lengths) {
    for (std::size_t b = 0; b < B; ++b) {
      std::int32_t real = 0;
      for (std::size_t t = 0; t < length; ++t) real += mask.empty() ? 1 : mask[b * length + t];
      lengths[b] = real;
    }
  };
  std::vector<std::int32_t> sourceLengths(B), targetLengths(B);
  lengthsOf(in.attentionMask, L, sourceLengths.data());

  out.attentions.resize(size(c.stack.layers) * B * size(c.stack.heads) * L * L);
  const bool seq2seq = c.encoderDecoder();
  float* encoded = take(kHidden, B * L * E);
  out.trace = {};
  encode(in, sourceLengths.data(), out, encoded);
  if (!seq2seq) {
    out.lastHiddenState.assign(encoded, encoded + B * L * E);
    out.encoderLastHiddenState.clear();
    out.decoderAttentions.clear();
    out.crossAttentions.clear();
  } else {
    lengthsOf(in.decoderAttentionMask, T, targetLengths.data());
    const std::size_t H = size(c.decoder.heads), layers = size(c.decoder.layers);
    out.decoderAttentions.resize(layers * B * H * T * T);
    out.crossAttentions.resize(layers * B * H * T * L);
    out.encoderLastHiddenState.assign(encoded, encoded + B * L * E);
    float* decoded = take(kDecoderHidden, B * T * E);
    decode(in, sourceLengths.data(), targetLengths.data(), out.encoderLastHiddenState.data(), out, decoded);
    out.lastHiddenState.assign(decoded, decoded + B * T * E);
  }
  if (in.logitsAt == LogitsAt::kNone || !hasHead()) {
    out.logits.clear();
  } else {
    logits(in, seq2seq ? targetLengths.data() : sourceLengths.data(), out.lastHiddenState.data(), seq2seq ? T : L,
           out.logits);
  }
  return checkFiniteOutputs(out);
}

// Finite weights can still overflow float32 on the way (activations past 3.4e38): refused rather than drawn.
Status Transformer::checkFiniteOutputs(const ModelOutputs& out) const {
  float largest = 0;
  for (const auto& [name, values] : {std::pair<const char*, const std::vector<float>*>{"lastHiddenState", &out.lastHiddenState},
                                     {"encoderLastHiddenState", &out.encoderLastHiddenState}, {"attentions", &out.attentions},
                                     {"logits", &out.logits}}) {
    const Status status = checkFinite(name, {values->data(), values->size()}, &largest);
    if (!status.isOk()) {
      return Status::error(concat("the activations overflowed float32 (", status.message(),
                                  "); expected weights and inputs whose activations stay finite"));
    }
  }
  return Status::ok();
}

namespace {

// A [B,length] array of ids or flags: its size, then each value.
Status checkRows(const char* name, Span<const std::int32_t> values, std::size_t batch, std::size_t length) {
  if (values.size != batch * length) {
    return Status::error(concat(name, " has ", values.size, " values, expected ", batch, " rows of ", length,
                                " (the shape of the ids)"));
  }
  return Status::ok();
}

Status checkIds(const char* name, Span<const std::int32_t> ids, std::size_t length, std::int64_t limit,
                const char* what) {
  for (std::size_t i = 0; i < ids.size; ++i) {
    if (ids[i] < 0 || ids[i] >= limit) {
      return Status::error(concat(name, "[", i / length, "][", i % length, "] = ", ids[i], " is not ", what,
                                  "; expected 0 to ", limit - 1));
    }
  }
  return Status::ok();
}

// 1s then 0s in each row (right padding), at least one 1.
Status checkMask(const char* name, Span<const std::int32_t> mask, std::size_t batch, std::size_t length) {
  if (mask.empty()) return Status::ok();
  for (std::size_t b = 0; b < batch; ++b) {
    bool padding = false;
    for (std::size_t t = 0; t < length; ++t) {
      const std::int32_t value = mask[b * length + t];
      if (value != 0 && value != 1) {
        return Status::error(concat(name, "[", b, "][", t, "] = ", value, "; expected 1 (real) or 0 (padding)"));
      }
      if (value == 1 && padding) {
        return Status::error(concat(name, "[", b, "] has a 1 after a 0 at position ", t,
                                    "; expected right padding: the real tokens first, then 0s"));
      }
      padding = value == 0;
    }
    if (mask[b * length] == 0) {
      return Status::error(concat(name, "[", b, "] is all padding; expected at least one real token (a 1) per row"));
    }
  }
  return Status::ok();
}

Status checkLength(const char* name, std::size_t length, std::int64_t limit) {
  if (static_cast<std::int64_t>(length) <= limit) return Status::ok();
  return Status::error(concat(name, " rows have ", length, " tokens, more than the ", limit,
                              " positions this model has (max_position_embeddings); expected at most ", limit));
}

}  // namespace

Status Transformer::checkInputs(const ModelInputs& in) const {
  const ModelConfig& c = config_;
  const std::size_t B = size(in.batch), L = size(in.length), T = size(in.decoderLength);
  const char* type = kArchitectureNames[static_cast<int>(c.architecture)];
  JUMOK_RETURN_IF_ERROR(checkRows("inputIds", in.inputIds, B, L));
  JUMOK_RETURN_IF_ERROR(checkIds("inputIds", in.inputIds, L, c.vocabSize, "a token id of this model"));
  JUMOK_RETURN_IF_ERROR(checkLength("inputIds", L, c.maxLength()));
  if (!in.attentionMask.empty()) JUMOK_RETURN_IF_ERROR(checkRows("attentionMask", in.attentionMask, B, L));
  JUMOK_RETURN_IF_ERROR(checkMask("attentionMask", in.attentionMask, B, L));
  if (!in.tokenTypeIds.empty()) {
    if (c.architecture != Architecture::kBert && c.architecture != Architecture::kRoberta) {
      return Status::error(concat("tokenTypeIds are for bert and roberta models, and this is a ", type,
                                  " model; expected no tokenTypeIds"));
    }
    JUMOK_RETURN_IF_ERROR(checkRows("tokenTypeIds", in.tokenTypeIds, B, L));
    JUMOK_RETURN_IF_ERROR(checkIds("tokenTypeIds", in.tokenTypeIds, L, c.typeVocabSize, "a token type of this model"));
  }
  const bool decoderGiven = !in.decoderInputIds.empty();
  if (c.encoderDecoder() && !decoderGiven) {
    return Status::error(concat("a ", type, " model translates: expected decoderInputIds, the target so far, ",
                                "starting with decoder_start_token_id ", c.decoderStartTokenId));
  }
  if (!c.encoderDecoder() && (decoderGiven || !in.decoderAttentionMask.empty())) {
    return Status::error(concat("decoderInputIds are for encoder-decoder (marian) models, and this is a ", type,
                                " model; expected inputIds only"));
  }
  if (decoderGiven) {
    JUMOK_RETURN_IF_ERROR(checkRows("decoderInputIds", in.decoderInputIds, B, T));
    JUMOK_RETURN_IF_ERROR(checkIds("decoderInputIds", in.decoderInputIds, T, c.vocabSize, "a token id of this model"));
    JUMOK_RETURN_IF_ERROR(checkLength("decoderInputIds", T, c.maxPositions));
    if (!in.decoderAttentionMask.empty())
      JUMOK_RETURN_IF_ERROR(checkRows("decoderAttentionMask", in.decoderAttentionMask, B, T));
    JUMOK_RETURN_IF_ERROR(checkMask("decoderAttentionMask", in.decoderAttentionMask, B, T));
  }
  if (in.trace != TraceKind::kNone) {
    const bool decoderStack = in.trace != TraceKind::kSelf;
    const std::int64_t layers = decoderStack ? c.decoder.layers : c.stack.layers;
    if (decoderStack && !c.encoderDecoder()) {
      return Status::error(concat("trace.attention 'decoder' and 'cross' are a marian model's, and this is a ", type,
                                  " model; expected 'self'"));
    }
    if (in.traceLayer < 0 || in.traceLayer >= layers) {
      return Status::error(concat("trace.layer = ", in.traceLayer, " is not a layer of this model; expected 0 to ",
                                  layers - 1));
    }
  }
  if (in.logitsAt == LogitsAt::kChosen) {
    const std::size_t length = c.encoderDecoder() ? T : L;
    if (in.logitPositions.size != B) {
      return Status::error(concat("logitsAt has ", in.logitPositions.size, " positions, expected one per row (", B, ")"));
    }
    for (std::size_t b = 0; b < B; ++b) {
      if (in.logitPositions[b] < 0 || static_cast<std::size_t>(in.logitPositions[b]) >= length) {
        return Status::error(concat("logitsAt[", b, "] = ", in.logitPositions[b], " is not a position; expected 0 to ",
                                    length - 1));
      }
    }
  }
  return Status::ok();
}

std::uint64_t Transformer::runFloats(const ModelInputs& in) const {
  const ModelConfig& c = config_;
  const std::uint64_t B = size(in.batch), L = size(in.length), T = size(in.decoderLength), E = size(c.hiddenSize);
  const std::uint64_t V = size(c.vocabSize);
  const std::uint64_t queries = c.encoderDecoder() ? T : L;
  const std::uint64_t widest =
      std::max<std::uint64_t>({size(c.stack.heads * c.stack.headDim), size(c.decoder.heads * c.decoder.headDim), E});
  const std::uint64_t ffn = std::max<std::uint64_t>(size(c.stack.ffnDim), size(c.decoder.ffnDim));
  std::uint64_t floats = countOf(size(c.stack.layers), B * size(c.stack.heads), L * L);
  floats += countOf(size(c.decoder.layers), B * size(c.decoder.heads), T * T + T * L);
  floats += 6 * B * (L + T) * E;                          // hidden states, results and branches
  floats += 2 * B * std::max(L, T) * ffn;                 // the feed-forward's inner rows (and Llama's gate)
  floats += 8 * B * std::max(L, T) * widest;              // projections and heads in the attention
  floats += countOf(in.logitsAt == LogitsAt::kAll ? B * queries : B, V);
  if (in.trace != TraceKind::kNone) floats += 3 * B * queries * std::max(L, T) * 2 + 6 * B * std::max(L, T) * widest;
  return floats;
}

}  // namespace jumok::transformer
