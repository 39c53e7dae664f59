// Native numbers for the bench table (scripts/bench.sh parses the JSON):
// attention and multi-head attention, 8 heads, head dim 64, through the public
// API (checks included), for both kernel families. Natively the SIMD family is
// xsimd on AVX2 + FMA.
//   jumok_bench --benchmark_filter=Attention/simd --benchmark_format=json
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "jumok/multi_head.hpp"

namespace {

constexpr std::int64_t kHeads = 8;
constexpr std::int64_t kHeadDim = 64;

std::vector<float> randomFloats(std::size_t count, std::uint32_t seed) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  std::vector<float> out(count);
  for (float& v : out) v = dist(engine);
  return out;
}

// Q·Kᵀ and P·V: 2 flops per multiply-add, n²·D of each per head.
double attentionFlops(std::int64_t n) { return 4.0 * kHeads * n * n * kHeadDim; }

void attention(benchmark::State& state, jumok::KernelFamily family, bool needWeights) {
  const std::int64_t n = state.range(0);
  const jumok::AttentionShape shape{1, kHeads, n, n, kHeadDim};
  const auto queries = randomFloats(shape.queryCount(), 1), keys = randomFloats(shape.keyCount(), 2),
             values = randomFloats(shape.keyCount(), 3);
  std::vector<float> output(shape.queryCount()), weights(needWeights ? shape.weightCount() : 0);
  jumok::Workspace workspace;
  const jumok::AttentionInputs in{{queries.data(), queries.size()}, {keys.data(), keys.size()},
                                  {values.data(), values.size()}, {}, false};
  const jumok::AttentionOutputs out{{output.data(), output.size()},
                                    needWeights ? jumok::OutputFloats{weights.data(), weights.size()}
                                                : jumok::OutputFloats{}};
  for (auto _ : state) {
    const jumok::Status status = jumok::attention(shape, in, out, workspace, family);
    if (!status.isOk()) state.SkipWithError(status.message().c_str());
    benchmark::DoNotOptimize(output.data());
  }
  state.counters["flops"] = attentionFlops(n);
  state.counters["GFLOPs"] = benchmark::Counter(attentionFlops(n) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

// Projections (4 of [n,E]·[E,E]ᵀ) plus attention, self-attention, E = H·D.
void multiHead(benchmark::State& state, jumok::KernelFamily family) {
  const std::int64_t n = state.range(0), E = kHeads * kHeadDim;
  const jumok::MultiHeadShape shape{1, n, n, E, kHeads};
  const auto query = randomFloats(shape.queryCount(), 4), inWeight = randomFloats(shape.inProjWeightCount(), 5),
             inBias = randomFloats(3 * E, 6), outWeight = randomFloats(shape.outProjWeightCount(), 7),
             outBias = randomFloats(E, 8);
  std::vector<float> output(shape.queryCount()), weights(shape.perHead().weightCount());
  jumok::Workspace workspace;
  const jumok::MultiHeadInputs in{{query.data(), query.size()}, {}, {inWeight.data(), inWeight.size()},
                                  {inBias.data(), inBias.size()}, {outWeight.data(), outWeight.size()},
                                  {outBias.data(), outBias.size()}, {}, false};
  const jumok::MultiHeadOutputs out{{output.data(), output.size()}, {weights.data(), weights.size()}, nullptr};
  for (auto _ : state) {
    const jumok::Status status = jumok::multiHeadAttention(shape, in, out, workspace, family);
    if (!status.isOk()) state.SkipWithError(status.message().c_str());
    benchmark::DoNotOptimize(output.data());
  }
  const double flops = 8.0 * n * E * E + attentionFlops(n);
  state.counters["flops"] = flops;
  state.counters["GFLOPs"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : {16, 64, 256, 1024}) b->Arg(n);
  b->Unit(benchmark::kMillisecond);
}

BENCHMARK_CAPTURE(attention, simd, jumok::KernelFamily::Simd, true)->Apply(sizes);
BENCHMARK_CAPTURE(attention, scalar, jumok::KernelFamily::Scalar, true)->Apply(sizes);
BENCHMARK_CAPTURE(attention, simd_streaming, jumok::KernelFamily::Simd, false)
    ->Apply(sizes)->Arg(4096);
BENCHMARK_CAPTURE(multiHead, simd, jumok::KernelFamily::Simd)->Apply(sizes);
BENCHMARK_CAPTURE(multiHead, scalar, jumok::KernelFamily::Scalar)->Apply(sizes);

}  // namespace

BENCHMARK_MAIN();
