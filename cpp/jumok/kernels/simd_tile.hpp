// Register-tiled matrix products for the SIMD family, in the shape of XNNPACK's
// wasmsimd "splat" GEMM micro-kernels: a kRows × kPanel block of C stays in
// registers while the shared dimension runs; each step splats one value of each
// A row and multiplies it with one kPanel-wide row of B.
//
//   C[M,N] = A[M,K] · B[K,N],  B packed once as panels [⌈N/kPanel⌉][K][kPanel]
//
// Packing makes every B step one contiguous kPanel-wide load whatever B's
// layout was (keys for Q·Kᵀ, values for P·V, weight rows for x·Wᵀ), and pads
// the last panel with zeros so the kernel has no column tail.
#pragma once
#include <algorithm>
#include <cstddef>
#include <type_traits>

#include <xsimd/xsimd.hpp>

namespace jumok::simd {

using Batch = xsimd::batch<float>;
constexpr std::size_t kWidth = Batch::size;  // 4 lanes on SIMD128, 8 with AVX2
constexpr std::size_t kPanelVectors = 2;
constexpr std::size_t kPanel = kPanelVectors * kWidth;  // columns of C per tile
// Rows of C per tile. SIMD128: 5×2 accumulators + 2 B vectors + 1 splat + 1
// product = 14 of the 15 vector registers V8 allocates on x64. In V8's code a
// k step also pays a loop check and address updates; 5 rows spread them over
// 20 f32x4 operations where 4 rows gave 16 (a 4×8 tile ran at 87% of the peak
// loop, 5×8 at 96%, depth 256); 6 rows spill. Natively (AVX2, FMA, 16-wide
// panels) 5 rows measured no better than 4 and maybe slower, so it keeps 4.
constexpr std::size_t kRows = kWidth == 4 ? 5 : 4;
// Rows per block on the short path (S ≤ kShortKeys): kDotRows-row dot blocks
// and its P·V measured best in blocks of 4 (a tutorial's 16 queries: 4+4+4+4,
// where 5-row blocks left a 1-row tail and ran 1.27× slower).
constexpr std::size_t kShortRows = 4;

inline std::size_t panelCount(std::size_t columns) { return (columns + kPanel - 1) / kPanel; }
inline std::size_t packedSize(std::size_t columns, std::size_t depth) { return panelCount(columns) * kPanel * depth; }

// Whether transpose4 exists: it is written for 4 lanes (SIMD128, SSE); AVX2's
// 8 lanes transpose element by element.
constexpr bool kHaveTranspose4 = kWidth == 4;

// A 4×4 block: rows a[r*lda .. +4) → columns, column c stored at out + c·ldo.
// Two rounds of zips (unpcklps/unpckhps, then their 64-bit forms), 8 shuffles
// for 16 values, where element by element it was 16 loads and 16 stores, each
// with its own address arithmetic. Called only where kHaveTranspose4 (with 8
// lanes the zips work within 128-bit halves and this would not transpose).
inline void transpose4(const float* a, std::size_t lda, float* out, std::size_t ldo) {
  using Pairs = xsimd::batch<double, Batch::arch_type>;
  const auto pairs = [](Batch x) { return xsimd::bitwise_cast<Pairs>(x); };
  const auto floats = [](Pairs x) { return xsimd::bitwise_cast<Batch>(x); };
  const Batch r0 = Batch::load_unaligned(a), r1 = Batch::load_unaligned(a + lda),
              r2 = Batch::load_unaligned(a + 2 * lda), r3 = Batch::load_unaligned(a + 3 * lda);
  const Pairs low01 = pairs(xsimd::zip_lo(r0, r1)), high01 = pairs(xsimd::zip_hi(r0, r1));
  const Pairs low23 = pairs(xsimd::zip_lo(r2, r3)), high23 = pairs(xsimd::zip_hi(r2, r3));
  floats(xsimd::zip_lo(low01, low23)).store_unaligned(out);
  floats(xsimd::zip_hi(low01, low23)).store_unaligned(out + ldo);
  floats(xsimd::zip_lo(high01, high23)).store_unaligned(out + 2 * ldo);
  floats(xsimd::zip_hi(high01, high23)).store_unaligned(out + 3 * ldo);
}

// B = rowsᵀ: rows [N,K] (row stride ld) → panels. Keys for Q·Kᵀ, weights for x·Wᵀ.
inline void packTransposed(const float* rows, std::size_t ld, std::size_t n, std::size_t depth, float* packed) {
  std::size_t j = 0;
  if constexpr (kHaveTranspose4) {
    // Whole panels first, both 4-row halves at each depth step, so the panel is written front to back: a half
    // at a time wrote each of its lines twice, a whole panel apart (96 KB at depth 3072, out of L1).
    for (; j + kPanel <= n; j += kPanel) {
      float* panel = packed + (j / kPanel) * kPanel * depth;
      std::size_t k = 0;
      for (; k + 4 <= depth; k += 4)
        for (std::size_t part = 0; part < kPanel; part += 4)
          transpose4(rows + (j + part) * ld + k, ld, panel + k * kPanel + part, kPanel);
      for (; k < depth; ++k)
        for (std::size_t c = 0; c < kPanel; ++c) panel[k * kPanel + c] = rows[(j + c) * ld + k];
    }
    // Whole 4×4 blocks of the last panel; the rows and depth they leave go element by element below.
    for (; j + 4 <= n; j += 4) {
      float* columns = packed + (j / kPanel) * kPanel * depth + j % kPanel;
      std::size_t k = 0;
      for (; k + 4 <= depth; k += 4) transpose4(rows + j * ld + k, ld, columns + k * kPanel, kPanel);
      for (; k < depth; ++k)
        for (std::size_t c = 0; c < 4; ++c) columns[k * kPanel + c] = rows[(j + c) * ld + k];
    }
  }
  for (; j < panelCount(n) * kPanel; ++j) {
    float* column = packed + (j / kPanel) * kPanel * depth + j % kPanel;
    if (j < n) {
      for (std::size_t k = 0; k < depth; ++k) column[k * kPanel] = rows[j * ld + k];
    } else {
      for (std::size_t k = 0; k < depth; ++k) column[k * kPanel] = 0.f;
    }
  }
}

// The first `count` floats of p (count ≤ kWidth), the other lanes `fill`.
inline Batch loadPartial(const float* p, std::size_t count, float fill = 0.f) {
  if (count == kWidth) return Batch::load_unaligned(p);
  alignas(64) float lanes[kWidth];
  for (std::size_t i = 0; i < kWidth; ++i) lanes[i] = i < count ? p[i] : fill;
  return Batch::load_aligned(lanes);
}

inline void storePartial(Batch x, float* p, std::size_t count) {
  if (count == kWidth) return x.store_unaligned(p);
  alignas(64) float lanes[kWidth];
  x.store_aligned(lanes);
  std::copy_n(lanes, count, p);
}

// A rows × kPanel block of C, in registers.
template <std::size_t Rows>
struct Tile {
  Batch c[Rows][kPanelVectors];

  static Tile zero() {
    Tile t;
    for (auto& row : t.c)
      for (Batch& v : row) v = Batch(0.f);
    return t;
  }

  // C[Rows, first `columns` of the panel] (row stride ldc); missing columns read as 0.
  static Tile load(const float* c, std::size_t ldc, std::size_t columns) {
    Tile t;
    for (std::size_t r = 0; r < Rows; ++r)
      for (std::size_t v = 0; v < kPanelVectors; ++v) t.c[r][v] = loadVector(c + r * ldc, v, columns);
    return t;
  }

  void store(float* c, std::size_t ldc, std::size_t columns) const {
    for (std::size_t r = 0; r < Rows; ++r)
      for (std::size_t v = 0; v < kPanelVectors; ++v) {
        if (v * kWidth >= columns) break;
        storePartial(this->c[r][v], c + r * ldc + v * kWidth, std::min(kWidth, columns - v * kWidth));
      }
  }

  void scale(Batch factor) {
    for (auto& row : c)
      for (Batch& v : row) v *= factor;
  }

  // c[r][·] += offset[·]: a bias per column, loaded once per panel.
  void add(const Batch (&offset)[kPanelVectors]) {
    for (auto& row : c)
      for (std::size_t v = 0; v < kPanelVectors; ++v) row[v] += offset[v];
  }

  // The panel-wide vector v of a row, zero past `columns`.
  static Batch loadVector(const float* row, std::size_t v, std::size_t columns) {
    return v * kWidth < columns ? loadPartial(row + v * kWidth, std::min(kWidth, columns - v * kWidth)) : Batch(0.f);
  }
};

// Rows [firstRow, firstRow + rows) of B [K,N] into its panels, from b [rows,N] (row stride ld): a part of a
// Conv1D weight as a load receives it. Vector copies: std::copy_n here became a memcpy call per 8 floats on
// WebAssembly.
inline void packColumnRows(const float* b, std::size_t ld, std::size_t firstRow, std::size_t rows, std::size_t depth,
                           std::size_t n, float* packed) {
  for (std::size_t p = 0; p < panelCount(n); ++p) {
    const std::size_t first = p * kPanel, count = std::min(kPanel, n - first);
    for (std::size_t k = 0; k < rows; ++k)
      for (std::size_t v = 0; v < kPanelVectors; ++v)
        Tile<1>::loadVector(b + k * ld + first, v, count)
            .store_unaligned(packed + (p * depth + firstRow + k) * kPanel + v * kWidth);
  }
}

// B as it is: [K,N] (row stride ld) → panels. Values for P·V.
inline void packColumns(const float* b, std::size_t ld, std::size_t depth, std::size_t n, float* packed) {
  packColumnRows(b, ld, 0, depth, depth, n, packed);
}

// A's rows interleaved: [Rows,depth] (row stride lda) → [depth][Rows], so a
// step of the hot loop reads its Rows values at fixed offsets from one pointer
// (one address update per step instead of one per row; on WebAssembly every
// address is integer work on the ports the f32x4 arithmetic needs).
template <std::size_t Rows>
[[gnu::noinline]] void interleaveRows(const float* a, std::size_t lda, std::size_t depth, float* interleaved) {
  std::size_t k = 0;
  if constexpr (kHaveTranspose4 && Rows >= 4)
    for (; k + 4 <= depth; k += 4) {
      transpose4(a + k, lda, interleaved + k * Rows, Rows);
      for (std::size_t c = 0; c < 4; ++c)
        for (std::size_t r = 4; r < Rows; ++r) interleaved[(k + c) * Rows + r] = a[r * lda + k + c];
    }
  for (; k < depth; ++k)
    for (std::size_t r = 0; r < Rows; ++r) interleaved[k * Rows + r] = a[r * lda + k];
}

// acc += A[Rows,depth] · B[depth][kPanel] (row stride ldb: kPanel when packed,
// or a row-major B's own stride), A interleaved. The hot loop, inlined into
// kernels that loop over several panels.
template <std::size_t Rows>
[[gnu::always_inline]] inline void multiplyAddInto(Tile<Rows>& acc, const float* interleaved, const float* b,
                                                   std::size_t depth, std::size_t ldb) {
  for (std::size_t k = 0; k < depth; ++k, interleaved += Rows, b += ldb) {
    Batch bRow[kPanelVectors];
    for (std::size_t v = 0; v < kPanelVectors; ++v) bRow[v] = Batch::load_unaligned(b + v * kWidth);
    for (std::size_t r = 0; r < Rows; ++r) {
      const Batch splat(interleaved[r]);
      for (std::size_t v = 0; v < kPanelVectors; ++v) acc.c[r][v] = xsimd::fma(splat, bRow[v], acc.c[r][v]);
    }
  }
}

// tile += A[Rows,depth] · panel [depth][kPanel], A interleaved, the panel packed:
// one panel, kept out of line like XNNPACK's micro-kernels. The accumulators are
// a local copy: through the reference, the compiler could not rule out that the
// loads alias the tile and stored all of it on every step.
template <std::size_t Rows>
[[gnu::noinline]] void multiplyAdd(const float* interleaved, const float* panel, std::size_t depth,
                                   Tile<Rows>& tile) {
  Tile<Rows> acc = tile;
  multiplyAddInto(acc, interleaved, panel, depth, kPanel);
  tile = acc;
}

// C[Rows, kPanel] (row stride ldc) = scale·(A[Rows,depth] · panel) (+ C when
// accumulating), A interleaved, every column of the panel present: multiplyAdd
// with the tile's start and end inside, so the tile goes between registers and
// C without a stack copy on each side of the call.
template <std::size_t Rows>
[[gnu::noinline]] void panelProduct(const float* interleaved, const float* panel, std::size_t depth, float* c,
                                    std::size_t ldc, float scale, bool accumulate) {
  Tile<Rows> tile;
  for (std::size_t r = 0; r < Rows; ++r)
    for (std::size_t v = 0; v < kPanelVectors; ++v)
      tile.c[r][v] = accumulate ? Batch::load_unaligned(c + r * ldc + v * kWidth) : Batch(0.f);
  multiplyAddInto(tile, interleaved, panel, depth, kPanel);
  for (std::size_t r = 0; r < Rows; ++r)
    for (std::size_t v = 0; v < kPanelVectors; ++v) (tile.c[r][v] * Batch(scale)).store_unaligned(c + r * ldc + v * kWidth);
}

template <std::size_t Rows>
using RowCount = std::integral_constant<std::size_t, Rows>;

template <std::size_t Rows, class Body>
inline void lastRowBlock(std::size_t left, std::size_t first, Body& body) {
  if constexpr (Rows > 0) {
    if (left == Rows) return body(RowCount<Rows>{}, first);
    lastRowBlock<Rows - 1>(left, first, body);
  }
}

// body(RowCount<R>{}, firstRow) over blocks of BlockRows rows, then one shorter
// block for the rest, so each block size is a compile-time constant.
template <std::size_t BlockRows = kRows, class Body>
inline void forRowBlocks(std::size_t rows, Body&& body) {
  std::size_t i = 0;
  for (; i + BlockRows <= rows; i += BlockRows) body(RowCount<BlockRows>{}, i);
  lastRowBlock<BlockRows - 1>(rows - i, i, body);
}

}  // namespace jumok::simd
