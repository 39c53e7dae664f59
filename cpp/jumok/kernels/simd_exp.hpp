// e^x on a whole batch, for the softmax: xsimd::exp handles every special case
// and, on WebAssembly, converts float→int lane by lane (Emscripten 3.1.6
// emulates _mm_cvttps_epi32 with scalar code). This one needs only mul, add,
// integer add/shift and a select, all single SIMD128 instructions.
//
// Cephes expf: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6 polynomial
// (≈1 ulp), 2^n built in the exponent bits. n comes from the "magic number"
// rounding: adding 1.5·2^23 leaves round(x·log2 e) in the low mantissa bits.
#pragma once
#include <cstdint>

#include <xsimd/xsimd.hpp>

namespace jumok::simd {

template <class Batch>
inline Batch exp(Batch x) {
  using Ints = xsimd::batch<std::int32_t, typename Batch::arch_type>;
  // Below ln(2^-126) the result would be subnormal; expf gives ≤ 1.2e-38 there,
  // we give 0 (a softmax weight that small is 0 at float precision anyway).
  const Batch lowest(-87.33654475f), highest(88.3762626647949f);
  const Batch magic(12582912.f);  // 1.5·2^23
  x = xsimd::min(x, highest);
  const Batch shifted = x * Batch(1.44269504088896341f) + magic;
  const Batch n = shifted - magic;
  // ln 2 in two parts, so n·ln2 is exact in the first and r keeps its low bits.
  Batch r = x - n * Batch(0.693359375f);
  r = r - n * Batch(-2.12194440e-4f);
  Batch p(1.9875691500e-4f);
  p = p * r + Batch(1.3981999507e-3f);
  p = p * r + Batch(8.3334519073e-3f);
  p = p * r + Batch(4.1665795894e-2f);
  p = p * r + Batch(1.6666665459e-1f);
  p = p * r + Batch(5.0000001201e-1f);
  p = p * (r * r) + r + Batch(1.f);
  // The low bits of `shifted` are n + 0x400000; the shift drops everything above
  // the 9 bits that hold n + 127, the biased exponent of 2^n.
  const Ints exponent = (xsimd::bitwise_cast<Ints>(shifted) + Ints(127)) << 23;
  const Batch result = p * xsimd::bitwise_cast<Batch>(exponent);
  return xsimd::select(x < lowest, Batch(0.f), result);
}

}  // namespace jumok::simd
