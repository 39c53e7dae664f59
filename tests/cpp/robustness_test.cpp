// Regressions found by the fuzzer (cpp/fuzz/attention_fuzz.cpp), kept as plain tests so that the native and
// the ASan+UBSan suites check them on every run.
#include "helpers.hpp"

namespace jumok::test {
namespace {

struct Call {
  AttentionShape shape;
  std::vector<float> queries, keys, values;

  std::vector<float> weights(KernelFamily kernels, std::vector<float>* output = nullptr) const {
    std::vector<float> out(shape.queryCount()), weights(shape.weightCount());
    Workspace workspace;
    const Status status = attention(shape, {span(queries), span(keys), span(values), {}, false},
                                    {writable(out), writable(weights)}, workspace, kernels);
    EXPECT_TRUE(status.isOk()) << status.message();
    if (output) *output = out;
    return weights;
  }
};

class Robustness : public testing::TestWithParam<KernelFamily> {};

// Equal scores of about 2^50: the SIMD softmax padded a partial vector with "shift − 1000", which rounds back
// to the shift at that magnitude, so every padding lane added e^0 = 1 to the sum (weights 1/8 instead of 1/7).
TEST_P(Robustness, HugeEqualScoresStillSumToOne) {
  for (std::int64_t keys : {1, 3, 7, 9, 10, 13, 17}) {
    const AttentionShape shape{1, 1, 5, keys, 3};
    const Call call{shape, std::vector<float>(shape.queryCount(), -6.7108864e7f),
                    std::vector<float>(shape.keyCount(), -6.7108864e7f), std::vector<float>(shape.keyCount(), 1.f)};
    std::vector<float> output;
    const auto weights = call.weights(GetParam(), &output);
    for (float w : weights) EXPECT_FLOAT_EQ(w, 1.f / keys) << "keyLength " << keys;
    for (float o : output) EXPECT_FLOAT_EQ(o, 1.f) << "keyLength " << keys;
  }
}

// Scores far apart at large magnitudes: one-hot rows, nothing NaN.
TEST_P(Robustness, LargeScoresGiveOneHotRows) {
  const AttentionShape shape{1, 1, 2, 11, 4};
  Call call{shape, std::vector<float>(shape.queryCount(), 3e7f), {}, std::vector<float>(shape.keyCount(), 2.f)};
  for (std::int64_t j = 0; j < shape.keyLength; ++j)
    for (int d = 0; d < 4; ++d) call.keys.push_back(j == 6 ? 2e7f : 1e7f);
  const auto weights = call.weights(GetParam());
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 11; ++j) EXPECT_EQ(weights[i * 11 + j], j == 6 ? 1.f : 0.f) << i << "," << j;
}

// Finite inputs whose scores would overflow float32 ended as NaN; now they are refused with the reason.
TEST_P(Robustness, ScoresBeyondFloatRangeAreRefused) {
  const AttentionShape shape{1, 1, 2, 3, 4};
  const std::vector<float> big(shape.queryCount(), 1e20f), keys(shape.keyCount(), 1e20f), values(shape.keyCount(), 1.f);
  std::vector<float> output(shape.queryCount(), -1.f), weights(shape.weightCount(), -1.f);
  Workspace workspace;
  const Status status = attention(shape, {span(big), span(keys), span(values), {}, false}, {writable(output), writable(weights)},
                                  workspace, GetParam());
  EXPECT_THAT(status.message(), testing::StartsWith("inputs too large: a score could reach 4e+40 (headDim · max|queries| · "
                                                    "max|keys| = 4 · 1e+20 · 1e+20), beyond float32; expected values"));
  for (float o : output) EXPECT_EQ(o, -1.f);  // nothing written
}

TEST_P(Robustness, ValuesBeyondFloatRangeOverKeysAreRefused) {
  const AttentionShape shape{1, 1, 2, 8, 4};
  const std::vector<float> queries(shape.queryCount(), 1.f), keys(shape.keyCount(), 1.f), values(shape.keyCount(), 3e38f);
  std::vector<float> output(shape.queryCount());
  Workspace workspace;
  const Status status = attention(shape, {span(queries), span(keys), span(values), {}, false}, {writable(output), {}},
                                  workspace, GetParam());
  EXPECT_THAT(status.message(), testing::HasSubstr("an output before normalising could reach 2.4e+39 (keyLength · max|values| = 8 · 3e+38)"));
}

TEST_P(Robustness, MultiHeadProjectionsBeyondFloatRangeAreRefused) {
  const MultiHeadShape shape{1, 2, 2, 4, 2};
  const std::vector<float> query(shape.queryCount(), 1e10f), inW(shape.inProjWeightCount(), 1e10f),
      outW(shape.outProjWeightCount(), 1.f);
  std::vector<float> output(shape.queryCount());
  Workspace workspace;
  const Status status = multiHeadAttention(shape, {span(query), {}, span(inW), {}, span(outW), {}, {}, false},
                                           {writable(output), {}, nullptr}, workspace, GetParam());
  EXPECT_THAT(status.message(), testing::StartsWith("inputs too large: a score could reach 3.2e+41 (modelDim = 4, max|query| = "
                                                    "1e+10, max|inProjWeight| = 1e+10"));
  // Large but safe values still work: every stage stays far below the limit.
  const std::vector<float> safeQuery(shape.queryCount(), 1e6f), safeW(shape.inProjWeightCount(), 1e6f);
  EXPECT_TRUE(multiHeadAttention(shape, {span(safeQuery), {}, span(safeW), {}, span(outW), {}, {}, false},
                                 {writable(output), {}, nullptr}, workspace, GetParam())
                  .isOk());
  for (float o : output) EXPECT_TRUE(std::isfinite(o));
}

std::string familyName(const testing::TestParamInfo<KernelFamily>& info) {
  return info.param == KernelFamily::Simd ? "Simd" : "Scalar";
}

INSTANTIATE_TEST_SUITE_P(Kernels, Robustness,
                         testing::Values(KernelFamily::Scalar
#if JUMOK_WITH_SIMD
                                         , KernelFamily::Simd
#endif
                                         ), familyName);

}  // namespace
}  // namespace jumok::test
