// Reads a Hugging Face checkpoint folder into a Transformer for the native tests: config.json through
// nlohmann into ConfigFields, and model.safetensors (or the shards model.safetensors.index.json lists) tensor by
// tensor. The package does the same in TypeScript (web/src/checkpoint); this is the tests' own reader.
#pragma once
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "transformer/model.hpp"

namespace jumok::test {

inline std::string readFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot open " + path);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

inline transformer::ConfigFields configFields(const nlohmann::json& config) {
  using transformer::ConfigValue;
  transformer::ConfigFields fields;
  for (const auto& [name, value] : config.items()) {
    if (value.is_number()) fields[name] = ConfigValue::ofNumber(value.get<double>());
    else if (value.is_string()) fields[name] = ConfigValue::ofString(value.get<std::string>());
    else if (value.is_boolean()) fields[name] = ConfigValue::ofBool(value.get<bool>());
    else if (value.is_null()) fields[name] = ConfigValue::ofNull();
    else fields[name] = ConfigValue::ofOther();
  }
  return fields;
}

// Feeds every tensor of one safetensors file to the model; the first error stops it.
inline Status loadSafetensors(const std::string& path, transformer::Transformer& model) {
  const std::string bytes = readFile(path);
  std::uint64_t headerLength = 0;
  for (int i = 7; i >= 0; --i) headerLength = (headerLength << 8) | static_cast<unsigned char>(bytes[i]);
  const auto header = nlohmann::json::parse(bytes.substr(8, headerLength));
  const char* data = bytes.data() + 8 + headerLength;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") continue;
    const auto offsets = entry["data_offsets"].get<std::vector<std::uint64_t>>();
    bool wanted = false;
    JUMOK_RETURN_IF_ERROR(model.beginTensor(name, entry["dtype"].get<std::string>(),
                                            entry["shape"].get<std::vector<std::int64_t>>(), offsets[1] - offsets[0],
                                            wanted));
    if (!wanted) continue;
    // An aligned copy, as the package's staging buffer is.
    std::vector<float> aligned((offsets[1] - offsets[0] + 3) / 4);
    std::memcpy(aligned.data(), data + offsets[0], offsets[1] - offsets[0]);
    JUMOK_RETURN_IF_ERROR(model.storeTensor(aligned.data()));
  }
  return Status::ok();
}

inline std::unique_ptr<transformer::Transformer> loadCheckpoint(const std::string& folder, KernelFamily kernels) {
  transformer::ModelConfig config;
  const Status parsed = transformer::parseConfig(configFields(nlohmann::json::parse(readFile(folder + "/config.json"))), config);
  if (!parsed.isOk()) throw std::runtime_error(parsed.message());
  auto model = std::make_unique<transformer::Transformer>(config, kernels);
  std::vector<std::string> files;
  std::ifstream index(folder + "/model.safetensors.index.json");
  if (index) {
    std::set<std::string> shards;
    const auto map = nlohmann::json::parse(index)["weight_map"];
    for (const auto& [name, file] : map.items()) shards.insert(file.get<std::string>());
    files.assign(shards.begin(), shards.end());
  } else {
    files.push_back("model.safetensors");
  }
  for (const auto& file : files) {
    const Status status = loadSafetensors(folder + "/" + file, *model);
    if (!status.isOk()) throw std::runtime_error(status.message());
  }
  const Status finished = model->finishLoading();
  if (!finished.isOk()) throw std::runtime_error(finished.message());
  return model;
}

}  // namespace jumok::test
