// libFuzzer target for checkpoint loading and running (cpp/transformer): a config.json's fields, then a
// sequence of tensors, then a run, all taken from the fuzzer's bytes (scripts/fuzz.sh builds and runs it).
//
// The config is one of the five architectures at tiny sizes, with fields sometimes missing, of the wrong
// kind or out of range. Tensors come mostly from the names and shapes the config asks for (with or without
// the base prefix, in F32, F16 or BF16, sometimes with a shape, dtype or byte count off), plus names it does
// not ask for; each is fed with random bytes. Checked for every input:
//   - every refusal is an error Status with a message, never a crash, a leak or undefined behaviour;
//   - a model whose finishLoading() succeeded runs on ids and masks from the bytes; a run either is refused
//     with a message (activations that overflow float32 included) or gives attention rows that sum to 1.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "transformer/model.hpp"

using namespace jumok;
using namespace jumok::transformer;

namespace {


// A size field: usually small and sensible, sometimes missing, zero, a fraction or a string.
void sizeField(FuzzedDataProvider& data, ConfigFields& fields, const char* name, int low, int high) {
  switch (data.ConsumeIntegralInRange(0, 15)) {
    case 0: return;  // missing: the default (often far too large: refused as too big, or a shape mismatch)
    case 1: fields[name] = ConfigValue::ofNumber(0); return;
    case 2: fields[name] = ConfigValue::ofNumber(2.5); return;
    case 3: fields[name] = ConfigValue::ofString("8"); return;
    default: fields[name] = ConfigValue::ofNumber(data.ConsumeIntegralInRange(low, high));
  }
}

ConfigFields makeConfig(FuzzedDataProvider& data) {
  ConfigFields fields;
  const char* types[] = {"bert", "roberta", "gpt2", "llama", "marian", "t5"};
  const std::string type = types[data.ConsumeIntegralInRange(0, 5)];
  fields["model_type"] = ConfigValue::ofString(type);
  const bool gpt2 = type == "gpt2", marian = type == "marian";
  sizeField(data, fields, "vocab_size", 1, 12);
  sizeField(data, fields, gpt2 ? "n_embd" : marian ? "d_model" : "hidden_size", 1, 12);
  sizeField(data, fields, gpt2 ? "n_layer" : marian ? "encoder_layers" : "num_hidden_layers", 1, 2);
  sizeField(data, fields, gpt2 ? "n_head" : marian ? "encoder_attention_heads" : "num_attention_heads", 1, 4);
  sizeField(data, fields, gpt2 ? "n_inner" : marian ? "encoder_ffn_dim" : "intermediate_size", 1, 9);
  sizeField(data, fields, gpt2 ? "n_positions" : "max_position_embeddings", 1, 9);
  if (marian) {
    sizeField(data, fields, "decoder_layers", 1, 2);
    sizeField(data, fields, "decoder_attention_heads", 1, 4);
    sizeField(data, fields, "decoder_ffn_dim", 1, 9);
    fields["pad_token_id"] = ConfigValue::ofNumber(data.ConsumeIntegralInRange(0, 3));
    fields["decoder_start_token_id"] = ConfigValue::ofNumber(data.ConsumeIntegralInRange(0, 3));
  }
  if (type == "llama") {
    sizeField(data, fields, "num_key_value_heads", 1, 4);
    if (data.ConsumeBool()) fields["head_dim"] = ConfigValue::ofNumber(data.ConsumeIntegralInRange(1, 6));
    if (data.ConsumeBool()) fields["tie_word_embeddings"] = ConfigValue::ofBool(data.ConsumeBool());
    if (data.ConsumeBool()) fields["rope_scaling"] = ConfigValue::ofOther();
  }
  if (type == "bert" || type == "roberta") {
    sizeField(data, fields, "type_vocab_size", 1, 3);
    if (type == "roberta") fields["pad_token_id"] = ConfigValue::ofNumber(data.ConsumeIntegralInRange(0, 2));
  }
  const char* activations[] = {"gelu", "gelu_new", "silu", "relu", "swish", "mish"};
  if (data.ConsumeBool())
    fields[gpt2 || marian ? "activation_function" : "hidden_act"] = ConfigValue::ofString(activations[data.ConsumeIntegralInRange(0, 5)]);
  return fields;
}

std::uint64_t countOf(const std::vector<std::int64_t>& shape) {
  std::uint64_t count = 1;
  for (std::int64_t d : shape) count *= static_cast<std::uint64_t>(d);
  return count;
}

// Feeds tensors until the bytes run out or one is refused; true when every one was accepted.
bool feedTensors(FuzzedDataProvider& data, Transformer& model) {
  const auto expected = model.expectedTensors();
  const char* dtypes[] = {"F32", "F16", "BF16", "I64", "BOOL"};
  const std::size_t count = expected.size() + data.ConsumeIntegralInRange<std::size_t>(0, 3);
  for (std::size_t i = 0; i < count && data.remaining_bytes() > 0; ++i) {
    const bool known = i < expected.size() && data.ConsumeIntegralInRange(0, 31) != 0;
    std::string name = known ? expected[i].first : "pooler.dense.weight";
    std::vector<std::int64_t> shape = known ? expected[i].second : std::vector<std::int64_t>{2, 3};
    if (data.ConsumeIntegralInRange(0, 3) == 0) name = std::string("model.") + name;
    if (data.ConsumeIntegralInRange(0, 63) == 0 && !shape.empty()) shape[0] += 1;
    const std::string dtype = dtypes[data.ConsumeIntegralInRange(0, 63) == 0 ? 3 + data.ConsumeBool() : data.ConsumeIntegralInRange(0, 2)];
    const std::uint64_t size = dtype == "F32" ? 4 : dtype == "I64" ? 8 : dtype == "BOOL" ? 1 : 2;
    std::uint64_t bytes = countOf(shape) * size + (data.ConsumeIntegralInRange(0, 63) == 0 ? 2 : 0);
    bool wanted = false;
    const Status begun = model.beginTensor(name, dtype, shape, bytes, wanted);
    if (!begun.isOk()) {
      FUZZ_CHECK(!begun.message().empty(), "an error without a message");
      return false;
    }
    if (!wanted) continue;
    std::vector<unsigned char> raw = data.ConsumeBytes<unsigned char>(bytes);
    raw.resize(bytes + 4);  // aligned, and room past the end so a short input reads zeros
    std::vector<float> aligned((bytes + 3) / 4 + 1);
    std::memcpy(aligned.data(), raw.data(), bytes);
    const Status stored = model.storeTensor(aligned.data());  // refused only for NaN or an infinity in the bytes
    if (!stored.isOk()) {
      FUZZ_CHECK(stored.message().find("expected a finite number") != std::string::npos, "%s", stored.message().c_str());
      return false;
    }
  }
  return true;
}

void checkRows(const std::vector<float>& weights, std::size_t rowLength) {
  for (std::size_t row = 0; rowLength > 0 && row < weights.size() / rowLength; ++row) {
    double sum = 0;
    for (std::size_t j = 0; j < rowLength; ++j) {
      const float w = weights[row * rowLength + j];
      FUZZ_CHECK(w >= 0.f && w <= 1.f, "a weight %g outside [0,1]", w);
      sum += w;
    }
    FUZZ_CHECK(std::fabs(sum - 1) < 1e-4, "row %zu sums to %g", row, sum);
  }
}

void runOnce(FuzzedDataProvider& data, Transformer& model) {
  const ModelConfig& c = model.config();
  ModelInputs in;
  in.batch = data.ConsumeIntegralInRange(1, 2);
  in.length = data.ConsumeIntegralInRange(1, 10);
  std::vector<std::int32_t> ids(in.batch * in.length), mask(ids.size()), decoderIds, positions(in.batch);
  for (auto& id : ids) id = data.ConsumeIntegralInRange<std::int32_t>(-1, static_cast<std::int32_t>(c.vocabSize));
  for (std::size_t b = 0; b < static_cast<std::size_t>(in.batch); ++b) {
    const std::int64_t real = data.ConsumeIntegralInRange<std::int64_t>(0, in.length);
    for (std::int64_t t = 0; t < in.length; ++t) mask[b * in.length + t] = t < real || data.ConsumeIntegralInRange(0, 15) == 0;
  }
  in.inputIds = {ids.data(), ids.size()};
  if (data.ConsumeBool()) in.attentionMask = {mask.data(), mask.size()};
  if (c.encoderDecoder()) {
    in.decoderLength = data.ConsumeIntegralInRange(1, 5);
    decoderIds.resize(in.batch * in.decoderLength);
    for (auto& id : decoderIds) id = data.ConsumeIntegralInRange<std::int32_t>(0, static_cast<std::int32_t>(c.vocabSize) - 1);
    in.decoderInputIds = {decoderIds.data(), decoderIds.size()};
  }
  in.logitsAt = static_cast<LogitsAt>(data.ConsumeIntegralInRange(0, 3));
  for (auto& p : positions) p = data.ConsumeIntegralInRange<std::int32_t>(-1, static_cast<std::int32_t>(in.length));
  in.logitPositions = {positions.data(), positions.size()};
  ModelOutputs out;
  const Status status = model.run(in, out);
  if (!status.isOk()) {
    FUZZ_CHECK(!status.message().empty(), "an error without a message");
    return;
  }
  checkRows(out.attentions, static_cast<std::size_t>(in.length));
  checkRows(out.crossAttentions, static_cast<std::size_t>(in.length));
  checkRows(out.decoderAttentions, static_cast<std::size_t>(in.decoderLength));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  FuzzedDataProvider data(bytes, size);
  ModelConfig config;
  const Status parsed = parseConfig(makeConfig(data), config);
  if (!parsed.isOk()) {
    FUZZ_CHECK(!parsed.message().empty(), "an error without a message");
    return 0;
  }
  // The bindings refuse models too large for wasm memory before creating them; so does this target.
  Transformer probe(config, data.ConsumeBool() ? KernelFamily::Simd : KernelFamily::Scalar);
  if (probe.expectedFloats() > (1u << 20)) return 0;
  if (!feedTensors(data, probe)) return 0;
  const Status finished = probe.finishLoading();
  if (!finished.isOk()) {
    FUZZ_CHECK(!finished.message().empty(), "an error without a message");
    return 0;
  }
  for (int runs = 0; runs < 2 && data.remaining_bytes() > 0; ++runs) runOnce(data, probe);
  return 0;
}
