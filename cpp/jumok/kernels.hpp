// Which kernel family runs the hot loops. The SIMD family exists only where the
// build enables it (JUMOK_WITH_SIMD); the scalar one always does.
#pragma once

namespace jumok {

enum class KernelFamily { Scalar, Simd };

#if JUMOK_WITH_SIMD
constexpr bool kHaveSimd = true;
constexpr KernelFamily kBestKernels = KernelFamily::Simd;
#else
constexpr bool kHaveSimd = false;
constexpr KernelFamily kBestKernels = KernelFamily::Scalar;
#endif

}  // namespace jumok
