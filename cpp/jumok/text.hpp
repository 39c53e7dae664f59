// Messages built from text and numbers without <sstream>: an ostringstream
// brings libc++'s locale and iostream machinery, about 80 KB of the 207 KB of
// WebAssembly code, for error messages that only join strings and numbers.
// Numbers print as an ostream prints them: integers in decimal, floating point
// as printf's %g with `precision` significant digits (6 unless told otherwise).
#pragma once
#include <charconv>
#include <cstdio>
#include <string>
#include <type_traits>

namespace jumok {

class Text {
 public:
  explicit Text(int precision = 6) : precision_(precision) {}

  Text& operator<<(const char* text) { return append(text); }
  Text& operator<<(const std::string& text) { return append(text); }
  Text& operator<<(char character) { return append(std::string(1, character)); }
  Text& operator<<(double value) {
    char digits[32];
    const int length = std::snprintf(digits, sizeof digits, "%.*g", precision_, value);
    return append(std::string(digits, static_cast<std::size_t>(length)));
  }
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
  Text& operator<<(Integer value) {
    char digits[24];
    return append(std::string(digits, std::to_chars(digits, digits + sizeof digits, value).ptr));
  }

  const std::string& str() const { return text_; }

 private:
  Text& append(const std::string& text) {
    text_ += text;
    return *this;
  }

  std::string text_;
  int precision_;
};

// The parts one after another, as Text prints them.
template <class... Parts>
std::string concat(const Parts&... parts) {
  Text text;
  (text << ... << parts);
  return text.str();
}

}  // namespace jumok
