// Scratch memory reused across calls, so that repeated calls of the same size
// allocate nothing. One per caller: a Workspace is the only mutable state and
// it is never shared behind the caller's back.
#pragma once
#include <cstddef>
#include <vector>

namespace jumok {

class Workspace {
 public:
  enum Slot {
    kScoreRow,      // [S]        a query's scores when weights are not wanted
    kQueries,       // [B,L,E]    projected queries
    kKeys,          // [B,S,E]    projected keys
    kValues,        // [B,S,E]    projected values
    kHeadQueries,   // [B,H,L,D]
    kHeadKeys,      // [B,H,S,D]
    kHeadValues,    // [B,H,S,D]
    kHeadOutputs,   // [B,H,L,D]
    kConcat,        // [B,L,E]    head outputs side by side, before W_O
    kPackedKeys,    // one head's Kᵀ as SIMD panels, see kernels/simd_tile.hpp
    kPackedValues,  // one head's V as SIMD panels
    kPackedWeight,  // a projection's Wᵀ as SIMD panels
    kScoreTile,     // scratch of the SIMD kernels for one block of rows (scores, interleaved rows)
    kSlotCount
  };

  // Grows the slot to at least `count` floats; the contents are not kept.
  float* take(Slot slot, std::size_t count) {
    std::vector<float>& buffer = buffers_[slot];
    if (buffer.size() < count) buffer.resize(count);
    return buffer.data();
  }

  // Frees every slot (the next take() grows it again): for a caller that needs the memory back.
  void release() {
    for (auto& buffer : buffers_) std::vector<float>().swap(buffer);
  }

  std::size_t floatsHeld() const {
    std::size_t total = 0;
    for (const auto& buffer : buffers_) total += buffer.capacity();
    return total;
  }

 private:
  std::vector<float> buffers_[kSlotCount];
};

}  // namespace jumok
