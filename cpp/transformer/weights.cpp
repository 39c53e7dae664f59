#include "transformer/weights.hpp"

#include <algorithm>

#include "jumok/text.hpp"

namespace jumok::transformer {
namespace {

using Shape = std::vector<std::int64_t>;

// Appends specs with names under one prefix ("encoder.layer.0.").
class SpecList {
 public:
  SpecList(std::vector<TensorSpec>& specs, KernelFamily kernels) : specs_(specs), kernels_(kernels) {}

  void vector(const std::string& name, std::vector<float>& into, std::int64_t size, Need need = Need::kRequired) {
    add({name}, {size}, need, [&into, size](const float* values) { into.assign(values, values + size); });
  }

  // The word embeddings [vocab, E]: packed like any linear weight, since a tied LM head multiplies by them, and
  // looked up there (PackedMatrix::copyRow), so they are held once.
  void words(std::vector<std::string> names, PackedMatrix& into, std::int64_t rows, std::int64_t columns) {
    packedRows(std::move(names), into, rows, columns, Need::kRequired);
  }

  // A [rows, columns] table kept as it is (position and token-type embeddings).
  void table(std::vector<std::string> names, std::vector<float>& into, std::int64_t rows, std::int64_t columns) {
    const std::size_t width = static_cast<std::size_t>(columns);
    addRows(std::move(names), {rows, columns}, Need::kRequired, [&into, rows, width](const float* values, std::size_t first,
                                                                                      std::size_t count) {
      if (first == 0) into.resize(static_cast<std::size_t>(rows) * width);
      std::copy_n(values, count * width, into.data() + first * width);
    });
  }

  // nn.Linear: weight [out,in], bias [out] when `bias`.
  void linear(const std::string& name, Linear& into, std::int64_t out, std::int64_t in, bool bias = true,
              Need need = Need::kRequired) {
    packedRows({name + ".weight"}, into.weight, out, in, need);
    if (bias) vector(name + ".bias", into.bias, out, need);
  }

  // A weight [out, in] packed as nn.Linear's (PackedMatrix::packRows).
  void packedRows(std::vector<std::string> names, PackedMatrix& into, std::int64_t out, std::int64_t in, Need need) {
    const KernelFamily kernels = kernels_;
    addRows(std::move(names), {out, in}, need, [&into, out, in, kernels](const float* values, std::size_t first,
                                                                          std::size_t count) {
      if (first == 0) into = PackedMatrix::ofSize(static_cast<std::size_t>(out), static_cast<std::size_t>(in), kernels);
      into.packRows(values, first, count);
    });
  }

  // GPT-2's Conv1D: weight [in, parts·out] (y = x·W), bias [parts·out], split into `parts` matrices of `out` columns
  // (c_attn's [q|k|v]).
  void conv1d(const std::string& name, std::vector<Linear*> into, std::int64_t in, std::int64_t out) {
    const std::int64_t width = out * static_cast<std::int64_t>(into.size());
    const KernelFamily kernels = kernels_;
    addRows({name + ".weight"}, {in, width}, Need::kRequired, [into, in, out, width, kernels](const float* values,
                                                                                              std::size_t first,
                                                                                              std::size_t count) {
      const std::size_t columns = static_cast<std::size_t>(out);
      for (std::size_t part = 0; part < into.size(); ++part) {
        PackedMatrix& weight = into[part]->weight;
        if (first == 0) weight = PackedMatrix::ofSize(columns, static_cast<std::size_t>(in), kernels);
        weight.packColumnRows(values, static_cast<std::size_t>(width), part * columns, first, count);
      }
    });
    add({name + ".bias"}, {width}, Need::kRequired, [into, out](const float* values) {
      for (std::size_t part = 0; part < into.size(); ++part)
        into[part]->bias.assign(values + part * out, values + (part + 1) * out);
    });
  }

  void layerNorm(const std::string& name, Norm& into, std::int64_t size, Need need = Need::kRequired) {
    vector(name + ".weight", into.gamma, size, need);
    vector(name + ".bias", into.beta, size, need);
  }

  void rmsNorm(const std::string& name, Norm& into, std::int64_t size) { vector(name + ".weight", into.gamma, size); }

  void add(std::vector<std::string> names, Shape shape, Need need, std::function<void(const float*)> store) {
    specs_.push_back({std::move(names), std::move(shape), need, std::move(store), {}, false, {}});
  }

  // A tensor that may arrive a part at a time; whole, it is one part.
  void addRows(std::vector<std::string> names, Shape shape, Need need,
               std::function<void(const float*, std::size_t, std::size_t)> storeRows) {
    const std::size_t rows = static_cast<std::size_t>(shape.front());
    auto whole = [storeRows, rows](const float* values) { storeRows(values, 0, rows); };
    specs_.push_back({std::move(names), std::move(shape), need, std::move(whole), std::move(storeRows), false, {}});
  }

 private:
  std::vector<TensorSpec>& specs_;
  KernelFamily kernels_;
};

std::string layerName(const char* stack, std::size_t layer) { return concat(stack, layer, "."); }

// BertModel / RobertaModel, with BertForMaskedLM's cls.predictions or RobertaForMaskedLM's lm_head.
void bertSpecs(const ModelConfig& c, Weights& w, SpecList& specs) {
  const std::int64_t E = c.hiddenSize, F = c.stack.ffnDim, V = c.vocabSize;
  specs.words({"embeddings.word_embeddings.weight"}, w.words, V, E);
  specs.table({"embeddings.position_embeddings.weight"}, w.positions, c.maxPositions, E);
  specs.table({"embeddings.token_type_embeddings.weight"}, w.tokenTypes, c.typeVocabSize, E);
  specs.layerNorm("embeddings.LayerNorm", w.embeddingNorm, E);
  for (std::size_t i = 0; i < w.stack.layers.size(); ++i) {
    Layer& layer = w.stack.layers[i];
    const std::string p = layerName("encoder.layer.", i);
    specs.linear(p + "attention.self.query", layer.selfAttention.query, E, E);
    specs.linear(p + "attention.self.key", layer.selfAttention.key, E, E);
    specs.linear(p + "attention.self.value", layer.selfAttention.value, E, E);
    specs.linear(p + "attention.output.dense", layer.selfAttention.output, E, E);
    specs.layerNorm(p + "attention.output.LayerNorm", layer.selfNorm, E);
    specs.linear(p + "intermediate.dense", layer.up, F, E);
    specs.linear(p + "output.dense", layer.down, E, F);
    specs.layerNorm(p + "output.LayerNorm", layer.feedForwardNorm, E);
  }
  const bool roberta = c.architecture == Architecture::kRoberta;
  const std::string head = roberta ? "lm_head." : "cls.predictions.";
  specs.linear(head + (roberta ? "dense" : "transform.dense"), w.headTransform, E, E, true, Need::kHead);
  specs.layerNorm(head + (roberta ? "layer_norm" : "transform.LayerNorm"), w.headNorm, E, Need::kHead);
  specs.vector(head + "bias", w.headBias, V, Need::kHead);
}

// GPT2Model / GPT2LMHeadModel (the head is wte unless tie_word_embeddings is false).
void gpt2Specs(const ModelConfig& c, Weights& w, SpecList& specs) {
  const std::int64_t E = c.hiddenSize, F = c.stack.ffnDim;
  specs.words({"wte.weight"}, w.words, c.vocabSize, E);
  specs.table({"wpe.weight"}, w.positions, c.maxPositions, E);
  for (std::size_t i = 0; i < w.stack.layers.size(); ++i) {
    Layer& layer = w.stack.layers[i];
    AttentionWeights& a = layer.selfAttention;
    const std::string p = layerName("h.", i);
    specs.layerNorm(p + "ln_1", layer.selfNorm, E);
    specs.conv1d(p + "attn.c_attn", {&a.query, &a.key, &a.value}, E, E);
    specs.conv1d(p + "attn.c_proj", {&a.output}, E, E);
    specs.layerNorm(p + "ln_2", layer.feedForwardNorm, E);
    specs.conv1d(p + "mlp.c_fc", {&layer.up}, E, F);
    specs.conv1d(p + "mlp.c_proj", {&layer.down}, F, E);
  }
  specs.layerNorm("ln_f", w.stack.finalNorm, E);
}

// LlamaModel / LlamaForCausalLM.
void llamaSpecs(const ModelConfig& c, Weights& w, SpecList& specs) {
  const std::int64_t E = c.hiddenSize, F = c.stack.ffnDim, D = c.stack.headDim;
  const std::int64_t queryWidth = c.stack.heads * D, keyWidth = c.stack.kvHeads * D;
  specs.words({"embed_tokens.weight"}, w.words, c.vocabSize, E);
  for (std::size_t i = 0; i < w.stack.layers.size(); ++i) {
    Layer& layer = w.stack.layers[i];
    AttentionWeights& a = layer.selfAttention;
    const std::string p = layerName("layers.", i);
    specs.rmsNorm(p + "input_layernorm", layer.selfNorm, E);
    specs.linear(p + "self_attn.q_proj", a.query, queryWidth, E, c.attentionBias);
    specs.linear(p + "self_attn.k_proj", a.key, keyWidth, E, c.attentionBias);
    specs.linear(p + "self_attn.v_proj", a.value, keyWidth, E, c.attentionBias);
    specs.linear(p + "self_attn.o_proj", a.output, E, queryWidth, c.attentionBias);
    specs.rmsNorm(p + "post_attention_layernorm", layer.feedForwardNorm, E);
    specs.linear(p + "mlp.gate_proj", layer.gate, F, E, c.mlpBias);
    specs.linear(p + "mlp.up_proj", layer.up, F, E, c.mlpBias);
    specs.linear(p + "mlp.down_proj", layer.down, E, F, c.mlpBias);
  }
  specs.rmsNorm("norm", w.stack.finalNorm, E);
}

void marianAttentionSpecs(const std::string& name, AttentionWeights& a, std::int64_t E, SpecList& specs) {
  specs.linear(name + ".q_proj", a.query, E, E);
  specs.linear(name + ".k_proj", a.key, E, E);
  specs.linear(name + ".v_proj", a.value, E, E);
  specs.linear(name + ".out_proj", a.output, E, E);
}

// MarianModel / MarianMTModel: one embedding shared by the encoder, the decoder and the LM head.
void marianSpecs(const ModelConfig& c, Weights& w, SpecList& specs) {
  const std::int64_t E = c.hiddenSize;
  specs.words({"shared.weight", "encoder.embed_tokens.weight", "decoder.embed_tokens.weight", "lm_head.weight"},
              w.words, c.vocabSize, E);
  for (std::size_t i = 0; i < w.stack.layers.size(); ++i) {
    Layer& layer = w.stack.layers[i];
    const std::string p = layerName("encoder.layers.", i);
    marianAttentionSpecs(p + "self_attn", layer.selfAttention, E, specs);
    specs.layerNorm(p + "self_attn_layer_norm", layer.selfNorm, E);
    specs.linear(p + "fc1", layer.up, c.stack.ffnDim, E);
    specs.linear(p + "fc2", layer.down, E, c.stack.ffnDim);
    specs.layerNorm(p + "final_layer_norm", layer.feedForwardNorm, E);
  }
  for (std::size_t i = 0; i < w.decoder.layers.size(); ++i) {
    Layer& layer = w.decoder.layers[i];
    const std::string p = layerName("decoder.layers.", i);
    marianAttentionSpecs(p + "self_attn", layer.selfAttention, E, specs);
    specs.layerNorm(p + "self_attn_layer_norm", layer.selfNorm, E);
    marianAttentionSpecs(p + "encoder_attn", layer.crossAttention, E, specs);
    specs.layerNorm(p + "encoder_attn_layer_norm", layer.crossNorm, E);
    specs.linear(p + "fc1", layer.up, c.decoder.ffnDim, E);
    specs.linear(p + "fc2", layer.down, E, c.decoder.ffnDim);
    specs.layerNorm(p + "final_layer_norm", layer.feedForwardNorm, E);
  }
  // final_logits_bias is [1,V], a buffer of MarianMTModel's outside the base model.
  const std::int64_t V = c.vocabSize;
  specs.add({"final_logits_bias"}, {1, V}, Need::kRequired,
            [&w, V](const float* values) { w.headBias.assign(values, values + V); });
}

}  // namespace

const char* basePrefix(Architecture architecture) {
  switch (architecture) {
    case Architecture::kBert: return "bert.";
    case Architecture::kRoberta: return "roberta.";
    case Architecture::kGpt2: return "transformer.";
    case Architecture::kLlama:
    case Architecture::kMarian: return "model.";
  }
  return "";
}

std::vector<TensorSpec> tensorSpecs(const ModelConfig& c, Weights& w, KernelFamily kernels) {
  w.stack.layers.resize(static_cast<std::size_t>(c.stack.layers));
  w.decoder.layers.resize(static_cast<std::size_t>(c.decoder.layers));
  std::vector<TensorSpec> specs;
  SpecList list(specs, kernels);
  switch (c.architecture) {
    case Architecture::kBert:
    case Architecture::kRoberta: bertSpecs(c, w, list); break;
    case Architecture::kGpt2: gpt2Specs(c, w, list); break;
    case Architecture::kLlama: llamaSpecs(c, w, list); break;
    case Architecture::kMarian: marianSpecs(c, w, list); break;
  }
  // An untied LM head (lm_head.weight, outside the base model); tied heads reuse the word embeddings.
  const bool untiedHead = !c.tieWordEmbeddings &&
                          (c.architecture == Architecture::kGpt2 || c.architecture == Architecture::kLlama);
  if (untiedHead) {
    const std::int64_t V = c.vocabSize, E = c.hiddenSize;
    list.packedRows({"lm_head.weight"}, w.lmHead, V, E, Need::kLmHead);
  }
  return specs;
}

}  // namespace jumok::transformer
