// A checkpoint's config.json, read as transformers' configuration classes read
// it: the sizes and conventions of one of the supported architectures, with
// the classes' own defaults for fields a config leaves out. The JSON itself is
// parsed by the caller (JavaScript's JSON.parse in the package, nlohmann in the
// tests); this file takes its top-level fields.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "jumok/ops.hpp"
#include "jumok/status.hpp"

namespace jumok::transformer {

// One top-level field of config.json. Arrays and objects arrive as kOther: no
// field the maths needs is one.
struct ConfigValue {
  enum class Kind { kNumber, kString, kBool, kNull, kOther };
  Kind kind = Kind::kNull;
  double number = 0;
  std::string text;
  bool flag = false;

  static ConfigValue ofNumber(double value) { return {Kind::kNumber, value, {}, false}; }
  static ConfigValue ofString(std::string value) { return {Kind::kString, 0, std::move(value), false}; }
  static ConfigValue ofBool(bool value) { return {Kind::kBool, 0, {}, value}; }
  static ConfigValue ofNull() { return {}; }
  static ConfigValue ofOther() { return {Kind::kOther, 0, {}, false}; }
};

using ConfigFields = std::map<std::string, ConfigValue>;

enum class Architecture { kBert, kRoberta, kGpt2, kLlama, kMarian };

// The model_type names, in Architecture order, for messages and the bindings.
inline constexpr const char* kArchitectureNames[] = {"bert", "roberta", "gpt2", "llama", "marian"};

// One stack of blocks (an encoder or a decoder).
struct StackConfig {
  std::int64_t layers = 0;
  std::int64_t heads = 0;
  std::int64_t kvHeads = 0;   // < heads: grouped-query attention (Llama)
  std::int64_t headDim = 0;
  std::int64_t ffnDim = 0;
};

struct ModelConfig {
  Architecture architecture = Architecture::kBert;
  std::int64_t vocabSize = 0;
  std::int64_t hiddenSize = 0;     // E
  std::int64_t maxPositions = 0;   // positions a sequence may use
  std::int64_t typeVocabSize = 0;  // BERT/RoBERTa token types
  std::int64_t padTokenId = -1;    // -1: none
  std::int64_t eosTokenId = -1;
  std::int64_t bosTokenId = -1;
  std::int64_t decoderStartTokenId = -1;  // Marian
  StackConfig stack;    // the model's only stack, or Marian's encoder
  StackConfig decoder;  // Marian's decoder
  Activation activation = Activation::GeluErf;
  float normEps = 1e-12f;
  double ropeTheta = 10000;       // Llama
  bool scaleEmbedding = false;    // Marian: embeddings ·√E
  bool tieWordEmbeddings = true;  // the LM head is the word embeddings
  bool attentionBias = true;      // Llama's attention_bias (false), everyone else's biases
  bool mlpBias = true;            // Llama's mlp_bias (false)

  bool encoderDecoder() const { return architecture == Architecture::kMarian; }
  bool causal() const { return architecture == Architecture::kGpt2 || architecture == Architecture::kLlama; }
  bool preNorm() const { return causal(); }
  // The longest sequence the positions allow (RoBERTa's start after the padding id).
  std::int64_t maxLength() const {
    return architecture == Architecture::kRoberta ? maxPositions - padTokenId - 1 : maxPositions;
  }
};

Status parseConfig(const ConfigFields& fields, ModelConfig& config);

}  // namespace jumok::transformer
