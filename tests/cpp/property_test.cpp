// Properties that hold for any input, checked on random data through both
// kernel families, and SIMD against the scalar reference.
#include "helpers.hpp"

namespace jumok::test {
namespace {

struct Problem {
  AttentionShape shape;
  std::vector<float> queries, keys, values;
  std::vector<std::int32_t> keyLengths;
  bool causal = false;

  // Sizes chosen to leave SIMD tails (headDim 13, keyLength 37).
  static Problem random(AttentionShape shape, std::uint32_t seed, float range = 1.f) {
    Problem p{shape, randomFloats(shape.queryCount(), seed, range), randomFloats(shape.keyCount(), seed + 1, range),
              randomFloats(shape.keyCount(), seed + 2, range), {}, false};
    return p;
  }

  struct Result {
    Status status;
    std::vector<float> output, weights;
  };

  Result run(KernelFamily kernels, bool needWeights = true) const {
    Result r{Status::ok(), std::vector<float>(shape.queryCount()),
             std::vector<float>(needWeights ? shape.weightCount() : 0)};
    Workspace workspace;
    r.status = attention(shape, {span(queries), span(keys), span(values), span(keyLengths), causal},
                         {writable(r.output), needWeights ? writable(r.weights) : OutputFloats{}}, workspace, kernels);
    return r;
  }
};

const AttentionShape kTailShape{2, 3, 11, 37, 13};

class Properties : public testing::TestWithParam<KernelFamily> {};

TEST_P(Properties, RowsSumToOne) {
  const auto result = Problem::random(kTailShape, 1).run(GetParam());
  ASSERT_TRUE(result.status.isOk());
  const std::size_t S = kTailShape.keyLength;
  for (std::size_t row = 0; row < result.weights.size() / S; ++row) {
    double sum = 0;
    for (std::size_t j = 0; j < S; ++j) sum += result.weights[row * S + j];
    EXPECT_NEAR(sum, 1.0, 1e-5) << "row " << row;
  }
}

TEST_P(Properties, PaddedKeysGetExactlyZero) {
  auto problem = Problem::random(kTailShape, 2);
  problem.keyLengths = {5, 37};
  const auto result = problem.run(GetParam());
  ASSERT_TRUE(result.status.isOk());
  const std::size_t H = kTailShape.heads, L = kTailShape.queryLength, S = kTailShape.keyLength;
  for (std::size_t h = 0; h < H; ++h)
    for (std::size_t i = 0; i < L; ++i)
      for (std::size_t j = 5; j < S; ++j) ASSERT_EQ(result.weights[(h * L + i) * S + j], 0.f);
}

TEST_P(Properties, CausalUpperTriangleIsExactlyZero) {
  auto problem = Problem::random({1, 2, 9, 9, 8}, 3);
  problem.causal = true;
  const auto result = problem.run(GetParam());
  ASSERT_TRUE(result.status.isOk());
  for (std::size_t h = 0; h < 2; ++h)
    for (std::size_t i = 0; i < 9; ++i)
      for (std::size_t j = i + 1; j < 9; ++j) ASSERT_EQ(result.weights[(h * 9 + i) * 9 + j], 0.f) << i << "," << j;
  EXPECT_FLOAT_EQ(result.weights[0], 1.f);  // the first query sees only itself
}

TEST_P(Properties, AllMaskedRowsGiveZeroNotNaN) {
  auto problem = Problem::random({2, 1, 4, 6, 8}, 4);
  problem.keyLengths = {0, 6};
  const auto result = problem.run(GetParam());
  ASSERT_TRUE(result.status.isOk());
  for (std::size_t k = 0; k < 4 * 6; ++k) ASSERT_EQ(result.weights[k], 0.f);
  for (std::size_t k = 0; k < 4 * 8; ++k) ASSERT_EQ(result.output[k], 0.f);
  for (float w : result.weights) ASSERT_TRUE(std::isfinite(w));
}

TEST_P(Properties, LargeScoresStayFinite) {
  // Scores near 1e4 overflow exp() without the max trick.
  const auto result = Problem::random({1, 1, 5, 7, 16}, 5, 30.f).run(GetParam());
  ASSERT_TRUE(result.status.isOk());
  for (float w : result.weights) ASSERT_TRUE(std::isfinite(w));
  for (float o : result.output) ASSERT_TRUE(std::isfinite(o));
}

TEST_P(Properties, OutputIsTheSameWithoutWeights) {
  auto problem = Problem::random(kTailShape, 6);
  problem.causal = true;
  problem.keyLengths = {20, 30};
  const auto withWeights = problem.run(GetParam(), true);
  const auto withoutWeights = problem.run(GetParam(), false);
  EXPECT_EQ(withWeights.output, withoutWeights.output);
}

TEST_P(Properties, SameInputGivesBitIdenticalOutput) {
  const auto problem = Problem::random(kTailShape, 7);
  EXPECT_EQ(problem.run(GetParam()).output, problem.run(GetParam()).output);
}

TEST_P(Properties, WorkspaceReuseAcrossSizes) {
  Workspace workspace;
  for (std::int64_t keyLength : {40, 3, 17}) {
    auto problem = Problem::random({1, 2, 5, keyLength, 8}, 8);
    std::vector<float> output(problem.shape.queryCount());
    const AttentionInputs inputs{span(problem.queries), span(problem.keys), span(problem.values), {}, false};
    ASSERT_TRUE(attention(problem.shape, inputs, {writable(output), {}}, workspace, GetParam()).isOk());
    EXPECT_EQ(output, problem.run(GetParam(), false).output) << "keyLength " << keyLength;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Properties, testing::ValuesIn(allKernels()), kernelName);

TEST(SimdMatchesScalar, Attention) {
  if (!kHaveSimd) GTEST_SKIP() << "built without SIMD";
  for (bool causal : {false, true}) {
    auto problem = Problem::random({2, 8, 33, 45, 64}, 9, 2.f);
    problem.causal = causal;
    problem.keyLengths = {45, 19};
    const auto simd = problem.run(KernelFamily::Simd), scalar = problem.run(KernelFamily::Scalar);
    expectClose(simd.weights, scalar.weights, "weights");
    expectClose(simd.output, scalar.output, "output");
  }
}

TEST(SimdMatchesScalar, MultiHeadAttention) {
  if (!kHaveSimd) GTEST_SKIP() << "built without SIMD";
  const MultiHeadShape shape{2, 7, 11, 48, 6};
  const auto query = randomFloats(shape.queryCount(), 10), memory = randomFloats(shape.memoryCount(), 11);
  const auto inProjWeight = randomFloats(shape.inProjWeightCount(), 12, 0.3f), inProjBias = randomFloats(3 * 48, 13);
  const auto outProjWeight = randomFloats(shape.outProjWeightCount(), 14, 0.3f), outProjBias = randomFloats(48, 15);
  const std::vector<std::int32_t> keyLengths{11, 4};
  std::vector<std::vector<float>> outputs, weights;
  for (KernelFamily family : {KernelFamily::Simd, KernelFamily::Scalar}) {
    outputs.emplace_back(shape.queryCount());
    weights.emplace_back(shape.perHead().weightCount());
    Workspace workspace;
    ASSERT_TRUE(multiHeadAttention(shape,
                                   {span(query), span(memory), span(inProjWeight), span(inProjBias),
                                    span(outProjWeight), span(outProjBias), span(keyLengths), true},
                                   {writable(outputs.back()), writable(weights.back())}, workspace, family)
                    .isOk());
  }
  expectClose(weights[0], weights[1], "weights");
  expectClose(outputs[0], outputs[1], "output");
}

}  // namespace
}  // namespace jumok::test
