// Shared by the native tests: golden-case loading and tolerant comparison.
#pragma once
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "jumok/multi_head.hpp"

namespace jumok::test {

inline nlohmann::json loadGolden(const std::string& name) {
  std::ifstream file(std::string(JUMOK_GOLDEN_DIR) + "/" + name + ".json");
  if (!file) throw std::runtime_error("cannot open golden case " + name + " in " JUMOK_GOLDEN_DIR);
  return nlohmann::json::parse(file);
}

inline std::vector<float> floats(const nlohmann::json& values) {
  std::vector<float> out;
  if (values.is_null()) return out;
  for (const auto& v : values) out.push_back(v.get<float>());
  return out;
}

inline std::vector<std::int32_t> ints(const nlohmann::json& values) {
  std::vector<std::int32_t> out;
  if (values.is_null()) return out;
  for (const auto& v : values) out.push_back(v.get<std::int32_t>());
  return out;
}

template <class T>
Span<const T> span(const std::vector<T>& v) {
  return v.empty() ? Span<const T>{} : Span<const T>{v.data(), v.size()};
}
inline OutputFloats writable(std::vector<float>& v) { return {v.data(), v.size()}; }

// 1e-5 relative to the largest magnitude in the expected values (at least 1).
inline void expectClose(const std::vector<float>& got, const std::vector<float>& want, const char* what,
                        double tolerance = 1e-5) {
  ASSERT_EQ(got.size(), want.size()) << what;
  double scale = 1.0;
  for (float w : want) scale = std::max(scale, static_cast<double>(std::fabs(w)));
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_NEAR(got[i], want[i], tolerance * scale) << what << "[" << i << "]";
  }
}

inline std::vector<float> randomFloats(std::size_t count, std::uint32_t seed, float range = 1.f) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<float> dist(-range, range);
  std::vector<float> out(count);
  for (float& v : out) v = dist(engine);
  return out;
}

// Kernel families built into this binary, for parameterised tests.
inline std::vector<KernelFamily> allKernels() {
  std::vector<KernelFamily> families{KernelFamily::Scalar};
  if (kHaveSimd) families.push_back(KernelFamily::Simd);
  return families;
}

inline std::string kernelName(const testing::TestParamInfo<KernelFamily>& info) {
  return info.param == KernelFamily::Simd ? "Simd" : "Scalar";
}

}  // namespace jumok::test

namespace jumok {
// Readable parameter names in test output.
inline void PrintTo(KernelFamily family, std::ostream* os) { *os << (family == KernelFamily::Simd ? "simd" : "scalar"); }
}  // namespace jumok
