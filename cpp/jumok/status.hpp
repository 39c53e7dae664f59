// Errors as values: the core is built without exceptions for WebAssembly, and
// the bindings turn a failed Status into a JS Error carrying this message.
#pragma once
#include <string>
#include <utility>

namespace jumok {

class Status {
 public:
  static Status ok() { return Status(); }
  static Status error(std::string message) { return Status(std::move(message)); }

  bool isOk() const { return message_.empty(); }
  const std::string& message() const { return message_; }

 private:
  Status() = default;
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::string message_;
};

// Stops the enclosing function at the first failed check.
#define JUMOK_RETURN_IF_ERROR(expr)           \
  do {                                        \
    ::jumok::Status status_ = (expr);         \
    if (!status_.isOk()) return status_;      \
  } while (false)

}  // namespace jumok
