// e^x on a whole batch, for the softmax: xsimd::exp handles every special case
// and, on WebAssembly, converts float→int lane by lane (Emscripten 3.1.6
// emulates _mm_cvttps_epi32 with scalar code). This one needs only mul, add,
// an integer shift and one max, all single SIMD128 instructions.
//
// Cephes expf: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6 polynomial
// (≈1 ulp), 2^n built in the exponent bits, n from "magic number" rounding.
#pragma once
#include <cstdint>

#include <xsimd/xsimd.hpp>

#include "jumok/kernels/simd_max.hpp"

namespace jumok::simd {

// For x ≤ 0, the softmax's domain (it subtracts the row's max first), so there
// is no overflow to clamp. Below, x is raised to −88, where n = −127 and the
// biased exponent of 2^n is 0: the result is exactly 0, for −∞ (padding lanes)
// too, with one max and no compare-and-mask (five instructions in V8's code).
// Between −88 and ln(2^-126) ≈ −87.34 the results are subnormal or 0; a softmax
// weight that small is 0 at float precision anyway. x must not be NaN (the
// softmax's scores never are): through maxOf, NaN stays NaN on WebAssembly and
// becomes e^−88 = 0 natively.
template <class Batch>
inline Batch exp(Batch x) {
  using Ints = xsimd::batch<std::int32_t, typename Batch::arch_type>;
  x = maxOf(x, Batch(-88.f));
  // Adding 1.5·2^23 leaves round(x·log2 e) in the low mantissa bits; the extra
  // 127 is the exponent bias, so those bits are already n + 127.
  const Batch magic(12582912.f + 127.f);
  const Batch shifted = x * Batch(1.44269504088896341f) + magic;
  const Batch n = shifted - magic;
  // ln 2 in two parts, so n·ln2 is exact in the first and r keeps its low bits.
  Batch r = x - n * Batch(0.693359375f);
  r = r - n * Batch(-2.12194440e-4f);
  // The degree-5 part by Estrin's scheme: three independent pairs, then two
  // steps in r², a chain of 6 operations instead of Horner's 10 (the exp was
  // latency-bound: the softmax waited on it more than on its arithmetic).
  const Batch r2 = r * r;
  const Batch low = Batch(1.6666665459e-1f) * r + Batch(5.0000001201e-1f);     // r⁰, r¹
  const Batch middle = Batch(8.3334519073e-3f) * r + Batch(4.1665795894e-2f);  // r², r³
  const Batch high = Batch(1.9875691500e-4f) * r + Batch(1.3981999507e-3f);    // r⁴, r⁵
  const Batch p = ((high * r2 + middle) * r2 + low) * r2 + r + Batch(1.f);
  // The shift keeps the 9 low bits, n + 127, as the exponent field of 2^n
  // (the magic number's own 0x400000 bit shifts out).
  const Ints exponent = xsimd::bitwise_cast<Ints>(shifted) << 23;
  return p * xsimd::bitwise_cast<Batch>(exponent);
}

}  // namespace jumok::simd
