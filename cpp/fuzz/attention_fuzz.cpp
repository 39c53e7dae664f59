// libFuzzer target for the C++ API: attention() and multiHeadAttention() with shapes, masks, values,
// keyLengths and flags all taken from the fuzzer's bytes (scripts/fuzz.sh builds and runs it).
//
// Each input is either a valid call or one with one thing wrong on purpose (a length off by some, keyLengths
// of the wrong length or out of range, a NaN or ±Infinity, heads not dividing modelDim, a missing buffer).
// Checked for every input:
//   - a wrong call returns an error Status with a message and writes nothing;
//   - a valid call succeeds; every weight is finite and in [0,1]; each row sums to 1, or is all 0 when the
//     mask hides every key; masked keys get weight exactly 0; every output is finite;
//   - the SIMD and scalar kernels agree within a bound derived from the magnitudes involved;
//   - the same call twice (a reused and a fresh Workspace) gives bit-identical results;
//   - needWeights = false (the streaming path) gives the same output as with weights;
//   - for multi-head calls, trace.masked is −∞ exactly where the mask hides a key and the trace's
//     weights equal the plain call's.
// Sizes stay small (at most 3·4·19·19 cells) so that each run takes microseconds.
// JUMOK_FUZZ_VERBOSE=1 build/fuzz/attention_fuzz_avx2 crash-… prints the attention call and its weight rows.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "jumok/multi_head.hpp"
#include "fuzz_check.hpp"

using namespace jumok;

namespace {


constexpr float kSentinel = -12345.f;  // what the output buffers hold before a call

// Values from the bytes: small integers times a power of two chosen per input, so that magnitudes from
// 2^-8 to 2^24 are all reached, plus exact zeros and repeated values (ties in the softmax).
std::vector<float> takeFloats(FuzzedDataProvider& data, std::size_t count, int exponent) {
  std::vector<float> values(count);
  const float unit = std::ldexp(1.f, exponent);
  for (float& v : values) v = static_cast<float>(data.ConsumeIntegral<std::int8_t>()) / 16.f * unit;
  return values;
}

float maxAbs(const std::vector<float>& values) {
  float m = 0.f;
  for (float v : values) m = std::fmax(m, std::fabs(v));
  return m;
}

template <class T>
Span<const T> in(const std::vector<T>& v, bool present = true) {
  return present ? Span<const T>{v.data(), v.size()} : Span<const T>{};
}
OutputFloats out(std::vector<float>& v) { return {v.data(), v.size()}; }

bool untouched(const std::vector<float>& v) {
  for (float x : v)
    if (std::memcmp(&x, &kSentinel, sizeof x) != 0) return false;
  return true;
}

// What can be wrong with a call on purpose.
enum class Fault { None, LengthOff, KeyLengthsCount, KeyLengthsRange, NonFinite, MissingInput, HeadsNotDividing, Count };

struct Mask {
  std::vector<std::int32_t> keyLengths;  // empty: none
  bool causal = false;
  std::size_t visible(std::size_t b, std::size_t i, std::size_t S) const {
    const std::size_t real = keyLengths.empty() ? S : static_cast<std::size_t>(keyLengths[b]);
    return causal ? std::min(real, i + 1) : real;
  }
};

// Checks weights [B,H,L,S] against the mask: finite, in [0,1], rows sum to 1 or are all 0.
void checkWeights(const std::vector<float>& weights, std::size_t B, std::size_t H, std::size_t L, std::size_t S,
                  const Mask& mask) {
  for (std::size_t b = 0; b < B; ++b)
    for (std::size_t h = 0; h < H; ++h)
      for (std::size_t i = 0; i < L; ++i) {
        const float* row = weights.data() + ((b * H + h) * L + i) * S;
        const std::size_t visible = mask.visible(b, i, S);
        double sum = 0;
        for (std::size_t j = 0; j < S; ++j) {
          FUZZ_CHECK(std::isfinite(row[j]) && row[j] >= 0.f && row[j] <= 1.f + 1e-6f, "weight[%zu,%zu,%zu,%zu] = %g", b, h,
                     i, j, row[j]);
          if (j >= visible) FUZZ_CHECK(row[j] == 0.f, "masked weight[%zu,%zu,%zu,%zu] = %g", b, h, i, j, row[j]);
          sum += row[j];
        }
        if (std::getenv("JUMOK_FUZZ_VERBOSE")) {
          std::fprintf(stderr, "row [%zu,%zu,%zu] visible %zu:", b, h, i, visible);
          for (std::size_t j = 0; j < S; ++j) std::fprintf(stderr, " %g", row[j]);
          std::fprintf(stderr, "\n");
        }
        if (visible == 0) FUZZ_CHECK(sum == 0, "fully masked row %zu sums to %g", i, sum);
        else FUZZ_CHECK(std::fabs(sum - 1) < 1e-5 * S + 1e-6, "row [%zu,%zu,%zu] sums to %.9g", b, h, i, sum);
      }
}

void checkFinite(const std::vector<float>& values, const char* what) {
  for (std::size_t i = 0; i < values.size(); ++i)
    FUZZ_CHECK(std::isfinite(values[i]), "%s[%zu] = %g", what, i, values[i]);
}

void checkNear(const std::vector<float>& a, const std::vector<float>& b, double tolerance, const char* what) {
  FUZZ_CHECK(a.size() == b.size(), "%s sizes %zu and %zu", what, a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    FUZZ_CHECK(std::fabs(static_cast<double>(a[i]) - b[i]) <= tolerance, "%s[%zu]: %.9g vs %.9g (tolerance %g)", what, i,
               a[i], b[i], tolerance);
}

void checkIdentical(const std::vector<float>& a, const std::vector<float>& b, const char* what) {
  FUZZ_CHECK(a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0),
             "%s differs between two runs of the same call", what);
}

Workspace& reusedWorkspace() {
  static Workspace workspace;  // lives across inputs, so stale scratch contents would show
  return workspace;
}

Mask takeMask(FuzzedDataProvider& data, std::size_t B, std::size_t S) {
  Mask mask;
  mask.causal = data.ConsumeBool();
  if (data.ConsumeBool()) {
    for (std::size_t b = 0; b < B; ++b) mask.keyLengths.push_back(data.ConsumeIntegralInRange<std::int32_t>(0, S));
  }
  return mask;
}

// Breaks a valid mask or input on purpose.
void breakKeyLengths(FuzzedDataProvider& data, Fault fault, Mask& mask, std::size_t B, std::size_t S) {
  if (fault == Fault::KeyLengthsCount) {
    mask.keyLengths.assign(data.ConsumeBool() ? B + 1 + data.ConsumeIntegralInRange<std::size_t>(0, 3) : B - 1, 1);
    if (mask.keyLengths.empty()) mask.keyLengths.assign(B + 1, 0);  // B = 1: one too many instead
  } else if (fault == Fault::KeyLengthsRange) {
    if (mask.keyLengths.size() != B) mask.keyLengths.assign(B, 0);
    const std::size_t b = data.ConsumeIntegralInRange<std::size_t>(0, B - 1);
    mask.keyLengths[b] = data.ConsumeBool() ? static_cast<std::int32_t>(S) + data.ConsumeIntegralInRange<std::int32_t>(1, 1 << 30)
                                            : -data.ConsumeIntegralInRange<std::int32_t>(1, std::numeric_limits<std::int32_t>::max());
  }
}

void breakValues(FuzzedDataProvider& data, Fault fault, std::vector<float>& values) {
  if (fault == Fault::LengthOff) {
    const std::size_t delta = data.ConsumeIntegralInRange<std::size_t>(1, 5);
    if (data.ConsumeBool() || values.size() <= delta) values.resize(values.size() + delta, 0.5f);
    else values.resize(values.size() - delta);
  } else if (fault == Fault::NonFinite) {
    const float bad[] = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                         -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::signaling_NaN()};
    values[data.ConsumeIntegralInRange<std::size_t>(0, values.size() - 1)] = bad[data.ConsumeIntegralInRange(0, 3)];
  }
}

// ------------------------------------------------------------------------------------------- attention

void fuzzAttention(FuzzedDataProvider& data) {
  const AttentionShape shape{data.ConsumeIntegralInRange<std::int64_t>(1, 3), data.ConsumeIntegralInRange<std::int64_t>(1, 4),
                             data.ConsumeIntegralInRange<std::int64_t>(1, 19), data.ConsumeIntegralInRange<std::int64_t>(1, 19),
                             data.ConsumeIntegralInRange<std::int64_t>(1, 20)};
  const std::size_t B = shape.batch, H = shape.heads, L = shape.queryLength, S = shape.keyLength, D = shape.headDim;
  // Up to 2^72: past 2^60 or so scores overflow float32, which must be refused with an error, never NaN.
  const int exponent = data.ConsumeIntegralInRange(-8, 72);
  const bool needWeights = data.ConsumeBool();
  const Fault fault = data.ConsumeBool() ? Fault::None
                                         : static_cast<Fault>(data.ConsumeIntegralInRange(1, static_cast<int>(Fault::MissingInput)));
  Mask mask = takeMask(data, B, S);
  if (std::getenv("JUMOK_FUZZ_VERBOSE")) {
    std::fprintf(stderr, "attention B=%zu H=%zu L=%zu S=%zu D=%zu exponent=%d needWeights=%d fault=%d causal=%d keyLengths=",
                 B, H, L, S, D, exponent, needWeights, static_cast<int>(fault), mask.causal);
    for (auto k : mask.keyLengths) std::fprintf(stderr, "%d ", k);
    std::fprintf(stderr, "\n");
  }
  std::vector<float> queries = takeFloats(data, B * H * L * D, exponent);
  std::vector<float> keys = takeFloats(data, B * H * S * D, exponent);
  std::vector<float> values = takeFloats(data, B * H * S * D, exponent);
  const int victim = data.ConsumeIntegralInRange(0, 2);
  std::vector<float>& broken = victim == 0 ? queries : victim == 1 ? keys : values;
  breakValues(data, fault, broken);
  breakKeyLengths(data, fault, mask, B, S);
  if (std::getenv("JUMOK_FUZZ_VERBOSE")) {
    for (auto* v : {&queries, &keys, &values}) {
      std::fprintf(stderr, "values:");
      for (float x : *v) std::fprintf(stderr, " %g", x);
      std::fprintf(stderr, "\n");
    }
  }

  std::vector<float> output(B * H * L * D, kSentinel), weights(needWeights ? B * H * L * S : 0, kSentinel);
  const AttentionInputs inputs{in(queries, !(fault == Fault::MissingInput && victim == 0)),
                               in(keys, !(fault == Fault::MissingInput && victim == 1)),
                               in(values, !(fault == Fault::MissingInput && victim == 2)), in(mask.keyLengths, !mask.keyLengths.empty()),
                               mask.causal};
  const AttentionOutputs outputs{out(output), needWeights ? out(weights) : OutputFloats{}};
  const Status status = attention(shape, inputs, outputs, reusedWorkspace());

  if (fault != Fault::None) {
    FUZZ_CHECK(!status.isOk() && !status.message().empty(), "fault %d was accepted", static_cast<int>(fault));
    FUZZ_CHECK(untouched(output) && untouched(weights), "an error call wrote its outputs: %s", status.message().c_str());
    return;
  }
  const double q = maxAbs(queries), k = maxAbs(keys), v = maxAbs(values);
  if (!status.isOk()) {
    // Only inputs whose scores or sums could really overflow may be refused, and with that reason.
    const double bound = std::fmax(D * q * k, S * v);
    FUZZ_CHECK(bound > 1e30 && status.message().find("inputs too large") != std::string::npos,
               "a valid call failed (bound %g): %s", bound, status.message().c_str());
    FUZZ_CHECK(untouched(output) && untouched(weights), "an error call wrote its outputs");
    return;
  }
  checkFinite(output, "output");
  if (needWeights) checkWeights(weights, B, H, L, S, mask);

  // Same call, fresh workspace: bit-identical.
  {
    std::vector<float> output2(output.size()), weights2(weights.size());
    Workspace fresh;
    FUZZ_CHECK(attention(shape, inputs, {out(output2), needWeights ? out(weights2) : OutputFloats{}}, fresh).isOk(), "rerun");
    checkIdentical(output, output2, "output");
    checkIdentical(weights, weights2, "weights");
  }

  // The other path (with/without weights) and the other kernel family agree within rounding. A score carries
  // a rounding error of about D·ε·|q||k|/√D, which moves a weight by that much at most (relative) and an
  // output by S times that times |v|.
  const double scoreError = 8 * std::numeric_limits<float>::epsilon() * q * k * std::sqrt(static_cast<double>(D)) + 1e-7;
  const double weightTolerance = std::fmin(1.0, 4 * scoreError) + 2e-6;
  const double outputTolerance = (weightTolerance * S + 8 * std::numeric_limits<float>::epsilon() * S) * v + 1e-6;
  {
    std::vector<float> other(output.size()), otherWeights(B * H * L * S);
    FUZZ_CHECK(attention(shape, inputs, {out(other), needWeights ? OutputFloats{} : out(otherWeights)}, reusedWorkspace()).isOk(),
               "with/without weights");
    checkNear(output, other, outputTolerance, "output with vs without weights");
    if (!needWeights) checkWeights(otherWeights, B, H, L, S, mask);
  }
#if JUMOK_WITH_SIMD
  {
    std::vector<float> scalarOutput(output.size()), scalarWeights(weights.size());
    Workspace scratch;
    FUZZ_CHECK(attention(shape, inputs, {out(scalarOutput), needWeights ? out(scalarWeights) : OutputFloats{}}, scratch,
                         KernelFamily::Scalar)
                   .isOk(),
               "scalar");
    checkNear(output, scalarOutput, outputTolerance, "output SIMD vs scalar");
    checkNear(weights, scalarWeights, weightTolerance, "weights SIMD vs scalar");
  }
#endif
}

// ------------------------------------------------------------------------------------------ multi-head

void fuzzMultiHead(FuzzedDataProvider& data) {
  const std::int64_t heads = data.ConsumeIntegralInRange<std::int64_t>(1, 4);
  const std::int64_t headDim = data.ConsumeIntegralInRange<std::int64_t>(1, 9);
  const bool cross = data.ConsumeBool();
  MultiHeadShape shape{data.ConsumeIntegralInRange<std::int64_t>(1, 3), data.ConsumeIntegralInRange<std::int64_t>(1, 13), 0,
                       heads * headDim, heads};
  shape.keyLength = cross ? data.ConsumeIntegralInRange<std::int64_t>(1, 13) : shape.queryLength;
  const std::size_t B = shape.batch, L = shape.queryLength, S = shape.keyLength, E = shape.modelDim, H = heads;
  const int exponent = data.ConsumeIntegralInRange(-8, 40);  // past 2^20 or so some stage overflows float32
  const bool withBias = data.ConsumeBool(), withOutBias = data.ConsumeBool(), trace = data.ConsumeBool();
  const bool needWeights = trace || data.ConsumeBool();
  const Fault fault = data.ConsumeBool() ? Fault::None
                                         : static_cast<Fault>(data.ConsumeIntegralInRange(1, static_cast<int>(Fault::Count) - 1));
  Mask mask = takeMask(data, B, S);
  std::vector<float> query = takeFloats(data, B * L * E, exponent);
  std::vector<float> memory = cross ? takeFloats(data, B * S * E, exponent) : std::vector<float>{};
  std::vector<float> inProjWeight = takeFloats(data, 3 * E * E, exponent - 3);
  std::vector<float> inProjBias = takeFloats(data, withBias ? 3 * E : 0, exponent - 3);
  std::vector<float> outProjWeight = takeFloats(data, E * E, exponent - 3);
  std::vector<float> outProjBias = takeFloats(data, withOutBias ? E : 0, exponent - 3);
  const int victim = data.ConsumeIntegralInRange(0, 2);
  std::vector<float>& broken = victim == 0 ? query : victim == 1 ? inProjWeight : outProjWeight;
  breakValues(data, fault, broken);
  breakKeyLengths(data, fault, mask, B, S);
  if (fault == Fault::HeadsNotDividing) {
    if (E < 2) return;  // every heads value divides 1... except none: nothing to break
    shape.heads = data.ConsumeIntegralInRange<std::int64_t>(2, E);
    if (E % shape.heads == 0) shape.heads = E + 1;  // never divides
  }

  const AttentionShape h = MultiHeadShape{shape.batch, shape.queryLength, shape.keyLength, shape.modelDim, heads}.perHead();
  std::vector<float> output(B * L * E, kSentinel), weights(needWeights ? h.weightCount() : 0, kSentinel);
  std::vector<float> tq(h.queryCount(), kSentinel), tk(h.keyCount(), kSentinel), tv(h.keyCount(), kSentinel),
      scores(h.weightCount(), kSentinel), scaled(h.weightCount(), kSentinel), masked(h.weightCount(), kSentinel),
      headOutputs(h.queryCount(), kSentinel), concat(B * L * E, kSentinel);
  const MultiHeadTrace traceSpans{out(tq), out(tk), out(tv), out(scores), out(scaled), out(masked), out(headOutputs), out(concat)};
  const MultiHeadInputs inputs{in(query, !(fault == Fault::MissingInput && victim == 0)),
                               in(memory, cross),
                               in(inProjWeight, !(fault == Fault::MissingInput && victim == 1)),
                               in(inProjBias, withBias),
                               in(outProjWeight, !(fault == Fault::MissingInput && victim == 2)),
                               in(outProjBias, withOutBias),
                               in(mask.keyLengths, !mask.keyLengths.empty()),
                               mask.causal};
  const MultiHeadOutputs outputs{out(output), needWeights ? out(weights) : OutputFloats{}, trace ? &traceSpans : nullptr};
  const Status status = multiHeadAttention(shape, inputs, outputs, reusedWorkspace());

  if (fault != Fault::None) {
    FUZZ_CHECK(!status.isOk() && !status.message().empty(), "fault %d was accepted", static_cast<int>(fault));
    FUZZ_CHECK(untouched(output) && untouched(weights) && untouched(tq) && untouched(masked) && untouched(concat),
               "an error call wrote its outputs: %s", status.message().c_str());
    return;
  }
  if (!status.isOk()) {
    const double x = maxAbs(query), m = cross ? maxAbs(memory) : x, w = maxAbs(inProjWeight), bias = maxAbs(inProjBias);
    const double projected = std::fmax(E * x * w, E * m * w) + bias;
    const double bound = std::fmax(std::fmax(projected, headDim * projected * projected),
                                   std::fmax(S * projected, E * projected * maxAbs(outProjWeight) + maxAbs(outProjBias)));
    FUZZ_CHECK(bound > 1e30 && status.message().find("inputs too large") != std::string::npos,
               "a valid call failed (bound %g): %s", bound, status.message().c_str());
    FUZZ_CHECK(untouched(output) && untouched(weights) && untouched(tq), "an error call wrote its outputs");
    return;
  }
  checkFinite(output, "output");
  if (needWeights) checkWeights(weights, B, H, L, S, mask);
  if (trace) {
    for (auto* stage : {&tq, &tk, &tv, &scores, &scaled, &headOutputs, &concat}) checkFinite(*stage, "trace stage");
    for (std::size_t b = 0; b < B; ++b)
      for (std::size_t hh = 0; hh < H; ++hh)
        for (std::size_t i = 0; i < L; ++i)
          for (std::size_t j = 0; j < S; ++j) {
            const float m = masked[((b * H + hh) * L + i) * S + j];
            const bool hidden = j >= mask.visible(b, i, S);
            FUZZ_CHECK(hidden ? (std::isinf(m) && m < 0) : std::isfinite(m), "trace.masked[%zu,%zu,%zu,%zu] = %g", b, hh, i, j, m);
          }
  }

  std::vector<float> output2(output.size()), weights2(weights.size());
  Workspace fresh;
  FUZZ_CHECK(multiHeadAttention(shape, inputs, {out(output2), needWeights ? out(weights2) : OutputFloats{}, nullptr}, fresh).isOk(),
             "rerun");
  checkIdentical(output, output2, "multi-head output (trace vs none, fresh workspace)");
  checkIdentical(weights, weights2, "multi-head weights");

#if JUMOK_WITH_SIMD
  // Through two projections the rounding compounds; compare relative to the largest output.
  std::vector<float> scalarOutput(output.size()), scalarWeights(weights.size());
  FUZZ_CHECK(multiHeadAttention(shape, inputs, {out(scalarOutput), needWeights ? out(scalarWeights) : OutputFloats{}, nullptr},
                                fresh, KernelFamily::Scalar)
                 .isOk(),
             "scalar");
  // Bounds as in fuzzAttention, with the projections' rounding (about modelDim·ε relative) added in.
  const double eps = std::numeric_limits<float>::epsilon();
  const double x = maxAbs(query), m = cross ? maxAbs(memory) : x, w = maxAbs(inProjWeight);
  const double projected = std::fmax(E * x * w, E * m * w) + maxAbs(inProjBias);
  const double scoreError = 16 * eps * (E + headDim) * projected * projected / std::sqrt(static_cast<double>(headDim));
  const double weightTolerance = std::fmin(1.0, 4 * scoreError) + 1e-4;
  const double headError = (weightTolerance * S + 16 * eps * (E + S)) * projected;
  const double outputTolerance = E * maxAbs(outProjWeight) * headError + 1e-4 * std::fmax(1.0, maxAbs(scalarOutput));
  checkNear(output, scalarOutput, outputTolerance, "multi-head output SIMD vs scalar");
  checkNear(weights, scalarWeights, weightTolerance, "multi-head weights SIMD vs scalar");
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  FuzzedDataProvider data(bytes, size);
  if (data.ConsumeBool()) fuzzMultiHead(data);
  else fuzzAttention(data);
  return 0;
}
