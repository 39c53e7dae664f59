#include "jumok/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "jumok/text.hpp"

namespace jumok {
namespace {

Status checkPositive(const char* name, std::int64_t value) {
  return checkDimension(name, static_cast<double>(value));
}

// The shape a count comes from, e.g. "[batch,heads,queryLength,headDim] = [1,2,4,8]",
// formatted only when a message needs it: formatting on every call cost more
// than a small attention.
class Layout {
 public:
  Layout(const char* names, std::initializer_list<std::int64_t> values) : names_(names), count_(values.size()) {
    std::copy(values.begin(), values.end(), values_);
  }

  std::string text() const {
    Text text;
    text << names_ << " = [";
    for (std::size_t i = 0; i < count_; ++i) text << (i ? "," : "") << values_[i];
    text << "]";
    return text.str();
  }

 private:
  const char* names_;
  std::int64_t values_[4];
  std::size_t count_;
};

template <class T>
Status checkCount(const char* name, Span<T> values, std::uint64_t expected, const Layout& layout) {
  if (values.empty()) return Status::error(concat(name, " is missing, expected ", expected, " values for ", layout.text()));
  if (values.size == expected) return Status::ok();
  return Status::error(concat(name, " has ", values.size, " values, expected ", expected, " for ", layout.text()));
}

Status checkFiniteInput(const char* name, InputFloats values, std::uint64_t expected, const Layout& layout,
                        float* largest) {
  JUMOK_RETURN_IF_ERROR(checkCount(name, values, expected, layout));
  return checkFinite(name, values, largest);
}

Status checkOptionalInput(const char* name, InputFloats values, std::uint64_t expected, const Layout& layout,
                          float* largest) {
  *largest = 0.f;
  return values.empty() ? Status::ok() : checkFiniteInput(name, values, expected, layout, largest);
}

// Finite inputs can still overflow float32 on the way (|q·k| up to headDim·max|q|·max|k|, an output accumulated
// over keyLength values before it is normalised, a projection over modelDim products), and an overflow ends as
// NaN. Each bound is checked in double against a quarter of FLT_MAX (room for rounding); the bounds are loose,
// so only magnitudes far beyond any real activation (around 1e17 and up) are refused.
constexpr double kFloatLimit = 3.4028234663852886e38 / 4;

// from() describes where the bound comes from; called only for the message (formatting on
// every call cost more than a small attention).
template <class Describe>
Status checkMagnitude(const char* stage, double bound, const Describe& from) {
  if (bound <= kFloatLimit) return Status::ok();
  Text text(3);
  text << "inputs too large: " << stage << " could reach " << bound << " (" << from()
       << "), beyond float32; expected values small enough that it stays below " << kFloatLimit;
  return Status::error(text.str());
}

Status checkKeyLengths(Span<const std::int32_t> keyLengths, std::int64_t batch, std::int64_t keyLength) {
  if (keyLengths.empty()) return Status::ok();
  if (keyLengths.size != static_cast<std::uint64_t>(batch)) {
    return Status::error(concat("keyLengths has ", keyLengths.size, " entries, expected one per batch row (batch = ",
                                batch, ")"));
  }
  for (std::size_t b = 0; b < keyLengths.size; ++b) {
    if (keyLengths[b] >= 0 && keyLengths[b] <= keyLength) continue;
    return Status::error(concat("keyLengths[", b, "] = ", keyLengths[b], " is out of range, expected 0 to keyLength = ",
                                keyLength));
  }
  return Status::ok();
}

Status checkTrace(const MultiHeadShape& s, const MultiHeadTrace& trace, bool weightsMissing) {
  if (weightsMissing) return Status::error("trace needs the weights too, expected a weights buffer with the trace");
  const AttentionShape h = s.perHead();
  const Layout queryHeads{"[batch,heads,queryLength,headDim]", {h.batch, h.heads, h.queryLength, h.headDim}};
  const Layout keyHeads{"[batch,heads,keyLength,headDim]", {h.batch, h.heads, h.keyLength, h.headDim}};
  const Layout cells{"[batch,heads,queryLength,keyLength]", {h.batch, h.heads, h.queryLength, h.keyLength}};
  JUMOK_RETURN_IF_ERROR(checkCount("trace.queries", trace.queries, h.queryCount(), queryHeads));
  JUMOK_RETURN_IF_ERROR(checkCount("trace.keys", trace.keys, h.keyCount(), keyHeads));
  JUMOK_RETURN_IF_ERROR(checkCount("trace.values", trace.values, h.keyCount(), keyHeads));
  JUMOK_RETURN_IF_ERROR(checkCount("trace.scores", trace.scores, h.weightCount(), cells));
  JUMOK_RETURN_IF_ERROR(checkCount("trace.scaled", trace.scaled, h.weightCount(), cells));
  JUMOK_RETURN_IF_ERROR(checkCount("trace.masked", trace.masked, h.weightCount(), cells));
  JUMOK_RETURN_IF_ERROR(checkCount("trace.headOutputs", trace.headOutputs, h.queryCount(), queryHeads));
  return checkCount("trace.concat", trace.concat, s.queryCount(),
                    Layout{"[batch,queryLength,modelDim]", {s.batch, s.queryLength, s.modelDim}});
}

}  // namespace

// For floats, the order of |x| is the order of their bits without the sign, and
// NaN and ±Infinity are exactly the bit patterns from Infinity's up. So one
// integer max over the bits shifted left by one (which drops the sign: one
// instruction, no mask constant) finds the largest |x| and whether every value
// is finite; the compiler vectorises it (as a per-value branch the check was
// slower than the whole n = 16 attention).
bool allFinite(InputFloats values, float* largest) {
  constexpr std::uint32_t kInfinityShifted = 0x7f800000u << 1;
  std::uint32_t biggest = 0;
  // Four vectors of running maxima (clang's choice was one, each max waiting on the one before): the n = 16
  // attention, which checks 3 × 8192 values, ran 1.03–1.04× faster on WebAssembly.
#if defined(__clang__)
#pragma clang loop vectorize(enable) interleave_count(4)
#endif
  for (std::size_t i = 0; i < values.size; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, values.data + i, sizeof bits);
    biggest = std::max(biggest, bits << 1);
  }
  const std::uint32_t magnitude = biggest >> 1;
  std::memcpy(largest, &magnitude, sizeof magnitude);
  return biggest < kInfinityShifted;
}

// largest: the largest |value| when every value is finite.
Status checkFinite(const std::string& name, InputFloats values, float* largest, std::size_t firstIndex) {
  if (allFinite(values, largest)) return Status::ok();
  for (std::size_t i = 0; i < values.size; ++i) {
    const float v = values[i];
    if (std::isfinite(v)) continue;
    const char* what = std::isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity");
    return Status::error(concat(name, "[", firstIndex + i, "] is ", what, ", expected a finite number"));
  }
  return Status::ok();
}


Status checkDimension(const char* name, double value) {
  if (value >= 1 && value <= INT32_MAX && std::floor(value) == value) return Status::ok();
  constexpr const char* kExpected = " must be a positive integer up to 2147483647, got ";
  // NaN and ±Infinity as JavaScript spells them (the sizes come from JavaScript numbers).
  if (std::isnan(value)) return Status::error(concat(name, kExpected, "NaN"));
  if (std::isinf(value)) return Status::error(concat(name, kExpected, value > 0 ? "Infinity" : "-Infinity"));
  // A whole number in full: 2^31 as %g, "2.14748e+09", reads as if it were in range.
  if (std::floor(value) == value && std::fabs(value) < 0x1p53) {
    return Status::error(concat(name, kExpected, static_cast<std::int64_t>(value)));
  }
  return Status::error(concat(name, kExpected, value));
}

Status checkAttentionShape(const AttentionShape& s) {
  JUMOK_RETURN_IF_ERROR(checkPositive("batch", s.batch));
  JUMOK_RETURN_IF_ERROR(checkPositive("heads", s.heads));
  JUMOK_RETURN_IF_ERROR(checkPositive("queryLength", s.queryLength));
  JUMOK_RETURN_IF_ERROR(checkPositive("keyLength", s.keyLength));
  return checkPositive("headDim", s.headDim);
}

Status checkAttention(const AttentionShape& s, const AttentionInputs& in, const AttentionOutputs& out) {
  JUMOK_RETURN_IF_ERROR(checkAttentionShape(s));
  const Layout queryLayout{"[batch,heads,queryLength,headDim]", {s.batch, s.heads, s.queryLength, s.headDim}};
  const Layout keyLayout{"[batch,heads,keyLength,headDim]", {s.batch, s.heads, s.keyLength, s.headDim}};
  const Layout weightLayout{"[batch,heads,queryLength,keyLength]", {s.batch, s.heads, s.queryLength, s.keyLength}};
  float q = 0, k = 0, v = 0;
  JUMOK_RETURN_IF_ERROR(checkFiniteInput("queries", in.queries, s.queryCount(), queryLayout, &q));
  JUMOK_RETURN_IF_ERROR(checkFiniteInput("keys", in.keys, s.keyCount(), keyLayout, &k));
  JUMOK_RETURN_IF_ERROR(checkFiniteInput("values", in.values, s.keyCount(), keyLayout, &v));
  JUMOK_RETURN_IF_ERROR(checkMagnitude("a score", static_cast<double>(s.headDim) * q * k, [&] {
    return concat("headDim · max|queries| · max|keys| = ", s.headDim, " · ", q, " · ", k);
  }));
  JUMOK_RETURN_IF_ERROR(checkMagnitude("an output before normalising", static_cast<double>(s.keyLength) * v,
                                       [&] { return concat("keyLength · max|values| = ", s.keyLength, " · ", v); }));
  JUMOK_RETURN_IF_ERROR(checkKeyLengths(in.keyLengths, s.batch, s.keyLength));
  JUMOK_RETURN_IF_ERROR(checkCount("output", out.output, s.queryCount(), queryLayout));
  if (!out.weights.empty()) JUMOK_RETURN_IF_ERROR(checkCount("weights", out.weights, s.weightCount(), weightLayout));
  return Status::ok();
}

Status checkMultiHeadShape(const MultiHeadShape& s) {
  JUMOK_RETURN_IF_ERROR(checkPositive("batch", s.batch));
  JUMOK_RETURN_IF_ERROR(checkPositive("queryLength", s.queryLength));
  JUMOK_RETURN_IF_ERROR(checkPositive("keyLength", s.keyLength));
  JUMOK_RETURN_IF_ERROR(checkPositive("modelDim", s.modelDim));
  JUMOK_RETURN_IF_ERROR(checkPositive("heads", s.heads));
  if (s.modelDim % s.heads != 0) {
    return Status::error(concat("modelDim = ", s.modelDim, " is not divisible by heads = ", s.heads,
                                ", expected modelDim to be a multiple of heads (each head gets modelDim / heads)"));
  }
  return Status::ok();
}

Status checkMultiHead(const MultiHeadShape& s, const MultiHeadInputs& in, const MultiHeadOutputs& out) {
  JUMOK_RETURN_IF_ERROR(checkMultiHeadShape(s));
  const std::int64_t E = s.modelDim;
  if (in.memory.empty() && s.keyLength != s.queryLength) {
    return Status::error(concat("keyLength = ", s.keyLength, " differs from queryLength = ", s.queryLength,
                                " without memory, expected memory for cross-attention or equal lengths"));
  }
  const Layout queryLayout{"[batch,queryLength,modelDim]", {s.batch, s.queryLength, E}};
  float query = 0, memory = 0, inWeight = 0, inBias = 0, outWeight = 0, outBias = 0;
  JUMOK_RETURN_IF_ERROR(checkFiniteInput("query", in.query, s.queryCount(), queryLayout, &query));
  JUMOK_RETURN_IF_ERROR(checkOptionalInput("memory", in.memory, s.memoryCount(),
                                           Layout{"[batch,keyLength,modelDim]", {s.batch, s.keyLength, E}}, &memory));
  JUMOK_RETURN_IF_ERROR(checkFiniteInput("inProjWeight", in.inProjWeight, s.inProjWeightCount(),
                                         Layout{"[3·modelDim,modelDim]", {3 * E, E}}, &inWeight));
  JUMOK_RETURN_IF_ERROR(
      checkOptionalInput("inProjBias", in.inProjBias, countOf(3, E), Layout{"[3·modelDim]", {3 * E}}, &inBias));
  JUMOK_RETURN_IF_ERROR(checkFiniteInput("outProjWeight", in.outProjWeight, s.outProjWeightCount(),
                                         Layout{"[modelDim,modelDim]", {E, E}}, &outWeight));
  JUMOK_RETURN_IF_ERROR(checkOptionalInput("outProjBias", in.outProjBias, E, Layout{"[modelDim]", {E}}, &outBias));
  {
    // Bounds of every stage, as in checkAttention: projections, scores, the accumulated head outputs, W_O.
    const double e = static_cast<double>(E), d = static_cast<double>(s.headDim());
    const double projectedQuery = e * query * inWeight + inBias;
    const double projectedMemory = e * (in.memory.empty() ? query : memory) * inWeight + inBias;
    const auto inputs = [&] {
      return concat("modelDim = ", E, ", max|query| = ", query, in.memory.empty() ? "" : ", max|memory| = ",
                    in.memory.empty() ? std::string() : concat(memory), ", max|inProjWeight| = ", inWeight,
                    ", max|inProjBias| = ", inBias, ", max|outProjWeight| = ", outWeight);
    };
    JUMOK_RETURN_IF_ERROR(checkMagnitude("a projection", std::max(projectedQuery, projectedMemory), inputs));
    JUMOK_RETURN_IF_ERROR(checkMagnitude("a score", d * projectedQuery * projectedMemory, inputs));
    JUMOK_RETURN_IF_ERROR(checkMagnitude("a head output before normalising", static_cast<double>(s.keyLength) * projectedMemory, inputs));
    JUMOK_RETURN_IF_ERROR(checkMagnitude("an output", e * projectedMemory * outWeight + outBias, inputs));
  }
  JUMOK_RETURN_IF_ERROR(checkKeyLengths(in.keyLengths, s.batch, s.keyLength));
  JUMOK_RETURN_IF_ERROR(checkCount("output", out.output, s.queryCount(), queryLayout));
  const AttentionShape h = s.perHead();
  const Layout weightLayout{"[batch,heads,queryLength,keyLength]", {h.batch, h.heads, h.queryLength, h.keyLength}};
  if (!out.weights.empty()) JUMOK_RETURN_IF_ERROR(checkCount("weights", out.weights, h.weightCount(), weightLayout));
  if (out.trace) JUMOK_RETURN_IF_ERROR(checkTrace(s, *out.trace, out.weights.empty()));
  return Status::ok();
}

}  // namespace jumok
