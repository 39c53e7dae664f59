// A pointer with its length: the core checks every length it is handed, so
// inputs travel with their sizes (C++17 has no std::span).
#pragma once
#include <cstddef>

namespace jumok {

template <class T>
struct Span {
  T* data = nullptr;
  std::size_t size = 0;

  bool empty() const { return data == nullptr; }
  T& operator[](std::size_t i) const { return data[i]; }
};

using InputFloats = Span<const float>;
using OutputFloats = Span<float>;

}  // namespace jumok
