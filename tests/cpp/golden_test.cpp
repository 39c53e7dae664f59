// Every PyTorch reference case in shared/golden, through both kernel families.
#include "helpers.hpp"

namespace jumok::test {
namespace {

struct GoldenCase {
  std::string name;
  KernelFamily kernels;
};

std::vector<GoldenCase> goldenCases(const std::vector<std::string>& names) {
  std::vector<GoldenCase> cases;
  for (const auto& name : names)
    for (KernelFamily family : allKernels()) cases.push_back({name, family});
  return cases;
}

std::string caseName(const testing::TestParamInfo<GoldenCase>& info) {
  return info.param.name + (info.param.kernels == KernelFamily::Simd ? "_Simd" : "_Scalar");
}

class SdpaGolden : public testing::TestWithParam<GoldenCase> {};

TEST_P(SdpaGolden, MatchesPyTorch) {
  const auto golden = loadGolden(GetParam().name);
  const AttentionShape shape{golden["B"], golden["H"], golden["L"], golden["S"], golden["D"]};
  const auto queries = floats(golden["q"]), keys = floats(golden["k"]), values = floats(golden["v"]);
  const auto keyLengths = ints(golden["key_lengths"]);
  std::vector<float> output(shape.queryCount()), weights(shape.weightCount());
  Workspace workspace;

  const Status status = attention(shape, {span(queries), span(keys), span(values), span(keyLengths), golden["causal"]},
                                  {writable(output), writable(weights)}, workspace, GetParam().kernels);

  ASSERT_TRUE(status.isOk()) << status.message();
  expectClose(weights, floats(golden["weights"]), "weights");
  expectClose(output, floats(golden["output"]), "output");
}

INSTANTIATE_TEST_SUITE_P(Golden, SdpaGolden,
                         testing::ValuesIn(goldenCases({"sdpa_basic", "sdpa_causal", "sdpa_cross", "sdpa_padding"})),
                         caseName);

class MhaGolden : public testing::TestWithParam<GoldenCase> {};

TEST_P(MhaGolden, MatchesPyTorch) {
  const auto golden = loadGolden(GetParam().name);
  const MultiHeadShape shape{golden["B"], golden["L"], golden["S"], golden["E"], golden["H"]};
  const auto query = floats(golden["query"]), memory = floats(golden["memory"]);
  const auto inProjWeight = floats(golden["in_proj_weight"]), inProjBias = floats(golden["in_proj_bias"]);
  const auto outProjWeight = floats(golden["out_proj_weight"]), outProjBias = floats(golden["out_proj_bias"]);
  const auto keyLengths = ints(golden["key_lengths"]);
  std::vector<float> output(shape.queryCount()), weights(shape.perHead().weightCount());
  Workspace workspace;

  const Status status = multiHeadAttention(
      shape,
      {span(query), span(memory), span(inProjWeight), span(inProjBias), span(outProjWeight), span(outProjBias),
       span(keyLengths), golden["causal"]},
      {writable(output), writable(weights)}, workspace, GetParam().kernels);

  ASSERT_TRUE(status.isOk()) << status.message();
  expectClose(weights, floats(golden["weights"]), "weights");
  expectClose(output, floats(golden["output"]), "output");
}

INSTANTIATE_TEST_SUITE_P(Golden, MhaGolden,
                         testing::ValuesIn(goldenCases({"mha_self", "mha_causal", "mha_cross", "mha_padding"})),
                         caseName);

}  // namespace
}  // namespace jumok::test
