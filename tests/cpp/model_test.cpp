// Every reference checkpoint in shared/golden/models through both kernel families: attentions, hidden states
// and logits against PyTorch's float64 forward pass, within the tolerances of that folder's README.
#include <cstring>

#include "checkpoint.hpp"
#include "helpers.hpp"

namespace jumok::test {
namespace {

using transformer::LogitsAt;
using transformer::ModelInputs;
using transformer::ModelOutputs;

const std::string kModels = std::string(JUMOK_GOLDEN_DIR) + "/models/";

struct ModelCase {
  std::string name;
  KernelFamily kernels;
};

std::string caseName(const testing::TestParamInfo<ModelCase>& info) {
  std::string name = info.param.name;
  for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name + (info.param.kernels == KernelFamily::Simd ? "_Simd" : "_Scalar");
}

std::vector<ModelCase> modelCases() {
  std::vector<ModelCase> cases;
  for (const char* name : {"bert-mlm", "bert-base-noprefix", "roberta", "gpt2-hub", "gpt2-prefixed-f16", "llama-gqa",
                           "llama-bf16", "llama-sharded", "marian", "stories260k"})
    for (KernelFamily family : allKernels()) cases.push_back({name, family});
  return cases;
}

// Flattens nested JSON arrays of numbers.
void flatten(const nlohmann::json& value, std::vector<float>& out) {
  if (value.is_array()) {
    for (const auto& item : value) flatten(item, out);
  } else {
    out.push_back(value.get<float>());
  }
}

std::vector<float> flat(const nlohmann::json& value) {
  std::vector<float> out;
  flatten(value, out);
  return out;
}

std::vector<std::int32_t> flatInts(const nlohmann::json& rows) {
  std::vector<std::int32_t> out;
  for (const auto& row : rows)
    for (const auto& v : row) out.push_back(v.get<std::int32_t>());
  return out;
}

// |got − want| ≤ tolerance, exact zeros where want is masked (0), rows of `rowLength` summing to 1.
void expectAttention(const std::vector<float>& got, const std::vector<float>& want, std::size_t rowLength,
                     double tolerance, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (want[i] == 0.f) {
      ASSERT_EQ(got[i], 0.f) << what << "[" << i << "] is masked";
    }
    ASSERT_NEAR(got[i], want[i], tolerance) << what << "[" << i << "]";
  }
  for (std::size_t row = 0; row < got.size() / rowLength; ++row) {
    double sum = 0;
    for (std::size_t j = 0; j < rowLength; ++j) sum += got[row * rowLength + j];
    ASSERT_NEAR(sum, 1.0, 1e-6) << what << " row " << row;
  }
}

// max |got − want| ≤ tolerance · max |want|.
void expectRelative(const std::vector<float>& got, const std::vector<float>& want, double tolerance,
                    const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  double scale = 0;
  for (float w : want) scale = std::max(scale, static_cast<double>(std::fabs(w)));
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_NEAR(got[i], want[i], tolerance * scale) << what << "[" << i << "]";
}

class ModelGolden : public testing::TestWithParam<ModelCase> {};

TEST_P(ModelGolden, MatchesPyTorch) {
  const std::string folder = kModels + GetParam().name;
  const auto expected = nlohmann::json::parse(readFile(folder + "/expected.json"));
  const double attentionTolerance = GetParam().name == "stories260k" ? 1e-4 : 2e-5;
  const double relativeTolerance = attentionTolerance;
  auto model = loadCheckpoint(folder, GetParam().kernels);

  const auto& inputs = expected["inputs"];
  const auto ids = flatInts(inputs["input_ids"]), mask = flatInts(inputs["attention_mask"]);
  const auto types = inputs.contains("token_type_ids") ? flatInts(inputs["token_type_ids"]) : std::vector<std::int32_t>{};
  const auto decoderIds = inputs.contains("decoder_input_ids") ? flatInts(inputs["decoder_input_ids"]) : std::vector<std::int32_t>{};
  const auto decoderMask = inputs.contains("decoder_attention_mask") ? flatInts(inputs["decoder_attention_mask"]) : std::vector<std::int32_t>{};
  const auto positions = expected.contains("logits_positions") ? expected["logits_positions"].get<std::vector<std::int32_t>>() : std::vector<std::int32_t>{};
  ModelInputs in;
  in.batch = static_cast<std::int64_t>(inputs["input_ids"].size());
  in.length = static_cast<std::int64_t>(inputs["input_ids"][0].size());
  in.decoderLength = decoderIds.empty() ? 0 : static_cast<std::int64_t>(inputs["decoder_input_ids"][0].size());
  in.inputIds = span(ids);
  in.attentionMask = span(mask);
  in.tokenTypeIds = span(types);
  in.decoderInputIds = span(decoderIds);
  in.decoderAttentionMask = span(decoderMask);
  in.logitsAt = expected.contains("logits") ? LogitsAt::kChosen : LogitsAt::kNone;
  in.logitPositions = span(positions);
  ModelOutputs out;

  const Status status = model->run(in, out);

  ASSERT_TRUE(status.isOk()) << status.message();
  const std::size_t L = static_cast<std::size_t>(in.length), T = static_cast<std::size_t>(in.decoderLength);
  expectAttention(out.attentions, flat(expected["attentions"]), L, attentionTolerance, "attentions");
  if (!decoderIds.empty()) {
    expectAttention(out.decoderAttentions, flat(expected["decoder_attentions"]), T, attentionTolerance, "decoder");
    expectAttention(out.crossAttentions, flat(expected["cross_attentions"]), L, attentionTolerance, "cross");
    expectRelative(out.encoderLastHiddenState, flat(expected["encoder_last_hidden_state"]), relativeTolerance,
                   "encoderLastHiddenState");
  }
  expectRelative(out.lastHiddenState, flat(expected["last_hidden_state"]), relativeTolerance, "lastHiddenState");
  if (expected.contains("logits")) expectRelative(out.logits, flat(expected["logits"]), relativeTolerance, "logits");
}

INSTANTIATE_TEST_SUITE_P(Checkpoints, ModelGolden, testing::ValuesIn(modelCases()), caseName);

// stories260k, a real pretrained Llama: greedy decoding from <s> gives llama2.c's own text, id for id.
TEST(Stories260k, GreedyGenerationMatchesLlama2c) {
  for (KernelFamily kernels : allKernels()) {
    const std::string folder = kModels + "stories260k";
    const auto expected = nlohmann::json::parse(readFile(folder + "/expected.json"))["generation"];
    auto model = loadCheckpoint(folder, kernels);
    std::vector<std::int32_t> ids = expected["start_ids"].get<std::vector<std::int32_t>>();
    const auto want = expected["greedy_ids"].get<std::vector<std::int32_t>>();
    ModelOutputs out;
    while (ids.size() < want.size()) {
      ModelInputs in;
      in.batch = 1;
      in.length = static_cast<std::int64_t>(ids.size());
      in.inputIds = span(ids);
      in.logitsAt = LogitsAt::kLast;
      ASSERT_TRUE(model->run(in, out).isOk());
      ids.push_back(static_cast<std::int32_t>(std::max_element(out.logits.begin(), out.logits.end()) - out.logits.begin()));
    }
    EXPECT_EQ(ids, want);
  }
}

}  // namespace
}  // namespace jumok::test
