// The SIMD family's own algorithm (cpp/jumok/simd_attention.hpp: register
// tiles, key tiles, online softmax) against the scalar reference, on the shapes
// that exercise its edges: row blocks and panels with tails, D not a multiple of
// the panel, several key tiles (the running max grows), masks, streaming.
#include "helpers.hpp"

#if JUMOK_WITH_SIMD
#include "jumok/kernels/simd_exp.hpp"
#include "jumok/simd_attention.hpp"
#endif

namespace jumok::test {
namespace {

struct Case {
  AttentionShape shape;
  std::vector<std::int32_t> keyLengths;
  bool causal = false;
  float range = 1.f;
};

struct Result {
  std::vector<float> output, weights;
};

Result run(const Case& c, KernelFamily family, bool needWeights, Workspace& workspace, std::uint32_t seed = 1) {
  const auto q = randomFloats(c.shape.queryCount(), seed, c.range), k = randomFloats(c.shape.keyCount(), seed + 1, c.range),
             v = randomFloats(c.shape.keyCount(), seed + 2);
  Result r{std::vector<float>(c.shape.queryCount()), std::vector<float>(needWeights ? c.shape.weightCount() : 0)};
  const Status status = attention(c.shape, {span(q), span(k), span(v), span(c.keyLengths), c.causal},
                                  {writable(r.output), needWeights ? writable(r.weights) : OutputFloats{}}, workspace, family);
  EXPECT_TRUE(status.isOk()) << status.message();
  return r;
}

Result run(const Case& c, KernelFamily family, bool needWeights) {
  Workspace workspace;
  return run(c, family, needWeights, workspace);
}

std::string describe(const Case& c) {
  std::ostringstream text;
  text << "[B,H,L,S,D] = [" << c.shape.batch << "," << c.shape.heads << "," << c.shape.queryLength << ","
       << c.shape.keyLength << "," << c.shape.headDim << "]" << (c.causal ? " causal" : "")
       << (c.keyLengths.empty() ? "" : " keyLengths") << " range " << c.range;
  return text.str();
}

// Odd lengths (row-block and panel tails), D = 1, 5, 13, 67 (not a multiple of 4 or 8),
// S past one key tile (256) and past several, padding, causal, all-masked rows, large scores;
// short sequences, which take the short path.
const std::vector<Case> kCases = {
    {{1, 1, 1, 1, 1}, {}},
    {{1, 3, 7, 13, 5}, {}},
    {{2, 2, 9, 11, 13}, {11, 0}},           // batch 1: every row all-masked
    {{1, 2, 17, 17, 67}, {}, true},
    {{2, 1, 5, 300, 16}, {300, 257}},       // two key tiles, the second partly padding
    {{1, 2, 6, 700, 8}, {}, false, 6.f},    // three key tiles, large scores: the running max grows
    {{1, 1, 530, 530, 12}, {}, true},       // causal over three key tiles
    {{2, 2, 33, 45, 64}, {45, 19}, true},
    // The short path (S ≤ kShortKeys, D with a dot kernel): partial key blocks, row-block tails,
    // padding, causal, every dot depth.
    {{1, 8, 16, 16, 64}, {}},
    {{2, 3, 7, 13, 16}, {13, 5}},
    {{1, 2, 5, 1, 32}, {}},
    {{2, 2, 31, 31, 128}, {31, 0}, true},
    {{1, 1, 9, 32, 64}, {}, false, 6.f},
    {{3, 1, 3, 6, 32}, {2, 6, 1}, true},
    // Around the short path's key limits: 48 at D = 64 and 128, 32 at D = 16 and 32 (33 and 49 take the tiled path).
    {{1, 2, 48, 48, 64}, {}, true},
    {{2, 1, 11, 41, 128}, {41, 40}},
    {{1, 1, 7, 49, 64}, {}},
    {{1, 2, 33, 33, 32}, {}, true},
};

class SimdTiled : public testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    if (!kHaveSimd) GTEST_SKIP() << "built without SIMD";
  }
  testing::ScopedTrace trace_{__FILE__, __LINE__, describe(GetParam())};
};

TEST_P(SimdTiled, MatchesScalarWithWeights) {
  const Case& c = GetParam();
  const Result simd = run(c, KernelFamily::Simd, true), scalar = run(c, KernelFamily::Scalar, true);
  expectClose(simd.weights, scalar.weights, "weights");
  expectClose(simd.output, scalar.output, "output");
}

TEST_P(SimdTiled, StreamingMatchesMaterialized) {
  const Case& c = GetParam();
  const Result streaming = run(c, KernelFamily::Simd, false), materialized = run(c, KernelFamily::Simd, true);
  expectClose(streaming.output, materialized.output, "streaming output vs materialized");
  // One loop serves both, so the output does not depend on needWeights at all.
  EXPECT_EQ(streaming.output, materialized.output);
  expectClose(streaming.output, run(c, KernelFamily::Scalar, false).output, "streaming output vs scalar");
}

TEST_P(SimdTiled, MaskedWeightsAreExactlyZeroAndRowsSumToOne) {
  const Case& c = GetParam();
  const Result simd = run(c, KernelFamily::Simd, true);
  const std::size_t L = c.shape.queryLength, S = c.shape.keyLength, D = c.shape.headDim;
  for (std::int64_t b = 0; b < c.shape.batch; ++b) {
    const std::size_t realKeys = c.keyLengths.empty() ? S : c.keyLengths[b];
    for (std::int64_t h = 0; h < c.shape.heads; ++h)
      for (std::size_t i = 0; i < L; ++i) {
        const std::size_t row = (b * c.shape.heads + h) * L + i;
        const std::size_t visible = c.causal ? std::min(realKeys, i + 1) : realKeys;
        double sum = 0;
        for (std::size_t j = 0; j < S; ++j) {
          const float w = simd.weights[row * S + j];
          if (j >= visible) {
            ASSERT_EQ(w, 0.f) << "row " << row << " key " << j;
          }
          sum += w;
        }
        EXPECT_NEAR(sum, visible ? 1.0 : 0.0, 1e-5) << "row " << row;
        if (visible == 0) {
          for (std::size_t d = 0; d < D; ++d) ASSERT_EQ(simd.output[row * D + d], 0.f);
        }
      }
  }
}

TEST_P(SimdTiled, BitIdenticalRunToRun) {
  const Case& c = GetParam();
  for (bool needWeights : {true, false}) {
    const Result first = run(c, KernelFamily::Simd, needWeights), second = run(c, KernelFamily::Simd, needWeights);
    EXPECT_EQ(first.output, second.output);
    EXPECT_EQ(first.weights, second.weights);
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, SimdTiled, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) { return "case" + std::to_string(info.index); });

TEST(SimdTiledWorkspace, RepeatedCallsOfOneSizeAllocateNothing) {
  if (!kHaveSimd) GTEST_SKIP() << "built without SIMD";
  const Case c{{1, 8, 300, 300, 64}, {}};
  for (bool needWeights : {true, false}) {
    Workspace workspace;
    run(c, KernelFamily::Simd, needWeights, workspace);
    const std::size_t held = workspace.floatsHeld();
    for (int i = 0; i < 3; ++i) run(c, KernelFamily::Simd, needWeights, workspace, 10 + i);
    EXPECT_EQ(workspace.floatsHeld(), held);
  }
}

TEST(SimdTiledWorkspace, StreamingNeverHoldsScoresOfAllKeys) {
  if (!kHaveSimd) GTEST_SKIP() << "built without SIMD";
  const Case c{{1, 2, 2048, 2048, 32}, {}};
  Workspace workspace;
  run(c, KernelFamily::Simd, false, workspace);
  const std::size_t S = 2048, D = 32;
  // Packed K and V of one head, plus a few rows of scratch: nowhere near L·S = 4M floats.
  EXPECT_LT(workspace.floatsHeld(), 2 * S * D + 64 * 1024);
}

// Projections with tails: E not a multiple of the panel, more rows than one chunk (64),
// cross-attention with S ≠ L.
TEST(SimdTiledMultiHead, MatchesScalar) {
  if (!kHaveSimd) GTEST_SKIP() << "built without SIMD";
  for (const MultiHeadShape& shape : {MultiHeadShape{1, 70, 70, 20, 4}, MultiHeadShape{2, 5, 131, 36, 3},
                                      MultiHeadShape{1, 1, 1, 1, 1}}) {
    const bool cross = shape.keyLength != shape.queryLength;
    const std::int64_t E = shape.modelDim;
    const auto query = randomFloats(shape.queryCount(), 1), memory = randomFloats(shape.memoryCount(), 2);
    const auto inW = randomFloats(shape.inProjWeightCount(), 3, 0.3f), inB = randomFloats(3 * E, 4);
    const auto outW = randomFloats(shape.outProjWeightCount(), 5, 0.3f), outB = randomFloats(E, 6);
    std::vector<std::vector<float>> outputs, weights;
    for (KernelFamily family : {KernelFamily::Simd, KernelFamily::Scalar}) {
      outputs.emplace_back(shape.queryCount());
      weights.emplace_back(shape.perHead().weightCount());
      Workspace workspace;
      const MultiHeadInputs in{span(query), cross ? span(memory) : InputFloats{}, span(inW), span(inB), span(outW),
                               span(outB), {}, false};
      ASSERT_TRUE(multiHeadAttention(shape, in, {writable(outputs.back()), writable(weights.back())}, workspace, family).isOk());
    }
    expectClose(weights[0], weights[1], "weights");
    expectClose(outputs[0], outputs[1], "output");
  }
}

#if JUMOK_WITH_SIMD
TEST(SimdExp, WithinTwoUlpOfStdExpAndZeroFarBelowTheNormalRange) {
  using simd::Batch;
  for (float x = -87.f; x <= 0.f; x += 0.0137f) {
    alignas(64) float lanes[simd::kWidth];
    simd::exp(Batch(x)).store_aligned(lanes);
    const float want = std::exp(x);
    EXPECT_NEAR(lanes[0], want, 2.5e-7f * want) << "x = " << x;
  }
  alignas(64) float lanes[simd::kWidth];
  // From −87 down (ln(2^-126) ≈ −87.34 is where the results leave the normal range): never negative, never above
  // e^−87, never garbage exponent bits.
  for (float x = -87.f; x >= -89.f; x -= 0.01f) {
    simd::exp(Batch(x)).store_aligned(lanes);
    EXPECT_GE(lanes[0], 0.f) << "x = " << x;
    EXPECT_LE(lanes[0], std::exp(-87.f)) << "x = " << x;
  }
  simd::exp(Batch(-88.f)).store_aligned(lanes);
  EXPECT_EQ(lanes[0], 0.f);
  simd::exp(Batch(-100.f)).store_aligned(lanes);
  EXPECT_EQ(lanes[0], 0.f);
  simd::exp(Batch(-std::numeric_limits<float>::infinity())).store_aligned(lanes);
  EXPECT_EQ(lanes[0], 0.f);
}
#endif

}  // namespace
}  // namespace jumok::test
