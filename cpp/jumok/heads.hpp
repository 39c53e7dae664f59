// Moving between the projections' layout [B,T,H·D] and the kernels' [B,H,T,D], where each head's rows are
// contiguous: multi-head attention and a transformer block both split before attention and merge after.
#pragma once
#include <algorithm>
#include <cstddef>

namespace jumok {

// [B,T,heads·D] → [B,heads·groups,T,D]. With groups > 1 each head of the input serves `groups` consecutive
// heads of the output (grouped-query attention's key/value heads, repeated for their query heads).
inline void splitHeads(const float* merged, std::size_t batch, std::size_t length, std::size_t heads,
                       std::size_t headDim, float* split, std::size_t groups = 1) {
  const std::size_t outHeads = heads * groups;
  for (std::size_t b = 0; b < batch; ++b)
    for (std::size_t t = 0; t < length; ++t)
      for (std::size_t h = 0; h < outHeads; ++h)
        std::copy_n(merged + ((b * length + t) * heads + h / groups) * headDim, headDim,
                    split + ((b * outHeads + h) * length + t) * headDim);
}

// [B,H,T,D] → [B,T,H·D]: the concatenated heads the output projection reads.
inline void mergeHeads(const float* split, std::size_t batch, std::size_t length, std::size_t heads,
                       std::size_t headDim, float* merged) {
  for (std::size_t b = 0; b < batch; ++b)
    for (std::size_t h = 0; h < heads; ++h)
      for (std::size_t t = 0; t < length; ++t)
        std::copy_n(split + ((b * heads + h) * length + t) * headDim, headDim,
                    merged + ((b * length + t) * heads + h) * headDim);
}

}  // namespace jumok
