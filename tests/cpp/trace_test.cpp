// The trace of a multi-head call is self-consistent: each stage follows from
// the one before, and the call's own results are unchanged by asking for it.
#include "helpers.hpp"

namespace jumok::test {
namespace {

class Trace : public testing::TestWithParam<KernelFamily> {};

TEST_P(Trace, StagesFollowFromEachOther) {
  const MultiHeadShape shape{2, 4, 6, 12, 3};
  const std::size_t B = 2, H = 3, L = 4, S = 6, D = 4, E = 12;
  const auto query = randomFloats(B * L * E, 21), memory = randomFloats(B * S * E, 22);
  const auto inW = randomFloats(3 * E * E, 23, 0.5f), outW = randomFloats(E * E, 24, 0.5f);
  const std::vector<std::int32_t> keyLengths{6, 3};
  std::vector<float> output(B * L * E), weights(B * H * L * S), plainOutput(B * L * E);
  std::vector<std::vector<float>> stages;
  for (std::size_t count : {B * H * L * D, B * H * S * D, B * H * S * D, B * H * L * S, B * H * L * S, B * H * L * S,
                            B * H * L * D, B * L * E})
    stages.emplace_back(count);
  const MultiHeadTrace trace{writable(stages[0]), writable(stages[1]), writable(stages[2]), writable(stages[3]),
                             writable(stages[4]), writable(stages[5]), writable(stages[6]), writable(stages[7])};
  const MultiHeadInputs inputs{span(query), span(memory), span(inW), {}, span(outW), {}, span(keyLengths), true};
  Workspace workspace;
  ASSERT_TRUE(multiHeadAttention(shape, inputs, {writable(output), writable(weights), &trace}, workspace, GetParam()).isOk());
  ASSERT_TRUE(multiHeadAttention(shape, inputs, {writable(plainOutput), {}}, workspace, GetParam()).isOk());
  EXPECT_EQ(output, plainOutput);

  for (std::size_t b = 0; b < B; ++b)
    for (std::size_t h = 0; h < H; ++h)
      for (std::size_t i = 0; i < L; ++i) {
        const std::size_t head = b * H + h, visible = std::min<std::size_t>(keyLengths[b], i + 1);
        for (std::size_t j = 0; j < S; ++j) {
          const std::size_t cell = (head * L + i) * S + j;
          double dot = 0;
          for (std::size_t d = 0; d < D; ++d) dot += trace.queries[(head * L + i) * D + d] * trace.keys[(head * S + j) * D + d];
          EXPECT_NEAR(trace.scores[cell], dot, 1e-5);
          EXPECT_FLOAT_EQ(trace.scaled[cell], trace.scores[cell] / 2.f);  // √D = 2
          if (j < visible) EXPECT_EQ(trace.masked[cell], trace.scaled[cell]);
          else EXPECT_TRUE(std::isinf(trace.masked[cell]) && trace.masked[cell] < 0) << cell;
        }
        for (std::size_t d = 0; d < D; ++d) {
          double sum = 0;
          for (std::size_t j = 0; j < S; ++j) sum += weights[(head * L + i) * S + j] * trace.values[(head * S + j) * D + d];
          EXPECT_NEAR(trace.headOutputs[(head * L + i) * D + d], sum, 1e-5);
          EXPECT_EQ(trace.concat[(b * L + i) * E + h * D + d], trace.headOutputs[(head * L + i) * D + d]);
        }
      }
}

TEST_P(Trace, NeedsTheWeights) {
  const MultiHeadShape shape{1, 1, 1, 2, 1};
  std::vector<float> query(2), inW(12), outW(4), output(2), stage(2);
  const MultiHeadTrace trace{writable(stage), writable(stage), writable(stage), writable(stage),
                             writable(stage), writable(stage), writable(stage), writable(stage)};
  Workspace workspace;
  const Status status = multiHeadAttention(shape, {span(query), {}, span(inW), {}, span(outW), {}, {}, false},
                                           {writable(output), {}, &trace}, workspace, GetParam());
  EXPECT_EQ(status.message(), "trace needs the weights too, expected a weights buffer with the trace");
}

INSTANTIATE_TEST_SUITE_P(Kernels, Trace, testing::ValuesIn(allKernels()), kernelName);

}  // namespace
}  // namespace jumok::test
