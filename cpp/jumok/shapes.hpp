// Shapes of the two operations and the element counts they imply. Counts are
// 64-bit and saturate, so absurd sizes become a clear error instead of wrapping
// around on 32-bit WebAssembly.
#pragma once
#include <cstdint>

namespace jumok {

// Saturating product: any result past 2^62 stays there.
inline std::uint64_t countOf(std::uint64_t a, std::uint64_t b) {
  constexpr std::uint64_t kCap = std::uint64_t{1} << 62;
  if (a != 0 && b > kCap / a) return kCap;
  return a * b;
}
inline std::uint64_t countOf(std::uint64_t a, std::uint64_t b, std::uint64_t c) { return countOf(countOf(a, b), c); }
inline std::uint64_t countOf(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
  return countOf(countOf(a, b, c), d);
}

// Scaled dot-product attention per head.
struct AttentionShape {
  std::int64_t batch = 0;        // B
  std::int64_t heads = 0;        // H
  std::int64_t queryLength = 0;  // L
  std::int64_t keyLength = 0;    // S
  std::int64_t headDim = 0;      // D

  std::uint64_t queryCount() const { return countOf(batch, heads, queryLength, headDim); }  // [B,H,L,D]
  std::uint64_t keyCount() const { return countOf(batch, heads, keyLength, headDim); }      // [B,H,S,D]
  std::uint64_t weightCount() const { return countOf(batch, heads, queryLength, keyLength); }  // [B,H,L,S]
};

// Multi-head attention with projections, nn.MultiheadAttention layout.
struct MultiHeadShape {
  std::int64_t batch = 0;        // B
  std::int64_t queryLength = 0;  // L
  std::int64_t keyLength = 0;    // S (= L for self-attention)
  std::int64_t modelDim = 0;     // E
  std::int64_t heads = 0;        // H, divides E

  std::int64_t headDim() const { return heads > 0 ? modelDim / heads : 0; }
  AttentionShape perHead() const { return {batch, heads, queryLength, keyLength, headDim()}; }
  std::uint64_t queryCount() const { return countOf(batch, queryLength, modelDim); }   // [B,L,E]
  std::uint64_t memoryCount() const { return countOf(batch, keyLength, modelDim); }   // [B,S,E]
  std::uint64_t inProjWeightCount() const { return countOf(3, modelDim, modelDim); }  // [3E,E]
  std::uint64_t outProjWeightCount() const { return countOf(modelDim, modelDim); }    // [E,E]
};

}  // namespace jumok
