// The SIMD family's algorithm: the maths of attention_impl.hpp (which stays the
// scalar reference), reorganised around register tiles. Per head, K and V are
// packed once into panels; then, per block of kRows queries, key tile by key
// tile (kKeyTile keys): scores = Q·Kᵀ·scale, online softmax (running max and
// sum; the output is rescaled when the max grows), output += e^scores · V.
// Without weights the scores live in one [kRows, kKeyTile] scratch tile, so
// nothing n×n is ever held (the streaming path); with weights they are written
// into the weights rows and brought to the final max and sum at the end.
// Included only where JUMOK_WITH_SIMD is set.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "jumok/attention_impl.hpp"
#include "jumok/kernels/simd_dot.hpp"
#include "jumok/kernels/simd_softmax.hpp"
#include "jumok/kernels/simd_tile.hpp"

namespace jumok::simd {

// Keys per streaming step: a multiple of kPanel, large enough that rescaling
// the output (D per row) is rare next to the tile's 4·D flops per key.
constexpr std::size_t kKeyTile = 256;
// Rows of x per pass of a projection: 64 rows of E = 512 are 128 KiB, which
// stay in L2 while every panel of W goes over them.
constexpr std::size_t kRowChunk = 64;

// One head, K and V packed.
struct Head {
  const float* queries;       // [L,D]
  const float* packedKeys;    // Kᵀ: [⌈S/kPanel⌉][D][kPanel]
  const float* packedValues;  // V:  [⌈D/kPanel⌉][S][kPanel]
  std::size_t L, S, D, realKeys;
  bool causal;
  float scale;

  std::size_t visible(std::size_t query) const { return detail::visibleKeys(query, realKeys, causal); }
};

// scores[Rows, keys] (row stride ld) = Q[Rows,D] · K[firstKey..firstKey+keys)ᵀ · scale,
// Q's rows interleaved [D][Rows]. firstKey is a multiple of kPanel.
template <std::size_t Rows>
void scoreRows(const Head& h, const float* queries, std::size_t firstKey, std::size_t keys, float* scores,
               std::size_t ld) {
  for (std::size_t p = 0; p < panelCount(keys); ++p) {
    const float* panel = h.packedKeys + (firstKey / kPanel + p) * kPanel * h.D;
    float* c = scores + p * kPanel;
    if ((p + 1) * kPanel <= keys) {
      panelProduct<Rows>(queries, panel, h.D, c, ld, h.scale, false);
      continue;
    }
    auto tile = Tile<Rows>::zero();  // the last panel, part of it past the keys
    multiplyAdd<Rows>(queries, panel, h.D, tile);
    tile.scale(Batch(h.scale));
    tile.store(c, ld, keys - p * kPanel);
  }
}

// out[Rows, D] (row stride D) += P[Rows, keys] · V[firstKey..firstKey+keys), P interleaved [keys][Rows];
// the first key tile (firstKey 0) sets out instead.
template <std::size_t Rows>
void weightedValues(const Head& h, const float* weights, std::size_t firstKey, std::size_t keys, float* out) {
  for (std::size_t p = 0; p < panelCount(h.D); ++p) {
    const float* panel = h.packedValues + (p * h.S + firstKey) * kPanel;
    const std::size_t columns = std::min(kPanel, h.D - p * kPanel);
    float* c = out + p * kPanel;
    if (columns == kPanel) {
      panelProduct<Rows>(weights, panel, keys, c, h.D, 1.f, firstKey > 0);
      continue;
    }
    auto tile = firstKey == 0 ? Tile<Rows>::zero() : Tile<Rows>::load(c, h.D, columns);
    multiplyAdd<Rows>(weights, panel, keys, tile);
    tile.store(c, h.D, columns);
  }
}

// Online softmax of one query row: the largest score so far and the sum of
// e^(score − that max); the output row holds Σ e^(score − max)·v until the end.
struct RunningSoftmax {
  float max = -std::numeric_limits<float>::infinity();
  float sum = 0.f;
};

// One row's scores from a key tile (its first `visible` of `keys` seen, the rest
// set to 0) become e^(score − running max) in place, and the running softmax
// takes them in; the row's output is rescaled when the max grows. Out of line,
// with the next one, for the reason the softmax sweeps are (simd_softmax.hpp).
[[gnu::noinline]] inline void absorbTileRow(float* row, std::size_t visible, std::size_t keys, RunningSoftmax& s,
                                            float* outRow, std::size_t D) {
  if (visible < keys) std::fill(row + visible, row + keys, 0.f);
  if (visible == 0) return;
  const float max = std::max(s.max, rowMax(row, visible));
  if (max > s.max && s.sum > 0.f) {
    const float shrink = std::exp(s.max - max);
    s.sum *= shrink;
    scaleRow(outRow, D, shrink);
  }
  s.max = max;
  s.sum += expShifted(row, visible, max);
}

// The end of a row: the output divided by the sum and, when the weights are
// wanted (weightRow not null), every key tile's e^ brought to the final max
// (tileShift: the max each tile used) and divided too, zeros past `seen`.
[[gnu::noinline]] inline void finishRow(const RunningSoftmax& s, float* outRow, std::size_t D, float* weightRow,
                                        std::size_t seen, std::size_t S, const float* tileShift) {
  const float inverse = s.sum > 0.f ? 1.f / s.sum : 0.f;  // no visible key: output and weights stay 0
  scaleRow(outRow, D, inverse);
  if (!weightRow) return;
  if (seen < S) std::fill(weightRow + seen, weightRow + S, 0.f);
  for (std::size_t firstKey = 0; firstKey < seen; firstKey += kKeyTile) {
    const float shift = tileShift[firstKey / kKeyTile];
    const float factor = shift == s.max ? inverse : std::exp(shift - s.max) * inverse;
    scaleRow(weightRow + firstKey, std::min(kKeyTile, seen - firstKey), factor);
  }
}

// Where a row block works: its scores, [Rows, keys] per key tile, go to the
// weights rows themselves when they are wanted, else to a scratch tile reused
// for every key tile; the rest is scratch of the block (from the workspace).
struct ScoreSink {
  float* weights;    // [L,S] of the head, or null: streaming
  float* tile;       // [kRows, kKeyTile] scratch when streaming
  float* queries;    // [D][kRows]: the block's queries, interleaved
  float* interleavedScores;  // [kKeyTile][kRows]: a tile's e^scores, interleaved for P·V
  float* tileShift;  // [kRows, ⌈S/kKeyTile⌉]: the max each key tile's e^ used, per row
};

// Output rows first..first+Rows of a head (and their weights when wanted), key
// tile by key tile. One loop for both cases, so the output is bit-identical
// whether or not the weights are asked for.
template <std::size_t Rows>
void attendRows(const Head& h, std::size_t first, const ScoreSink& sink, float* output) {
  const std::size_t seen = h.visible(first + Rows - 1);  // the block's last row sees the most
  const std::size_t tiles = (h.S + kKeyTile - 1) / kKeyTile;
  float* out = output + first * h.D;
  float* weightRows = sink.weights ? sink.weights + first * h.S : nullptr;
  if (seen == 0) std::fill(out, out + Rows * h.D, 0.f);  // else the first key tile sets it
  RunningSoftmax state[Rows];
  interleaveRows<Rows>(h.queries + first * h.D, h.D, h.D, sink.queries);
  for (std::size_t firstKey = 0; firstKey < seen; firstKey += kKeyTile) {
    const std::size_t keys = std::min(kKeyTile, seen - firstKey);
    float* scores = weightRows ? weightRows + firstKey : sink.tile;
    const std::size_t ld = weightRows ? h.S : kKeyTile;
    scoreRows<Rows>(h, sink.queries, firstKey, keys, scores, ld);
    for (std::size_t r = 0; r < Rows; ++r) {
      const std::size_t rowSees = h.visible(first + r);
      const std::size_t visible = std::min(rowSees, firstKey + keys) - std::min(rowSees, firstKey);
      absorbTileRow(scores + r * ld, visible, keys, state[r], out + r * h.D, h.D);
      if (weightRows) sink.tileShift[r * tiles + firstKey / kKeyTile] = state[r].max;
    }
    interleaveRows<Rows>(scores, ld, keys, sink.interleavedScores);
    weightedValues<Rows>(h, sink.interleavedScores, firstKey, keys, out);
  }
  for (std::size_t r = 0; r < Rows; ++r) {
    finishRow(state[r], out + r * h.D, h.D, weightRows ? weightRows + r * h.S : nullptr, seen, h.S,
              sink.tileShift + r * tiles);
  }
}

// One head of a short sequence, read in place: Q, K, V row-major [n,D].
struct ShortHead {
  const float* queries;  // [L,D]
  const float* keys;     // [S,D]
  const float* values;   // [S,D]
  std::size_t S, D, realKeys;
  bool causal;
  float scale;
  DotKernels dot;

  std::size_t visible(std::size_t query) const { return detail::visibleKeys(query, realKeys, causal); }
};

// out[Rows, D] = P[Rows, keys] · V[keys, D], P interleaved, V row-major: every
// panel of the row block in one call.
template <std::size_t Rows>
[[gnu::noinline]] void weightedValueRows(const float* interleaved, const float* values, std::size_t keys,
                                         std::size_t D, float* out) {
  for (std::size_t p = 0; p < D / kPanel; ++p) {
    auto tile = Tile<Rows>::zero();
    multiplyAddInto(tile, interleaved, values + p * kPanel, keys, D);
    tile.store(out + p * kPanel, D, kPanel);
  }
}

// Output rows first..first+Rows of a short head: scores as dot products, each
// row's softmax whole (the weights are final before P·V, so the output needs no
// rescaling), then P·V straight from V's rows. scores: [Rows, ≥S] (row stride ld).
template <std::size_t Rows>
void attendShortRows(const ShortHead& h, std::size_t first, float* scores, std::size_t ld, float* interleaved,
                     float* output) {
  const std::size_t seen = h.visible(first + Rows - 1);  // the block's last row sees the most
  std::size_t r = 0;
  for (; r + kDotRows <= Rows; r += kDotRows)
    h.dot.pairs(h.queries + (first + r) * h.D, h.keys, seen, h.scale, scores + r * ld, ld);
  for (; r < Rows; ++r) h.dot.single(h.queries + (first + r) * h.D, h.keys, seen, h.scale, scores + r * ld, ld);
  for (std::size_t row = 0; row < Rows; ++row) softmaxRow(scores + row * ld, h.visible(first + row), h.S);
  interleaveRows<Rows>(scores, ld, seen, interleaved);
  weightedValueRows<Rows>(interleaved, h.values, seen, h.D, output + first * h.D);
}

// The short path; D has dot kernels, so it is a multiple of kPanel (P·V reads V's rows as whole panels).
inline void attentionShort(const AttentionShape& shape, const AttentionInputs& in, const AttentionOutputs& out,
                           const DotKernels& dot, Workspace& workspace) {
  const std::size_t L = shape.queryLength, S = shape.keyLength, D = shape.headDim;
  const float scale = 1.f / std::sqrt(static_cast<float>(D));
  // Scores [kShortRows, kShortKeys] when the weights are not wanted, then a row block's
  // weights interleaved [S][kShortRows].
  float* scratch = workspace.take(Workspace::kScoreTile, 2 * kShortRows * kShortKeys);
  float* interleaved = scratch + kShortRows * kShortKeys;
  for (std::int64_t b = 0; b < shape.batch; ++b) {
    const std::size_t realKeys = in.keyLengths.empty() ? S : static_cast<std::size_t>(in.keyLengths[b]);
    for (std::int64_t hh = 0; hh < shape.heads; ++hh) {
      const std::size_t head = static_cast<std::size_t>(b * shape.heads + hh);
      const ShortHead h{in.queries.data + head * L * D, in.keys.data + head * S * D, in.values.data + head * S * D,
                        S, D, realKeys, in.causal, scale, dot};
      float* weights = out.weights.empty() ? nullptr : out.weights.data + head * L * S;
      float* output = out.output.data + head * L * D;
      forRowBlocks<kShortRows>(L, [&](auto rows, std::size_t first) {
        float* scores = weights ? weights + first * S : scratch;
        attendShortRows<decltype(rows)::value>(h, first, scores, weights ? S : kShortKeys, interleaved, output);
      });
    }
  }
}

inline void attention(const AttentionShape& shape, const AttentionInputs& in, const AttentionOutputs& out,
                      Workspace& workspace) {
  const std::size_t L = shape.queryLength, S = shape.keyLength, D = shape.headDim;
  if (const auto dot = dotKernelsFor(D); dot && S <= dot->maxKeys) {
    return attentionShort(shape, in, out, *dot, workspace);
  }
  const float scale = 1.f / std::sqrt(static_cast<float>(D));
  float* packedKeys = workspace.take(Workspace::kPackedKeys, packedSize(S, D));
  float* packedValues = workspace.take(Workspace::kPackedValues, packedSize(D, S));
  const std::size_t tiles = (S + kKeyTile - 1) / kKeyTile;
  float* scratch = workspace.take(Workspace::kScoreTile, kRows * (2 * kKeyTile + D + tiles));

  for (std::int64_t b = 0; b < shape.batch; ++b) {
    const std::size_t realKeys = in.keyLengths.empty() ? S : static_cast<std::size_t>(in.keyLengths[b]);
    for (std::int64_t hh = 0; hh < shape.heads; ++hh) {
      const std::size_t head = static_cast<std::size_t>(b * shape.heads + hh);
      packTransposed(in.keys.data + head * S * D, D, S, D, packedKeys);
      packColumns(in.values.data + head * S * D, D, S, D, packedValues);
      const Head h{in.queries.data + head * L * D, packedKeys, packedValues, L, S, D, realKeys, in.causal, scale};
      const ScoreSink sink{out.weights.empty() ? nullptr : out.weights.data + head * L * S, scratch,
                           scratch + kRows * kKeyTile, scratch + kRows * (kKeyTile + D),
                           scratch + kRows * (2 * kKeyTile + D)};
      float* output = out.output.data + head * L * D;
      forRowBlocks(L, [&](auto rows, std::size_t first) { attendRows<decltype(rows)::value>(h, first, sink, output); });
    }
  }
}

// y[M,N] (row stride ldy) = x[M,K] · B + bias[N], B already packed as panels (packTransposed of an nn.Linear
// weight, packColumns of a [K,N] one): the projections of multi-head attention and a model's linear layers.
inline void linearPacked(const float* x, const float* packed, const float* bias, std::size_t rows, std::size_t inDim,
                         std::size_t outDim, float* y, std::size_t ldy, Workspace& workspace) {
  float* interleaved = workspace.take(Workspace::kScoreTile, kRowChunk * inDim);  // a chunk of x, interleaved by row block
  for (std::size_t chunk = 0; chunk < rows; chunk += kRowChunk) {
    const std::size_t chunkRows = std::min(kRowChunk, rows - chunk);
    for (std::size_t p = 0; p < panelCount(outDim); ++p) {
      const std::size_t columns = std::min(kPanel, outDim - p * kPanel);
      Batch offset[kPanelVectors];
      for (std::size_t v = 0; v < kPanelVectors; ++v)
        offset[v] = bias ? Tile<1>::loadVector(bias + p * kPanel, v, columns) : Batch(0.f);
      forRowBlocks(chunkRows, [&](auto rowCount, std::size_t first) {
        constexpr std::size_t R = decltype(rowCount)::value;
        const std::size_t row = chunk + first;
        auto tile = Tile<R>::zero();
        float* rows = interleaved + first * inDim;
        if (p == 0) interleaveRows<R>(x + row * inDim, inDim, inDim, rows);
        multiplyAdd<R>(rows, packed + p * kPanel * inDim, inDim, tile);
        tile.add(offset);
        tile.store(y + row * ldy + p * kPanel, ldy, columns);
      });
    }
  }
}

// y[M,N] = x[M,K] · W[N,K]ᵀ + bias[N]: the nn.Linear layout, W packed on each call.
inline void linear(const float* x, const float* weight, const float* bias, std::size_t rows, std::size_t inDim,
                   std::size_t outDim, float* y, Workspace& workspace) {
  float* packed = workspace.take(Workspace::kPackedWeight, packedSize(outDim, inDim));
  packTransposed(weight, inDim, outDim, inDim, packed);
  linearPacked(x, packed, bias, rows, inDim, outDim, y, outDim, workspace);
}

}  // namespace jumok::simd
