#include "transformer/config.hpp"

#include <cmath>
#include <cstdint>
#include <iterator>

#include "jumok/text.hpp"

namespace jumok::transformer {
namespace {

constexpr std::int64_t kSizeLimit = INT32_MAX;

const char* kindName(ConfigValue::Kind kind) {
  switch (kind) {
    case ConfigValue::Kind::kNumber: return "a number";
    case ConfigValue::Kind::kString: return "a string";
    case ConfigValue::Kind::kBool: return "a boolean";
    case ConfigValue::Kind::kNull: return "null";
    case ConfigValue::Kind::kOther: return "an array or object";
  }
  return "";
}

// Reads fields with their defaults; the first wrong field is the error, later reads return the fallback.
class FieldReader {
 public:
  explicit FieldReader(const ConfigFields& fields) : fields_(fields) {}

  // A whole number in [minimum, 2^31); absent or null: `fallback`.
  std::int64_t integer(const char* name, std::int64_t fallback, std::int64_t minimum = 1) {
    const ConfigValue* value = find(name);
    if (!value) {
      defaulted_[name] = fallback;
      return fallback;
    }
    const double number = value->number;
    if (value->kind != ConfigValue::Kind::kNumber || std::floor(number) != number || number < minimum ||
        number >= kSizeLimit) {
      fail(name, concat("an integer from ", minimum, " to 2147483647"), *value);
      return fallback;
    }
    return static_cast<std::int64_t>(number);
  }

  double positive(const char* name, double fallback) {
    const ConfigValue* value = find(name);
    if (!value) return fallback;
    if (value->kind != ConfigValue::Kind::kNumber || !(value->number > 0) || std::isinf(value->number)) {
      fail(name, "a positive number", *value);
      return fallback;
    }
    return value->number;
  }

  bool flag(const char* name, bool fallback) {
    const ConfigValue* value = find(name);
    if (!value) return fallback;
    if (value->kind != ConfigValue::Kind::kBool) fail(name, "true or false", *value);
    return value->kind == ConfigValue::Kind::kBool ? value->flag : fallback;
  }

  std::string text(const char* name, const char* fallback) {
    const ConfigValue* value = find(name);
    if (!value) return fallback;
    if (value->kind != ConfigValue::Kind::kString) fail(name, "a string", *value);
    return value->kind == ConfigValue::Kind::kString ? value->text : fallback;
  }

  // A field whose only supported value is null or absent (a feature jumok does not implement).
  void unsupportedUnlessNull(const char* name, const char* what) {
    const ConfigValue* value = find(name);
    if (value) fail(concat(name, " is set (", what, "), which jumok does not support; expected null or no ", name));
  }

  // "hidden_size 768", saying so when the value is transformers' default for a field config.json lacks.
  std::string named(const char* name, std::int64_t value) const {
    const bool defaulted = defaulted_.count(name) > 0;
    return concat(name, " ", value, defaulted ? concat(" (transformers' default: config.json has no ", name, ")") : "");
  }

  void fail(const std::string& message) {
    if (status_.isOk()) status_ = Status::error(concat("config.json: ", message));
  }

  const Status& status() const { return status_; }

 private:
  const ConfigValue* find(const char* name) const {
    const auto it = fields_.find(name);
    return it == fields_.end() || it->second.kind == ConfigValue::Kind::kNull ? nullptr : &it->second;
  }

  void fail(const char* name, const std::string& expected, const ConfigValue& value) {
    Text got;
    if (value.kind == ConfigValue::Kind::kNumber) got << value.number;
    else if (value.kind == ConfigValue::Kind::kString) got << '"' << value.text << '"';
    else if (value.kind == ConfigValue::Kind::kBool) got << (value.flag ? "true" : "false");
    else got << kindName(value.kind);
    fail(concat(name, " must be ", expected, ", got ", got.str()));
  }

  const ConfigFields& fields_;
  std::map<std::string, std::int64_t> defaulted_;
  Status status_ = Status::ok();
};

// transformers' ACT2FN names jumok implements.
bool activationFrom(const std::string& name, Activation& activation) {
  if (name == "gelu") activation = Activation::GeluErf;
  else if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast") activation = Activation::GeluTanh;
  else if (name == "silu" || name == "swish") activation = Activation::Silu;
  else if (name == "relu") activation = Activation::Relu;
  else return false;
  return true;
}

void readActivation(FieldReader& r, const char* field, const char* fallback, ModelConfig& config) {
  const std::string name = r.text(field, fallback);
  if (!activationFrom(name, config.activation)) {
    r.fail(concat(field, " \"", name, "\" is not supported; expected \"gelu\", \"gelu_new\", \"gelu_pytorch_tanh\", ",
                  "\"gelu_fast\", \"silu\", \"swish\" or \"relu\""));
  }
}

// heads must divide hidden for the architectures whose head size is hidden / heads.
void splitHeads(FieldReader& r, const char* hiddenField, const char* headsField, std::int64_t hidden,
                StackConfig& stack) {
  if (stack.heads > 0 && hidden % stack.heads != 0) {
    r.fail(concat(r.named(hiddenField, hidden), " is not a multiple of ", r.named(headsField, stack.heads),
                  "; expected heads that divide the hidden size"));
    return;
  }
  stack.kvHeads = stack.heads;
  stack.headDim = stack.heads > 0 ? hidden / stack.heads : 0;
}

// BertConfig / RobertaConfig.
void readBert(FieldReader& r, bool roberta, ModelConfig& c) {
  c.vocabSize = r.integer("vocab_size", roberta ? 50265 : 30522);
  c.hiddenSize = r.integer("hidden_size", 768);
  c.stack.layers = r.integer("num_hidden_layers", 12);
  c.stack.heads = r.integer("num_attention_heads", 12);
  c.stack.ffnDim = r.integer("intermediate_size", 3072);
  c.maxPositions = r.integer("max_position_embeddings", 512);
  c.typeVocabSize = r.integer("type_vocab_size", 2);
  c.normEps = static_cast<float>(r.positive("layer_norm_eps", 1e-12));
  c.padTokenId = r.integer("pad_token_id", roberta ? 1 : 0, 0);
  readActivation(r, "hidden_act", "gelu", c);
  const std::string positions = r.text("position_embedding_type", "absolute");
  if (positions != "absolute") {
    r.fail(concat("position_embedding_type \"", positions, "\" is not supported; expected \"absolute\""));
  }
  splitHeads(r, "hidden_size", "num_attention_heads", c.hiddenSize, c.stack);
  if (roberta && c.maxPositions <= c.padTokenId + 1) {
    r.fail(concat("max_position_embeddings ", c.maxPositions, " leaves no position after pad_token_id ", c.padTokenId,
                  " (RoBERTa counts positions from pad_token_id + 1); expected more"));
  }
}

// GPT2Config.
void readGpt2(FieldReader& r, ModelConfig& c) {
  c.vocabSize = r.integer("vocab_size", 50257);
  c.hiddenSize = r.integer("n_embd", 768);
  c.stack.layers = r.integer("n_layer", 12);
  c.stack.heads = r.integer("n_head", 12);
  c.stack.ffnDim = r.integer("n_inner", 4 * c.hiddenSize);
  c.maxPositions = r.integer("n_positions", 1024);
  c.normEps = static_cast<float>(r.positive("layer_norm_epsilon", 1e-5));
  c.bosTokenId = r.integer("bos_token_id", 50256, 0);
  c.eosTokenId = r.integer("eos_token_id", 50256, 0);
  c.tieWordEmbeddings = r.flag("tie_word_embeddings", true);
  readActivation(r, "activation_function", "gelu_new", c);
  if (!r.flag("scale_attn_weights", true)) r.fail("scale_attn_weights false is not supported; expected true");
  if (r.flag("scale_attn_by_inverse_layer_idx", false)) {
    r.fail("scale_attn_by_inverse_layer_idx true is not supported; expected false");
  }
  splitHeads(r, "n_embd", "n_head", c.hiddenSize, c.stack);
}

// LlamaConfig.
void readLlama(FieldReader& r, ModelConfig& c) {
  c.vocabSize = r.integer("vocab_size", 32000);
  c.hiddenSize = r.integer("hidden_size", 4096);
  c.stack.layers = r.integer("num_hidden_layers", 32);
  c.stack.heads = r.integer("num_attention_heads", 32);
  c.stack.kvHeads = r.integer("num_key_value_heads", c.stack.heads);
  c.stack.ffnDim = r.integer("intermediate_size", 11008);
  c.maxPositions = r.integer("max_position_embeddings", 2048);
  c.normEps = static_cast<float>(r.positive("rms_norm_eps", 1e-6));
  c.ropeTheta = r.positive("rope_theta", 10000);
  c.bosTokenId = r.integer("bos_token_id", 1, 0);
  c.eosTokenId = r.integer("eos_token_id", 2, 0);
  c.tieWordEmbeddings = r.flag("tie_word_embeddings", false);
  c.attentionBias = r.flag("attention_bias", false);
  c.mlpBias = r.flag("mlp_bias", false);
  readActivation(r, "hidden_act", "silu", c);
  r.unsupportedUnlessNull("rope_scaling", "scaled RoPE");
  const std::int64_t defaultHeadDim = c.stack.heads > 0 ? c.hiddenSize / c.stack.heads : 0;
  c.stack.headDim = r.integer("head_dim", defaultHeadDim);
  if (c.stack.headDim % 2 != 0) r.fail(concat("the head size ", c.stack.headDim, " is odd; RoPE expects an even one"));
  if (c.stack.kvHeads > 0 && c.stack.heads % c.stack.kvHeads != 0) {
    r.fail(concat("num_attention_heads ", c.stack.heads, " is not a multiple of num_key_value_heads ", c.stack.kvHeads,
                  "; expected query heads in equal groups per key/value head"));
  }
}

// MarianConfig.
void readMarian(FieldReader& r, ModelConfig& c) {
  c.vocabSize = r.integer("vocab_size", 58101);
  c.hiddenSize = r.integer("d_model", 1024);
  c.stack.layers = r.integer("encoder_layers", 12);
  c.stack.heads = r.integer("encoder_attention_heads", 16);
  c.stack.ffnDim = r.integer("encoder_ffn_dim", 4096);
  c.decoder.layers = r.integer("decoder_layers", 12);
  c.decoder.heads = r.integer("decoder_attention_heads", 16);
  c.decoder.ffnDim = r.integer("decoder_ffn_dim", 4096);
  c.maxPositions = r.integer("max_position_embeddings", 1024);
  c.padTokenId = r.integer("pad_token_id", 58100, 0);
  c.eosTokenId = r.integer("eos_token_id", 0, 0);
  c.decoderStartTokenId = r.integer("decoder_start_token_id", 58100, 0);
  c.scaleEmbedding = r.flag("scale_embedding", false);
  c.normEps = 1e-5f;  // MarianEncoderLayer's nn.LayerNorm default; not a config field
  readActivation(r, "activation_function", "gelu", c);
  if (!r.flag("share_encoder_decoder_embeddings", true)) {
    r.fail("share_encoder_decoder_embeddings false (separate decoder embeddings) is not supported; expected true");
  }
  const std::int64_t decoderVocab = r.integer("decoder_vocab_size", c.vocabSize);
  if (decoderVocab != c.vocabSize) {
    r.fail(concat("decoder_vocab_size ", decoderVocab, " differs from vocab_size ", c.vocabSize,
                  "; expected one shared vocabulary"));
  }
  splitHeads(r, "d_model", "encoder_attention_heads", c.hiddenSize, c.stack);
  splitHeads(r, "d_model", "decoder_attention_heads", c.hiddenSize, c.decoder);
}

}  // namespace

Status parseConfig(const ConfigFields& fields, ModelConfig& config) {
  const auto type = fields.find("model_type");
  std::string modelType;
  if (type != fields.end() && type->second.kind == ConfigValue::Kind::kString) modelType = type->second.text;
  std::size_t index = 0;
  while (index < std::size(kArchitectureNames) && modelType != kArchitectureNames[index]) ++index;
  if (index == std::size(kArchitectureNames)) {
    const std::string got = type == fields.end() ? "no model_type" : concat("model_type \"", modelType, "\"");
    return Status::error(concat("config.json: ", got, " is not supported; expected one of bert, roberta, gpt2, ",
                                "llama, marian"));
  }
  ModelConfig c;
  c.architecture = static_cast<Architecture>(index);
  FieldReader reader(fields);
  switch (c.architecture) {
    case Architecture::kBert: readBert(reader, false, c); break;
    case Architecture::kRoberta: readBert(reader, true, c); break;
    case Architecture::kGpt2: readGpt2(reader, c); break;
    case Architecture::kLlama: readLlama(reader, c); break;
    case Architecture::kMarian: readMarian(reader, c); break;
  }
  JUMOK_RETURN_IF_ERROR(reader.status());
  config = c;
  return Status::ok();
}

}  // namespace jumok::transformer
