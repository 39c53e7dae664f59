// Internal to the transformer: a loaded model's weights, and the list of
// checkpoint tensors that fill them (one Spec each, with Hugging Face's name,
// the shape config.json implies and where the values go).
#pragma once
#include <cstdint>
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "jumok/linear.hpp"
#include "transformer/config.hpp"
#include "transformer/model.hpp"

namespace jumok::transformer {

struct Linear {
  PackedMatrix weight;
  std::vector<float> bias;  // empty: none
  const float* biasData() const { return bias.empty() ? nullptr : bias.data(); }
};

// LayerNorm (gamma and beta) or, without beta, RMSNorm.
struct Norm {
  std::vector<float> gamma, beta;
};

struct AttentionWeights {
  Linear query, key, value, output;
};

struct Layer {
  AttentionWeights selfAttention;
  Norm selfNorm;            // post-LN: after the attention; pre-norm models: before it
  AttentionWeights crossAttention;  // Marian's decoder
  Norm crossNorm;
  Linear up, gate, down;    // gate: Llama's SwiGLU only
  Norm feedForwardNorm;
};

struct Stack {
  std::vector<Layer> layers;
  Norm finalNorm;  // GPT-2's ln_f, Llama's norm
};

struct Weights {
  PackedMatrix words;             // [V,E]: the embedding table, and the LM head's matrix when tied
  std::vector<float> positions;   // [P,E], learned positions (BERT, RoBERTa, GPT-2)
  std::vector<float> tokenTypes;  // [types,E]
  Norm embeddingNorm;             // BERT, RoBERTa
  Stack stack;                    // the only stack, or Marian's encoder
  Stack decoder;                  // Marian
  // The LM head: a transform (BERT/RoBERTa), then the word embeddings or lmHead, then a bias.
  Linear headTransform;
  Norm headNorm;
  std::vector<float> headBias;  // [V]
  PackedMatrix lmHead;          // a separate (untied) head: Llama's lm_head.weight
};

// Which tensors must be present.
enum class Need {
  kRequired,
  kHead,    // the MLM head: all of its tensors or none
  kLmHead,  // an untied lm_head.weight: without it, no logits
};

struct TensorSpec {
  std::vector<std::string> names;  // the name, then tied copies that may stand in for it (skipped once it is loaded)
  std::vector<std::int64_t> shape;
  Need need = Need::kRequired;
  std::function<void(const float*)> store;  // lays out the float32 values
  // For the large tensors: lays out rows [first, first + count) of the first dimension, parts arriving in order
  // (first = 0 starts the tensor), so a load can pass a tensor a part at a time. Empty: whole tensors only.
  std::function<void(const float* rows, std::size_t first, std::size_t count)> storeRows;
  bool loaded = false;
  std::string loadedFrom;  // the checkpoint name it was loaded from

  std::uint64_t count() const {
    std::uint64_t total = 1;
    for (std::int64_t d : shape) total *= static_cast<std::uint64_t>(d);
    return total;
  }
};

std::vector<TensorSpec> tensorSpecs(const ModelConfig& config, Weights& weights, KernelFamily kernels);

// The prefix of the base model's names ("bert.", "transformer.", …), which a checkpoint may or may not carry.
const char* basePrefix(Architecture architecture);

}  // namespace jumok::transformer
