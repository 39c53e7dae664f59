// Loading a checkpoint's tensors into a Transformer (model.hpp): names resolved
// with or without the base model's prefix, dtypes widened to float32, shapes
// checked against config.json.
#include <cstring>

#include "jumok/text.hpp"
#include "jumok/validate.hpp"
#include "transformer/model.hpp"
#include "transformer/weights.hpp"

namespace jumok::transformer {
namespace {

// A part of a tensor a loader passes at once (Transformer::storeTensorPart): small enough that its copy into
// wasm memory, the finite check and the packing that read it again all find it in L2 (2 MB a core here), where a
// whole tensor (94 MB of word embeddings) went out to memory between them; large enough that the calls per part
// cost nothing against its bytes.
constexpr std::uint64_t kPartBytes = 256 * 1024;

// Bytes per value of the dtypes a needed tensor may have.
std::size_t dtypeSize(const std::string& dtype) {
  if (dtype == "F32") return 4;
  if (dtype == "F16" || dtype == "BF16") return 2;
  return 0;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
  Text text;
  text << "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text << (i ? "," : "") << shape[i];
  text << "]";
  return text.str();
}

float fromHalf(std::uint16_t half) {
  const std::uint32_t sign = static_cast<std::uint32_t>(half & 0x8000u) << 16;
  std::uint32_t exponent = (half >> 10) & 0x1fu, mantissa = half & 0x3ffu, bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);  // infinity, NaN
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {  // subnormal: normalise
    exponent = 113;
    while (!(mantissa & 0x400u)) {
      mantissa <<= 1;
      --exponent;
    }
    bits = sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13);
  }
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

// The stored values as float32 (F16 and BF16 widen exactly).
void widen(const std::string& dtype, const unsigned char* bytes, std::size_t count, float* out) {
  if (dtype == "F32") {
    std::memcpy(out, bytes, count * 4);
    return;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint16_t half = static_cast<std::uint16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8));
    if (dtype == "BF16") {
      const std::uint32_t bits = static_cast<std::uint32_t>(half) << 16;
      std::memcpy(out + i, &bits, 4);
    } else {
      out[i] = fromHalf(half);
    }
  }
}

// The names a checkpoint name may stand for: as it is, without the base prefix, and with TF-era LayerNorm names.
std::vector<std::string> candidates(const std::string& name, const char* prefix) {
  std::vector<std::string> names{name};
  const std::size_t prefixLength = std::strlen(prefix);
  if (name.compare(0, prefixLength, prefix) == 0) names.push_back(name.substr(prefixLength));
  for (std::size_t i = 0, n = names.size(); i < n; ++i) {
    const std::string& base = names[i];
    for (const auto& [old, now] : {std::pair<const char*, const char*>{".gamma", ".weight"}, {".beta", ".bias"}}) {
      const std::size_t length = std::strlen(old);
      if (base.size() > length && base.compare(base.size() - length, length, old) == 0)
        names.push_back(base.substr(0, base.size() - length) + now);
    }
  }
  return names;
}

// Rows of the first dimension (a single value is one row).
std::uint64_t rowsOf(const TensorSpec& spec) {
  return spec.shape.empty() ? 1 : static_cast<std::uint64_t>(spec.shape.front());
}

}  // namespace

Transformer::Transformer(const ModelConfig& config, KernelFamily kernels)
    : config_(config), kernels_(kHaveSimd ? kernels : KernelFamily::Scalar), weights_(std::make_unique<Weights>()) {
  specs_ = tensorSpecs(config_, *weights_, kernels_);
}

Transformer::~Transformer() = default;

std::uint64_t Transformer::expectedFloats() const {
  std::uint64_t total = 0;
  for (const TensorSpec& spec : specs_) total += spec.count();
  return total;
}

std::uint64_t Transformer::loadedFloats() const {
  std::uint64_t total = 0;
  for (const TensorSpec& spec : specs_) total += spec.loaded ? spec.count() : 0;
  return total;
}

std::vector<std::pair<std::string, std::vector<std::int64_t>>> Transformer::expectedTensors() const {
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> tensors;
  for (const TensorSpec& spec : specs_) tensors.emplace_back(spec.names.front(), spec.shape);
  return tensors;
}

std::uint64_t Transformer::largestTensorFloats() const {
  std::uint64_t largest = 0;
  for (const TensorSpec& spec : specs_) largest = std::max(largest, spec.count());
  return largest;
}

bool Transformer::hasHead() const {
  switch (config_.architecture) {
    case Architecture::kBert:
    case Architecture::kRoberta: return !weights_->headBias.empty();
    case Architecture::kGpt2:
    case Architecture::kLlama: return config_.tieWordEmbeddings || weights_->lmHead.outDim() > 0;
    case Architecture::kMarian: return true;
  }
  return false;
}

Status Transformer::beginTensor(const std::string& name, const std::string& dtype,
                                const std::vector<std::int64_t>& shape, std::uint64_t byteLength, bool& wanted) {
  wanted = false;
  pending_ = -1;
  if (loaded_) return Status::error("this model is loaded already; expected no more tensors");
  TensorSpec* match = nullptr;
  bool alias = false;
  for (const std::string& candidate : candidates(name, basePrefix(config_.architecture))) {
    for (TensorSpec& spec : specs_) {
      const auto found = std::find(spec.names.begin(), spec.names.end(), candidate);
      if (found == spec.names.end()) continue;
      match = &spec;
      alias = found != spec.names.begin();
      break;
    }
    if (match) break;
  }
  if (!match) {
    unused_.push_back(name);
    return Status::ok();
  }
  if (match->loaded) {
    if (alias || match->loadedFrom != name) {  // a tied copy of a weight loaded under another name
      unused_.push_back(name);
      return Status::ok();
    }
    return Status::error(concat("tensor ", name, " appears twice in the checkpoint; expected each tensor once"));
  }
  const std::size_t size = dtypeSize(dtype);
  if (size == 0) {
    return Status::error(concat("tensor ", name, " is stored as ", dtype, "; expected F32, F16 or BF16 for a weight ",
                                "the model uses"));
  }
  if (shape != match->shape) {
    return Status::error(concat("tensor ", name, " has shape ", shapeText(shape), ", expected ",
                                shapeText(match->shape), " from config.json"));
  }
  if (byteLength != match->count() * size) {
    return Status::error(concat("tensor ", name, " has ", byteLength, " bytes of data, expected ",
                                match->count() * size, " for shape ", shapeText(shape), " in ", dtype));
  }
  pending_ = match - specs_.data();
  pendingDtype_ = dtype;
  pendingName_ = name;
  rowsStored_ = 0;
  wanted = true;
  return Status::ok();
}

std::uint64_t Transformer::pendingRowBytes() const {
  const TensorSpec& spec = specs_[static_cast<std::size_t>(pending_)];
  const std::uint64_t rows = rowsOf(spec);
  return rows == 0 ? 0 : spec.count() / rows * dtypeSize(pendingDtype_);
}

std::uint64_t Transformer::pendingPartRows() const {
  const TensorSpec& spec = specs_[static_cast<std::size_t>(pending_)];
  const std::uint64_t rows = rowsOf(spec), rowBytes = pendingRowBytes();
  if (!spec.storeRows || rowBytes == 0) return rows;
  const std::uint64_t multiple = PackedMatrix::kRowMultiple;
  return std::min(rows, std::max(multiple, kPartBytes / rowBytes / multiple * multiple));
}

std::uint64_t Transformer::partBytes() const { return pending_ < 0 ? 0 : pendingPartRows() * pendingRowBytes(); }

Status Transformer::storeTensor(const void* bytes) {
  if (pending_ < 0) return Status::error("storeTensor without a tensor that beginTensor accepted");
  return storeRows(bytes, specs_[static_cast<std::size_t>(pending_)].count() * dtypeSize(pendingDtype_), false);
}

Status Transformer::storeTensorPart(const void* bytes, std::uint64_t byteLength) {
  if (pending_ < 0) return Status::error("storeTensorPart without a tensor that beginTensor accepted");
  return storeRows(bytes, byteLength, true);
}

Status Transformer::storeRows(const void* bytes, std::uint64_t byteLength, bool parted) {
  TensorSpec& spec = specs_[static_cast<std::size_t>(pending_)];
  const std::uint64_t allRows = rowsOf(spec), rowBytes = pendingRowBytes(), left = allRows - rowsStored_;
  const std::uint64_t expected = (parted ? std::min(pendingPartRows(), left) : left) * rowBytes;
  if (byteLength != expected) {
    pending_ = -1;
    return Status::error(concat("tensor ", pendingName_, ": ", byteLength, " bytes stored at once, expected ", expected,
                                parted ? " (the next part)" : " (the rest of the tensor)"));
  }
  const std::uint64_t rows = rowBytes == 0 ? left : byteLength / rowBytes;
  const std::size_t rowLength = allRows == 0 ? 0 : static_cast<std::size_t>(spec.count() / allRows);
  const std::size_t count = static_cast<std::size_t>(rows) * rowLength;
  const bool aligned = reinterpret_cast<std::uintptr_t>(bytes) % alignof(float) == 0;
  const float* values = static_cast<const float*>(bytes);  // already float32: no copy
  if (pendingDtype_ != "F32" || !aligned) {
    converted_.resize(count);
    widen(pendingDtype_, static_cast<const unsigned char*>(bytes), count, converted_.data());
    values = converted_.data();
  }
  // A NaN or an infinity in a weight would make every heatmap after it NaN: refused here, where it has a name.
  float largest = 0;
  const Status finite = checkFinite(concat("tensor ", pendingName_), {values, count}, &largest,
                                    static_cast<std::size_t>(rowsStored_) * rowLength);
  if (!finite.isOk()) {
    pending_ = -1;
    return finite;
  }
  if (spec.storeRows) {
    spec.storeRows(values, static_cast<std::size_t>(rowsStored_), static_cast<std::size_t>(rows));
  } else {
    spec.store(values);  // one part: the whole tensor
  }
  rowsStored_ += rows;
  if (rowsStored_ == allRows) {
    spec.loaded = true;
    spec.loadedFrom = pendingName_;
    pending_ = -1;
  }
  return Status::ok();
}

Status Transformer::finishLoading() {
  std::vector<float>().swap(converted_);
  const char* prefix = basePrefix(config_.architecture);
  std::size_t headLoaded = 0;
  const TensorSpec* headMissing = nullptr;
  for (const TensorSpec& spec : specs_) {
    if (spec.need == Need::kRequired && !spec.loaded) {
      return Status::error(concat("the checkpoint has no tensor ", spec.names.front(), " (with or without the prefix ",
                                  prefix, "); expected every weight of a ", kArchitectureNames[static_cast<int>(
                                  config_.architecture)], " model of the sizes in config.json"));
    }
    if (spec.need == Need::kHead) {
      headLoaded += spec.loaded;
      if (!spec.loaded && !headMissing) headMissing = &spec;
    }
  }
  if (headLoaded > 0 && headMissing) {
    return Status::error(concat("the checkpoint has part of the language-model head but no tensor ",
                                headMissing->names.front(), "; expected all of the head or none of it"));
  }
  loaded_ = true;
  return Status::ok();
}

}  // namespace jumok::transformer
